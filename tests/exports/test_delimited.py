"""exports.delimited: Swedish CSV read back byte by byte and with pandas."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports import CHUNK_ROWS
from exports.delimited import csv_text, frame_to_csv
from exports.workbook import Column, frame_of

COLUMNS = [
    Column("name", "Organisation"),
    Column("amount", "Belopp", "money"),
    Column("share", "Andel (%)", "percent"),
    Column("day", "Datum", "date"),
    Column("count", "Antal", "integer"),
    Column("hours", "Timmar", "decimal"),
]
RECORDS = [
    {"name": "Arbetsförmedlingen", "amount": Decimal("512000"), "share": Decimal("30"),
     "day": date(2016, 1, 14), "count": 3, "hours": Decimal("12.5")},
    {"name": '=HYPERLINK("http://evil.example","x")', "amount": Decimal("-1234.5"),
     "share": Decimal("12.5"), "day": datetime(2026, 3, 5, 23, 59), "count": None, "hours": None},
    {"name": "+46 70 123 45 67", "amount": None, "share": None, "day": None, "count": 40,
     "hours": Decimal("0")},
    {"name": "Smedjebacken; AME \"Vägen in\"\nrad två", "amount": Decimal("999999999999.99"),
     "share": Decimal("100"), "day": None, "count": 0, "hours": Decimal("-0.25")},
]  # fmt: skip


@pytest.fixture(scope="module")
def data() -> bytes:
    return frame_to_csv(frame_of(RECORDS, COLUMNS), COLUMNS)


def test_bom_semicolons_crlf_and_decimal_comma(data: bytes) -> None:
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Organisation;Belopp;Andel (%);Datum;Antal;Timmar"
    assert lines[1] == "Arbetsförmedlingen;512000,00;30;2016-01-14;3;12,5"
    assert lines[2] == '"\'=HYPERLINK(""http://evil.example"",""x"")";-1234,50;12,5;2026-03-05;;'
    assert lines[3] == "'+46 70 123 45 67;;;;40;0"
    assert lines[-1] == ""  # every line ends in CRLF


def test_formula_injection_guard() -> None:
    for hostile in ("=1+1", "+46", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert csv_text(hostile) == "'" + hostile
    assert csv_text("Vägen in") == "Vägen in" and csv_text("") == "" and csv_text(None) == ""


def test_round_trip_with_pandas(data: bytes) -> None:
    frame = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(frame.columns) == [c.title for c in COLUMNS]
    amounts = [None if pd.isna(x) else Decimal(repr(x)).quantize(Decimal("0.01"))
               for x in frame["Belopp"]]  # fmt: skip
    assert amounts == [Decimal("512000.00"), Decimal("-1234.50"), None, Decimal("999999999999.99")]
    assert frame["Andel (%)"].tolist()[:2] == [30.0, 12.5]
    assert frame["Organisation"].tolist()[3] == 'Smedjebacken; AME "Vägen in"\nrad två'
    assert frame["Datum"].tolist()[:2] == ["2016-01-14", "2026-03-05"]
    assert frame["Timmar"].tolist()[3] == -0.25


def test_empty_frame_gives_the_header_only() -> None:
    assert (
        frame_to_csv(frame_of([], COLUMNS), COLUMNS[:2]) == "\ufeffOrganisation;Belopp\r\n".encode()
    )


def test_float_money_is_refused_and_missing_columns_named() -> None:
    with pytest.raises(TypeError, match="money is Decimal"):
        frame_to_csv(pd.DataFrame({"amount": [1.5]}), [COLUMNS[1]])
    with pytest.raises(KeyError, match="amount"):
        frame_to_csv(pd.DataFrame({"x": [1]}), [COLUMNS[1]])


def test_many_rows_cross_chunk_boundaries() -> None:
    rows = [{"amount": Decimal(i) / 100} for i in range(CHUNK_ROWS + 3)]
    lines = frame_to_csv(frame_of(rows, [COLUMNS[1]]), [COLUMNS[1]]).split(b"\r\n")
    assert len(lines) == CHUNK_ROWS + 5 and lines[-2] == b"40,98"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.decimals(min_value=-(10**12), max_value=10**12, places=2), max_size=20))
def test_amounts_survive_the_round_trip_to_the_ore(values: list[Decimal]) -> None:
    column = Column("amount", "Belopp", "money")
    text = frame_to_csv(frame_of([{"amount": v} for v in values], [column]), [column])
    body = text.decode("utf-8-sig").split("\r\n")[1:-1]
    assert [Decimal(x.replace(",", ".")) for x in body] == values
    assert all(len(x.split(",")[1]) == 2 for x in body)
