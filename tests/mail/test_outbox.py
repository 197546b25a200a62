"""The outbox: mail is a row of the change's transaction, delivered to a real SMTP server."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy import func, select

from app.services.grants import payments
from app.services.notifications import delivery, outbox, reminders
from app.services.notifications.outbox import Message, Recipient
from models import AuditEntry, Forbund, db
from models.mail import MailKind, MailStatus, OutboxMail

from ..unit.test_grants_factories import grant, org, user
from .conftest import Inbox, _Handler, free_port

SENDER = delivery.Sender("Västerbergslagens samordningsförbund", "kansli@example.com")


def _forbund() -> None:
    db.session.add(Forbund(id=1, name="Västerbergslagens samordningsförbund"))


def _message(kind: str = MailKind.PAYMENT_NOTICE, subject: str = "Utbetalning") -> Message:
    return Message(kind=kind, subject=subject, text="Hej!\n", html="<p>Hej!</p>")


def _count() -> int:
    return db.session.scalar(select(func.count(OutboxMail.id))) or 0


def test_a_payment_queues_its_notice_and_a_rollback_leaves_no_mail(app_ctx: Flask) -> None:
    _forbund()
    owner = org()
    user("projektagare", owner)
    g = grant(owner, years={2026: "100000"})
    db.session.commit()
    payments.record_payment(
        g, year=2026, amount=Decimal("25000"), paid_on=date(2026, 3, 1), user=None
    )
    assert _count() == 1
    db.session.rollback()
    assert _count() == 0
    payments.record_payment(
        g, year=2026, amount=Decimal("25000"), paid_on=date(2026, 3, 1), user=None
    )
    db.session.commit()
    mail = db.session.scalars(select(OutboxMail)).one()
    assert mail.kind == MailKind.PAYMENT_NOTICE
    assert mail.recipient == f"projektagare-{owner.id}@example.com"
    assert mail.subject == "Utbetalning till Vägen in"
    assert "25\u00a0000\u00a0kr" in mail.text and "Utbetalningsdag: 2026-03-01" in mail.text
    assert mail.status == MailStatus.QUEUED


def test_sending_delivers_swedish_text_and_html_and_audits_it(
    app_ctx: Flask, smtp_server: Any
) -> None:
    _forbund()
    outbox.queue(_message(), [Recipient("per@example.com", "Per Ström")])
    db.session.commit()
    result = delivery.send_pass(delivery.SmtpSettings.from_url(smtp_server.url), SENDER)
    assert (result.sent, result.retried, result.failed) == (1, 0, 0)
    [message] = smtp_server.to("per@example.com")
    assert message["From"].addresses[0].display_name == "Västerbergslagens samordningsförbund"
    assert message["From"].addresses[0].addr_spec == "kansli@example.com"
    assert message["To"].addresses[0].addr_spec == "per@example.com"
    assert message["Subject"] == "Utbetalning"
    assert message.get_body(("plain",)).get_content().strip() == "Hej!"
    assert message.get_body(("html",)).get_content().strip() == "<p>Hej!</p>"
    mail = db.session.scalars(select(OutboxMail)).one()
    assert mail.status == MailStatus.SENT and mail.sent_at is not None and mail.attempts == 1
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.table_name == "outbox_mail")
    ).one()
    assert entry.row_id == str(mail.id)
    assert entry.changes["status"] == ["sending", "sent"]
    assert entry.changes["recipient"] == [None, "per@example.com"]
    # A second pass finds nothing to send: each mail goes once.
    assert delivery.send_pass(delivery.SmtpSettings.from_url(smtp_server.url), SENDER).claimed == 0
    assert len(smtp_server.all()) == 1


def test_smtp_down_keeps_the_mail_queued_with_the_error(app_ctx: Flask) -> None:
    outbox.queue(_message(), [Recipient("per@example.com")])
    db.session.commit()
    down = delivery.SmtpSettings.from_url(f"smtp://127.0.0.1:{free_port()}?starttls=0")
    result = delivery.send_pass(down, SENDER)
    assert (result.sent, result.retried) == (0, 1)
    mail = db.session.scalars(select(OutboxMail)).one()
    assert mail.status == MailStatus.QUEUED and mail.attempts == 1
    assert "SMTP" in mail.last_error and "refused" in mail.last_error.lower()
    assert mail.next_attempt_at > mail.created_at
    # Not due yet: the next pass leaves it alone (backoff).
    assert delivery.send_pass(down, SENDER).claimed == 0


def test_a_refused_recipient_is_failed_for_good(app_ctx: Flask, smtp_server: Any) -> None:
    mail = OutboxMail(
        kind=MailKind.PAYMENT_NOTICE,
        recipient="not an address",
        subject="x",
        text="x",
        html="",
        attachments=[],
    )
    db.session.add(mail)
    db.session.commit()
    result = delivery.send_pass(delivery.SmtpSettings.from_url(smtp_server.url), SENDER)
    assert result.failed == 1
    assert db.session.get(OutboxMail, mail.id).status == MailStatus.FAILED
    assert smtp_server.all() == []


@pytest.mark.parametrize("evil", ["Per\r\nBcc: victim@example.com", "Per\nX-Evil: 1", "Per\r"])
def test_cr_lf_in_every_header_field_cannot_inject_a_header(
    app_ctx: Flask, smtp_server: Any, evil: str
) -> None:
    _forbund()
    db.session.get(Forbund, 1).name = f"Förbund {evil}"
    outbox.queue(_message(subject=f"Ämne {evil}"), [Recipient("per@example.com", evil)])
    db.session.commit()
    sender = delivery.Sender(db.session.get(Forbund, 1).name, "kansli@example.com")
    assert delivery.send_pass(delivery.SmtpSettings.from_url(smtp_server.url), sender).sent == 1
    [message] = smtp_server.all()
    assert message["Bcc"] is None and message["X-Evil"] is None
    for header in ("Subject", "From", "To"):
        assert "\r" not in str(message[header]) and "\n" not in str(message[header])
    assert "Ämne Per" in message["Subject"]
    assert len(smtp_server.to("victim@example.com")) == 0


def test_an_address_with_a_line_break_is_never_queued(app_ctx: Flask) -> None:
    rows = outbox.queue(_message(), [Recipient("per@example.com\r\nBcc: x@example.com")])
    assert rows == [] and _count() == 0


def test_a_deactivated_user_gets_nothing(app_ctx: Flask) -> None:
    owner = org()
    account = user("projektagare", owner)
    account.active = False
    db.session.flush()
    assert outbox.queue(_message(), [Recipient(account.email)]) == []
    account.active = True
    db.session.flush()
    assert len(outbox.queue(_message(), [Recipient(account.email)])) == 1


def test_a_user_deactivated_after_queueing_gets_nothing_at_sending(
    app_ctx: Flask, smtp_server: Any
) -> None:
    _forbund()
    account = user("projektagare", org())
    outbox.queue(_message(), [Recipient(account.email)])
    account.active = False
    db.session.commit()
    result = delivery.send_pass(delivery.SmtpSettings.from_url(smtp_server.url), SENDER)
    assert (result.sent, result.failed) == (0, 1)
    assert smtp_server.all() == []
    mail = db.session.scalars(select(OutboxMail)).one()
    assert mail.status == MailStatus.FAILED and "avaktiverat" in mail.last_error


def test_a_kind_turned_off_is_not_sent_but_the_kallelse_always_is(app_ctx: Flask) -> None:
    account = user("styrelseledamot")
    outbox.set_preferences(account, [MailKind.DECISION])
    assert outbox.queue(_message(MailKind.PAYMENT_NOTICE), [Recipient(account.email)]) == []
    assert len(outbox.queue(_message(MailKind.DECISION), [Recipient(account.email)])) == 1
    assert len(outbox.queue(_message(MailKind.KALLELSE), [Recipient(account.email)])) == 1


def test_reminder_steps_before_on_the_day_and_weekly_while_overdue() -> None:
    due = date(2026, 9, 30)
    assert reminders.step_for(due, date(2026, 9, 15), 14) is None
    assert reminders.step_for(due, date(2026, 9, 16), 14) == "before"
    assert reminders.step_for(due, date(2026, 9, 30), 14) == "due"
    assert reminders.step_for(due, date(2026, 10, 6), 14) == "due"
    assert reminders.step_for(due, date(2026, 10, 7), 14) == "overdue-1"
    assert reminders.step_for(due, date(2026, 10, 14), 14) == "overdue-2"


def test_reminders_are_queued_once_per_step(app_ctx: Flask) -> None:
    _forbund()
    owner = org()
    user("projektagare", owner)
    chef = user("forbundschef")
    grant(owner, years={2026: "1000"}, report_dates=[("status", date(2026, 9, 30))])
    db.session.commit()
    today = date(2026, 10, 8)
    assert reminders.queue_due_reminders(today) == 2
    db.session.commit()
    assert reminders.queue_due_reminders(today) == 0
    assert reminders.queue_due_reminders(date(2026, 10, 10)) == 0  # same week
    assert reminders.queue_due_reminders(date(2026, 10, 14)) == 2  # the next week's step
    mails = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    assert {m.recipient for m in mails} == {f"projektagare-{owner.id}@example.com", chef.email}
    assert mails[0].subject == "Försenad lägesrapport för Vägen in: skulle ha lämnats 2026-09-30"
    assert "är 8 dagar försenad" in mails[0].text


class _RefusingBad(_Handler):
    """Refuses every recipient whose address starts with "bad" (550), accepts the rest."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("bad"):
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_recipient_does_not_hold_up_the_rest_of_the_batch(app_ctx: Flask) -> None:
    inbox = Inbox(port=free_port())
    controller = Controller(_RefusingBad(inbox), hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        outbox.queue(_message(), [Recipient("bad@example.com"), Recipient("good@example.com")])
        db.session.commit()
        result = delivery.send_pass(delivery.SmtpSettings.from_url(inbox.url), SENDER)
    finally:
        controller.stop()
    assert (result.sent, result.failed, result.retried) == (1, 1, 0)
    bad, good = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    assert bad.status == MailStatus.FAILED and "550" in bad.last_error
    assert good.status == MailStatus.SENT
    assert [m["To"].addresses[0].addr_spec for m in inbox.all()] == ["good@example.com"]
