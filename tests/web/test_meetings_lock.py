"""No route can change a justerat meeting: every POST endpoint is tried, nothing changes."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import func, select

from models import AuditEntry, db
from models.meeting import (
    Attendance,
    Decision,
    DecisionYear,
    Meeting,
    MeetingJusterare,
    Paragraph,
    Recusal,
)
from models.meeting_votes import DecisionReservation, DecisionVote, ProtocolNote

from ..conftest import WebClient, html_text

#: Endpoints that create something new rather than change an existing meeting.
NOT_ABOUT_ONE_MEETING = {"meetings.new"}
#: The anslag (posted on the anslagstavla, taken down) is recorded after justering: the
#: one write a justerat meeting takes (tests/web/test_meetings_documents.py).
AFTER_JUSTERING = {"meetings.anslag_form"}


def _ids(app: Flask) -> dict[str, Any]:
    with app.app_context():
        meeting = db.session.scalar(
            select(Meeting).where(Meeting.year == 2016, Meeting.number == 1)
        )
        assert meeting.is_locked
        item = next(p for p in meeting.paragraphs if p.recusals)
        member = meeting.attendances[0].member
        # A reservation and a note on the justerat protocol (written directly: the services
        # refuse a locked meeting), so that their delete routes have something to refuse.
        reservation = DecisionReservation(decision=item.decision, member=member, reason="")
        note = ProtocolNote(paragraph=item, member=member, text="Anteckning.")
        db.session.add_all([reservation, note])
        db.session.commit()
        return {
            "meeting_id": meeting.id,
            "paragraph_id": item.id,
            "recusal_id": item.recusals[0].id,
            "reservation_id": reservation.id,
            "note_id": note.id,
            "direction": "up",
            "member_id": member.id,
        }


def _snapshot(app: Flask) -> tuple[Any, ...]:
    """Every meeting table's rows, and the size of the audit trail (nothing written at all)."""
    with app.app_context():
        rows = []
        for model in (
            Meeting,
            Paragraph,
            Attendance,
            Decision,
            DecisionYear,
            Recusal,
            DecisionVote,
            DecisionReservation,
            ProtocolNote,
            MeetingJusterare,
        ):
            table = model.__table__
            rows.append(sorted(tuple(r) for r in db.session.execute(select(table)).all()))
        rows.append(db.session.scalar(select(func.count(AuditEntry.id))))
        return tuple(rows)


def _data(endpoint: str, ids: dict[str, Any]) -> dict[str, str]:
    """Plausible, valid input for each form, so that only the lock can refuse it."""
    return {
        "meetings.edit": {"date": "2016-02-25", "place": "Ändrad plats", "kind": "ordinary"},
        "meetings.add_item": {"kind": "information", "title": "Sent ärende", "underlag": ""},
        "meetings.attendance": {f"status_{ids['member_id']}": "absent"},
        "meetings.justering": {
            "adjusted_on": "2016-03-04",
            "signers": [str(ids["member_id"])],
            "confirm": "y",
        },
        "meetings.edit_item": {"title": "Ändrad rubrik", "underlag": "", "minutes": ""},
        "meetings.add_recusal": {"member_id": str(ids["member_id"]), "reason": "Jävig"},
        "meetings.decide": {"outcome": "rejected", "reasons": "Ändrat beslut", "text": ""},
        "meetings.elect_justerare": {"members": str(ids["member_id"])},
        "meetings.stand_in": {f"r{ids['recusal_id']}-replaced_by_id": ""},
        "meetings.item_chair": {"chair_id": str(ids["member_id"])},
        "meetings.record_votes": {f"vote_{ids['member_id']}": "yes"},
        "meetings.add_reservation": {"member_id": str(ids["member_id"]), "reason": "Emot"},
        "meetings.add_note": {"member_id": str(ids["member_id"]), "text": "Sen anteckning"},
    }.get(endpoint, {})


def test_every_post_route_refuses_a_justerat_meeting(
    app: Flask, web: WebClient, demo: dict
) -> None:
    web.login("chef@example.com")
    ids = _ids(app)
    before = _snapshot(app)
    tried = set()
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("meetings.") or "POST" not in (rule.methods or ()):
            continue
        if rule.endpoint in NOT_ABOUT_ONE_MEETING | AFTER_JUSTERING:
            continue
        url = rule.build({k: v for k, v in ids.items() if k in rule.arguments})[1]
        response = web.post(url, _data(rule.endpoint, ids))
        assert response.status_code == 302, f"{rule.endpoint}: {response.status_code}"
        page = html_text(web.get(response.headers["Location"]))
        assert "justerades 2016-03-03 och kan inte längre ändras" in page, rule.endpoint
        assert _snapshot(app) == before, rule.endpoint
        tried.add(rule.endpoint)
    assert tried == {
        "meetings.edit",
        "meetings.delete",
        "meetings.add_item",
        "meetings.fix",
        "meetings.attendance",
        "meetings.justering",
        "meetings.edit_item",
        "meetings.move_item",
        "meetings.delete_item",
        "meetings.add_recusal",
        "meetings.delete_recusal",
        "meetings.decide",
        "meetings.delete_decision",
        "meetings.send_kallelse",
        "meetings.elect_justerare",
        "meetings.adjust_now",
        "meetings.stand_in",
        "meetings.item_chair",
        "meetings.record_votes",
        "meetings.add_reservation",
        "meetings.delete_reservation",
        "meetings.add_note",
        "meetings.delete_note",
    }


def test_locked_records_show_as_locked(app: Flask, web: WebClient, demo: dict) -> None:
    web.login("chef@example.com")
    ids = _ids(app)
    page = web.get(f"/meetings/{ids['meeting_id']}").get_data(as_text=True)
    assert 'data-testid="locked"' in page and 'data-testid="locked-notice"' in page
    assert "Ändra uppgifter" not in page and "Registrera justering" not in page
    item = html_text(web.get(f"/meetings/items/{ids['paragraph_id']}"))
    assert "Justerat 2016-03-03" in item
    assert "Registrera beslut" not in item and "Anteckna jäv" not in item
    assert "Verkställt vid justeringen." in item
