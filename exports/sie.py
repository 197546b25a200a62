"""Payments for a period as an SIE 4 file, so the accounts need no re-keying.

SIE is the Swedish exchange format for bookkeeping that Visma, Fortnox and other
systems import. Each payment becomes one verification (#VER) with two #TRANS rows:
the grant account debited, the bank credited; a correction (a negative payment)
reverses them, so every verification balances to the öre. The file is PC8
(code page 437) as the format prescribes; characters outside it become "?".
Free of Flask and SQLAlchemy: it takes payment rows with ``paid_on``, ``amount``,
``reference``, ``reason`` and ``grant.name``.
"""

from __future__ import annotations

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


def _quote(text: str) -> str:
    """A SIE string: quoted, with quotes and backslashes escaped, on one line."""
    flat = " ".join(str(text).split())
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
        lines.append(f"#ORGNR {ledger.org_number}")
    lines += _years(start, end)
    lines += [
        f"#KONTO {ledger.bank_account} {_quote(ledger.bank_account_name)}",
        f"#KONTO {ledger.grant_account} {_quote(ledger.grant_account_name)}",
    ]
    for number, payment in enumerate(payments, start=1):
        amount = Decimal(payment.amount)
        lines += [
            f"#VER {SERIES} {number} {_day(payment.paid_on)} {_quote(verification_text(payment))}",
            "{",
            f"   #TRANS {ledger.grant_account} {{}} {_amount(amount)}",
            f"   #TRANS {ledger.bank_account} {{}} {_amount(-amount)}",
            "}",
        ]
    return ("\r\n".join(lines) + "\r\n").encode("cp437", errors="replace")
