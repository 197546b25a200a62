"""A payment dated before the decision, or outside the grant's period plus 60 days,
needs a confirmation and a reason, stored on the payment and in the audit trail."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select

from app.services.grants import payments
from models import AuditEntry, db
from models.meeting import Decision, Meeting, Paragraph

from .test_grants_factories import grant

D = Decimal


def test_a_payment_before_the_decision_needs_a_confirmation_and_a_reason(app_ctx: Flask) -> None:
    g = grant(years={2026: "100000"})  # period 2026-01-01 – 2026-12-31
    decision = Decision(outcome="granted", delegated=True, decided_on=date(2026, 3, 10))
    db.session.add(decision)
    db.session.flush()
    g.decision_id = decision.id
    db.session.flush()
    db.session.refresh(g)
    assert payments.decision_date(g) == date(2026, 3, 10)
    with pytest.raises(payments.PaymentDateError, match="före beslutet \\(2026-03-10\\)"):
        payments.record_payment(g, year=2026, amount=D("100"), paid_on=date(2026, 3, 1), user=None)
    with pytest.raises(payments.PaymentDateError):
        payments.record_payment(
            g, year=2026, amount=D("100"), paid_on=date(2026, 3, 1), date_confirmed=True,
            date_reason="   ", user=None,
        )  # fmt: skip
    paid = payments.record_payment(
        g, year=2026, amount=D("100"), paid_on=date(2026, 3, 1), date_confirmed=True,
        date_reason="Förskott enligt ordförandebeslut", user=None,
    )  # fmt: skip
    assert paid.date_confirmed and paid.date_reason == "Förskott enligt ordförandebeslut"
    db.session.flush()
    audit = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.table_name == "payment", AuditEntry.row_id == str(paid.id)
        )
    )
    assert audit.changes["date_reason"] == [None, "Förskott enligt ordförandebeslut"]
    assert audit.changes["date_confirmed"] == [None, True]
    usual = payments.record_payment(
        g, year=2026, amount=D("100"), paid_on=date(2026, 3, 10), user=None
    )
    assert not usual.date_confirmed


def test_a_board_decision_is_dated_by_its_meeting(app_ctx: Flask) -> None:
    """The meeting's date is the decision's date, also when the meeting was moved after the
    decision was recorded (``decided_on`` keeps the day it was recorded for)."""
    g = grant(years={2026: "100000"})
    meeting = Meeting(year=2026, number=3, date=date(2026, 4, 20), place="Ludvika")
    item = Paragraph(meeting=meeting, year=2026, number=7, kind="application", title="X")
    decision = Decision(outcome="granted", paragraph=item, decided_on=date(2026, 4, 13))
    db.session.add_all([meeting, item, decision])
    db.session.flush()
    g.decision_id = decision.id
    db.session.flush()
    db.session.refresh(g)
    assert payments.decision_date(g) == date(2026, 4, 20)
    with pytest.raises(payments.PaymentDateError, match="före beslutet \\(2026-04-20\\)"):
        payments.record_payment(g, year=2026, amount=D("100"), paid_on=date(2026, 4, 15), user=None)
    assert decision.citation == "§ 7, Sammanträde 3/2026"
    delegated = Decision(outcome="granted", delegated=True, decided_on=date(2026, 4, 2))
    with force_locale("sv"):
        assert delegated.citation == "Delegationsbeslut 2026-04-02"
    assert delegated.day == date(2026, 4, 2)


@pytest.mark.parametrize(
    ("day", "unusual"),
    [
        (date(2025, 11, 2), False),  # 60 days before the period
        (date(2025, 11, 1), True),
        (date(2027, 3, 1), False),  # 59 days after
        (date(2027, 3, 2), True),  # 61 days after
    ],
)
def test_the_tolerance_is_sixty_days(app_ctx: Flask, day: date, unusual: bool) -> None:
    g = grant(years={2026: "100000"})
    assert bool(payments.unusual_date(g, day)) is unusual
