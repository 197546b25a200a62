"""Outcomes (utfall), budgets and carry-over: what the ekonom records for a grant year.

The figures built from them (granted, paid, outcome, unspent, to repay) are in
``figures.py``; the register over all grants is in ``register.py``.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models import User, db
from models.grant import CostCategory, Grant, GrantBudget, GrantYear
from models.grant_followup import Outcome

from .rules import GrantError, ensure_grant_open


class OutcomeError(GrantError):
    """An outcome or budget figure that breaks a rule."""


def _check(grant: Grant, year: int, category: str, amount: Decimal) -> None:
    ensure_grant_open(grant)
    if isinstance(amount, float):
        raise TypeError("money must be Decimal, not float")
    if grant.year(year) is None:
        raise OutcomeError(
            _l("No money was granted to %(name)s for %(year)s.", name=grant.name, year=year)
        )
    if category not in {c.value for c in CostCategory}:
        raise OutcomeError(_l("Choose a cost category."))
    if amount < 0:
        raise OutcomeError(_l("The amount cannot be negative."))


def set_outcome(
    grant: Grant, *, year: int, category: str, amount: Decimal, comment: str = "", user: User | None
) -> Outcome:
    """Record (or correct) the outcome for a year and category; the audit trail keeps the old."""
    _check(grant, year, category, amount)
    row = db.session.scalar(
        select(Outcome).where(
            Outcome.grant_id == grant.id, Outcome.year == year, Outcome.category == category
        )
    )
    if row is None:
        row = Outcome(grant_id=grant.id, year=year, category=category, amount=amount)
        db.session.add(row)
    row.amount = Decimal(amount)
    row.comment = comment.strip()
    row.reported_by_id = getattr(user, "id", None)
    db.session.flush()
    return row


def set_budget(grant: Grant, *, year: int, category: str, amount: Decimal) -> GrantBudget:
    """Set the budgeted cost for a year and category (copied from the application at first)."""
    _check(grant, year, category, amount)
    row = next((b for b in grant.budget_lines if b.year == year and b.category == category), None)
    if row is None:
        row = GrantBudget(year=year, category=category, amount=amount)
        grant.budget_lines.append(row)
    row.amount = Decimal(amount)
    db.session.flush()
    return row


def set_carry_over(grant: Grant, year: int, *, carry_over: bool, reference: str) -> GrantYear:
    """Mark a year's unspent money as carried over (the board decided so) or to be repaid."""
    ensure_grant_open(grant)
    row = grant.year(year)
    if row is None:
        raise OutcomeError(_l("No money was granted for %(year)s.", year=year))
    if carry_over and not reference.strip():
        raise OutcomeError(_l("Give the decision that allows the money to be carried over."))
    row.carry_over = carry_over
    row.carry_over_reference = reference.strip() if carry_over else ""
    db.session.flush()
    return row
