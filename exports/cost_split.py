"""The cost-split workbook (kostnadsfördelning) for one year: who pays what, and why.

Built from plain rows (``app.services.money.cost_splits.PartRow`` or anything with the
same attributes), free of Flask. The workbook is a Swedish document: titles are
Swedish whatever the user's UI language; rule names come translated in the rows.

* "Sammanställning": organisations × cost splits, a "Totalt" column per
  organisation and a "Summa" row per cost, both as SUM formulas with values.
* one sheet per organisation: each cost it shares, its description and rule,
  the cost's total, the organisation's part and its percentage of the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

import pandas as pd

from .workbook import Column, Sheet, frame_of

SUMMARY = "Sammanställning"
TITLE = "Kostnadsfördelning"


class PartLike(Protocol):
    """One organisation's part of one cost split in the year."""

    organisation_id: int
    organisation: str
    split_id: int
    split_name: str
    description: str
    rule_label: str
    split_total: Decimal
    amount: Decimal
    percent: Decimal


DETAIL_COLUMNS = [
    Column("split_name", "Kostnad"),
    Column("description", "Beskrivning", width=50),
    Column("rule_label", "Fördelningsgrund"),
    Column("split_total", "Kostnad totalt", "money", total=False),
    Column("amount", "Andel", "money"),
    Column("percent", "Andel av kostnaden", "percent", digits=2),
]
CSV_COLUMNS = [
    Column("year", "År", "year"),
    Column("organisation", "Organisation"),
    *DETAIL_COLUMNS,
]


def _organisations(rows: Sequence[PartLike]) -> list[tuple[int, str]]:
    """Organisations in the rows' order (the service sorts them in statutory order)."""
    seen: dict[int, str] = {}
    for row in rows:
        seen.setdefault(row.organisation_id, row.organisation)
    return list(seen.items())


def _splits(rows: Sequence[PartLike]) -> list[tuple[int, str]]:
    """Cost splits by name, then id: the summary's columns."""
    seen = {row.split_id: row.split_name for row in rows}
    return sorted(seen.items(), key=lambda item: (item[1], item[0]))


def summary_sheet(year: int, rows: Sequence[PartLike]) -> Sheet:
    """Organisations × costs with totals both ways."""
    splits = _splits(rows)
    columns = [Column("organisation", "Organisation")] + [
        Column(f"split_{split_id}", name, "money") for split_id, name in splits
    ]
    records: dict[int, dict[str, object]] = {
        org_id: {"organisation": name} for org_id, name in _organisations(rows)
    }
    for row in rows:
        records[row.organisation_id][f"split_{row.split_id}"] = row.amount
    return Sheet(
        name=SUMMARY,
        frame=frame_of(records.values(), columns),
        columns=columns,
        heading=f"{TITLE} {year}",
        total_row=True,
        total_label="Summa",
        row_total=Column("total", "Totalt", "money"),
    )


def organisation_sheet(year: int, name: str, rows: Sequence[PartLike]) -> Sheet:
    """What one organisation pays in the year, cost by cost, and why."""
    records = [{column.key: getattr(row, column.key) for column in DETAIL_COLUMNS} for row in rows]
    return Sheet(
        name=name,
        frame=frame_of(records, DETAIL_COLUMNS),
        columns=list(DETAIL_COLUMNS),
        heading=f"{name} – {TITLE.lower()} {year}",
        total_row=True,
        total_label="Summa",
    )


def cost_split_sheets(year: int, rows: Sequence[PartLike]) -> list[Sheet]:
    """The whole workbook: the summary, then one sheet per organisation."""
    sheets = [summary_sheet(year, rows)]
    for org_id, name in _organisations(rows):
        sheets.append(
            organisation_sheet(year, name, [r for r in rows if r.organisation_id == org_id])
        )
    return sheets


def cost_split_frame(year: int, rows: Sequence[PartLike]) -> tuple[pd.DataFrame, list[Column]]:
    """The same data as one long table, for CSV: a row per organisation and cost."""
    records = [
        {"year": year, "organisation": row.organisation}
        | {column.key: getattr(row, column.key) for column in DETAIL_COLUMNS}
        for row in rows
    ]
    return frame_of(records, CSV_COLUMNS), list(CSV_COLUMNS)
