"""How numbers and dates look in the UI: the Swedish way, whatever the UI language.

Amounts are documents' figures ("512 000 kr"), so they keep Swedish grouping
(U+00A0 no-break spaces) even when a user has chosen English menus.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from markupsafe import Markup, escape

from .clock import STOCKHOLM

NUMBER_LOCALE = "sv_SE"


def _grouped(amount: Decimal, digits: int) -> str:
    """Swedish grouping with a fixed number of decimals: '-1 234 567,50'.

    Written out rather than Babel's ``format_decimal``, whose general pattern machinery
    is slow for the hundreds of amounts a page formats. Same result as Babel's sv_SE
    (half-even rounding), except that an amount rounding to zero shows no minus sign,
    where Babel shows "-0"; ``tests/unit/test_formatting.py`` checks it against Babel on
    generated values.
    """
    text = f"{amount:,.{digits}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    return text.replace(",", "\xa0").replace(".", ",")


def sek(value: Decimal | int | None, ore: bool | None = None) -> str:
    """'512 000 kr'; öre shown only when present (or forced with ``ore=True``)."""
    if value is None:
        return ""
    amount = Decimal(value)
    if ore is None:
        ore = amount != amount.to_integral_value()
    return _grouped(amount, 2 if ore else 0) + "\xa0kr"


def number(value: Decimal | int | None, digits: int = 0) -> str:
    """Grouped number without unit, e.g. '26 000'."""
    if value is None:
        return ""
    return _grouped(Decimal(value), digits)


def percent(value: Decimal | int | None, digits: int = 1) -> str:
    """'30 %' or '12,5 %' for a value given in percent (not as a fraction): at most
    ``digits`` decimals, trailing zeros dropped, as Babel's sv_SE pattern ``#,##0.##``
    gives (checked against it in tests/unit/test_formatting.py), through ``_grouped``."""
    if value is None:
        return ""
    text = _grouped(Decimal(value), digits)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
        if text in ("-0", "-"):
            text = "0"
    return text + "\xa0%"


def isodate(value: date | datetime | None) -> str:
    """Dates as 2026-11-22, the Swedish standard."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(STOCKHOLM).date()
    return value.isoformat()


def isodatetime(value: datetime | None) -> str:
    """Local Stockholm time as '2026-11-22 14:05'."""
    if value is None:
        return ""
    return value.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def stamp(value: datetime | None) -> str:
    """When something happened, in a sentence: '2026-12-04 kl. 17.57' (Stockholm time)."""
    if value is None:
        return ""
    local = value.astimezone(STOCKHOLM)
    return f"{local:%Y-%m-%d} kl. {local:%H.%M}"


def money_cell(value: Decimal | int | None) -> Markup:
    """A right-aligned table cell with an amount in kronor.

    A filter (``amount|money_cell``) rather than a Jinja macro or a global: budget
    tables show dozens of these, and a filter is a plain Python call that Jinja makes
    directly, with no macro frame or context lookup.
    """
    return Markup(f'<td class="text-end text-nowrap">{escape(sek(value))}</td>')  # noqa: S704


def register(app: Flask) -> None:
    """Make the formatters Jinja filters."""
    app.jinja_env.filters.update(
        sek=sek,
        number=number,
        percent=percent,
        isodate=isodate,
        isodatetime=isodatetime,
        money_cell=money_cell,
    )
