"""The plan's budget workbook: budget lines × years, plan and outcome, with SUM totals.

Built from plain figures (``YearFigures``), free of Flask. The workbook is a Swedish
document: titles are Swedish whatever the user's UI language.

* "Intäkter" and "Kostnader": one row per line (member contribution per party, the
  typed lines, insatser), a "Budget YYYY" and an "Utfall YYYY" column per year, and a
  "Summa" row of SUM formulas whose values are stored too.
* "Resultat": one row per year: income, costs and result for budget and outcome,
  equity at start and end, its share of the contributions and the recommended level.
  Income and costs refer to the "Summa" rows of the two sheets above, the results and
  the equity at the end are computed from them: all live formulas, values stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name

from .workbook import Column, Formula, Sheet, frame_of, header_row_index

TITLE = "Verksamhetsplanens budget"
#: Swedish titles of the budget lines (the document's language).
CATEGORY_TITLES = {
    "contribution": "Medlemsbidrag",
    "other_income": "Övriga intäkter",
    "insatser": "Insatser (beviljade och planerade)",
    "kansli": "Kansli och administration",
    "styrelse": "Styrelse",
    "revision": "Revision",
    "evaluation": "Utvärdering och utveckling",
    "reserve": "Reserv",
    "other_cost": "Övriga kostnader",
}
ORDER = list(CATEGORY_TITLES)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineAmount:
    """One budget line of a year: its budget and outcome (None when not followed up)."""

    income: bool
    category: str
    name: str
    budget: Decimal
    outcome: Decimal | None = None


@dataclass
class YearFigures:
    """A year's budget and outcome as plain numbers."""

    year: int
    lines: list[LineAmount] = field(default_factory=list)
    outcome_label: str = ""
    equity_start: Decimal | None = None
    equity_end: Decimal | None = None
    equity_outcome: Decimal | None = None
    contributions: Decimal | None = None
    share_percent: Decimal | None = None
    max_percent: Decimal | None = None

    def total(self, income: bool, attribute: str) -> Decimal | None:
        """Sum of income or cost lines' budget or outcome (None when nothing followed up)."""
        values = [getattr(line, attribute) for line in self.lines if line.income == income]
        if attribute == "outcome" and all(v is None for v in values):
            return None
        return sum((v or ZERO for v in values), ZERO)


def line_title(category: str, name: str) -> str:
    """'Medlemsbidrag Försäkringskassan', 'Kansli och administration: Lokaler'."""
    title = CATEGORY_TITLES.get(category, category)
    if not name:
        return title
    return f"{title} {name}" if category == "contribution" else f"{title}: {name}"


def _keys(years: Sequence[YearFigures], income: bool) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for figures in years:
        for line in figures.lines:
            key = (line.category, line.name)
            if line.income == income and key not in found:
                found.append(key)
    return sorted(found, key=lambda k: ORDER.index(k[0]) if k[0] in ORDER else 99)


def lines_sheet(years: Sequence[YearFigures], income: bool) -> Sheet:
    """Lines × years with budget and outcome, and a Summa row."""
    columns = [Column("line", "Rad")]
    for figures in years:
        columns.append(Column(f"b{figures.year}", f"Budget {figures.year}", "money"))
        title = f"Utfall {figures.year}"
        if figures.outcome_label:
            title += f" ({figures.outcome_label})"
        columns.append(Column(f"u{figures.year}", title, "money"))
    records = []
    for category, name in _keys(years, income):
        record: dict[str, object] = {"line": line_title(category, name)}
        for figures in years:
            for line in figures.lines:
                if (line.category, line.name) == (category, name) and line.income == income:
                    record[f"b{figures.year}"] = line.budget
                    record[f"u{figures.year}"] = line.outcome
        records.append(record)
    name = "Intäkter" if income else "Kostnader"
    return Sheet(
        name=name,
        frame=frame_of(records, columns),
        columns=columns,
        heading=f"{TITLE}: {name.lower()}",
        total_row=True,
        total_label="Summa intäkter" if income else "Summa kostnader",
    )


RESULT_COLUMNS = [
    Column("year", "År", "year"),
    Column("income", "Intäkter, budget", "money", total=False),
    Column("costs", "Kostnader, budget", "money", total=False),
    Column("result", "Resultat, budget", "money", total=False),
    Column("income_out", "Intäkter, utfall", "money", total=False),
    Column("costs_out", "Kostnader, utfall", "money", total=False),
    Column("result_out", "Resultat, utfall", "money", total=False),
    Column("equity_start", "Eget kapital vid årets början", "money", total=False),
    Column("equity_end", "Eget kapital vid årets slut, budget", "money", total=False),
    Column("equity_outcome", "Eget kapital vid årets slut, bokslut", "money", total=False),
    Column("contributions", "Medlemsbidrag", "money", total=False),
    Column("share", "Eget kapital i % av medlemsbidragen", "percent", digits=1),
    Column("max_percent", "Högsta rekommenderade nivå", "percent", digits=2),
]


def _total_cell(sheet: Sheet, key: str) -> str:
    """Where a lines sheet's Summa of a column lands: 'Intäkter'!B12."""
    row = header_row_index(sheet) + len(sheet.frame) + 2  # 1-based, after the data rows
    column = xl_col_to_name([c.key for c in sheet.columns].index(key))
    return f"'{sheet.name}'!{column}{row}"


def _from_sheet(sheet: Sheet, key: str, value: Decimal | None) -> Formula | None:
    return None if value is None else Formula(f"={_total_cell(sheet, key)}", value)


def result_sheet(years: Sequence[YearFigures], income_sheet: Sheet, cost_sheet: Sheet) -> Sheet:
    """One row per year: result and equity against the recommended level."""
    records = []
    for f in years:
        income, costs = f.total(True, "budget"), f.total(False, "budget")
        income_out, costs_out = f.total(True, "outcome"), f.total(False, "outcome")
        result = (income or ZERO) - (costs or ZERO)
        equity_end: Decimal | Formula | None = f.equity_end
        if f.equity_start is not None and f.equity_end == f.equity_start + result:
            equity_end = Formula("={equity_start}{row}+{result}{row}", f.equity_end)
        records.append(
            {
                "year": f.year,
                "income": _from_sheet(income_sheet, f"b{f.year}", income),
                "costs": _from_sheet(cost_sheet, f"b{f.year}", costs),
                "result": Formula("={income}{row}-{costs}{row}", result),
                "income_out": _from_sheet(income_sheet, f"u{f.year}", income_out),
                "costs_out": _from_sheet(cost_sheet, f"u{f.year}", costs_out),
                "result_out": None
                if income_out is None
                else Formula(
                    "={income_out}{row}-{costs_out}{row}", income_out - (costs_out or ZERO)
                ),
                "equity_start": f.equity_start,
                "equity_end": equity_end,
                "equity_outcome": f.equity_outcome,
                "contributions": f.contributions,
                "share": f.share_percent,
                "max_percent": f.max_percent,
            }
        )
    return Sheet(
        name="Resultat",
        frame=frame_of(records, RESULT_COLUMNS),
        columns=list(RESULT_COLUMNS),
        heading=f"{TITLE}: resultat och eget kapital",
    )


def budget_sheets(years: Sequence[YearFigures]) -> list[Sheet]:
    """The whole workbook, years in order."""
    ordered = sorted(years, key=lambda f: f.year)
    income, costs = lines_sheet(ordered, True), lines_sheet(ordered, False)
    return [income, costs, result_sheet(ordered, income, costs)]
