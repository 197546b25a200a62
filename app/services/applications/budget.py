"""An application's budget figures: one function per figure, computed from its lines.

Cost per year and category, co-financing per year, and the amount requested from
the förbund (costs − co-financing, never negative) are derived here and nowhere
else; pages, the print view, revisions and exports all call these functions.
Staff cost follows ``app/services/money/staffing.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from models import (
    Application,
    BudgetCategory,
    BudgetLine,
    CoFinancing,
    CoFinancingKind,
    StaffLine,
    db,
)

from ...formatting import sek
from ..errors import DomainError
from ..money.staffing import cost_from_annual, yearly_staff_cost

ZERO = Decimal("0.00")


class BudgetError(DomainError):
    """A budget that breaks a rule; ``str()`` is the Swedish message for the user."""


def staff_cost(line: StaffLine) -> Decimal:
    """A staff line's cost for its year, to the öre: its annual cost × months / 12 when it
    was entered so, else salary × share × (1 + PO) × months / 12."""
    annual_cost = getattr(line, "annual_cost", None)  # lines built in memory may lack it
    return line_cost(line.annual_salary, line.percent, line.po_rate, line.months, annual_cost)


def line_cost(
    salary: Decimal,
    percent: Decimal,
    po_rate: Decimal,
    months: int,
    annual_cost: Decimal | None,
) -> Decimal:
    """The rule of ``staff_cost`` on plain figures (for rows read without their line)."""
    if annual_cost is not None:
        return cost_from_annual(annual_cost, months)
    return yearly_staff_cost(salary, percent, po_rate, months)


def budget_years(application: Application) -> list[int]:
    """The period's years and any other year a line was entered for."""
    years: set[int] = set()
    if application.period_start and application.period_end:
        years.update(range(application.period_start.year, application.period_end.year + 1))
    for line in (*application.budget_lines, *application.staff_lines, *application.co_financing):
        years.add(line.year)
    return sorted(years)


def cost_by_category(application: Application) -> dict[int, dict[str, Decimal]]:
    """Year → category → cost; staff lines count as personnel."""
    result = {year: dict.fromkeys(BudgetCategory, ZERO) for year in budget_years(application)}
    for line in application.budget_lines:
        result[line.year][BudgetCategory(line.category)] += line.amount
    for staff in application.staff_lines:
        result[staff.year][BudgetCategory.PERSONNEL] += staff_cost(staff)
    return result


def total_cost_by_year(application: Application) -> dict[int, Decimal]:
    """Year → all costs of the insats (whoever pays them)."""
    return _year_totals(cost_by_category(application))


def _year_totals(by_category: Mapping[int, Mapping[str, Decimal]]) -> dict[int, Decimal]:
    return {year: sum(costs.values(), ZERO) for year, costs in by_category.items()}


def co_financing_by_year(
    application: Application, kind: CoFinancingKind | None = None
) -> dict[int, Decimal]:
    """Year → co-financing (cash and in kind, or only ``kind``)."""
    by_kind = _co_financing_by_kind(application, budget_years(application))
    if kind is not None:
        return by_kind[CoFinancingKind(kind)]
    return _year_sums(by_kind.values())


def _co_financing_by_kind(
    application: Application, years: Iterable[int]
) -> dict[CoFinancingKind, dict[int, Decimal]]:
    years = list(years)
    by_kind = {kind: dict.fromkeys(years, ZERO) for kind in CoFinancingKind}
    for line in application.co_financing:
        by_kind[CoFinancingKind(line.kind)][line.year] += line.amount
    return by_kind


def _year_sums(rows: Iterable[Mapping[int, Decimal]]) -> dict[int, Decimal]:
    result: dict[int, Decimal] = {}
    for row in rows:
        for year, amount in row.items():
            result[year] = result.get(year, ZERO) + amount
    return result


def requested_by_year(application: Application) -> dict[int, Decimal]:
    """Year → amount asked of the förbund: costs − co-financing, never below zero."""
    return _requested(total_cost_by_year(application), co_financing_by_year(application))


def _requested(
    costs: Mapping[int, Decimal], co_financing: Mapping[int, Decimal]
) -> dict[int, Decimal]:
    return {year: max(ZERO, costs[year] - co_financing[year]) for year in costs}


def requested_totals(application_ids: Collection[int]) -> dict[int, Decimal]:
    """Application id → the amount requested over all years, as ``requested_by_year``
    gives it, for a list of applications without loading their lines.

    Costs and co-financing come summed per application and year by ``GROUP BY``; the
    staff lines as plain rows, each costed to the öre by the rule ``staff_cost``
    uses. A year without lines requests nothing, so the years with lines suffice.
    """
    costs: dict[int, dict[int, Decimal]] = {i: {} for i in application_ids}
    co_financing: dict[int, dict[int, Decimal]] = {i: {} for i in application_ids}
    for model, sums in ((BudgetLine, costs), (CoFinancing, co_financing)):
        query = (
            select(model.application_id, model.year, func.sum(model.amount))
            .where(model.application_id.in_(application_ids))
            .group_by(model.application_id, model.year)
        )
        for application_id, year, amount in db.session.execute(query):
            sums[application_id][year] = amount
    staff = select(
        StaffLine.application_id,
        StaffLine.year,
        StaffLine.annual_salary,
        StaffLine.percent,
        StaffLine.po_rate,
        StaffLine.months,
        StaffLine.annual_cost,
    ).where(StaffLine.application_id.in_(application_ids))
    for application_id, year, salary, percent, po_rate, months, annual in db.session.execute(staff):
        by_year = costs[application_id]
        cost = line_cost(salary, percent, po_rate, months, annual)
        by_year[year] = by_year.get(year, ZERO) + cost
    result = {}
    for application_id, by_year in costs.items():
        given = co_financing[application_id]
        years = {*by_year, *given}
        result[application_id] = total(
            _requested(
                {y: by_year.get(y, ZERO) for y in years}, {y: given.get(y, ZERO) for y in years}
            )
        )
    return result


def total(amounts: Mapping[int, Decimal] | Iterable[Decimal]) -> Decimal:
    """Sum over the years (or any amounts), exact to the öre."""
    values = amounts.values() if isinstance(amounts, Mapping) else amounts
    return sum(values, ZERO)


def check_co_financing(application: Application) -> None:
    """Refuse a budget whose co-financing in some year exceeds that year's costs."""
    costs = total_cost_by_year(application)
    for year, amount in co_financing_by_year(application).items():
        if amount > costs[year]:
            raise BudgetError(
                _l(
                    "The co-financing for %(year)s (%(co)s) is larger than the costs "
                    "(%(cost)s): the amount requested from the förbund cannot be negative.",
                    year=year,
                    co=sek(amount),
                    cost=sek(costs[year]),
                )
            )


@dataclass
class BudgetSummary:
    """The budget table of an application: rows of year → amount, with row totals."""

    years: list[int]
    categories: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    total_cost: dict[int, Decimal] = field(default_factory=dict)
    co_financing_cash: dict[int, Decimal] = field(default_factory=dict)
    co_financing_in_kind: dict[int, Decimal] = field(default_factory=dict)
    co_financing: dict[int, Decimal] = field(default_factory=dict)
    requested: dict[int, Decimal] = field(default_factory=dict)

    def row_total(self, row: Mapping[int, Decimal]) -> Decimal:
        """A row's sum over all years."""
        return total(row)


def budget_summary(application: Application) -> BudgetSummary:
    """Everything the budget table shows, by the rules above, each line read once."""
    by_category = cost_by_category(application)
    years = list(by_category)  # budget_years(), in order
    by_kind = _co_financing_by_kind(application, years)
    summary = BudgetSummary(years=years)
    summary.categories = {
        category: {year: by_category[year][category] for year in years}
        for category in BudgetCategory
    }
    summary.total_cost = _year_totals(by_category)
    summary.co_financing_cash = by_kind[CoFinancingKind.CASH]
    summary.co_financing_in_kind = by_kind[CoFinancingKind.IN_KIND]
    summary.co_financing = _year_sums(by_kind.values())
    summary.requested = _requested(summary.total_cost, summary.co_financing)
    return summary
