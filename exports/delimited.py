"""CSV exports the Swedish way: the same columns as a workbook, as text.

UTF-8 with BOM (so Excel picks the encoding), semicolon separated, CRLF line
ends, header row of the column titles. Money, decimal and percent values use a
decimal comma without thousands separator ("512000,00"; percent in percent
units, "12,5" for 12,5 %), integers plain, dates ISO (2026-03-05), missing
values empty. Text starting with = + - @ tab or CR gets a leading apostrophe so
a spreadsheet never runs it as a formula (CSV injection). Free of Flask.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd

from . import (
    day_or_none,
    decimal_or_none,
    iter_chunks,
    looks_like_formula,
    number_or_none,
    text_or_none,
)
from .workbook import Column

__all__ = ["csv_text", "frame_to_csv"]

CENT = Decimal("0.01")


def frame_to_csv(frame: pd.DataFrame, columns: list[Column]) -> bytes:
    """The frame's ``columns`` as CSV bytes (UTF-8 with BOM, ';', CRLF, decimal comma)."""
    missing = [c.key for c in columns if c.key not in frame.columns]
    if missing:
        raise KeyError(f"no column(s) {missing} in the frame")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_text(c.title) for c in columns])
    formatters = [_formatter(c) for c in columns]
    parts = [iter_chunks(frame[c.key]) for c in columns]
    for lists in zip(*parts, strict=True):
        writer.writerows(
            [f(v) for f, v in zip(formatters, values, strict=True)]
            for values in zip(*lists, strict=True)
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_text(value: Any) -> str:
    """Text for a CSV cell, with a leading apostrophe if it could start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if looks_like_formula(text) else text


def _decimal_comma(value: Decimal, places: int | None = None) -> str:
    """'512000,00': fixed point, no grouping, comma; ``places`` pads money to öre."""
    if places is not None and value.as_tuple().exponent >= -places:  # type: ignore[operator]
        value = value.quantize(CENT)
    if value == 0:
        value = abs(value)  # no "-0,00"
    return format(value, "f").replace(".", ",")


def _formatter(column: Column) -> Callable[[Any], str]:
    key, kind = column.key, column.kind

    def money(value: Any) -> str:
        amount = decimal_or_none(value, key)
        return "" if amount is None else _decimal_comma(amount, 2)

    def number(value: Any) -> str:
        number = number_or_none(value, key)
        if number is None:
            return ""
        if type(number) is int:
            return str(number)
        if kind in ("integer", "year") and number == number.to_integral_value():
            return str(int(number))
        return _decimal_comma(number)

    def day(value: Any) -> str:
        found = day_or_none(value, key)
        return "" if found is None else found.isoformat()

    def text(value: Any) -> str:
        found = text_or_none(value)
        return "" if found is None else csv_text(found)

    return {"money": money, "date": day, "text": text}.get(kind, number)
