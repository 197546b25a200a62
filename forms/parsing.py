"""Reading money and percent typed the Swedish way.

People copy amounts from Word and Excel: "512 000 kr", "1 234 567,5", with
ordinary, non-breaking or thin spaces as thousands separators and a decimal
comma. This module turns such text into ``Decimal`` (never float) or says, in
Swedish, what is wrong, so a form can show the message beside the field.
It is free of Flask so that services, imports and tests can use it too.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

#: Space-like characters accepted as thousands separators.
_SPACES = "\u0020\u00a0\u2009\u202f\u2007"
_SPACE_RE = re.compile(f"[{_SPACES}]+")
_MINUS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (Word's autocorrect)
_MONEY_RE = re.compile(r"^(?P<sign>-)?(?P<int>\d+)(?:[,.](?P<frac>\d+))?$")
_GROUPED_RE = re.compile(r"^\d{1,3}( \d{3})+([,.]\d+)?$")

MAX_INTEGER_DIGITS = 12
MONEY_DECIMALS = 2


class ParseError(ValueError):
    """Input that is not an amount or a percentage; ``str()`` is the Swedish message."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))


def _normalise(text: str) -> str:
    text = text.strip()
    for minus in _MINUS:
        text = text.replace(minus, "-")
    return _SPACE_RE.sub(" ", text)


def parse_money(
    text: str,
    *,
    allow_negative: bool = False,
    decimals: int = MONEY_DECIMALS,
) -> Decimal:
    """Parse "512 000 kr", "512000,50" or "1 234 567,5" into a ``Decimal``.

    Spaces are accepted only as thousands separators in groups of three, so a
    typo like "12 34" is refused rather than read as 1 234. A trailing "kr" or
    ":-" is allowed. At most ``decimals`` decimals (öre) and 12 integer digits.
    """
    cleaned = _normalise(text)
    lowered = cleaned.lower()
    for suffix in ("kronor", "kr.", "kr", "sek", ":-"):
        if lowered.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].rstrip()
            break
    if not cleaned:
        raise ParseError(_l("Enter an amount in kronor, e.g. 512 000 or 512 000,50."))
    negative = cleaned.startswith("-")
    body = cleaned[1:].lstrip() if negative else cleaned
    if not re.fullmatch(r"[\d ,.]+", body):  # letters ("tolv tusen", "4OO 000") before spaces
        raise ParseError(_l("Enter an amount in kronor using digits, e.g. 512 000."))
    if " " in body and not _GROUPED_RE.match(body):
        raise ParseError(_l("Spaces may only separate thousands, e.g. 1 234 567,50."))
    compact = body.replace(" ", "")
    match = _MONEY_RE.match(("-" if negative else "") + compact)
    if match is None:
        if compact.count(",") + compact.count(".") > 1:
            raise ParseError(_l("Use one decimal comma only, e.g. 512 000,50."))
        raise ParseError(_l("Enter an amount in kronor using digits, e.g. 512 000."))
    integer, fraction = match.group("int"), match.group("frac") or ""
    if len(integer.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise ParseError(_l("The amount is too large (at most 12 digits before the comma)."))
    if len(fraction) > decimals:
        raise ParseError(_l("At most two decimals (öre) are allowed."))
    if negative and not allow_negative:
        raise ParseError(_l("The amount cannot be negative."))
    try:
        value = Decimal(f"{integer}.{fraction or '0'}")
    except InvalidOperation as error:  # pragma: no cover - the regex already guards
        raise ParseError(_l("Enter an amount in kronor using digits, e.g. 512 000.")) from error
    value = value.quantize(Decimal(1).scaleb(-decimals))
    return -value if negative else value


def parse_percent(
    text: str,
    *,
    minimum: Decimal = Decimal(0),
    maximum: Decimal = Decimal(100),
    decimals: int = 2,
) -> Decimal:
    """Parse "30", "30 %" or "12,5" into percent as ``Decimal`` (30 means 30 %)."""
    cleaned = _normalise(text).replace(" ", "")
    cleaned = cleaned.removesuffix("%").removesuffix("procent")
    match = re.fullmatch(r"(?P<sign>-)?(?P<int>\d{1,6})(?:[,.](?P<frac>\d+))?", cleaned)
    if match is None:
        raise ParseError(_l("Enter a percentage, e.g. 30 or 12,5."))
    fraction = match.group("frac") or ""
    if len(fraction) > decimals:
        raise ParseError(_l("At most two decimals are allowed in a percentage."))
    value = Decimal(f"{match.group('int')}.{fraction or '0'}")
    if match.group("sign"):
        value = -value
    if value < minimum or value > maximum:
        raise ParseError(
            _l(
                "The percentage must be between %(low)s and %(high)s.",
                low=_plain(minimum),
                high=_plain(maximum),
            )
        )
    return value.quantize(Decimal(1).scaleb(-decimals))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def format_money_input(value: Decimal | None) -> str:
    """Show an amount in an input box the way it is typed: "512 000" or "512 000,50"."""
    if value is None:
        return ""
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    integer, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", " ")
    if fraction and int(fraction):
        return f"{sign}{grouped},{fraction}"
    return f"{sign}{grouped}"
