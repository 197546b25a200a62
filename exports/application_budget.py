"""One application's budget as a workbook: the budget table, staff, other costs, co-financing.

Built from plain figures (``BudgetFigures``), free of Flask; the view fills them
from ``app/services/applications/budget.py``, which computes every amount. The
workbook is a Swedish document: titles are Swedish whatever the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .workbook import Column, Sheet, frame_of

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
    """Cost types × years, then total cost, co-financing and the amount requested."""
    year_columns = [Column(f"y{y}", str(y), "money", total=False) for y in figures.years]
    columns = [Column("row", "Kostnadstyp"), *year_columns]
    rows: list[tuple[str, dict[int, Decimal]]] = [
        (CATEGORY_TITLES.get(key, key), amounts) for key, amounts in figures.categories.items()
    ]
    rows += [
        ("Total kostnad", figures.total_cost),
        ("Medfinansiering, pengar", figures.co_financing_cash),
        ("Medfinansiering, annat än pengar", figures.co_financing_in_kind),
        ("Sökt från förbundet", figures.requested),
    ]
    records = [
        {"row": label, **{f"y{y}": amounts.get(y) for y in figures.years}}
        for label, amounts in rows
    ]
    return Sheet(
        name="Budget",
        frame=frame_of(records, columns),
        columns=columns,
        heading=_heading(figures, "Budget"),
        row_total=Column("sum", "Summa", "money"),
    )


STAFF_COLUMNS = [
    Column("year", "År", "integer", total=False),
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
    Column("year", "År", "integer", total=False),
    Column("category", "Kostnadstyp"),
    Column("description", "Beskrivning"),
    Column("amount", "Belopp", "money"),
]
CO_COLUMNS = [
    Column("year", "År", "integer", total=False),
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
