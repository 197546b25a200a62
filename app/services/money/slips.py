"""Warnings on likely slips: figures that are allowed but probably typed wrong.

A monthly salary typed where the annual one belongs, a line of 0 kr or an indicator
result ten times its target are all valid input, so nothing here refuses a save.
"1.000" never was valid (a dot is a decimal point, at most two decimals); for it the
amount field shows what to type instead of "at most two decimals". Each rule is a
plain function that returns the Swedish (translated) message to show, or None; views
only display what they get.
"""

from __future__ import annotations

import re
from decimal import Decimal

from flask_babel import gettext as _

#: Below this an annual salary at full time is most likely a monthly figure.
LOW_ANNUAL_SALARY = Decimal(150_000)
#: A result this many times its target is most likely a slip (an extra zero).
RESULT_FACTOR = Decimal(10)
#: "1.000" or "12.500": a dot followed by exactly three digits and nothing else.
_DOT_THOUSANDS_RE = re.compile(r"^\s*-?\d{1,3}\.\d{3}\s*(kr|kronor|sek|:-)?\s*$", re.IGNORECASE)


def low_annual_salary(annual_salary: Decimal | None) -> str | None:
    """A salary under 150 000 kr a year at full time: a monthly salary, probably."""
    if annual_salary is None or annual_salary <= 0 or annual_salary >= LOW_ANNUAL_SALARY:
        return None
    return _(
        "The annual salary is under 150 000 kr: is it a monthly salary? "
        "Enter the monthly salary × 12."
    )


def zero_amount(amount: Decimal | None) -> str | None:
    """A line of 0 kr adds nothing: a missing figure, probably."""
    if amount is None or amount != 0:
        return None
    return _("The line is 0 kr: was the amount left out?")


def result_far_above_target(result: Decimal | None, target: Decimal | None) -> str | None:
    """An indicator result at least ten times its target: an extra zero, probably."""
    if result is None or target is None or target <= 0:
        return None
    if result < target * RESULT_FACTOR:
        return None
    return _("The result is ten times the target or more: check the figure.")


def dot_thousands(text: str | None) -> str | None:
    """ "1.000": a dot used for thousands, as in Excel's English format.

    The parser reads a dot as a decimal point and allows two decimals, so such an
    amount was refused with "at most two decimals"; this says what to type instead.
    """
    if not text or not _DOT_THOUSANDS_RE.match(text):
        return None
    typed = text.strip()
    match = re.match(r"-?(\d{1,3})\.(\d{3})", typed)
    grouped = f"{match.group(1)} {match.group(2)}" if match else typed
    return _(
        "%(typed)s is ambiguous: write %(grouped)s for %(grouped)s kronor; "
        "öre go after a decimal comma, e.g. 1,50.",
        typed=typed,
        grouped=grouped,
    )


def messages(*found: str | None) -> list[str]:
    """The warnings among ``found`` (the rules above give None when all is well)."""
    return [message for message in found if message]
