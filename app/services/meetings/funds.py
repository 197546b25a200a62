"""The money left for insatser in a year: one figure for the funds check at a decision,
the dashboard's "Kvar att bevilja" and the plan page.

The figure is the adopted verksamhetsplan's budget for insatser less what is already
decided for the year, each decision counted once: the grants in the register (board
decisions that have acted at justering, and delegation decisions, which act at once)
plus the board's granting decisions still waiting for justering (no grant yet).

It lives here, in the meetings area, because that is the lowest area that sees every
part: the grants (a lower area) and the decisions waiting for justering (this area).
The plan's budget belongs to the plans area, which sits above meetings, so the
adopted version and its kept insatser line are read through their models; the version
is the one ``plans.rules.plan_in_force`` calls in force when one is adopted (the latest
adopted version). A draft plan is not a budget the board has set, so without an
adopted version there is no figure, and granting needs the explicit confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from models import db
from models.meeting import Decision, DecisionYear
from models.meeting_terms import GRANTING
from models.plan import BudgetCategory, Plan, PlanBudgetLine

from ..grants import lifecycle as grants

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class MoneyLeft:
    """The money for insatser in one year: budget, decided and left, and where the budget
    came from (the adopted plan's id and version; None when no plan is adopted)."""

    year: int
    budget: Decimal | None
    granted: Decimal
    pending: Decimal
    plan_id: int | None = None
    plan_version: int | None = None

    @property
    def decided(self) -> Decimal:
        """Already decided for the year: grants (delegation included) and decisions
        waiting for justering."""
        return self.granted + self.pending

    @property
    def left(self) -> Decimal | None:
        """Left to grant; None when no plan is adopted for the year."""
        return None if self.budget is None else self.budget - self.decided

    @property
    def source(self) -> str:
        """Where the budget comes from, or that there is none (Swedish in the UI)."""
        if self.plan_version is None:
            return str(_l("No adopted verksamhetsplan for %(year)s", year=self.year))
        return str(
            _l(
                "The adopted verksamhetsplan %(year)s, version %(version)s",
                year=self.year,
                version=self.plan_version,
            )
        )


def adopted_plan(year: int) -> Plan | None:
    """The latest adopted version of the year's plan (the one in force), if any."""
    return db.session.scalar(
        select(Plan)
        .where(Plan.year == year, Plan.adopted_paragraph_id.is_not(None))
        .order_by(Plan.version.desc())
        .limit(1)
    )


def adopted_insatser_budget(plan: Plan) -> Decimal:
    """The insatser line the plan kept when it was adopted (granted then + planned calls)."""
    total = db.session.scalar(
        select(func.sum(PlanBudgetLine.amount)).where(
            PlanBudgetLine.plan_id == plan.id,
            PlanBudgetLine.category == BudgetCategory.INSATSER,
        )
    )
    return total if total is not None else ZERO


def pending_in_year(year: int, exclude: Decision | None = None) -> Decimal:
    """Money granted by decisions that wait for justering (no grant yet)."""
    query = (
        select(func.sum(DecisionYear.amount))
        .join(Decision, DecisionYear.decision_id == Decision.id)
        .where(
            DecisionYear.year == year,
            Decision.outcome.in_([o.value for o in GRANTING]),
            Decision.acted_at.is_(None),
        )
    )
    if exclude is not None and exclude.id is not None:
        query = query.where(Decision.id != exclude.id)
    return db.session.scalar(query) or ZERO


def money_left_for_insatser(year: int, exclude: Decision | None = None) -> MoneyLeft:
    """The adopted plan's budget for insatser less what is decided for ``year``.

    ``exclude`` is a decision being changed: it is left out of what is decided (once it
    has acted, its own grant is among the grants), so it is never counted against itself.
    """
    own = exclude.amounts() if exclude is not None and exclude.acted_at is not None else {}
    granted = grants.granted_in_year(year) - own.get(year, ZERO)
    pending = pending_in_year(year, exclude)
    plan = adopted_plan(year)
    if plan is None:
        return MoneyLeft(year, None, granted, pending)
    return MoneyLeft(year, adopted_insatser_budget(plan), granted, pending, plan.id, plan.version)
