"""One application's budget as a workbook: the budget table, staff, other costs, co-financing.

Built from plain figures (``BudgetFigures``), free of Flask; the view fills them
from ``app/services/applications/budget.py``, which computes every amount. The
workbook is a Swedish document: titles are Swedish whatever the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .workbook import Column, Formula, Sheet, frame_of, header_row_index

CATEGORY_TITLES = {
    "personnel": "Personal",
    "premises": "Lokaler",
    "travel": "Resor",
    "material": "Material och IT",
    "evaluation": "Utvärdering",
    "other": "Övrigt",
}
CO_KIND_TITLES = {"cash": "Pengar", "in_kind": "Annat än pengar"}


@dataclass
class BudgetFigures:
    """Everything the workbook shows, as plain values (amounts as Decimal kronor)."""

    title: str
    registry_number: str
    years: list[int]
    categories: dict[str, dict[int, Decimal]]
    total_cost: dict[int, Decimal]
    co_financing_cash: dict[int, Decimal]
    co_financing_in_kind: dict[int, Decimal]
    requested: dict[int, Decimal]
    staff: list[dict[str, object]] = field(default_factory=list)
    costs: list[dict[str, object]] = field(default_factory=list)
    co_financing: list[dict[str, object]] = field(default_factory=list)


def _heading(figures: BudgetFigures, what: str) -> str:
    number = f"{figures.registry_number} " if figures.registry_number else ""
    return f"{what}: {number}{figures.title}"


def summary_sheet(figures: BudgetFigures) -> Sheet:
    """Cost types × years, then total cost, co-financing and the amount requested.

    "Total kostnad" sums the cost types and "Sökt från förbundet" is
    MAX(0; total − co-financing), both live formulas with their values stored.
    """
    year_columns = [Column(f"y{y}", str(y), "money", total=False) for y in figures.years]
    columns = [Column("row", "Kostnadstyp"), *year_columns]
    categories = list(figures.categories.items())
    first = 2 + 1  # heading, column titles, then the first cost type (1-based rows)
    last = first + len(categories) - 1
    total, cash, in_kind = last + 1, last + 2, last + 3

    def sum_of_costs(year: int) -> Formula | Decimal | None:
        value = figures.total_cost.get(year)
        return Formula(f"=SUM({{col}}{first}:{{col}}{last})", value) if categories else value

    def requested(year: int) -> Formula:
        value = figures.requested.get(year)
        return Formula(f"=MAX(0,{{col}}{total}-{{col}}{cash}-{{col}}{in_kind})", value)

    records = [
        {"row": CATEGORY_TITLES.get(key, key), **{f"y{y}": amounts.get(y) for y in figures.years}}
        for key, amounts in categories
    ]
    records += [
        {"row": "Total kostnad", **{f"y{y}": sum_of_costs(y) for y in figures.years}},
        {"row": "Medfinansiering, pengar"}
        | {f"y{y}": figures.co_financing_cash.get(y) for y in figures.years},
        {"row": "Medfinansiering, annat än pengar"}
        | {f"y{y}": figures.co_financing_in_kind.get(y) for y in figures.years},
        {"row": "Sökt från förbundet", **{f"y{y}": requested(y) for y in figures.years}},
    ]
    sheet = Sheet(
        name="Budget",
        frame=frame_of(records, columns),
        columns=columns,
        heading=_heading(figures, "Budget"),
        row_total=Column("sum", "Summa", "money"),
    )
    assert header_row_index(sheet) + 2 == first  # the rows named above are where they land
    return sheet


STAFF_COLUMNS = [
    Column("year", "År", "year"),
    Column("role", "Roll"),
    Column("person", "Person"),
    Column("employer", "Arbetsgivare"),
    Column("percent", "Tjänstgöringsgrad", "percent", digits=1),
    Column("annual_salary", "Årslön vid heltid", "money", total=False),
    Column("annual_cost", "Årskostnad (angiven)", "money", total=False),
    Column("po_rate", "PO-pålägg", "percent", digits=2),
    Column("months", "Månader", "integer", total=False),
    Column("cost", "Kostnad", "money"),
]
COST_COLUMNS = [
    Column("year", "År", "year"),
    Column("category", "Kostnadstyp"),
    Column("description", "Beskrivning"),
    Column("amount", "Belopp", "money"),
]
CO_COLUMNS = [
    Column("year", "År", "year"),
    Column("organisation", "Från"),
    Column("kind", "Form"),
    Column("description", "Beskrivning"),
    Column("amount", "Belopp", "money"),
]


def budget_sheets(figures: BudgetFigures) -> list[Sheet]:
    """The whole workbook."""
    costs = [
        {**row, "category": CATEGORY_TITLES.get(str(row["category"]), row["category"])}
        for row in figures.costs
    ]
    co = [
        {**row, "kind": CO_KIND_TITLES.get(str(row["kind"]), row["kind"])}
        for row in figures.co_financing
    ]
    return [
        summary_sheet(figures),
        Sheet("Personal", frame_of(figures.staff, STAFF_COLUMNS), list(STAFF_COLUMNS),
              heading=_heading(figures, "Personal"), total_row=True),
        Sheet("Övriga kostnader", frame_of(costs, COST_COLUMNS), list(COST_COLUMNS),
              heading=_heading(figures, "Övriga kostnader"), total_row=True),
        Sheet("Medfinansiering", frame_of(co, CO_COLUMNS), list(CO_COLUMNS),
              heading=_heading(figures, "Medfinansiering"), total_row=True),
    ]  # fmt: skip
