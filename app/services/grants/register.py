"""The grant register: every grant with its figures per year, filtered and paged,
with totals per year that match the board's decisions to the krona.

The page opens on one year (the view's choice, the current year); ``year=None`` in
the filter is the whole history, whose totals sum every row ever recorded.

The figures of each row come from ``figures.py``; the sums over many grants are
``GROUP BY`` queries, so the register costs a handful of queries however many
grants it lists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import selectinload

from models import db
from models.grant import Grant, GrantBudget, GrantYear
from models.grant_followup import Outcome, Payment

from ... import clock
from ...paging import ListPage, page_of_query
from .figures import Comparison, Sums, YearFigures, comparisons, figures_of, total_of


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
        found.append(Grant.id.in_(select(GrantYear.grant_id).where(GrantYear.year == filters.year)))
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
    The years are read as plain tuples rather than ORM objects because the whole
    register (the workbooks) lists every year of every grant.
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
    sums = Sums.of(ids)
    rows = []
    for grant in grants:
        figures = figures_of(grant.id, years[grant.id], grant.is_closed, sums, today)
        rows.append(RegisterRow(grant, {f.year: f for f in figures}, total_of(figures)))
    return rows


def register_years(*shown: int | None) -> list[int]:
    """The years the register's filter offers, oldest first: every year from the first
    grant year to the last (read as the lowest and highest grant year), stretched to
    take in each year of ``shown`` (the current year, the one asked for) even before
    any grant has it."""
    first, last = db.session.execute(
        select(func.min(GrantYear.year), func.max(GrantYear.year))
    ).one()
    ends = [y for y in (first, last, *shown) if y is not None]
    return list(range(min(ends), max(ends) + 1)) if ends else []


def register_totals(filters: RegisterFilter) -> RegisterTotals:
    """Granted, paid, outcome and budget per year over every matching grant, in SQL.

    Four ``GROUP BY`` queries whatever the number of grants. Payments, outcomes and
    budget lines are only ever recorded for a year the grant has (and grant years
    are never removed), so they are summed by their own year without a join, and a
    year filter needs no look-up of the grants that have that year.
    """
    any_year = replace(filters, year=None)
    conditions = _conditions(any_year)
    totals: dict[int, YearFigures] = {}
    for model, name in (
        (GrantYear, "granted"),
        (Payment, "paid"),
        (Outcome, "outcome"),
        (GrantBudget, "budget"),
    ):
        query = select(model.year, func.sum(model.amount)).group_by(model.year)
        if conditions:
            query = query.where(model.grant_id.in_(_matching(any_year)))
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
    return replace(found, items=_rows(found.items, ids, filters, today or clock.today()))


def register(filters: RegisterFilter, today: date | None = None) -> Register:
    """Every grant matching ``filters`` with its figures, for the workbooks."""
    grants = db.session.scalars(_grants(filters)).all()
    totals = register_totals(filters)
    rows = _rows(grants, _matching(filters), filters, today or clock.today())
    return Register(rows, totals.totals, totals.total)


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
            cell = found[name][grant_id]  # outcome entries per period add up
            cell[(year, category)] = cell.get((year, category), Decimal(0)) + amount
    return {
        row.grant.id: comparisons(
            row.years.values(), found["budget"][row.grant.id], found["outcome"][row.grant.id]
        )
        for row in rows
    }
