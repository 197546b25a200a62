"""The protocol's documents on the web: the frozen .docx, anslag, protokollsutdrag and
beslutsmeddelande, and the appeal end on meetings, applications and grants."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from io import BytesIO

import pytest
from docx import Document
from flask import Flask
from sqlalchemy import select

from app.services.meetings import protocol_files
from models import AuditEntry, db
from models.grant import Grant
from models.meeting import Meeting, Paragraph

from ..conftest import WebClient, html_text
from .test_meetings import _client, _meeting_id


@pytest.fixture
def chef(web: WebClient, demo: dict) -> WebClient:
    web.login("chef@example.com")
    return web


def _paragraph(app: Flask, label: str, number: int) -> tuple[int, int | None, int | None]:
    """(paragraph id, decision id, application id) of § number in meeting label."""
    meeting_id = _meeting_id(app, label)
    with app.app_context():
        paragraph = db.session.scalar(
            select(Paragraph).where(Paragraph.meeting_id == meeting_id, Paragraph.number == number)
        )
        return (
            paragraph.id,
            paragraph.decision.id if paragraph.decision else None,
            paragraph.application_id,
        )


def test_the_justerat_protocol_is_served_byte_for_byte_with_its_sha256(
    app: Flask, demo: dict
) -> None:
    meeting_id = _meeting_id(app, "1/2016")
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        frozen = protocol_files.stored(meeting)
        served = protocol_files.served(meeting)
        assert frozen is not None and served is not None
        assert served.kind == "anslag"  # the demo's protocol is posted
        content, sha = frozen.content, frozen.sha256
        newest, newest_sha = served.content, served.sha256
    assert sha == hashlib.sha256(content).hexdigest() != newest_sha
    assert newest_sha == hashlib.sha256(newest).hexdigest()
    reader = _client(app, "revisor@example.com")
    first = reader.get(f"/meetings/{meeting_id}/protocol.docx")
    second = reader.get(f"/meetings/{meeting_id}/protocol.docx")
    assert first.data == newest and second.data == newest
    justerat = reader.get(f"/meetings/{meeting_id}/protocol-files/justerat.docx")
    assert justerat.data == content and hashlib.sha256(justerat.data).hexdigest() == sha
    posted = reader.get(f"/meetings/{meeting_id}/protocol-files/anslagsbevis.docx")
    assert posted.data == newest
    planned = _meeting_id(app, "5/2026")  # not justerat: no stored file
    assert reader.get(f"/meetings/{planned}/protocol-files/justerat.docx").status_code == 404
    page = html_text(reader.get(f"/meetings/{meeting_id}/protocol"))
    assert sha in page and newest_sha in page
    assert "Anslagsbevis" in page and "Protokollet har justerats" in page
    listing = html_text(reader.get(f"/meetings/{meeting_id}"))
    assert "Justerat protokoll" in listing and "Protokoll med anslagsbevis" in listing
    assert sha in listing and newest_sha in listing
    document = Document(BytesIO(first.data))
    assert document.core_properties.author == "Västerbergslagens samordningsförbund"
    assert document.core_properties.title == (
        "Protokoll 1/2016 – Västerbergslagens samordningsförbund"
    )


def _docx_anslagsbevis(content: bytes) -> dict[str, str]:
    table = next(t for t in Document(BytesIO(content)).tables if t.rows[0].cells[0].text == "Organ")
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def _printed_anslagsbevis(page: str) -> dict[str, str]:
    section = page.split('data-testid="anslagsbevis"')[1].split("</section>")[0]
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", section, re.S)
    return {label: value.strip() for label, value in pairs if label != "Underskrift"}


def test_the_print_view_and_the_served_file_show_the_same_anslagsbevis(
    app: Flask, chef: WebClient, demo: dict
) -> None:
    meeting_id = _meeting_id(app, "1/2016")
    with app.app_context():  # back to before the anslag
        protocol_files.record_anslag(
            db.session.get(Meeting, meeting_id), posted_on=None, taken_down_on=None
        )
        db.session.commit()
    for step in ("justerat", "posted", "taken down"):
        if step == "posted":
            chef.post(f"/meetings/{meeting_id}/anslag", {"posted_on": "2016-03-10"})
        elif step == "taken down":
            chef.post(
                f"/meetings/{meeting_id}/anslag",
                {"posted_on": "2016-03-10", "taken_down_on": "2016-04-01"},
            )
        printed = _printed_anslagsbevis(chef.get(f"/meetings/{meeting_id}/protocol").text)
        served = _docx_anslagsbevis(chef.get(f"/meetings/{meeting_id}/protocol.docx").data)
        served.pop("Underskrift", None)
        assert printed == served, step
        expected = {
            "justerat": ("_" * 16, "_" * 16),
            "posted": ("2016-03-10", "_" * 16),
            "taken down": ("2016-03-10", "2016-04-01"),
        }[step]
        assert (served["Anslaget"], served["Tas ned"]) == expected
    assert served["Överklagandetiden löper ut"] == "2016-03-31"


def test_the_chef_records_anslag_and_the_appeal_end_shows(
    app: Flask, chef: WebClient, demo: dict
) -> None:
    meeting_id = _meeting_id(app, "1/2016")
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        adjusted = meeting.adjusted_on
        meeting.posted_on = meeting.taken_down_on = None
        db.session.commit()
    assert (
        "Sammanträde 1/2016"
        in html_text(chef.get("/meetings/?year=2016"))
        .split("Protokoll som väntar på anslag")[1]
        .split("</div>")[0]
    )
    url = f"/meetings/{meeting_id}/anslag"
    too_early = chef.post(url, {"posted_on": "2016-03-10", "taken_down_on": "2016-03-20"})
    assert too_early.status_code == 200
    assert "ta ned det tidigast 2016-03-31" in html_text(too_early)
    assert adjusted is not None and adjusted <= date(2016, 3, 10)
    saved = chef.post(url, {"posted_on": "2016-03-10", "taken_down_on": "2016-04-01"})
    assert saved.status_code == 302
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert (meeting.posted_on, meeting.taken_down_on) == (date(2016, 3, 10), date(2016, 4, 1))
        entry = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == "meeting", AuditEntry.row_id == str(meeting_id))
            .order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None and entry.action == "update" and entry.user is not None
        assert "posted_on" in entry.changes and "taken_down_on" in entry.changes
    page = html_text(chef.get(f"/meetings/{meeting_id}"))
    assert "Tiden för överklagande (laglighetsprövning) går ut 2016-03-31." in page
    assert "Protokoll som väntar på anslag" not in html_text(chef.get("/meetings/?year=2016")) or (
        "Sammanträde 1/2016"
        not in html_text(chef.get("/meetings/?year=2016"))
        .split("Protokoll som väntar på anslag")[1]
        .split("</div>")[0]
    )
    paragraph_id, decision_id, application_id = _paragraph(app, "1/2016", 7)
    item = html_text(chef.get(f"/meetings/items/{paragraph_id}"))
    assert "går ut 2016-03-31" in item
    assert f"/meetings/items/{paragraph_id}/protokollsutdrag.docx" in item
    assert f"/meetings/decisions/{decision_id}/beslutsmeddelande.docx" in item
    application = html_text(chef.get(f"/applications/{application_id}"))
    assert "§ 7, Sammanträde 1/2016" in application and "går ut 2016-03-31" in application
    with app.app_context():
        grant_id = db.session.scalar(select(Grant.id).where(Grant.decision_id == decision_id))
    assert "går ut 2016-03-31" in html_text(chef.get(f"/grants/{grant_id}"))


def test_anslag_is_refused_before_justering_and_for_readers(
    app: Flask, chef: WebClient, demo: dict
) -> None:
    planned = _meeting_id(app, "5/2026")
    response = chef.post(f"/meetings/{planned}/anslag", {"posted_on": "2026-03-10"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Meeting, planned).posted_on is None
    member = _client(app, "styrelse@example.com")
    justerad = _meeting_id(app, "1/2016")
    assert member.post(f"/meetings/{justerad}/anslag", {"posted_on": "2016-03-10"}).status_code == (
        403
    )


def test_protokollsutdrag_and_beslutsmeddelande_download_for_readers_only(
    app: Flask, demo: dict
) -> None:
    paragraph_id, decision_id, _application_id = _paragraph(app, "1/2016", 7)
    extract_url = f"/meetings/items/{paragraph_id}/protokollsutdrag.docx"
    letter_url = f"/meetings/decisions/{decision_id}/beslutsmeddelande.docx"
    member = _client(app, "styrelse@example.com")
    extract = member.get(extract_url)
    assert extract.status_code == 200
    assert extract.headers["Content-Disposition"].endswith("protokollsutdrag-1-2016-p7.docx")
    texts = [p.text for p in Document(BytesIO(extract.data)).paragraphs]
    assert texts[-1] == "Rätt utdraget intygar"
    assert "§ 7 En väg in – processledare 2016" in texts
    letter = member.get(letter_url)
    assert letter.status_code == 200
    body = "\n".join(p.text for p in Document(BytesIO(letter.data)).paragraphs)
    assert "förvaltningsrätten" in body and "tre veckor" in body
    assert "512\xa0000\xa0kr" in body
    owner = _client(app, "projektagare@example.com")
    assert owner.get(extract_url).status_code == 403
    assert owner.get(letter_url).status_code == 403
