"""Amounts and dates the Swedish way."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from app.formatting import isodate, isodatetime, number, percent, sek

NBSP = "\xa0"


def test_sek_shows_whole_kronor_with_no_break_spaces() -> None:
    assert sek(Decimal("512000")) == f"512{NBSP}000{NBSP}kr"
    assert sek(Decimal("4000000.00")) == f"4{NBSP}000{NBSP}000{NBSP}kr"


def test_sek_shows_ore_only_when_there_are_ore() -> None:
    assert sek(Decimal("1234567.50")) == f"1{NBSP}234{NBSP}567,50{NBSP}kr"
    assert sek(Decimal("0")) == f"0{NBSP}kr"
    assert sek(None) == ""


def test_negative_amounts_keep_their_sign() -> None:
    assert sek(Decimal("-1500")).startswith("−1") or sek(Decimal("-1500")).startswith("-1")


def test_numbers_percent_and_dates() -> None:
    assert number(26000) == f"26{NBSP}000"
    assert percent(Decimal("30")) == f"30{NBSP}%"
    assert percent(Decimal("12.5")) == f"12,5{NBSP}%"
    assert isodate(date(2026, 11, 22)) == "2026-11-22"
    assert isodatetime(datetime(2026, 11, 22, 13, 5, tzinfo=UTC)) == "2026-11-22 14:05"
