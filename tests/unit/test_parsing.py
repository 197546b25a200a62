"""Swedish money and percent input: what is accepted, what is refused and why."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.parsing import ParseError, format_money_input, parse_money, parse_percent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("512 000", "512000.00"),
        ("512 000 kr", "512000.00"),
        ("512000,50", "512000.50"),
        ("1 234 567,5", "1234567.50"),
        ("1\u00a0234\u00a0567", "1234567.00"),
        ("1\u2009234\u202f567", "1234567.00"),
        ("  265000  ", "265000.00"),
        ("161 000:-", "161000.00"),
        ("0", "0.00"),
        ("999 999 999 999", "999999999999.00"),
        ("512000.5", "512000.50"),
    ],
)
def test_accepted_amounts(text: str, expected: str) -> None:
    assert parse_money(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("12,3,4", "decimal comma"),
        ("abc", "digits"),
        ("12a", "digits"),
        ("tolv tusen", "digits"),  # letters, not a misplaced space
        ("4OO 000", "digits"),  # the letter O
        ("1,5 milj", "digits"),
        ("1 000 000 000 000", "too large"),
        ("1234567890123", "too large"),
        ("-500", "negative"),
        ("12 34", "thousands"),
        ("1,234", "öre"),
        ("", "Enter an amount"),
        ("kr", "Enter an amount"),
    ],
)
def test_refused_amounts(text: str, fragment: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_money(text)
    assert fragment in str(caught.value)


def test_negative_allowed_where_it_makes_sense() -> None:
    assert parse_money("-1 500", allow_negative=True) == Decimal("-1500.00")
    assert parse_money("\u22121 500", allow_negative=True) == Decimal("-1500.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30", "30"), ("30 %", "30"), ("12,5", "12.5"), ("12.5%", "12.5"), ("100", "100")],
)
def test_accepted_percent(text: str, expected: str) -> None:
    assert parse_percent(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "101", "-1", "12,345", "3,2,1"])
def test_refused_percent(text: str) -> None:
    with pytest.raises(ParseError):
        parse_percent(text)


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_formatted_input_reads_back(value: Decimal) -> None:
    assert parse_money(format_money_input(value)) == value


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_parse_error(text: str) -> None:
    try:
        value = parse_money(text, allow_negative=True)
    except ParseError:
        return
    assert isinstance(value, Decimal)
