"""The records check's common parts: a problem, the kinds of check, and what they share.

See ``records_check.py`` for the checks and why they exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import db
from models.board import BoardMember
from models.grant import Grant
from models.meeting import Decision, Meeting, Paragraph

from ..meetings import signatories
from . import records_text as words

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Problem:
    """One inconsistency: its kind (a key of ``KINDS``), what is wrong, where to mend it."""

    kind: str
    message: str
    url: str


def kind_labels() -> dict[str, str]:
    """The kinds of check in the order they run, with their headings."""
    return {
        "grant_totals": _("Granted amounts against the decisions"),
        "citation": _("A grant's reference to a §"),
        "decided_twice": _("Application decided twice"),
        "justerare": _("Justering without an elected justerare"),
        "payment_date": _("Payment before its decision"),
        "report_noted": _("Report noted but not received"),
        "protocol_text": _("The protocol's text against its decisions"),
    }


def elected_justerare(meeting: Meeting) -> list[BoardMember]:
    """The justerare elected at the meeting (besides the chair), as the meetings area keeps them."""
    return signatories.elected_justerare(meeting)


def all_grants() -> list[Grant]:
    return list(
        db.session.scalars(
            select(Grant)
            .order_by(Grant.id)
            .options(selectinload(Grant.years), selectinload(Grant.changes))
        )
    )


def grant_decisions(grant: Grant) -> list[Decision]:
    """The decisions behind a grant: the one that created it and those that amended it."""
    found: list[Decision] = []
    for decision in [grant.decision, *(c.decision for c in grant.changes)]:
        if decision is not None and decision not in found:
            found.append(decision)
    return found


def grant_link(grant: Grant) -> str:
    return url_for("grants.show", grant_id=grant.id)


def mentions(paragraph: Paragraph, grant: Grant) -> bool:
    """Whether the § is about the grant's insats: its application, or its name in the title."""
    if paragraph.application_id is not None and paragraph.application_id == grant.application_id:
        return True
    title = paragraph.title.casefold()
    names = {words.head(grant.name), words.head(getattr(grant.application, "title", ""))}
    return any(name and title.startswith(name) for name in names)
