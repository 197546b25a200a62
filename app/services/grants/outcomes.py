"""Outcomes (utfall), budgets and carry-over: what the ekonom records for a grant year.

The figures built from them (granted, paid, outcome, unspent, to repay) are in
``figures.py``; the register over all grants is in ``register.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models import AuditEntry, User, db
from models.grant import CATEGORY_LABELS, CostCategory, Grant, GrantBudget, GrantYear
from models.grant_followup import Outcome

from ...formatting import sek
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


def _entries(grant: Grant, year: int, category: str) -> list[Outcome]:
    return list(
        db.session.scalars(
            select(Outcome)
            .where(Outcome.grant_id == grant.id, Outcome.year == year, Outcome.category == category)
            .order_by(Outcome.month)
        )
    )


def _period(year: int, month: int | None) -> str:
    return f"{year}" if month is None else f"{year}-{month:02d}"


def set_outcome(
    grant: Grant,
    *,
    year: int,
    category: str,
    amount: Decimal,
    month: int | None = None,
    comment: str = "",
    user: User | None,
    replace: bool = False,
) -> Outcome:
    """Add the outcome of a period (a month, or the whole year) for a cost category.

    An outcome is an entry per period and category, and the year's outcome is the sum of
    its entries, so monthly figures add up. A second figure for the same period is
    refused rather than silently replacing the first (``correct_outcome`` changes an
    entry, and the audit trail keeps its history); ``replace=True`` is for a report that
    restates the year's figure. Whole-year and monthly figures of a category do not mix:
    they would count the same cost twice.
    """
    _check(grant, year, category, amount)
    if month is not None and not 1 <= month <= 12:
        raise OutcomeError(_l("Choose a month from 1 to 12."))
    entries = _entries(grant, year, category)
    label = CATEGORY_LABELS[CostCategory(category)]
    same = next((e for e in entries if e.month == month), None)
    if same is not None and not replace:
        raise OutcomeError(
            _l(
                "%(category)s %(period)s already has an outcome of %(amount)s. Correct that "
                "entry below instead of entering it again; a new month gets its own entry.",
                category=label,
                period=_period(year, month),
                amount=sek(same.amount),
            )
        )
    mixed = [e for e in entries if (e.month is None) != (month is None)]
    if mixed:
        raise OutcomeError(
            _l(
                "%(category)s %(year)s is reported for the whole year and by month at once: "
                "that would count the same costs twice. Correct the existing entries instead.",
                category=label,
                year=year,
            )
        )
    if same is not None:
        return correct_outcome(same, amount=amount, comment=comment, user=user)
    row = Outcome(
        grant_id=grant.id,
        year=year,
        category=category,
        month=month,
        amount=Decimal(amount),
        comment=comment.strip(),
        reported_by_id=getattr(user, "id", None),
    )
    db.session.add(row)
    db.session.flush()
    return row


def correct_outcome(
    row: Outcome, *, amount: Decimal, comment: str = "", user: User | None
) -> Outcome:
    """Change one entry's amount (the audit trail keeps what it was, shown as its history)."""
    grant = db.session.get(Grant, row.grant_id)
    assert grant is not None
    _check(grant, row.year, row.category, amount)
    row.amount = Decimal(amount)
    row.comment = comment.strip()
    row.reported_by_id = getattr(user, "id", None)
    db.session.flush()
    return row


@dataclass(frozen=True)
class Change:
    """One step in an outcome entry's history, from the audit trail."""

    at: datetime
    by: str
    action: str
    old: Decimal | None
    new: Decimal | None
    comment: str


def history(entries: list[Outcome]) -> dict[int, list[Change]]:
    """Outcome id → its changes, oldest first (entered, corrected …), from the audit trail."""
    ids = {str(e.id): e.id for e in entries}
    found: dict[int, list[Change]] = {e.id: [] for e in entries}
    if not ids:
        return found
    rows = db.session.scalars(
        select(AuditEntry)
        .options(joinedload(AuditEntry.user))
        .where(AuditEntry.table_name == "outcome", AuditEntry.row_id.in_(list(ids)))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    for entry in rows:
        amount = (entry.changes or {}).get("amount")
        comment = (entry.changes or {}).get("comment")
        old, new = (amount if isinstance(amount, list) else [None, None])[:2]
        found[ids[entry.row_id]].append(
            Change(
                at=entry.at,
                by=entry.user.name if entry.user else "",
                action=entry.action,
                old=None if old is None else Decimal(str(old)),
                new=None if new is None else Decimal(str(new)),
                comment=str(comment[1]) if isinstance(comment, list) and comment[1] else "",
            )
        )
    return found


def entries_for(grant: Grant) -> list[Outcome]:
    """A grant's outcome entries by year, category and month."""
    return list(
        db.session.scalars(
            select(Outcome)
            .options(joinedload(Outcome.reported_by))
            .where(Outcome.grant_id == grant.id)
            .order_by(Outcome.year, Outcome.category, Outcome.month)
        )
    )


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
