"""Jäv and who acts, omröstning, reservations and protokollsanteckningar through the web."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from flask import Flask
from sqlalchemy import select

from app.services.meetings import lifecycle as service
from models import Forbund, db
from models.board import BoardMember
from models.meeting import Meeting

from ..conftest import WebClient, html_text

DAY = "2025-12-17"


@pytest.fixture
def chef(web: WebClient, demo: dict) -> WebClient:
    web.login("chef@example.com")
    return web


def _member(app: Flask, name: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(BoardMember.id)
            .where(BoardMember.name == name, BoardMember.term_start <= date(2025, 12, 17))
            .order_by(BoardMember.term_start.desc())
        )


def _meeting_with_jav(app: Flask, chef: WebClient) -> tuple[int, int]:
    """Meeting on DAY, chaired by Per Nilsson; FK, AF, Ludvika and Ludvika's ersättare present."""
    per = _member(app, "Per Nilsson")
    response = chef.post("/meetings/new", {"date": DAY, "kind": "extra", "chair_id": str(per)})
    meeting_id = int(response.headers["Location"].rsplit("/", 1)[1])
    chef.post(
        f"/meetings/{meeting_id}/items",
        {"kind": "other", "title": "Medfinansiering av Vägen in", "underlag": ""},
    )
    assert chef.post(f"/meetings/{meeting_id}/fix", {}).status_code == 302
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        item_id = meeting.paragraphs[0].id
        members = service.board_members(on=meeting.date)
    present = {"Helena Berg", "Mats Olsson", "Per Nilsson", "Ingrid Mattsson"}
    data = {f"status_{m.id}": "present" if m.name in present else "absent" for m in members}
    data.update({f"serving_{m.id}": "" for m in members if not m.is_ledamot})
    assert chef.post(f"/meetings/{meeting_id}/attendance", data).status_code == 302
    return meeting_id, item_id


def test_the_partys_ersattare_steps_in_and_another_member_chairs(
    app: Flask, chef: WebClient
) -> None:
    meeting_id, item_id = _meeting_with_jav(app, chef)
    per = _member(app, "Per Nilsson")
    response = chef.post(
        f"/meetings/items/{item_id}/recusals",
        {"member_id": str(per), "reason": "kommunalråd i Ludvika kommun, som är projektägare"},
    )
    assert response.status_code == 302
    page = html_text(chef.get(f"/meetings/items/{item_id}"))
    assert "Beslutför: 3 av 5 platser" in page  # Ingrid Mattsson steps in for Per Nilsson
    assert "Ingrid Mattsson (ersättare) tjänstgör i Per Nilssons ställe under paragrafen." in page
    # The vice chair (Anna Berglund) is absent: the decision waits for a chair of the §.
    refused = chef.post(f"/meetings/items/{item_id}/decision", {"outcome": "adopted", "text": ""})
    assert refused.status_code == 400
    assert "Ordföranden är jävig i § " in html_text(refused)
    chef.post(f"/meetings/items/{item_id}/chair", {"chair_id": str(per)})
    assert "Per Nilsson är jävig i ärendet och kan inte leda" in html_text(
        chef.get(f"/meetings/items/{item_id}")
    )
    helena = _member(app, "Helena Berg")
    assert (
        chef.post(f"/meetings/items/{item_id}/chair", {"chair_id": str(helena)}).status_code == 302
    )
    decided = chef.post(
        f"/meetings/items/{item_id}/decision",
        {"outcome": "adopted", "text": "Styrelsen medfinansierar Vägen in."},
    )
    assert decided.status_code == 302, html_text(decided)[:1500]
    protocol = html_text(chef.get(f"/meetings/{meeting_id}/protocol"))
    assert (
        "Per Nilsson anmäler jäv och deltar inte i handläggningen av ärendet"
        " (kommunalråd i Ludvika kommun, som är projektägare)." in protocol
    )
    assert "Helena Berg leder sammanträdet under paragrafen." in protocol
    assert (
        "Ingrid Mattsson (ersättare) tjänstgör i Per Nilssons ställe under paragrafen." in protocol
    )


def test_votes_reservations_and_notes_are_recorded_and_printed(app: Flask, chef: WebClient) -> None:
    meeting_id, item_id = _meeting_with_jav(app, chef)
    per, helena, mats, ingrid, erik = (
        _member(app, name)
        for name in (
            "Per Nilsson",
            "Helena Berg",
            "Mats Olsson",
            "Ingrid Mattsson",
            "Erik Sandberg",
        )
    )
    chef.post(f"/meetings/items/{item_id}/recusals", {"member_id": str(per), "reason": ""})
    chef.post(f"/meetings/items/{item_id}/chair", {"chair_id": str(helena)})
    assert (
        chef.post(
            f"/meetings/items/{item_id}/decision", {"outcome": "adopted", "text": ""}
        ).status_code
        == 302
    )
    # Every member with a vote votes: Ingrid Mattsson, stepping in for Per Nilsson, too.
    votes = {f"vote_{helena}": "yes", f"vote_{mats}": "no"}
    chef.post(f"/meetings/items/{item_id}/votes", votes)
    page = html_text(chef.get(f"/meetings/items/{item_id}"))
    assert "Ange hur varje ledamot med rösträtt röstade (saknas: Ingrid Mattsson)." in page
    assert "Ingen omröstning registrerad." in page
    response = chef.post(f"/meetings/items/{item_id}/votes", {**votes, f"vote_{ingrid}": "yes"})
    assert response.status_code == 302
    page = html_text(chef.get(f"/meetings/items/{item_id}"))
    assert "Omröstning begärs. 2 röster ja, 1 nej, 0 avstår." in page
    chef.post(f"/meetings/items/{item_id}/reservations", {"member_id": str(per), "reason": ""})
    assert "Per Nilsson är jävig i § " in html_text(chef.get(f"/meetings/items/{item_id}"))
    chef.post(f"/meetings/items/{item_id}/reservations", {"member_id": str(erik), "reason": ""})
    assert "Erik Sandberg har ingen rösträtt" in html_text(chef.get(f"/meetings/items/{item_id}"))
    chef.post(f"/meetings/items/{item_id}/reservations", {"member_id": str(helena), "reason": ""})
    assert "Helena Berg röstade ja och kan inte reservera sig" in html_text(
        chef.get(f"/meetings/items/{item_id}")
    )
    assert (
        chef.post(
            f"/meetings/items/{item_id}/reservations",
            {"member_id": str(mats), "reason": "Pengarna behövs i utlysningen 2027."},
        ).status_code
        == 302
    )
    assert (
        chef.post(
            f"/meetings/items/{item_id}/notes",
            {"member_id": str(helena), "text": "FK följer frågan i sin egen styrelse."},
        ).status_code
        == 302
    )
    protocol = html_text(chef.get(f"/meetings/{meeting_id}/protocol"))
    assert (
        "Omröstning begärs. 2 röster ja, 1 nej, 0 avstår."
        " Styrelsen har beslutat enligt ja-linjen (ja för beslutet ovan)." in protocol
    )
    assert "Ja: Helena Berg, Ingrid Mattsson" in protocol
    assert "Nej: Mats Olsson" in protocol
    assert "Mats Olsson reserverar sig mot beslutet." in protocol
    assert "Bilaga: reservation – Mats Olsson, § " in protocol
    assert "Pengarna behövs i utlysningen 2027." in protocol
    assert "Protokollsanteckning av Helena Berg: FK följer frågan i sin egen styrelse." in protocol
    # The .docx says what the print view says: the written reservation follows the protocol.
    document = Document(BytesIO(chef.get(f"/meetings/{meeting_id}/protocol.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Bilaga: reservation – Mats Olsson, § " in text
    assert "Pengarna behövs i utlysningen 2027." in text


def test_a_changed_decision_drops_its_omrostning_and_keeps_the_reservations(
    app: Flask, chef: WebClient
) -> None:
    """Ja is a vote for the decision as recorded: when the decision itself changes, the vote
    recorded for the old one must not stand in the protocol under the new one."""
    meeting_id, item_id = _meeting_with_jav(app, chef)
    per, helena, mats, ingrid = (
        _member(app, name)
        for name in ("Per Nilsson", "Helena Berg", "Mats Olsson", "Ingrid Mattsson")
    )
    chef.post(f"/meetings/items/{item_id}/recusals", {"member_id": str(per), "reason": ""})
    chef.post(f"/meetings/items/{item_id}/chair", {"chair_id": str(helena)})
    decision = f"/meetings/items/{item_id}/decision"
    chef.post(decision, {"outcome": "adopted", "text": ""})
    votes = {f"vote_{helena}": "yes", f"vote_{mats}": "no", f"vote_{ingrid}": "yes"}
    assert chef.post(f"/meetings/items/{item_id}/votes", votes).status_code == 302
    chef.post(f"/meetings/items/{item_id}/reservations", {"member_id": str(mats), "reason": ""})
    # A new wording of the same decision keeps the vote.
    chef.post(decision, {"outcome": "adopted", "text": "Styrelsen fastställer rutinen."})
    protocol = html_text(chef.get(f"/meetings/{meeting_id}/protocol"))
    assert "Omröstning begärs. 2 röster ja, 1 nej, 0 avstår." in protocol
    changed = chef.post(decision, {"outcome": "noted", "text": ""})
    assert changed.status_code == 302
    page = html_text(chef.get(f"/meetings/items/{item_id}"))
    assert (
        "Omröstningen togs bort: den gällde beslutet som det var. Registrera den igen om"
        " styrelsen röstade om detta beslut." in page
    )
    assert "Kontrollera reservationerna: de står kvar mot det ändrade beslutet." in page
    assert "Ingen omröstning registrerad." in page
    protocol = html_text(chef.get(f"/meetings/{meeting_id}/protocol"))
    assert "Omröstning begärs" not in protocol
    assert "Mats Olsson reserverar sig mot beslutet." in protocol


def test_the_setting_turns_stepping_in_off(app: Flask, chef: WebClient) -> None:
    page = html_text(chef.get("/admin/settings"))
    assert "En ersättare går in för en jävig ledamot" in page
    with app.app_context():
        forbund = db.session.get(Forbund, 1)
        data = {
            "name": forbund.name,
            "org_number": forbund.org_number,
            "split_unit": "1.00",
            "registry_format": forbund.registry_format,
            "grant_account": forbund.grant_account,
            "bank_account": forbund.bank_account,
        }
    assert chef.post("/admin/settings", data).status_code == 302  # the box left unticked
    with app.app_context():
        assert db.session.get(Forbund, 1).jav_ersattare_steps_in is False
    _meeting_id, item_id = _meeting_with_jav(app, chef)
    chef.post(
        f"/meetings/items/{item_id}/recusals",
        {"member_id": str(_member(app, "Per Nilsson")), "reason": "kommunalråd"},
    )
    page = html_text(chef.get(f"/meetings/items/{item_id}"))
    assert "Inte beslutför: 2 av 5 platser" in page
    refused = chef.post(f"/meetings/items/{item_id}/decision", {"outcome": "adopted", "text": ""})
    assert "Styrelsen är inte beslutför: 2 av 5 platser är besatta, minst 3 krävs." in html_text(
        refused
    )
