"""What every plan service shares: its error, the "plan is editable" check, and
which version of a year's plan is in force.

``ensure_plan_editable`` is called by every write path: an adopted version is
locked and kept; a revision is a new version (``lifecycle.revise_plan``) with
its own decision. These live in this small module, which imports no other plan
service, so that every plan service can use them.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models import db
from models.meeting import Paragraph
from models.plan import Plan

from ..errors import DomainError


class PlanError(DomainError):
    """A plan rule was broken; ``str()`` is the Swedish message."""


class PlanLocked(PlanError):
    """The plan version was adopted and can no longer change."""


def ensure_plan_editable(plan: Plan) -> None:
    """Refuse any change to an adopted version: the one check every write path calls."""
    if plan.is_adopted:
        raise PlanLocked(
            _l(
                "Version %(version)s of the plan for %(year)s was adopted and can no longer "
                "be changed. Make a new version to revise it.",
                version=plan.version,
                year=plan.year,
            )
        )


def versions(year: int) -> list[Plan]:
    """Every version of a year's plan, newest first, each with the § that adopted it and
    its meeting (the plan page cites them)."""
    return list(
        db.session.scalars(
            select(Plan)
            .where(Plan.year == year)
            .options(joinedload(Plan.adopted_paragraph).joinedload(Paragraph.meeting))
            .order_by(Plan.version.desc())
        )
    )


def plan_in_force(year: int) -> Plan | None:
    """The latest adopted version; without one, the newest draft."""
    return in_force_among(versions(year))


def in_force_among(found: list[Plan]) -> Plan | None:
    """The version in force among a year's ``versions`` (newest first): the latest
    adopted one; without one, the newest draft."""
    adopted = [p for p in found if p.is_adopted]
    if adopted:
        return adopted[0]
    return found[0] if found else None
