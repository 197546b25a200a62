"""Amounts and dates the Swedish way."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_EVEN, Decimal

from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from app.formatting import isodate, isodatetime, money_cell, number, percent, sek, stamp

NBSP = "\xa0"


def test_sek_shows_whole_kronor_with_no_break_spaces() -> None:
    assert sek(Decimal("512000")) == f"512{NBSP}000{NBSP}kr"
    assert sek(Decimal("4000000.00")) == f"4{NBSP}000{NBSP}000{NBSP}kr"


def test_money_cell_is_a_right_aligned_cell_with_the_amount() -> None:
    cell = money_cell(Decimal("512000"))
    assert str(cell) == '<td class="text-end text-nowrap">512\xa0000\xa0kr</td>'
    assert hasattr(cell, "__html__")  # shown as markup, not escaped again
    assert str(money_cell(None)) == '<td class="text-end text-nowrap"></td>'


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


def _rounds_to_zero(amount: Decimal, digits: int) -> bool:
    return amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN) == 0


@settings(max_examples=500, deadline=None)
@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=3),
    st.sampled_from([None, True, False]),
)
def test_sek_and_number_agree_with_babel_sv(amount: Decimal, ore: bool | None) -> None:
    """The hand-written grouping (fast) gives what Babel's sv_SE patterns gave.

    Except for amounts that round to zero: Babel shows "-0", we show "0" (below).
    """
    shown = ore if ore is not None else amount != amount.to_integral_value()
    if not _rounds_to_zero(amount, 2 if shown else 0):
        pattern = "#,##0.00\xa0¤" if shown else "#,##0\xa0¤"
        expected = format_currency(
            amount, "SEK", format=pattern, locale="sv_SE", currency_digits=False
        )
        assert sek(amount, ore) == expected
    for digits, pattern in ((0, "#,##0"), (2, "#,##0.00")):
        if not _rounds_to_zero(amount, digits):
            assert number(amount, digits) == format_decimal(amount, format=pattern, locale="sv_SE")


@settings(max_examples=500, deadline=None)
@given(
    st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, places=4),
    st.sampled_from([0, 1, 2]),
)
def test_percent_agrees_with_babel_sv(value: Decimal, digits: int) -> None:
    """At most ``digits`` decimals, trailing zeros dropped, as Babel's ``#,##0.##\xa0%``."""
    if _rounds_to_zero(value, digits):
        assert percent(value, digits) == f"0{NBSP}%"
        return
    pattern = "#,##0." + "#" * digits + "\xa0%" if digits else "#,##0\xa0%"
    assert percent(value, digits) == format_percent(value / 100, format=pattern, locale="sv_SE")


def test_rounding_to_nothing_drops_the_minus() -> None:
    assert sek(Decimal("-0.004"), ore=True) == f"0,00{NBSP}kr"
    assert number(Decimal("-0.4")) == "0"
    assert sek(Decimal("-0.50"), ore=False) == f"0{NBSP}kr"


def test_stamp_says_when_in_stockholm_time() -> None:
    assert stamp(datetime(2026, 12, 4, 16, 57, tzinfo=UTC)) == "2026-12-04 kl. 17.57"
    assert stamp(datetime(2026, 7, 1, 6, 5, tzinfo=UTC)) == "2026-07-01 kl. 08.05"
    assert stamp(None) == ""
