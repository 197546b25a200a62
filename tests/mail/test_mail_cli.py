"""`flask mail reminders` and `flask mail send --once` on the demo, to a real SMTP server."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app import clock
from models import Grant, Meeting, ProjectReport, db
from models.mail import MailKind, MailStatus, OutboxMail

from ..conftest import as_user, html_text


@pytest.fixture
def mail_url(app: Flask, smtp_server: Any) -> Any:
    before = app.config.get("MAIL_URL", "")
    app.config["MAIL_URL"] = smtp_server.url
    yield smtp_server
    app.config["MAIL_URL"] = before


def test_demo_reminders_reach_each_overdue_report_s_projektagare(
    app: Flask, demo: dict[str, Any], runner: Any, mail_url: Any
) -> None:
    with app.app_context():
        today = clock.today()
        overdue = [
            (r.id, r.grant.insats_type, r.grant.name)
            for r in db.session.scalars(select(ProjectReport).join(Grant))
            if r.is_overdue(today) and r.grant.status == "active"
        ]
    assert overdue, "the demo has overdue reports"
    result = runner.invoke(args=["mail", "reminders"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["mail", "reminders"]).output.startswith("0 ")  # idempotent
    result = runner.invoke(args=["mail", "send", "--once"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        for report_id, insats_type, grant_name in overdue:
            mails = db.session.scalars(
                select(OutboxMail).where(
                    OutboxMail.kind == MailKind.REPORT_REMINDER,
                    OutboxMail.related_id == report_id,
                )
            ).all()
            # The förbund's own insats has no projektägare but the förbundschef.
            owners = [m for m in mails if "chef@" not in m.recipient or insats_type == "own"]
            assert owners, f"no reminder to the projektägare of {grant_name}"
            assert any(m.recipient == "chef@example.com" for m in mails)
            for mail in owners:
                assert mail.status == MailStatus.SENT
                [message] = [m for m in mail_url.to(mail.recipient) if m["Subject"] == mail.subject]
                assert message["Subject"].startswith("Försenad ")
                assert grant_name in message["Subject"]
                assert "dagar försenad" in message.get_body(("plain",)).get_content()
        assert not db.session.scalars(
            select(OutboxMail).where(OutboxMail.status != MailStatus.SENT)
        ).all()


def test_send_without_mail_url_says_so(app: Flask, runner: Any) -> None:
    app.config["MAIL_URL"] = ""
    result = runner.invoke(args=["mail", "send", "--once"])
    assert result.exit_code != 0
    assert "MAIL_URL är inte satt" in result.output


def test_the_kallelse_of_an_open_demo_meeting_is_sent_from_the_meeting_page(
    app: Flask, demo: dict[str, Any], runner: Any, mail_url: Any
) -> None:

    with app.app_context():
        meeting = db.session.scalars(
            select(Meeting)
            .where(Meeting.adjusted_on.is_(None), Meeting.agenda_fixed_at.is_not(None))
            .order_by(Meeting.date)
        ).first()
        assert meeting is not None, "the demo has an open meeting with its agenda fixed"
        meeting_id, label = meeting.id, meeting.label
    chef = as_user(app, "chef@example.com")
    page = chef.get(f"/meetings/{meeting_id}")
    assert "Skicka kallelsen med e-post" in html_text(page)
    response = chef.post(f"/meetings/{meeting_id}/kallelse/send")
    assert response.status_code == 302
    with app.app_context():
        rows = db.session.scalars(
            select(OutboxMail).where(
                OutboxMail.kind == MailKind.KALLELSE, OutboxMail.related_id == meeting_id
            )
        ).all()
    assert len(rows) >= 2
    assert all(r.subject == f"Kallelse till styrelsens sammanträde {label}" for r in rows)
    assert runner.invoke(args=["mail", "send", "--once"]).exit_code == 0
    for row in rows:
        [message] = [m for m in mail_url.to(row.recipient) if m["Subject"] == row.subject]
        assert "Dagordning" in message.get_body(("plain",)).get_content()
    text = html_text(chef.get(f"/meetings/{meeting_id}"))
    assert rows[0].recipient in text
    assert "Skicka reviderad kallelse" in text


def test_a_sender_address_with_a_line_break_stops_the_sender(
    app: Flask, runner: Any, mail_url: Any
) -> None:
    app.config["MAIL_FROM"] = "kansli@example.com\r\nBcc: x@example.com"
    try:
        result = runner.invoke(args=["mail", "send", "--once"])
    finally:
        app.config["MAIL_FROM"] = "noreply@samordna.local"
    assert result.exit_code != 0
    assert "MAIL_FROM är ingen giltig e-postadress" in result.output
    assert mail_url.all() == []
