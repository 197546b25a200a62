"""Outcomes (utfall), budgets, and the per-year figures of a grant and of the register.

One place computes, for each grant and year: granted, paid, remaining to pay,
budget, outcome, unspent money and whether it is to be repaid (återbetalning) or
carried over because the board decided so. Pages and workbooks read these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from models import User, db
from models.grant import CostCategory, Grant, GrantBudget, GrantYear
from models.grant_followup import Outcome

from .grants import ZERO, GrantError, ensure_grant_open
from .payments import paid_by_grant_year


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


def outcomes_for(grant: Grant) -> list[Outcome]:
    """A grant's outcome rows by year and category."""
    return list(
        db.session.scalars(
            select(Outcome)
            .where(Outcome.grant_id == grant.id)
            .order_by(Outcome.year, Outcome.category)
        )
    )


def outcome_by_grant_year(grant_ids: Iterable[int] | None = None) -> dict[tuple[int, int], Decimal]:
    """(grant id, year) → outcome, in one query."""
    query = select(Outcome.grant_id, Outcome.year, func.sum(Outcome.amount)).group_by(
        Outcome.grant_id, Outcome.year
    )
    if grant_ids is not None:
        query = query.where(Outcome.grant_id.in_(list(grant_ids)))
    return {(g, y): total for g, y, total in db.session.execute(query)}


@dataclass
class YearFigures:
    """The money trail of one grant year (or a sum of several)."""

    year: int | None
    granted: Decimal = ZERO
    paid: Decimal = ZERO
    outcome: Decimal = ZERO
    budget: Decimal = ZERO
    carry_over: bool = False
    carry_over_reference: str = ""
    finished: bool = False

    @property
    def remaining(self) -> Decimal:
        """Granted but not yet paid."""
        return self.granted - self.paid

    @property
    def unspent(self) -> Decimal:
        """Paid but not used according to the outcome (never below 0)."""
        return max(self.paid - self.outcome, ZERO)

    @property
    def to_repay(self) -> Decimal:
        """Unspent money of a finished year that the board did not let carry over."""
        return self.unspent if self.finished and not self.carry_over else ZERO

    @property
    def carried_over(self) -> Decimal:
        """Unspent money the board decided may be carried over."""
        return self.unspent if self.carry_over else ZERO

    @property
    def settled(self) -> bool:
        """Paid exactly what was used (at most what was granted), or carried over."""
        due = min(self.granted, self.outcome)
        return self.paid == due or (self.carry_over and self.paid >= due)

    def add(self, other: YearFigures) -> None:
        """Accumulate another year's figures into this total."""
        self.granted += other.granted
        self.paid += other.paid
        self.outcome += other.outcome
        self.budget += other.budget


def _figures(
    grant: Grant,
    paid: dict[tuple[int, int], Decimal],
    outcome: dict[tuple[int, int], Decimal],
    today: date,
) -> list[YearFigures]:
    budget: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for line in grant.budget_lines:
        budget[line.year] += line.amount
    return [
        YearFigures(
            year=row.year,
            granted=row.amount,
            paid=paid.get((grant.id, row.year), ZERO),
            outcome=outcome.get((grant.id, row.year), ZERO),
            budget=budget[row.year],
            carry_over=row.carry_over,
            carry_over_reference=row.carry_over_reference,
            finished=grant.is_closed or date(row.year, 12, 31) < today,
        )
        for row in grant.years
    ]


def year_figures(grant: Grant, today: date | None = None) -> list[YearFigures]:
    """The money trail of each of a grant's years."""
    ids = [grant.id]
    return _figures(
        grant, paid_by_grant_year(ids), outcome_by_grant_year(ids), today or date.today()
    )


def total_of(figures: Iterable[YearFigures]) -> YearFigures:
    """The sum of several years' figures."""
    total = YearFigures(year=None)
    for item in figures:
        total.add(item)
    return total


@dataclass
class CategoryRow:
    """Budget against outcome for one cost category."""

    category: str
    budget: Decimal
    outcome: Decimal

    @property
    def difference(self) -> Decimal:
        """Budget minus outcome: positive = under budget."""
        return self.budget - self.outcome


@dataclass
class Comparison:
    """Budget against outcome for one grant year, category by category."""

    figures: YearFigures
    rows: list[CategoryRow] = field(default_factory=list)

    @property
    def difference(self) -> Decimal:
        """Total budget minus total outcome."""
        return self.figures.budget - self.figures.outcome


def budget_vs_outcome(grant: Grant, today: date | None = None) -> list[Comparison]:
    """Per year: each category's budget and outcome side by side, with the difference."""
    outcome: dict[tuple[int, str], Decimal] = {
        (o.year, o.category): o.amount for o in outcomes_for(grant)
    }
    budget = {(b.year, b.category): b.amount for b in grant.budget_lines}
    result = []
    for figures in year_figures(grant, today):
        rows = [
            CategoryRow(
                c.value,
                budget.get((figures.year, c.value), ZERO),
                outcome.get((figures.year, c.value), ZERO),
            )
            for c in CostCategory
            if (figures.year, c.value) in budget or (figures.year, c.value) in outcome
        ]
        result.append(Comparison(figures, rows))
    return result


@dataclass(frozen=True)
class RegisterFilter:
    """What the register shows: by year, status, owner organisation and insats type."""

    year: int | None = None
    status: str = ""
    organisation_id: int | None = None
    insats_type: str = ""


@dataclass
class RegisterRow:
    """One grant in the register with its figures per year and in total."""

    grant: Grant
    years: dict[int, YearFigures]
    total: YearFigures


@dataclass
class Register:
    """The filtered grants and totals per year that match the decisions to the krona."""

    rows: list[RegisterRow]
    totals: dict[int, YearFigures]
    total: YearFigures


def register(filters: RegisterFilter, today: date | None = None) -> Register:
    """Grants matching ``filters`` with their figures; three queries whatever the size."""
    query = (
        select(Grant)
        .options(
            selectinload(Grant.years), selectinload(Grant.budget_lines), selectinload(Grant.owner)
        )
        .order_by(Grant.period_start, Grant.name)
    )
    if filters.status:
        query = query.where(Grant.status == filters.status)
    if filters.organisation_id:
        query = query.where(Grant.owner_id == filters.organisation_id)
    if filters.insats_type:
        query = query.where(Grant.insats_type == filters.insats_type)
    grants = list(db.session.scalars(query))
    if filters.year:
        grants = [g for g in grants if g.year(filters.year) is not None]
    ids = [g.id for g in grants]
    paid, outcome = paid_by_grant_year(ids), outcome_by_grant_year(ids)
    rows, totals = [], {}
    for grant in grants:
        figures = {
            f.year: f
            for f in _figures(grant, paid, outcome, today or date.today())
            if filters.year is None or f.year == filters.year
        }
        rows.append(RegisterRow(grant, figures, total_of(figures.values())))
        for year, item in figures.items():
            totals.setdefault(year, YearFigures(year=year)).add(item)
    ordered = dict(sorted(totals.items()))
    return Register(rows, ordered, total_of(ordered.values()))
