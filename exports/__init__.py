"""Exports: workbooks and CSV files built from plain data, free of Flask.

``exports.workbook`` writes every .xlsx (``Sheet``, ``write_workbook``),
``exports.delimited`` writes CSV; one builder module per workbook sits beside them
(see docs/exports.md). This module holds what both writers share: the ``Column``
(key, title, kind), what counts as missing, money coercion (Decimal, never float),
dates, the formula-injection test, per-column statistics and chunked reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import repeat
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

KINDS = frozenset({"text", "money", "percent", "date", "integer", "decimal", "year"})
NUMERIC_KINDS = frozenset({"money", "percent", "integer", "decimal", "year"})
FORMATS = {
    "money": '#,##0 "kr"',
    "money_ore": '#,##0.00 "kr"',
    "date": "yyyy-mm-dd",
    "integer": "#,##0",
    "year": "0",  # a year is a name, not an amount: 2027, never "2 027"
}
#: A spreadsheet may run text starting with these as a formula (CSV/formula injection).
FORMULA_START = frozenset("=+-@\t\r")
#: Rows read from the DataFrame at a time: bounds memory whatever the row count.
CHUNK_ROWS = 4096
STOCKHOLM = ZoneInfo("Europe/Stockholm")
EXCEL_EPOCH = date(1899, 12, 30).toordinal()
ONE = Decimal(1)
MIN_WIDTH, MAX_WIDTH = 8.0, 60.0
SHEET_NAME_MAX = 31
_SHEET_SLASH = re.compile(r"[/\\]")
_SHEET_BAD = re.compile(r"[\[\]:*?\x00-\x1f]")


@dataclass(frozen=True)
class Formula:
    """A cell the spreadsheet computes, with the value Samordna computed stored beside it.

    ``text`` is the formula with placeholders filled in at write time: ``{row}`` is the
    cell's own 1-based row, ``{col}`` its own column letter, and ``{<key>}`` the letter of
    the column with that key (``"={income}{row}-{costs}{row}"``). The value is stored too,
    since a reader that does not recalculate (pandas, openpyxl, viewers) shows only it.
    """

    text: str
    value: Decimal | int | None


@dataclass(frozen=True)
class Column:
    """One column of a sheet: where its values are, its Swedish title and kind."""

    key: str
    title: str
    kind: str = "text"
    width: float | None = None
    total: bool | None = None
    digits: int | None = None  # decimals for "decimal" (default 2) and "percent" (1)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; one of {sorted(KINDS)}")

    @property
    def sums(self) -> bool:
        """Whether the total row sums this column (money and integer by default; never a year)."""
        return self.total if self.total is not None else self.kind in ("money", "integer")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    return bool(text) and text[0] in FORMULA_START


def is_missing(value: Any) -> bool:
    """None, NaN, pd.NA and NaT: an empty cell."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def decimal_or_none(value: Any, key: str) -> Decimal | None:
    """A money value as Decimal; int is accepted, float is refused (no float money).

    A :class:`Formula` counts as its stored value.
    """
    if type(value) is Decimal:
        return value
    if isinstance(value, Formula):
        value = value.value
    if is_missing(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal):
        return Decimal(value)
    raise TypeError(f"column {key!r} holds {type(value).__name__} {value!r}; money is Decimal")


def number_or_none(value: Any, key: str) -> Decimal | int | None:
    """A percent/integer/decimal value: int or Decimal (float accepted, made exact)."""
    if type(value) is Decimal or type(value) is int:
        return value
    if isinstance(value, Formula):
        value = value.value
    if is_missing(value):
        return None
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    raise TypeError(f"column {key!r} holds {type(value).__name__} {value!r}; expected a number")


def day_or_none(value: Any, key: str) -> date | None:
    """The calendar day of a date, datetime or Timestamp (aware ones in Stockholm)."""
    if isinstance(value, datetime):
        if value is pd.NaT:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(STOCKHOLM)
        return value.date()
    if isinstance(value, date):
        return value
    if is_missing(value):
        return None
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise TypeError(f"column {key!r} holds {type(value).__name__} {value!r}; expected a date")


def text_or_none(value: Any) -> str | None:
    """Text for a cell; None for missing and empty values."""
    if type(value) is str:
        return value or None
    if is_missing(value):
        return None
    return str(value) or None


@dataclass
class ColumnStats:
    """What a writer must know about a column before writing its first cell."""

    total: Decimal | int = 0
    biggest: Decimal | int = 0  # largest absolute value
    ore: bool = False  # any money value with öre
    negative: bool = False
    length: int = 0  # longest text


def chunks(series: list[pd.Series], start: int) -> list[list[Any]]:
    """Rows ``start``..``start + CHUNK_ROWS`` of each series as plain lists."""
    return [s.iloc[start : start + CHUNK_ROWS].tolist() for s in series]


def iter_chunks(series: pd.Series) -> Iterator[list[Any]]:
    """A series as lists of at most CHUNK_ROWS values."""
    for start in range(0, len(series), CHUNK_ROWS):
        yield series.iloc[start : start + CHUNK_ROWS].tolist()


def column_stats(series: pd.Series, column: Column) -> ColumnStats:
    """Total, widest value and öre flag of a column, read chunk by chunk."""
    stats = ColumnStats(total=Decimal(0) if column.kind not in ("integer", "year") else 0)
    kind, key = column.kind, column.key
    for part in iter_chunks(series):
        if kind == "text":
            texts = [t for t in map(text_or_none, part) if t is not None]
            stats.length = max(stats.length, max(map(len, texts), default=0))
            continue
        if kind == "date":
            break  # fixed width, no total
        if kind == "money":
            values = [v if type(v) is Decimal else decimal_or_none(v, key) for v in part]
        else:
            values = [number_or_none(v, key) for v in part]
        values = [v for v in values if v is not None]
        if not values:
            continue
        stats.total += sum(values)
        stats.biggest = max(stats.biggest, max(map(abs, values)))
        stats.negative = stats.negative or min(values) < 0
        if kind == "money" and not stats.ore:
            stats.ore = any(map(Decimal.__mod__, values, repeat(ONE)))
    if isinstance(stats.total, Decimal) and not stats.total.is_finite():
        raise ValueError(f"column {key!r} holds a Decimal that is not a finite number")
    return stats


def number_format(column: Column, stats: ColumnStats) -> str | None:
    """The cells' number format: kronor (with öre if any), percent, date, count …"""
    if column.kind == "money":
        return FORMATS["money_ore" if stats.ore else "money"]
    if column.kind in ("percent", "decimal"):
        digits = (
            column.digits if column.digits is not None else (1 if column.kind == "percent" else 2)
        )
        base = "0" if column.kind == "percent" else "#,##0"
        number = base + ("." + "0" * digits if digits else "")
        return number + " %" if column.kind == "percent" else number
    return FORMATS.get(column.kind)


def fitted_width(column: Column, stats: ColumnStats, label: str = "") -> float:
    """Characters needed by the title (bold) and the widest value, within 8..60."""
    if column.kind == "year":
        content = 4
    elif column.kind in ("money", "integer", "decimal"):
        digits = len(str(int(stats.biggest)))
        content = digits + (digits - 1) // 3 + stats.negative
        if column.kind == "money":
            content += 3 + (3 if stats.ore else 0)
        elif column.kind == "decimal":
            content += 1 + (column.digits if column.digits is not None else 2)
    elif column.kind == "percent":
        content = 7
    elif column.kind == "date":
        content = 10
    else:
        content = stats.length
    content = max(content, len(label) * 1.1)  # the bold total label
    width = max(content, len(column.title) * 1.1) + 2
    return float(min(MAX_WIDTH, max(MIN_WIDTH, round(width, 1))))


def sheet_names(names: list[str]) -> list[str]:
    """Valid, unique sheet names: no []:*?/\\, at most 31 characters, unique ignoring case."""
    taken = {"history"}  # reserved by Excel
    result = []
    for raw in names:
        base = _SHEET_BAD.sub(" ", _SHEET_SLASH.sub("-", raw or ""))
        base = " ".join(base.split()).strip("'").strip() or "Blad"
        name = base[:SHEET_NAME_MAX]
        number = 1
        while name.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        result.append(name)
    return result
