"""Payments for a period as an SIE 4 file, so the accounts need no re-keying.

SIE is the Swedish exchange format for bookkeeping that Visma, Fortnox and other
systems import. Each payment becomes one verification (#VER) with two #TRANS rows:
the grant account debited, the bank credited; a correction (a negative payment)
reverses them, so every verification balances to the öre. The file is PC8
(code page 437) as the format prescribes; characters outside it become "?".

Every field that comes from data (names, the organisation number, account
numbers, texts) is written through :func:`_quote`: in double quotes, a quote or
backslash inside escaped with a backslash, and no control character (the format
allows none; a CR or LF would start a new line, a new record). So no stored
value can add a line such as ``#KONTO 9999`` to the file. Fields the code makes
from typed values (dates, amounts, the verification number) carry no text and
stay bare, as the format's examples write them.
Free of Flask and SQLAlchemy: it takes payment rows with ``paid_on``, ``amount``,
``reference``, ``reason`` and ``grant.name``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

SERIES = "U"  # utbetalningar: its own verification series, numbered from 1 per file


@dataclass(frozen=True)
class Ledger:
    """Who the file is for and which BAS accounts the payments go to."""

    name: str
    org_number: str
    grant_account: str
    bank_account: str
    grant_account_name: str = "Lämnade bidrag till insatser"
    bank_account_name: str = "Bank"


def _printable(text: object) -> str:
    """The text on one line: runs of whitespace (CR, LF, tab, …) become one space,
    other control characters (Unicode category Cc) are dropped."""
    flat = " ".join(str(text).split())
    return "".join(c for c in flat if unicodedata.category(c) != "Cc")


def _quote(text: object) -> str:
    """A SIE field: quoted, with quotes and backslashes escaped, on one line."""
    flat = _printable(text)
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _years(start: date, end: date) -> list[str]:
    """#RAR rows: 0 is the year of ``end``, -1 the one before, … back to ``start``'s."""
    return [
        f"#RAR {year - end.year} {year}0101 {year}1231"
        for year in range(end.year, start.year - 1, -1)
    ]


def verification_text(payment: Any) -> str:
    """The text of a payment's verification: what, for whom, which rekvisition."""
    parts = [f"Utbetalning {payment.grant.name} {payment.year}"]
    if payment.reference:
        parts.append(payment.reference)
    if payment.amount < 0 and payment.reason:
        parts.append(f"rättelse: {payment.reason}")
    return ", ".join(parts)


def sie_bytes(
    payments: Sequence[Any],
    ledger: Ledger,
    *,
    start: date,
    end: date,
    generated: date,
    generated_by: str = "",
) -> bytes:
    """The whole SIE 4 file for the payments dated ``start``–``end``."""
    lines = [
        "#FLAGGA 0",
        '#PROGRAM "Samordna" 1.0',
        "#FORMAT PC8",
        f"#GEN {_day(generated)} {_quote(generated_by)}",
        "#SIETYP 4",
        f"#FNAMN {_quote(ledger.name)}",
    ]
    if ledger.org_number:
        lines.append(f"#ORGNR {_quote(ledger.org_number)}")
    lines += _years(start, end)
    bank, grant = _quote(ledger.bank_account), _quote(ledger.grant_account)
    lines += [
        f"#KONTO {bank} {_quote(ledger.bank_account_name)}",
        f"#KONTO {grant} {_quote(ledger.grant_account_name)}",
    ]
    for number, payment in enumerate(payments, start=1):
        amount = Decimal(payment.amount)
        lines += [
            f"#VER {SERIES} {number} {_day(payment.paid_on)} {_quote(verification_text(payment))}",
            "{",
            f"   #TRANS {grant} {{}} {_amount(amount)}",
            f"   #TRANS {bank} {{}} {_amount(-amount)}",
            "}",
        ]
    return ("\r\n".join(lines) + "\r\n").encode("cp437", errors="replace")
