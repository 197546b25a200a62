"""Two payments racing for the last krona: exactly one wins, never an error.

PostgreSQL serialises them with a row lock; SQLite with ``BEGIN IMMEDIATE``, which
the app issues for the transactions of POST requests (each thread runs in one).
"""

from __future__ import annotations

import threading
import time
from datetime import date
from decimal import Decimal
from typing import Any

from flask import Flask

from app.services.grants import payments
from models import db
from models.grant import Grant

from .test_grants_factories import grant

D = Decimal


def test_two_payments_racing_for_the_last_krona(app: Flask, monkeypatch: Any) -> None:
    with app.app_context():
        g = grant(years={2026: "1000"})
        payments.record_payment(g, year=2026, amount=D("999"), paid_on=date(2026, 1, 5), user=None)
        db.session.commit()
        grant_id = g.id

    slow_sum = payments.paid_for

    def paid_for_slowly(grant_: Grant, year: int) -> Decimal:
        paid = slow_sum(grant_, year)
        time.sleep(0.3)  # without the lock both requests would read 999 here
        return paid

    monkeypatch.setattr(payments, "paid_for", paid_for_slowly)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def pay(reference: str) -> None:
        barrier.wait()
        with app.test_request_context(method="POST"):
            target = db.session.get(Grant, grant_id)
            try:
                payments.record_payment(
                    target,
                    year=2026,
                    amount=D("1.00"),
                    paid_on=date(2026, 2, 1),
                    reference=reference,
                    user=None,
                )
                db.session.commit()
                results.append("paid")
            except payments.PaymentError:
                db.session.rollback()
                results.append("refused")
            except Exception as error:  # reported by the assertion below
                db.session.rollback()
                results.append(repr(error))

    threads = [threading.Thread(target=pay, args=(f"Rekv {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["paid", "refused"]
    with app.app_context():
        assert payments.paid_for(db.session.get(Grant, grant_id), 2026) == D("1000.00")
