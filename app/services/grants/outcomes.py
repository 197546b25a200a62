"""Outcomes (utfall), budgets, and the per-year figures of a grant and of the register.

One place computes, for each grant and year: granted, paid, remaining to pay,
budget, outcome, unspent money and whether it is to be repaid (återbetalning) or
carried over because the board decided so. Pages and workbooks read these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import selectinload

from models import User, db
from models.grant import CostCategory, Grant, GrantBudget, GrantYear
from models.grant_followup import Outcome, Payment

from ...paging import ListPage, page_of_query
from .rules import ZERO, GrantError, ensure_grant_open


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


@dataclass
class _Sums:
    """Paid, outcome and budget per (grant id, year), each from one ``GROUP BY`` query."""

    paid: dict[tuple[int, int], Decimal]
    outcome: dict[tuple[int, int], Decimal]
    budget: dict[tuple[int, int], Decimal]

    @classmethod
    def of(cls, grant_ids: Any) -> _Sums:
        """Sums for the grants ``grant_ids`` (a list of ids or a ``SELECT`` of them)."""
        return cls(
            _grouped_by_grant_year(Payment, grant_ids),
            _grouped_by_grant_year(Outcome, grant_ids),
            _grouped_by_grant_year(GrantBudget, grant_ids),
        )


def _figures(
    grant_id: int,
    years: Iterable[tuple[int, Decimal, bool, str]],
    closed: bool,
    sums: _Sums,
    today: date,
) -> list[YearFigures]:
    """Each (year, amount, carry over, reference) of a grant with its sums."""
    return [
        YearFigures(
            year=year,
            granted=amount,
            paid=sums.paid.get((grant_id, year), ZERO),
            outcome=sums.outcome.get((grant_id, year), ZERO),
            budget=sums.budget.get((grant_id, year), ZERO),
            carry_over=carry_over,
            carry_over_reference=reference,
            finished=closed or date(year, 12, 31) < today,
        )
        for year, amount, carry_over, reference in years
    ]


def year_figures(grant: Grant, today: date | None = None) -> list[YearFigures]:
    """The money trail of each of a grant's years."""
    years = [(y.year, y.amount, y.carry_over, y.carry_over_reference) for y in grant.years]
    budget: dict[tuple[int, int], Decimal] = {}
    for line in grant.budget_lines:  # loaded with the grant's page anyway: no sum query
        budget[(grant.id, line.year)] = budget.get((grant.id, line.year), ZERO) + line.amount
    ids = [grant.id]
    sums = _Sums(_grouped_by_grant_year(Payment, ids), _grouped_by_grant_year(Outcome, ids), budget)
    return _figures(grant.id, years, grant.is_closed, sums, today or date.today())


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


def _comparisons(
    figures: Iterable[YearFigures],
    budget: dict[tuple[int, str], Decimal],
    outcome: dict[tuple[int, str], Decimal],
) -> list[Comparison]:
    """Per year: each category with a budget or an outcome, side by side."""
    result = []
    for item in figures:
        rows = [
            CategoryRow(
                c.value,
                budget.get((item.year, c.value), ZERO),
                outcome.get((item.year, c.value), ZERO),
            )
            for c in CostCategory
            if (item.year, c.value) in budget or (item.year, c.value) in outcome
        ]
        result.append(Comparison(item, rows))
    return result


def budget_vs_outcome(grant: Grant, today: date | None = None) -> list[Comparison]:
    """Per year: each category's budget and outcome side by side, with the difference."""
    outcome = {(o.year, o.category): o.amount for o in outcomes_for(grant)}
    budget = {(b.year, b.category): b.amount for b in grant.budget_lines}
    return _comparisons(year_figures(grant, today), budget, outcome)


def register_comparisons(rows: Sequence[RegisterRow]) -> dict[int, list[Comparison]]:
    """``budget_vs_outcome`` for every row of a register, for the years the rows show.

    Reads the budget lines and outcomes of all the rows at once (two queries), so a
    workbook over hundreds of grants does not query grant by grant.
    """
    ids = [row.grant.id for row in rows]
    years = {year for row in rows for year in row.years}
    found: dict[str, dict[int, dict[tuple[int, str], Decimal]]] = {}
    for name, model in (("budget", GrantBudget), ("outcome", Outcome)):
        found[name] = defaultdict(dict)
        query = select(model.grant_id, model.year, model.category, model.amount).where(
            model.grant_id.in_(ids), model.year.in_(years)
        )
        for grant_id, year, category, amount in db.session.execute(query):
            found[name][grant_id][(year, category)] = amount
    return {
        row.grant.id: _comparisons(
            row.years.values(), found["budget"][row.grant.id], found["outcome"][row.grant.id]
        )
        for row in rows
    }


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


@dataclass
class RegisterTotals:
    """Totals per year over every grant matching a filter, without the grants themselves."""

    totals: dict[int, YearFigures]
    total: YearFigures


def _matching(filters: RegisterFilter) -> Select[tuple[int]]:
    """The ids of the grants matching ``filters``, as a subquery the sums can use."""
    query = select(Grant.id)
    for condition in _conditions(filters):
        query = query.where(condition)
    return query


def _conditions(filters: RegisterFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.status:
        found.append(Grant.status == filters.status)
    if filters.organisation_id:
        found.append(Grant.owner_id == filters.organisation_id)
    if filters.insats_type:
        found.append(Grant.insats_type == filters.insats_type)
    if filters.year:
        found.append(exists().where(GrantYear.grant_id == Grant.id, GrantYear.year == filters.year))
    return found


def _grants(filters: RegisterFilter) -> Select[tuple[Grant]]:
    query = select(Grant).options(selectinload(Grant.owner))
    for condition in _conditions(filters):
        query = query.where(condition)
    return query.order_by(Grant.period_start, Grant.name, Grant.id)


def _rows(
    grants: Sequence[Grant], ids: Any, filters: RegisterFilter, today: date
) -> list[RegisterRow]:
    """Register rows for ``grants``: their years as plain rows, sums by ``GROUP BY``.

    ``ids`` selects the same grants: their ids (a page) or ``_matching`` (all of them).
    Plain tuples rather than ORM objects for the years and sums by ``GROUP BY``:
    loading tens of thousands of objects made the whole register slow at 3 000 grants.
    """
    if not grants:
        return []
    query = (
        select(
            GrantYear.grant_id,
            GrantYear.year,
            GrantYear.amount,
            GrantYear.carry_over,
            GrantYear.carry_over_reference,
        )
        .where(GrantYear.grant_id.in_(ids))
        .order_by(GrantYear.grant_id, GrantYear.year)
    )
    if filters.year:
        query = query.where(GrantYear.year == filters.year)
    years: dict[int, list[tuple[int, Decimal, bool, str]]] = defaultdict(list)
    for grant_id, year, amount, carry_over, reference in db.session.execute(query):
        years[grant_id].append((year, amount, carry_over, reference))
    sums = _Sums.of(ids)
    rows = []
    for grant in grants:
        figures = _figures(grant.id, years[grant.id], grant.is_closed, sums, today)
        rows.append(RegisterRow(grant, {f.year: f for f in figures}, total_of(figures)))
    return rows


def register_totals(filters: RegisterFilter) -> RegisterTotals:
    """Granted, paid, outcome and budget per year over every matching grant, in SQL.

    Four ``GROUP BY`` queries whatever the number of grants. Payments, outcomes and
    budget lines are only ever recorded for a year the grant has (and grant years
    are never removed), so they are summed by their own year without a join.
    """
    conditions = _conditions(filters)
    totals: dict[int, YearFigures] = {}
    for model, name in (
        (GrantYear, "granted"),
        (Payment, "paid"),
        (Outcome, "outcome"),
        (GrantBudget, "budget"),
    ):
        query = select(model.year, func.sum(model.amount)).group_by(model.year)
        if conditions:
            query = query.where(model.grant_id.in_(_matching(filters)))
        if filters.year:
            query = query.where(model.year == filters.year)
        for year, amount in db.session.execute(query):
            setattr(totals.setdefault(year, YearFigures(year=year)), name, amount)
    ordered = dict(sorted(totals.items()))
    return RegisterTotals(ordered, total_of(ordered.values()))


def register_page(
    filters: RegisterFilter, page: int | None, today: date | None = None
) -> ListPage[RegisterRow]:
    """One page of the register: the page's grants are the only ones whose figures load."""
    found = page_of_query(_grants(filters), page)
    ids = [g.id for g in found.items]
    return replace(found, items=_rows(found.items, ids, filters, today or date.today()))


def register(filters: RegisterFilter, today: date | None = None) -> Register:
    """Every grant matching ``filters`` with its figures, for the workbooks."""
    grants = db.session.scalars(_grants(filters)).all()
    totals = register_totals(filters)
    rows = _rows(grants, _matching(filters), filters, today or date.today())
    return Register(rows, totals.totals, totals.total)


def _grouped_by_grant_year(model: Any, grant_ids: Any) -> dict[tuple[int, int], Decimal]:
    query = (
        select(model.grant_id, model.year, func.sum(model.amount))
        .where(model.grant_id.in_(grant_ids))
        .group_by(model.grant_id, model.year)
    )
    return {(g, y): total for g, y, total in db.session.execute(query)}
