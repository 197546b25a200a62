"""The Utkorg and the mail choices under Mitt konto."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from app.services.notifications import delivery, outbox
from app.services.notifications.outbox import Message, Recipient
from models import BoardMember, User, db
from models.mail import MailKind, MailPreference, MailStatus, OutboxMail

from ..conftest import as_user, html_text
from .conftest import free_port


def test_smtp_down_the_change_saves_and_the_utkorg_shows_the_error(
    app: Flask, demo: dict[str, Any], runner: Any
) -> None:
    chef = as_user(app, "chef@example.com")
    with app.app_context():
        before = db.session.scalar(select(OutboxMail.id).order_by(OutboxMail.id.desc())) or 0
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{free_port()}?starttls=0"
    try:
        with app.app_context():
            outbox.queue(
                Message(MailKind.PAYMENT_NOTICE, "Utbetalning till Vägen in", "Hej", "<p>Hej</p>"),
                [Recipient("per@example.com", "Per")],
            )
            db.session.commit()
        result = runner.invoke(args=["mail", "send", "--once"])
        assert result.exit_code == 0, result.output
        text = html_text(chef.get("/admin/outbox"))
    finally:
        app.config["MAIL_URL"] = ""
    with app.app_context():
        mail = db.session.scalars(
            select(OutboxMail).where(
                OutboxMail.id > before, OutboxMail.recipient == "per@example.com"
            )
        ).one()
        assert mail.status == MailStatus.QUEUED and mail.attempts == 1
        assert mail.last_error.startswith("SMTP: ")
    assert "Utkorg" in text and "Utbetalning till Vägen in" in text
    assert mail.last_error.split(":")[1].strip()[:20] in text
    assert "E-post skickas via 127.0.0.1" in text


def test_without_mail_url_the_utkorg_says_mail_is_not_sent(
    app: Flask, demo: dict[str, Any]
) -> None:
    app.config["MAIL_URL"] = ""
    text = html_text(as_user(app, "chef@example.com").get("/admin/outbox"))
    assert "MAIL_URL är inte satt: utskicken sparas här men skickas inte." in text


def test_only_the_forbundschef_sees_the_utkorg(app: Flask, demo: dict[str, Any]) -> None:
    assert as_user(app, "ekonom@example.com").get("/admin/outbox").status_code == 403


def test_a_user_turns_off_payment_notices_under_mitt_konto(
    app: Flask, demo: dict[str, Any]
) -> None:
    web = as_user(app, "projektagare@example.com")
    page = html_text(web.get("/auth/account/mail"))
    assert "Besked om utbetalning" in page and "Kallelse till styrelsens" not in page
    response = web.post(
        "/auth/account/mail",
        {"kinds": ["application_received", "supplement_request", "decision", "report_reminder"]},
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalars(
            select(User).where(User.email == "projektagare@example.com")
        ).one()
        kinds = db.session.scalars(
            select(MailPreference.kind).where(MailPreference.user_id == user.id)
        ).all()
        assert kinds == ["payment_notice"]
        assert not outbox.receives(user.email, MailKind.PAYMENT_NOTICE)
        assert outbox.receives(user.email, MailKind.DECISION)


def test_a_failed_mail_can_be_tried_again(app: Flask, demo: dict[str, Any]) -> None:
    with app.app_context():
        [mail] = outbox.queue(
            Message(MailKind.PAYMENT_NOTICE, "x", "x", ""), [Recipient("per@example.com")]
        )
        mail.status, mail.attempts = MailStatus.FAILED, 8
        db.session.commit()
        mail_id = mail.id
    response = as_user(app, "chef@example.com").post(f"/admin/outbox/{mail_id}/retry")
    assert response.status_code == 302
    with app.app_context():
        mail = db.session.get(OutboxMail, mail_id)
        assert (mail.status, mail.attempts) == (MailStatus.QUEUED, 0)
    assert delivery.backoff(1).total_seconds() == 60


def test_a_sent_mail_is_in_the_audit_trail_under_swedish_names(
    app: Flask, demo: dict[str, Any], runner: Any, smtp_server: Any
) -> None:
    app.config["MAIL_URL"] = smtp_server.url
    try:
        with app.app_context():
            outbox.queue(
                Message(MailKind.PAYMENT_NOTICE, "Utbetalning till Trisam", "Hej", ""),
                [Recipient("per@example.com", "Per")],
            )
            db.session.commit()
        assert runner.invoke(args=["mail", "send", "--once"]).exit_code == 0
    finally:
        app.config["MAIL_URL"] = ""
    text = html_text(as_user(app, "revisor@example.com").get("/admin/audit?table=outbox_mail"))
    assert "E-post" in text and "Mottagare" in text and "per@example.com" in text
    assert "Utbetalning till Trisam" in text


def test_an_invalid_address_is_refused_where_it_is_entered(
    app: Flask, demo: dict[str, Any]
) -> None:
    chef = as_user(app, "chef@example.com")
    with app.app_context():
        member = db.session.scalars(select(BoardMember).order_by(BoardMember.id)).first()
        member_id, before = member.id, member.email
        org_id = member.organisation_id
    for bad in ("per.example.com", "per@example.com\r\nBcc: x@example.com", "per@"):
        response = chef.post(
            f"/board/{member_id}/edit",
            {
                "name": "Ny Ledamot",
                "organisation_id": org_id,
                "role": "ledamot",
                "position": "",
                "term_start": "2023-04-01",
                "term_end": "2027-03-31",
                "email": bad,
                "user_id": "",
            },
        )
        assert response.status_code == 200
        assert "Ingen e-postadress." in html_text(response) or "e-postadress" in html_text(response)
    with app.app_context():
        assert db.session.get(BoardMember, member_id).email == before
