"""The one way Samordna writes a workbook: DataFrames in, a formatted .xlsx out.

Builders (one module per workbook in ``exports/``) turn plain data into
:class:`Sheet` objects; :func:`write_workbook` owns everything about cells:
number formats, the header row, total rows as ``=SUM()`` formulas whose values
are stored too, frozen panes, autofilter, fitted widths, print set-up, document
properties and the formula-injection guard. Free of Flask; see docs/exports.md.

Values by column kind (input → cell):

* ``money``: ``Decimal`` (or ``int``) kronor, or ``None``. Never ``float``: a float
  raises ``TypeError``. xlsx stores IEEE doubles, so the Decimal becomes a float
  only here, at the cell boundary. Amounts up to 12 integer digits with öre read
  back exact to the öre (round to 2 decimals); totals likewise up to 10^13 kr.
  Format ``#,##0 "kr"``, or ``#,##0.00 "kr"`` when any value in the column has öre.
* ``percent``: percent units, ``Decimal("30")`` for 30 %; stored as the fraction
  0.3 with the format ``0.0 %``.
* ``date``: ``date``/``datetime``/``Timestamp`` (aware ones in Stockholm time);
  the day is stored, format ``yyyy-mm-dd``.
* ``integer`` (``#,##0``), ``decimal`` (``#,##0.00``; ``Column.digits`` changes it).
* ``year``: a plain whole number (format ``0``: 2027, not 2 027), never summed.
* any numeric kind may hold a :class:`Formula` (a total computed by the spreadsheet,
  its value stored too), e.g. ``Formula("=SUM({col}3:{col}8)", total)``.
* ``text``: always written as a string, never a formula, URL or number; text
  starting with ``= + - @`` tab or CR is also marked with Excel's quote prefix.

Missing values (None, NaN, NA, NaT) are blank cells. Rows are written in order,
chunk by chunk, so ``constant_memory=True`` works and memory does not grow with
the number of rows beyond the DataFrame itself.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from . import (
    CHUNK_ROWS,
    EXCEL_EPOCH,
    FORMULA_START,
    NUMERIC_KINDS,
    Column,
    ColumnStats,
    Formula,
    chunks,
    column_stats,
    day_or_none,
    decimal_or_none,
    fitted_width,
    looks_like_formula,
    number_format,
    number_or_none,
    sheet_names,
    text_or_none,
)

__all__ = [
    "Column",
    "Formula",
    "Sheet",
    "frame_of",
    "header_row_index",
    "workbook_bytes",
    "write_workbook",
]

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
}
A4 = 9
HEADER_PART_MAX = 80  # Excel allows 255 characters for the whole page header
HUNDRED = Decimal(100)


@dataclass
class Sheet:
    """A table on its own worksheet."""

    name: str
    frame: pd.DataFrame
    columns: list[Column]
    heading: str | None = None
    total_row: bool = False
    total_label: str = "Summa"
    row_total: Column | None = None
    landscape: bool = True


def header_row_index(sheet: Sheet) -> int:
    """0-based row of the column titles (pandas ``header=``): 1 with a heading, else 0."""
    return 1 if sheet.heading else 0


def frame_of(records: Iterable[Mapping[str, Any]], columns: Iterable[Column | str]) -> pd.DataFrame:
    """A DataFrame of the given columns (object dtype: Decimals stay Decimals).

    Missing keys become ``None``; extra keys are ignored.
    """
    rows = list(records)
    keys = [c.key if isinstance(c, Column) else c for c in columns]
    data = {k: pd.Series([row.get(k) for row in rows], dtype=object) for k in keys}
    return pd.DataFrame(data, columns=keys, index=pd.RangeIndex(len(rows)))


def workbook_bytes(sheets: list[Sheet], **kwargs: Any) -> bytes:
    """:func:`write_workbook` into memory; the .xlsx file's bytes."""
    buffer = io.BytesIO()
    write_workbook(buffer, sheets, **kwargs)
    return buffer.getvalue()


def write_workbook(
    target: str | os.PathLike[str] | IO[bytes],
    sheets: list[Sheet],
    *,
    title: str,
    forbund: str,
    created: date,
    subject: str = "",
    author: str = "Samordna",
    constant_memory: bool = False,
) -> None:
    """Write ``sheets`` as one .xlsx to a path or binary file object."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    day = created.date() if isinstance(created, datetime) else created
    book = xlsxwriter.Workbook(target, {**WORKBOOK_OPTIONS, "constant_memory": constant_memory})
    try:
        book.set_properties(
            {
                "title": title,
                "subject": subject,
                "author": author,
                "company": forbund,
                "created": datetime.combine(day, time()),
            }
        )
        header = "&L{}&C{}&R{}".format(*(_header_text(x) for x in (forbund, title)), day)
        formats = _Formats(book)
        for sheet, name in zip(sheets, sheet_names([s.name for s in sheets]), strict=True):
            _write_sheet(book.add_worksheet(name), sheet, formats, header)
    finally:
        book.close()


def _header_text(text: str) -> str:
    """Text for a page header: '&' doubled (it starts a code there), length bounded."""
    return text[:HEADER_PART_MAX].replace("&", "&&")


class _Formats:
    """Cell formats, made once per workbook and shared by its sheets."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.cache: dict[tuple[Any, ...], Any] = {}

    def get(
        self, role: str, kind: str = "text", number: str | None = None, guard: bool = False
    ) -> Any:
        """The format for a cell's role (cell, header, total, heading), kind and number."""
        key = (role, kind, number, guard)
        if key not in self.cache:
            props: dict[str, Any] = {}
            if number:
                props["num_format"] = number
            if role == "header":
                props.update(bold=True, bottom=1, valign="top")
                if kind in NUMERIC_KINDS:
                    props["align"] = "right"
            elif role == "total":
                props.update(bold=True, top=1)
            elif role == "heading":
                props.update(bold=True, font_size=13)
            if guard:
                props["quote_prefix"] = True
            self.cache[key] = self.book.add_format(props) if props else None
        return self.cache[key]

    def text(self, role: str, text: str, kind: str = "text") -> Any:
        """A format for this text, with the quote prefix if it could pass for a formula."""
        return self.get(role, kind, guard=looks_like_formula(text))


def _write_sheet(ws: Any, sheet: Sheet, formats: _Formats, header: str) -> None:
    """Heading, header row, data rows in order (chunk by chunk), total row, set-up."""
    columns = list(sheet.columns) + ([sheet.row_total] if sheet.row_total else [])
    if not sheet.columns:
        raise ValueError(f"sheet {sheet.name!r} has no columns")
    missing = [c.key for c in sheet.columns if c.key not in sheet.frame.columns]
    if missing:
        raise KeyError(f"sheet {sheet.name!r}: no column(s) {missing} in the frame")
    frame, n = sheet.frame, len(sheet.frame)
    top = header_row_index(sheet)
    first, last = top + 1, top + n  # data rows (0-based); none when n == 0

    stats = [column_stats(frame[c.key], c) for c in sheet.columns]
    money_cols = [i for i, c in enumerate(sheet.columns) if c.kind == "money"]
    if sheet.row_total:
        stats.append(_row_total_stats(stats, money_cols))
    numbers = [number_format(c, s) for c, s in zip(columns, stats, strict=True)]

    if sheet.heading:
        ws.write_string(0, 0, sheet.heading, formats.text("heading", sheet.heading))
    for i, column in enumerate(columns):
        ws.write_string(top, i, column.title, formats.text("header", column.title, column.kind))
        label = sheet.total_label if sheet.total_row and i == 0 else ""
        width = column.width or fitted_width(column, stats[i], label)
        ws.set_column(i, i, width)

    letters = {c.key: xl_col_to_name(i) for i, c in enumerate(columns)}
    writers = [
        _cell_writer(
            ws, c, formats.get("cell", c.kind, numbers[i]), formats.get("cell", guard=True), letters
        )
        for i, c in enumerate(sheet.columns)
    ]
    row_total = None
    if sheet.row_total:
        fmt = formats.get("cell", sheet.row_total.kind, numbers[-1])
        row_total = _row_total_writer(ws, sheet, money_cols, fmt)
    series = [frame[c.key] for c in sheet.columns]
    row = first
    for start in range(0, n, CHUNK_ROWS):
        for values in zip(*chunks(series, start), strict=True):
            for i, (write, value) in enumerate(zip(writers, values, strict=True)):
                write(row, i, value)
            if row_total:
                row_total(row, values)
            row += 1

    if sheet.total_row:
        _write_total_row(ws, sheet, columns, stats, numbers, formats, first, last)
    _finish(ws, sheet, len(columns), top, max(last, top), header)


def _cell_writer(
    ws: Any, column: Column, fmt: Any, guarded: Any, letters: Mapping[str, str]
) -> Callable[[int, int, Any], None]:
    """A function writing one value of this column to a cell (the inner loop)."""
    key, kind = column.key, column.kind
    write_number, write_string = ws.write_number, ws.write_string

    def formula(row: int, col: int, value: Formula, scale: Decimal = Decimal(1)) -> None:
        text = value.text.format_map({**letters, "row": row + 1, "col": xl_col_to_name(col)})
        stored = value.value
        result = 0.0 if stored is None else float(Decimal(stored) / scale)
        ws.write_formula(row, col, text, fmt, result)

    def money(row: int, col: int, value: Any) -> None:
        if type(value) is not Decimal:
            if isinstance(value, Formula):
                return formula(row, col, value)
            if (value := decimal_or_none(value, key)) is None:
                return None
        write_number(row, col, float(value), fmt)  # Decimal -> double only here
        return None

    def percent(row: int, col: int, value: Any) -> None:
        if isinstance(value, Formula):
            return formula(row, col, value, HUNDRED)
        if (value := number_or_none(value, key)) is not None:
            write_number(row, col, float(value / HUNDRED), fmt)
        return None

    def number(row: int, col: int, value: Any) -> None:
        if isinstance(value, Formula):
            return formula(row, col, value)
        if (value := number_or_none(value, key)) is not None:
            write_number(row, col, value if type(value) is int else float(value), fmt)
        return None

    def day(row: int, col: int, value: Any) -> None:
        if (value := day_or_none(value, key)) is not None:
            write_number(row, col, value.toordinal() - EXCEL_EPOCH, fmt)

    def text(row: int, col: int, value: Any) -> None:
        if type(value) is not str and (value := text_or_none(value)) is None:
            return
        if value:
            write_string(row, col, value, guarded if value[0] in FORMULA_START else fmt)

    writers = {"money": money, "percent": percent, "date": day, "text": text}
    return writers.get(kind, number)


def _row_total_stats(stats: list[ColumnStats], money_cols: list[int]) -> ColumnStats:
    """Width and format of the row-total column, bounded by the column totals."""
    biggest = sum((stats[i].biggest for i in money_cols), Decimal(0))
    total = sum((stats[i].total for i in money_cols), Decimal(0))
    ore = any(stats[i].ore for i in money_cols)
    negative = any(stats[i].negative for i in money_cols)
    return ColumnStats(total=total, biggest=biggest, ore=ore, negative=negative)


def _row_total_writer(
    ws: Any, sheet: Sheet, money_cols: list[int], fmt: Any
) -> Callable[[int, tuple[Any, ...]], None]:
    """Writes '=SUM(C5:E5)' (or '=SUM(C5,E5)') with the row's Decimal sum stored."""
    column = len(sheet.columns)
    letters = [xl_col_to_name(i) for i in money_cols]
    contiguous = money_cols == list(range(money_cols[0], money_cols[-1] + 1)) if money_cols else 0

    def write(row: int, values: tuple[Any, ...]) -> None:
        total = Decimal(0)
        for i in money_cols:
            amount = decimal_or_none(values[i], sheet.columns[i].key)
            if amount is not None:
                total += amount
        r = row + 1
        if not money_cols:
            ws.write_number(row, column, 0, fmt)
            return
        cells = (
            f"{letters[0]}{r}:{letters[-1]}{r}"
            if contiguous
            else ",".join(f"{x}{r}" for x in letters)
        )
        ws.write_formula(row, column, f"=SUM({cells})", fmt, float(total))

    return write


def _write_total_row(
    ws: Any,
    sheet: Sheet,
    columns: list[Column],
    stats: list[ColumnStats],
    numbers: list[str | None],
    formats: _Formats,
    first: int,
    last: int,
) -> None:
    """'Summa' row: =SUM over the data rows, the exact Decimal sum stored as value."""
    row = last + 1
    label_done = False
    for i, (column, stat, number) in enumerate(zip(columns, stats, numbers, strict=True)):
        fmt = formats.get("total", column.kind, number)
        if column.sums:
            value = stat.total / 100 if column.kind == "percent" else stat.total
            if last < first:
                ws.write_number(row, i, 0, fmt)
            else:
                letter = xl_col_to_name(i)
                ws.write_formula(
                    row, i, f"=SUM({letter}{first + 1}:{letter}{last + 1})", fmt, float(value)
                )
        elif not label_done:
            ws.write_string(row, i, sheet.total_label, formats.text("total", sheet.total_label))
            label_done = True
        else:
            ws.write_blank(row, i, None, fmt)


def _finish(ws: Any, sheet: Sheet, ncols: int, top: int, last: int, header: str) -> None:
    """Frozen header, autofilter and print set-up."""
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, last, ncols - 1)
    if sheet.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)
    ws.set_header(header)
    ws.set_footer("&CSida &P av &N")
