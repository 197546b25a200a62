"""Reading the figures a protocol writes in words: amounts ("350 000 kr") and citations.

The records check (``records_check.py``) compares what the protocol's text and the
grants' references say with what the records hold; these helpers turn the Swedish
text into numbers so that comparison is exact.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: "350 000 kr", "1 660 000,50 kr", "30000 kr" (spaces may be no-break spaces).
AMOUNT = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d{1,2}))?\s*kr\b")
#: "350 000 kr för 2026": an amount tied to a year.
AMOUNT_FOR_YEAR = re.compile(AMOUNT.pattern + r"\s+för\s+(?:år\s+)?(\d{4})\b")
#: "§ 31, Sammanträde 5/2024" (or the English "meeting" when written in English).
CITATION = re.compile(r"§\s*(\d+),\s*(?:[Ss]ammanträde|[Mm]eeting)\s+(\d+)/(\d{4})")
#: The verb of a decision that grants money.
GRANTS = re.compile(r"\bbevilja[rs]\b", re.IGNORECASE)


def _amount(whole: str, fraction: str | None) -> Decimal:
    digits = re.sub(r"\D", "", whole)
    return Decimal(f"{digits}.{(fraction or '0').ljust(2, '0')}")


def amounts_in(text: str) -> list[Decimal]:
    """Every amount in kronor the text names, in order."""
    return [_amount(m.group(1), m.group(2)) for m in AMOUNT.finditer(text or "")]


def amounts_by_year(text: str) -> dict[int, Decimal]:
    """Amounts the text ties to a year ("50 000 kr för 2026")."""
    found: dict[int, Decimal] = {}
    for match in AMOUNT_FOR_YEAR.finditer(text or ""):
        found[int(match.group(3))] = _amount(match.group(1), match.group(2))
    return found


def citations_in(text: str) -> list[tuple[int, int, int]]:
    """Every (§ number, meeting number, year) cited in the text."""
    return [(int(a), int(b), int(c)) for a, b, c in CITATION.findall(text or "")]


def says_granted(text: str) -> bool:
    """Whether the text grants money ("Styrelsen beviljar …")."""
    return bool(GRANTS.search(text or ""))


def head(name: str) -> str:
    """The part of an insats's name before a dash: "Trisam – samverkansteam" → "trisam"."""
    return re.split(r"\s+[–-]\s+|:", name or "", maxsplit=1)[0].strip().casefold()
