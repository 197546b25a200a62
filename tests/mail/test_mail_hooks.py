"""The mails other areas queue on a change: application received, komplettering, the
decision after justering, and the kallelse with its attachments and revision."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from flask import Flask
from sqlalchemy import select

from app.services.applications import workflow as applications
from app.services.meetings import agenda, decisions
from app.services.meetings import lifecycle as meetings
from app.services.notifications import delivery, kallelse
from models import Application, ApplicationStatus, Attachment, Role, db
from models.mail import MailKind, OutboxMail

from ..unit.test_applications_factories import cost, draft, organisations, user
from ..unit.test_meetings_support import Board, application, attend, funds, justera_by_name

D = Decimal


def _attach(application_: Application, name: str, data: bytes) -> Attachment:
    """A file kept with an application already on the table (the rules allow no upload)."""
    attachment = Attachment(
        filename=name, content_type="application/pdf", size=len(data), sha256="0" * 64, content=data
    )
    application_.attachments.append(attachment)
    db.session.flush()
    return attachment


def _mails(kind: str) -> list[OutboxMail]:
    return list(
        db.session.scalars(
            select(OutboxMail).where(OutboxMail.kind == kind).order_by(OutboxMail.id)
        )
    )


def test_submission_and_komplettering_mail_the_contact_with_the_diarienummer(
    app_ctx: Flask,
) -> None:
    orgs = organisations()
    chef = user(Role.FORBUNDSCHEF)
    owner = user(Role.PROJEKTAGARE, orgs["AME"])
    application_ = draft(orgs, owner, contact_email="johan.berg@example.com")
    cost(application_, owner)
    applications.submit(application_, user=owner)
    [received] = _mails(MailKind.APPLICATION_RECEIVED)
    assert received.recipient == "johan.berg@example.com"
    assert received.recipient_name == "Johan Berg"
    number = application_.registry_number
    assert received.subject == f"Ansökan mottagen: En väg in (dnr {number})"
    assert f"diarienummer {number}" in received.text
    applications.transition(
        application_, ApplicationStatus.SUPPLEMENT_REQUESTED, user=chef, note="Tidsplan saknas."
    )
    [request] = _mails(MailKind.SUPPLEMENT_REQUEST)
    assert request.subject == f"Komplettering begärs: En väg in (dnr {number})"
    assert "Det här saknas:\nTidsplan saknas." in request.text
    assert "Tidsplan saknas." in request.html


def test_justering_mails_the_decision_to_the_projektagare(app_ctx: Flask) -> None:
    board = Board()
    funds(2026, "2000000")
    app_ = application(board.orgs["Ludvika"], "En väg in", {2026: "300000"})
    app_.contact_email, app_.contact_name = "kontakt@ludvika.example.com", "Eva Dahl"
    m = meetings.create_meeting(date(2026, 3, 12), place="Ludvika")
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    decisions.record_decision(
        m.paragraphs[0], outcome="granted", years={2026: D("250000")}, conditions="Villkor A."
    )
    assert _mails(MailKind.DECISION) == []  # not before justering
    justera_by_name(m, m.date)
    [mail] = _mails(MailKind.DECISION)
    assert mail.recipient == "kontakt@ludvika.example.com"
    assert mail.subject.startswith("Beslut om ansökan: En väg in")
    assert f"vid sammanträde {m.label}, § {m.paragraphs[0].number}" in mail.text
    assert "Beslut: Beviljas" in mail.text and "2026: 250\u00a0000\u00a0kr" in mail.text
    assert "Villkor: Villkor A." in mail.text


def test_kallelse_goes_to_the_roster_with_files_and_a_reviderad_after_a_change(
    app: Flask, app_ctx: Flask, smtp_server: Any
) -> None:
    board = Board()
    for number, member in enumerate([*board.ledamot.values(), *board.ersattare.values()]):
        member.email = f"ledamot{number}@example.com"
    funds(2026, "2000000")
    app_ = application(board.orgs["Ludvika"], "En väg in", {2026: "300000"})
    small = _attach(app_, "budget.pdf", b"%PDF-1.4 small")
    app.config["MAIL_ATTACHMENT_MAX_BYTES"] = small.size
    _attach(app_, "bilaga.pdf", b"%PDF-1.4 larger")
    m = meetings.create_meeting(date(2026, 3, 12), place="Ludvika")
    item = agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    try:
        rows = kallelse.send_kallelse(m, user=None)
    finally:
        app.config["MAIL_ATTACHMENT_MAX_BYTES"] = 5 * 1024 * 1024
    assert len(rows) == 10
    assert rows[0].attachments == [{"attachment_id": small.id}]
    assert "Bifogade filer: budget.pdf" in rows[0].text
    assert "för stora för att bifogas finns i ärendet: bilaga.pdf" in rows[0].text
    assert f"§ {item.number} En väg in" in rows[0].text
    db.session.commit()
    sender = delivery.Sender("Testförbundet", "kansli@example.com")
    assert delivery.send_pass(delivery.SmtpSettings.from_url(smtp_server.url), sender).sent == 10
    [message] = smtp_server.to("ledamot0@example.com")
    [file] = list(message.iter_attachments())
    assert file.get_filename() == "budget.pdf" and file.get_content() == b"%PDF-1.4 small"
    assert "Dagordning" in message.get_body(("html",)).get_content()
    status = kallelse.status(m)
    assert len(status.mails) == 10 and not status.changed_since
    for row in rows:
        row.created_at -= timedelta(minutes=5)
    agenda.update_paragraph(
        item, title="En väg in – fortsättning", underlag="Ny bilaga", minutes=""
    )
    db.session.flush()
    assert kallelse.status(m).changed_since
    revised = kallelse.send_kallelse(m, user=None)
    assert revised[0].subject == f"Reviderad kallelse till styrelsens sammanträde {m.label}"
    assert "REVIDERAD KALLELSE" in revised[0].text
