"""The decision mail after justering carries the protokollsutdrag of the decision's § and
the beslutsmeddelande as .docx files, built from the justerat protocol."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from docx import Document
from flask import Flask
from sqlalchemy import select

from app.services.meetings import agenda, decisions, protocol_texts
from app.services.meetings import lifecycle as meetings
from app.services.notifications import delivery
from models import db
from models.mail import MailKind, OutboxMail

from ..unit.test_meetings_documents import _all_text
from ..unit.test_meetings_support import Board, application, attend, funds, justera

D = Decimal
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _justerad_decision(conditions: str = "Villkor A.") -> tuple[Any, Any]:
    board = Board()
    funds(2026, "2000000")
    app_ = application(board.orgs["Ludvika"], "En väg in", {2026: "300000"})
    app_.registry_number = "2026/007"
    app_.contact_email, app_.contact_name = "kontakt@ludvika.example.com", "Eva Dahl"
    m = meetings.create_meeting(date(2026, 3, 12), place="Ludvika")
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    decision = decisions.record_decision(
        m.paragraphs[0], outcome="granted", years={2026: D("250000")}, conditions=conditions
    )
    justera(m, board)
    return m, decision


def test_the_decision_mail_attaches_the_protokollsutdrag_and_the_beslutsmeddelande(
    app_ctx: Flask, smtp_server: Any
) -> None:
    m, decision = _justerad_decision()
    number = m.paragraphs[0].number
    [row] = db.session.scalars(select(OutboxMail).where(OutboxMail.kind == MailKind.DECISION))
    names = [a["filename"] for a in row.attachments]
    assert names == [
        f"protokollsutdrag-{m.number}-2026-p{number}.docx",
        "beslutsmeddelande-2026-007.docx",
    ]
    assert f"Bifogade filer: {', '.join(names)}" in row.text
    clauses = protocol_texts.clauses(decision, "En väg in")
    assert clauses and any("250 000" in c.replace("\u00a0", " ") for c in clauses)
    db.session.commit()
    sender = delivery.Sender("Testförbundet", "kansli@example.com")
    assert delivery.send_pass(delivery.SmtpSettings.from_url(smtp_server.url), sender).sent == 1
    [message] = smtp_server.to("kontakt@ludvika.example.com")
    files = {f.get_filename(): f for f in message.iter_attachments()}
    assert list(files) == names
    assert all(f.get_content_type() == DOCX for f in files.values())
    extract = Document(BytesIO(files[names[0]].get_content()))
    text = _all_text(extract)
    for clause in clauses:  # the att-satser, as the justerat protocol has them
        assert clause in text
    assert f"Justerat {m.adjusted_on.isoformat()}" in text and "Utkast" not in text
    assert [p.text for p in extract.paragraphs][-1] == "Rätt utdraget intygar"
    letter = _all_text(Document(BytesIO(files[names[1]].get_content())))
    assert "Villkor A." in letter and "250" in letter and "En väg in" in letter
    assert "Beslutsmeddelande" in letter or "beslut" in letter.lower()


def test_documents_too_large_for_the_limit_are_left_to_the_link(app: Flask, app_ctx: Flask) -> None:
    app.config["MAIL_ATTACHMENT_MAX_BYTES"] = 1000
    try:
        _justerad_decision()
    finally:
        app.config["MAIL_ATTACHMENT_MAX_BYTES"] = 5 * 1024 * 1024
    [row] = db.session.scalars(select(OutboxMail).where(OutboxMail.kind == MailKind.DECISION))
    assert row.attachments == []
    assert "För stora för att bifogas: protokollsutdrag-" in row.text
    assert "Protokollsutdrag och beslutsmeddelande finns vid ansökan i Samordna" in row.text
