"""A grant's money trail per year: granted, paid, remaining to pay, budget, outcome,
unspent money and whether it is to be repaid (återbetalning) or carried over
because the board decided so; and budget against outcome per cost category.

One place computes these figures, for one grant (``year_figures``,
``budget_vs_outcome``) and for many at once (``Sums``, ``figures_of``, used by the
register in ``register.py``), so pages and workbooks show the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from models import db
from models.grant import CostCategory, Grant, GrantBudget
from models.grant_followup import Outcome, Payment

from ... import clock
from .rules import ZERO


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
class Sums:
    """Paid, outcome and budget per (grant id, year), each from one ``GROUP BY`` query."""

    paid: dict[tuple[int, int], Decimal]
    outcome: dict[tuple[int, int], Decimal]
    budget: dict[tuple[int, int], Decimal]

    @classmethod
    def of(cls, grant_ids: Any) -> Sums:
        """Sums for the grants ``grant_ids`` (a list of ids or a ``SELECT`` of them)."""
        return cls(
            _grouped_by_grant_year(Payment, grant_ids),
            _grouped_by_grant_year(Outcome, grant_ids),
            _grouped_by_grant_year(GrantBudget, grant_ids),
        )


def figures_of(
    grant_id: int,
    years: Iterable[tuple[int, Decimal, bool, str]],
    closed: bool,
    sums: Sums,
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
    for line in grant.budget_lines:  # the grant's page has loaded them: summed here
        budget[(grant.id, line.year)] = budget.get((grant.id, line.year), ZERO) + line.amount
    ids = [grant.id]
    sums = Sums(_grouped_by_grant_year(Payment, ids), _grouped_by_grant_year(Outcome, ids), budget)
    return figures_of(grant.id, years, grant.is_closed, sums, today or clock.today())


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


def comparisons(
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
    outcome: dict[tuple[int, str], Decimal] = {}
    for o in outcomes_for(grant):  # entries per period add up to the year's figure
        outcome[(o.year, o.category)] = outcome.get((o.year, o.category), ZERO) + o.amount
    budget = {(b.year, b.category): b.amount for b in grant.budget_lines}
    return comparisons(year_figures(grant, today), budget, outcome)


def _grouped_by_grant_year(model: Any, grant_ids: Any) -> dict[tuple[int, int], Decimal]:
    query = (
        select(model.grant_id, model.year, func.sum(model.amount))
        .where(model.grant_id.in_(grant_ids))
        .group_by(model.grant_id, model.year)
    )
    return {(g, y): total for g, y, total in db.session.execute(query)}
