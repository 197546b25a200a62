"""Payments: the ceiling per grant year, corrections, and that payments are never edited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask

from app.services.grants import lifecycle as grants
from app.services.grants import payments
from app.services.grants.payments import PaymentError
from app.services.grants.rules import GrantError
from models import db
from models.grant_followup import Payment, PaymentIsImmutable

from .test_grants_factories import grant

D = Decimal


def pay(g, amount: str, year: int = 2026, **kwargs) -> Payment:
    return payments.record_payment(
        g,
        year=year,
        amount=D(amount),
        paid_on=date(2026, 3, 1),
        reference="Rekv 1",
        user=None,
        **kwargs,
    )


def test_paying_the_exact_last_krona_is_accepted(app_ctx: Flask) -> None:
    g = grant(years={2026: "100000"})
    pay(g, "99999.00")
    pay(g, "1.00")
    assert payments.paid_for(g, 2026) == D("100000.00")


def test_one_ore_more_than_granted_is_refused_with_the_figures(app_ctx: Flask) -> None:
    g = grant(years={2026: "100000"})
    pay(g, "99999.99")
    with pytest.raises(PaymentError) as refused:
        pay(g, "0.02")
    message = str(refused.value)
    assert "0,02\xa0kr" in message  # the amount asked for
    assert "99\xa0999,99\xa0kr" in message  # already paid
    assert "100\xa0000\xa0kr" in message  # granted
    assert "0,01\xa0kr" in message  # what remains
    assert payments.paid_for(g, 2026) == D("99999.99")


def test_ceiling_is_per_year(app_ctx: Flask) -> None:
    g = grant(years={2025: "1000", 2026: "500"})
    pay(g, "1000", year=2025)
    with pytest.raises(PaymentError):
        pay(g, "501", year=2026)
    pay(g, "500", year=2026)
    assert grants.paid_in_year(2025) == D("1000.00") and grants.paid_in_year(2026) == D("500.00")


def test_no_payment_for_a_year_without_grant(app_ctx: Flask) -> None:
    g = grant(years={2026: "1000"})
    with pytest.raises(PaymentError, match="2027"):
        pay(g, "10", year=2027)


def test_correction_is_a_negative_payment_with_a_reason(app_ctx: Flask) -> None:
    g = grant(years={2026: "1000"})
    first = pay(g, "1000")
    with pytest.raises(PaymentError, match="orsak"):
        pay(g, "-200")
    correction = pay(g, "-200", reason="Fel belopp på rekvisitionen", corrects=first)
    assert correction.is_correction and correction.corrects_id == first.id
    assert payments.paid_for(g, 2026) == D("800.00")
    pay(g, "200")  # the room is back after the correction
    assert payments.paid_for(g, 2026) == D("1000.00")
    assert [p.amount for p in payments.payments_for(g)] == [D("1000.00"), D("-200.00"), D("200.00")]


def test_correction_cannot_take_paid_below_zero(app_ctx: Flask) -> None:
    g = grant(years={2026: "1000"})
    pay(g, "100")
    with pytest.raises(PaymentError):
        pay(g, "-100.01", reason="för mycket")


def test_zero_is_not_a_payment(app_ctx: Flask) -> None:
    g = grant()
    with pytest.raises(PaymentError):
        pay(g, "0")


def test_float_is_refused(app_ctx: Flask) -> None:
    g = grant()
    with pytest.raises(TypeError):
        payments.record_payment(g, year=2026, amount=0.1, paid_on=date(2026, 1, 1), user=None)


def test_a_recorded_payment_cannot_be_changed_or_deleted(app_ctx: Flask) -> None:
    g = grant()
    payment = pay(g, "100")
    db.session.commit()
    payment.amount = D("50")
    with pytest.raises(PaymentIsImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(Payment, payment.id))
    with pytest.raises(PaymentIsImmutable):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(Payment, payment.id).amount == D("100.00")


def test_closed_grant_refuses_payments(app_ctx: Flask) -> None:
    g = grant()
    g.status = "closed"
    with pytest.raises(GrantError, match="avslutat"):
        pay(g, "1")


def test_payments_by_month_follow_the_payment_date(app_ctx: Flask) -> None:
    g = grant(years={2026: "10000"})
    for month, amount in ((1, "1000"), (1, "500"), (4, "2500")):
        payments.record_payment(
            g, year=2026, amount=D(amount), paid_on=date(2026, month, 15), user=None
        )
    payments.record_payment(
        g,
        year=2026,
        amount=D("-500"),
        paid_on=date(2026, 4, 20),
        reason="dubbelbetalning",
        user=None,
    )
    months = grants.payments_by_month(2026)
    assert months[1] == D("1500.00") and months[4] == D("2000.00") and months[12] == D("0.00")
    assert sum(months.values()) == grants.paid_in_year(2026) == D("3500.00")
