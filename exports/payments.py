"""Payments for a period (utbetalningar): every payment, and the sum per grant and year.

Built from payment rows (``models.grant_followup.Payment`` or anything with the
same attributes, with ``grant.name`` and ``grant.owner.name``), free of Flask.
Corrections are negative rows with their reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from .workbook import Column, Sheet, frame_of

TITLE = "Utbetalningar"
PAYMENT_COLUMNS = [
    Column("paid_on", "Datum", "date"),
    Column("name", "Insats"),
    Column("owner", "Projektägare"),
    Column("year", "Bidragsår", "year"),
    Column("amount", "Belopp", "money"),
    Column("covered_from", "Avser från", "date"),
    Column("covered_to", "Avser till", "date"),
    Column("reference", "Referens"),
    Column("reason", "Orsak till rättelse", width=40),
]
SUM_COLUMNS = [
    Column("name", "Insats"),
    Column("owner", "Projektägare"),
    Column("year", "Bidragsår", "year"),
    Column("amount", "Utbetalt i perioden", "money"),
]


def payment_records(payments: Sequence[Any]) -> list[dict[str, Any]]:
    """One record per payment, in date order as given."""
    return [
        {
            "paid_on": p.paid_on,
            "name": p.grant.name,
            "owner": p.grant.owner.name,
            "year": p.year,
            "amount": p.amount,
            "covered_from": p.covered_from,
            "covered_to": p.covered_to,
            "reference": p.reference,
            "reason": p.reason,
        }
        for p in payments
    ]


def payments_sheets(payments: Sequence[Any], *, start: date, end: date) -> list[Sheet]:
    """The period's payments and their sum per grant and grant year."""
    period = f"{start.isoformat()} – {end.isoformat()}"
    sums: dict[tuple[str, str, int], Decimal] = {}
    for p in payments:
        key = (p.grant.name, p.grant.owner.name, p.year)
        sums[key] = sums.get(key, Decimal("0.00")) + p.amount
    summary = [
        {"name": n, "owner": o, "year": y, "amount": a} for (n, o, y), a in sorted(sums.items())
    ]
    return [
        Sheet(
            TITLE,
            frame_of(payment_records(payments), PAYMENT_COLUMNS),
            list(PAYMENT_COLUMNS),
            heading=f"{TITLE} {period}",
            total_row=True,
        ),
        Sheet(
            "Per insats",
            frame_of(summary, SUM_COLUMNS),
            list(SUM_COLUMNS),
            heading=f"{TITLE} per insats {period}",
            total_row=True,
            landscape=False,
        ),
    ]
