"""Payments of one fiscal year as an SIE 4 file, so the accounts need no re-keying.

SIE is the Swedish exchange format for bookkeeping that Visma, Fortnox and other
systems import. Each payment becomes one verification (#VER): the cost debited, the
bank credited; a correction (a negative payment) reverses them, so every verification
balances to the öre.

* **Which cost account.** A payment to another organisation's insats is a grant paid
  out: the grant account (default 4990, lämnade bidrag). A payment for the förbund's
  own insats (``insats_type == "own"``: a processledare it employs, its premises …) is
  the förbund's own cost: it is split over the cost categories of the grant's budget
  for that year (in proportion, to the öre, the rest to the largest) and each part
  goes to the category's account (``Ledger.cost_accounts``, kept under Inställningar).
* **A dimension per insats.** ``#DIM 6 "Projekt"`` (dimension 6 is the SIE standard's
  project), one ``#OBJEKT 6 "<grant id>" "<name>"`` per insats in the file, and every
  cost row carries its object (``#TRANS 4990 {6 "12"} 1000.00``) so the bookkeeping
  can follow each insats. The bank row has none.
* **One fiscal year per file** (the calendar year): ``#RAR 0`` only; a period across
  a new year is refused with ``ValueError``.
* **PC8** (code page 437) as the format prescribes. Characters outside it are
  transliterated (– and — become -, “ ” become ", € becomes EUR, é keeps its e …)
  or, when nothing is close, left out; never "?".

Every field that comes from data (names, the organisation number, account
numbers, texts) is written through :func:`_quote`: in double quotes, a quote or
backslash inside escaped with a backslash, and no control character (the format
allows none; a CR or LF would start a new line, a new record). So no stored
value can add a line such as ``#KONTO 9999`` to the file. Fields the code makes
from typed values (dates, amounts, the verification number) carry no text and
stay bare, as the format's examples write them.
Free of Flask and SQLAlchemy: it takes payment rows with ``paid_on``, ``amount``,
``year``, ``reference``, ``reason`` and ``grant`` (``name``, and if present ``id``,
``insats_type`` and ``budget_lines`` with ``year``, ``category`` and ``amount``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

SERIES = "U"  # utbetalningar: its own verification series, numbered from 1 per file
PROJECT_DIM = 6  # SIE's reserved dimension for projects
OWN = "own"
OTHER = "other"
CENT = Decimal("0.01")
#: Characters outside code page 437 with a close counterpart inside it.
TRANSLITERATION = {
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2026": "...", "\u20ac": "EUR",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u00d8": "O", "\u00f8": "o",
    "\u00d0": "D", "\u00de": "Th", "\u00fe": "th", "\u0141": "L",
    "\u0142": "l", "\u00b4": "'", "\u2022": "*", "\u00ad": "", "\u200b": "",
}  # fmt: skip


@dataclass(frozen=True)
class Ledger:
    """Who the file is for and which BAS accounts the payments go to.

    ``cost_accounts`` maps a cost category to (account, name) for the förbund's own
    insatser; a category missing from it (or an empty mapping) uses the grant account.
    """

    name: str
    org_number: str
    grant_account: str
    bank_account: str
    grant_account_name: str = "Lämnade bidrag till insatser"
    bank_account_name: str = "Bank"
    cost_accounts: Mapping[str, tuple[str, str]] = field(default_factory=dict)


def pc8(text: str) -> str:
    """Text that code page 437 can hold: close characters for the rest, never '?'."""
    out = []
    for char in text:
        if _in_cp437(char):
            out.append(char)
        elif char in TRANSLITERATION:
            out.append(TRANSLITERATION[char])
        elif char.isspace():
            out.append(" ")  # a line or paragraph separator is still a space between words
        else:
            base = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in base if _in_cp437(c) and not unicodedata.combining(c)))
    return "".join(out)


def _in_cp437(char: str) -> bool:
    try:
        char.encode("cp437")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: object) -> str:
    """The text on one line: runs of whitespace (CR, LF, tab, …) become one space,
    other control characters (Unicode category Cc) are dropped."""
    flat = " ".join(str(text).split())
    return "".join(c for c in flat if unicodedata.category(c) != "Cc")


def _quote(text: object) -> str:
    """A SIE field: quoted, with quotes and backslashes escaped, on one line, in PC8."""
    flat = _printable(pc8(str(text)))
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _fiscal_year(start: date, end: date) -> str:
    """The one #RAR row: the calendar year both dates fall in."""
    if start.year != end.year:
        raise ValueError("an SIE file holds one fiscal year; split the period at the new year")
    return f"#RAR 0 {start.year}0101 {start.year}1231"


def _proportional(
    amount: Decimal, weights: Sequence[tuple[str, Decimal]]
) -> list[tuple[str, Decimal]]:
    """``amount`` split by the weights to the öre; the öre left over go to the largest parts."""
    total = sum((w for _k, w in weights), Decimal(0))
    if total <= 0:
        return []
    cents = int((amount / CENT).to_integral_value())
    exact = [(key, Decimal(cents) * weight / total) for key, weight in weights]
    parts = [[key, int(value)] for key, value in exact]  # int() truncates toward zero
    left = cents - sum(p[1] for p in parts)
    step = 1 if left > 0 else -1
    order = sorted(range(len(parts)), key=lambda i: -abs(exact[i][1] - parts[i][1]))
    for i in order[: abs(left)]:
        parts[i][1] += step
    return [(key, Decimal(value) * CENT) for key, value in parts if value]


def cost_rows(payment: Any, ledger: Ledger) -> list[tuple[str, Decimal]]:
    """The debit rows of a payment: (account, amount), adding up to the payment."""
    amount = Decimal(payment.amount).quantize(CENT)
    grant = payment.grant
    if getattr(grant, "insats_type", "") != OWN or not ledger.cost_accounts:
        return [(ledger.grant_account, amount)]
    weights: dict[str, Decimal] = {}
    for line in getattr(grant, "budget_lines", []):
        if line.year == payment.year and line.amount > 0:
            weights[line.category] = weights.get(line.category, Decimal(0)) + line.amount
    parts = _proportional(amount, sorted(weights.items())) or [(OTHER, amount)]
    rows: dict[str, Decimal] = {}
    for category, part in parts:
        account = ledger.cost_accounts.get(category, (ledger.grant_account, ""))[0]
        rows[account] = rows.get(account, Decimal(0)) + part
    return list(rows.items())


def _object(payment: Any) -> str | None:
    """The insats's object number (the grant's id), if the row has one."""
    grant_id = getattr(payment.grant, "id", None)
    return None if grant_id is None else str(grant_id)


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
    """The whole SIE 4 file for the payments dated ``start``–``end`` (one fiscal year)."""
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
    lines.append(_fiscal_year(start, end))
    bookings = [(payment, cost_rows(payment, ledger)) for payment in payments]
    names = {ledger.bank_account: ledger.bank_account_name}
    names[ledger.grant_account] = ledger.grant_account_name
    names |= {account: name for account, name in ledger.cost_accounts.values()}
    used = [ledger.bank_account, ledger.grant_account]
    for _payment, rows in bookings:
        used += [account for account, _amount in rows if account not in used]
    lines += [f"#KONTO {_quote(account)} {_quote(names.get(account, ''))}" for account in used]
    lines.append(f'#DIM {PROJECT_DIM} "Projekt"')
    objects: dict[str, str] = {}
    for payment, _rows in bookings:
        if (number := _object(payment)) is not None:
            objects.setdefault(number, payment.grant.name)
    lines += [
        f"#OBJEKT {PROJECT_DIM} {_quote(number)} {_quote(name)}"
        for number, name in sorted(objects.items(), key=lambda item: int(item[0]))
    ]
    bank = _quote(ledger.bank_account)
    for number, (payment, rows) in enumerate(bookings, start=1):
        amount = Decimal(payment.amount)
        insats = _object(payment)
        dims = "{}" if insats is None else f"{{{PROJECT_DIM} {_quote(insats)}}}"
        lines += [
            f"#VER {SERIES} {number} {_day(payment.paid_on)} {_quote(verification_text(payment))}",
            "{",
            *(f"   #TRANS {_quote(account)} {dims} {_amount(part)}" for account, part in rows),
            f"   #TRANS {bank} {{}} {_amount(-amount)}",
            "}",
        ]
    return ("\r\n".join(lines) + "\r\n").encode("cp437")
