"""The delårsrapport's figures as a workbook, free of Flask.

Sheets: "Intäkter" and "Kostnader" (budget for the year, outcome to the period's end,
forecast, deviation, with SUM totals), "Indikatorer" (value and status at the period's
end), "Insatser" (amount for the year, paid, reported outcome and participants, with
totals) and "Eget kapital" (start, forecast end, share and recommended level).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .followup import STATUS_TITLES, IndicatorLine
from .plan_budget import line_title
from .workbook import Column, Formula, Sheet, frame_of


@dataclass(frozen=True)
class MoneyLine:
    """A budget line followed up."""

    income: bool
    category: str
    name: str
    budget: Decimal
    outcome: Decimal | None
    forecast: Decimal
    comment: str = ""


@dataclass(frozen=True)
class InsatsFigures:
    """An insats of the year with its money and participants."""

    name: str
    owner: str
    goal: str
    state: str
    amount: Decimal
    paid: Decimal
    outcome: Decimal
    planned_participants: int | None
    started: int
    ended: int
    to_work_or_studies: int


@dataclass
class ReportFigures:
    """Everything the report's workbook shows."""

    year: int
    period: str
    end: date
    money: list[MoneyLine] = field(default_factory=list)
    indicators: list[IndicatorLine] = field(default_factory=list)
    insatser: list[InsatsFigures] = field(default_factory=list)
    equity: list[tuple[str, Decimal | None]] = field(default_factory=list)
    percents: list[tuple[str, Decimal | None]] = field(default_factory=list)


MONEY_COLUMNS = [
    Column("line", "Rad", width=40),
    Column("budget", "Budget för året", "money"),
    Column("outcome", "Utfall till periodens slut", "money"),
    Column("forecast", "Prognos för året", "money"),
    Column("deviation", "Avvikelse (prognos – budget)", "money"),
    Column("comment", "Kommentar", width=40),
]
INSATS_COLUMNS = [
    Column("name", "Insats", width=35),
    Column("owner", "Projektägare", width=30),
    Column("goal", "Mål", width=30),
    Column("state", "Läge"),
    Column("amount", "Belopp för året", "money"),
    Column("paid", "Utbetalt till periodens slut", "money"),
    Column("outcome", "Redovisat utfall", "money"),
    Column("planned_participants", "Planerade deltagare", "integer"),
    Column("started", "Påbörjade", "integer"),
    Column("ended", "Avslutade", "integer"),
    Column("to_work_or_studies", "Till arbete eller studier", "integer"),
]
STATE_TITLES = {"granted": "Beviljad", "planned": "Planerad"}


def money_sheet(figures: ReportFigures, income: bool) -> Sheet:
    """Budget against outcome for the income or the cost lines."""
    records = [
        {
            "line": line_title(m.category, m.name),
            "budget": m.budget,
            "outcome": m.outcome,
            "forecast": m.forecast,
            "deviation": Formula("={forecast}{row}-{budget}{row}", m.forecast - m.budget),
            "comment": m.comment,
        }
        for m in figures.money
        if m.income == income
    ]
    name = "Intäkter" if income else "Kostnader"
    return Sheet(
        name=name,
        frame=frame_of(records, MONEY_COLUMNS),
        columns=list(MONEY_COLUMNS),
        heading=f"{name} {figures.year}: budget och utfall till {figures.end.isoformat()}",
        total_row=True,
        total_label=f"Summa {name.lower()}",
    )


def indicator_sheet(figures: ReportFigures) -> Sheet:
    """Each indicator's value and status at the period's end."""
    columns = [
        Column("goal", "Mål", width=30),
        Column("name", "Indikator", width=40),
        Column("unit", "Enhet"),
        Column("baseline", "Utgångsvärde", "decimal"),
        Column("target", "Målvärde", "decimal"),
        Column("actual", "Värde", "decimal"),
        Column("status", "Status"),
        Column("comment", "Kommentar", width=50),
    ]
    records = []
    for line in figures.indicators:
        value = next(iter(line.values.values()), None)
        records.append(
            {
                "goal": line.goal,
                "name": line.name,
                "unit": line.unit,
                "baseline": line.baseline,
                "target": line.target,
                "actual": value.actual if value else None,
                "status": STATUS_TITLES[value.status if value else ""],
                "comment": value.comment if value else "",
            }
        )
    return Sheet(
        name="Indikatorer",
        frame=frame_of(records, columns),
        columns=columns,
        heading=f"Indikatorer {figures.period} {figures.year}",
    )


def insats_sheet(figures: ReportFigures) -> Sheet:
    """The year's insatser with money and participants, totals as SUM formulas."""
    records = [
        {c.key: getattr(i, c.key) for c in INSATS_COLUMNS}
        | {"state": STATE_TITLES.get(i.state, i.state)}
        for i in figures.insatser
    ]
    return Sheet(
        name="Insatser",
        frame=frame_of(records, INSATS_COLUMNS),
        columns=list(INSATS_COLUMNS),
        heading=f"Insatser {figures.year}",
        total_row=True,
    )


def equity_sheet(figures: ReportFigures) -> Sheet:
    """Equity at start and forecast end, share of the contributions and the level."""
    columns = [
        Column("what", "Post", width=45),
        Column("amount", "Belopp", "money"),
        Column("percent", "Procent", "percent", digits=1),
    ]
    records: list[dict[str, object]] = [{"what": w, "amount": a} for w, a in figures.equity]
    records += [{"what": w, "percent": p} for w, p in figures.percents]
    return Sheet(
        name="Eget kapital",
        frame=frame_of(records, columns),
        columns=columns,
        heading=f"Eget kapital {figures.year}",
    )


def report_sheets(figures: ReportFigures) -> list[Sheet]:
    """The whole workbook."""
    return [
        money_sheet(figures, True),
        money_sheet(figures, False),
        indicator_sheet(figures),
        insats_sheet(figures),
        equity_sheet(figures),
    ]
