"""The indicator follow-up workbook: each indicator of the plan with its value and status
per period of the year, free of Flask.

One sheet "Indikatorer": goal, indicator, unit, baseline and target, then a value and
a status column per period (tertial 1, delår, helår), and the latest comment.
Statuses are written as words ("Enligt plan"), never as a colour only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .workbook import Column, Sheet, frame_of

STATUS_TITLES = {
    "on_track": "Enligt plan",
    "at_risk": "Risk för avvikelse",
    "off_track": "Avviker",
    "": "Ej uppföljd",
}
PERIOD_TITLES = {"tertial1": "Tertial 1", "delar": "Delår", "helar": "Helår"}


@dataclass(frozen=True)
class PeriodValue:
    """An indicator's recorded value in one period."""

    actual: Decimal | None
    status: str
    comment: str = ""


@dataclass
class IndicatorLine:
    """An indicator with its values by period kind."""

    goal: str
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    how_measured: str = ""
    values: dict[str, PeriodValue] = field(default_factory=dict)


def indicator_sheet(year: int, periods: Sequence[str], lines: Sequence[IndicatorLine]) -> Sheet:
    """Indicators × periods: value and status for each, with the latest comment."""
    columns = [
        Column("goal", "Mål", width=30),
        Column("name", "Indikator", width=40),
        Column("unit", "Enhet"),
        Column("baseline", "Utgångsvärde", "decimal"),
        Column("target", "Målvärde", "decimal"),
    ]
    for kind in periods:
        title = PERIOD_TITLES.get(kind, kind)
        columns.append(Column(f"v_{kind}", f"{title}: värde", "decimal"))
        columns.append(Column(f"s_{kind}", f"{title}: status"))
    columns += [
        Column("comment", "Senaste kommentar", width=50),
        Column("how_measured", "Så mäts den", width=40),
    ]
    records = []
    for line in lines:
        record: dict[str, object] = {
            "goal": line.goal,
            "name": line.name,
            "unit": line.unit,
            "baseline": line.baseline,
            "target": line.target,
            "how_measured": line.how_measured,
        }
        comment = ""
        for kind in periods:
            value = line.values.get(kind)
            record[f"v_{kind}"] = value.actual if value else None
            record[f"s_{kind}"] = STATUS_TITLES[value.status if value else ""]
            if value and value.comment:
                comment = value.comment
        record["comment"] = comment
        records.append(record)
    return Sheet(
        name="Indikatorer",
        frame=frame_of(records, columns),
        columns=columns,
        heading=f"Uppföljning av indikatorer {year}",
    )
