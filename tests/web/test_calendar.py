"""Calendars: each user's iCalendar feed at a secret address, and a meeting's .ics download.

Every feed is parsed back with the icalendar library: the events, their UIDs across
fetches and edits, the Stockholm time zone, the all-day report dues, and who sees what.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from icalendar import Calendar
from sqlalchemy import func, select

from app.services.admin.calendar_feeds import token_hash
from models import AuditEntry, CalendarFeed, Grant, Meeting, ProjectReport, User, db

from ..conftest import WebClient, as_user

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FEED_RE = re.compile(r'value="(http://localhost/calendar/([A-Za-z0-9_-]+)\.ics)"')


def _make_feed(app: Flask, email: str) -> tuple[WebClient, str]:
    """Log in as ``email``, make the feed address on Mitt konto, return the client and its path."""
    web = as_user(app, email)
    page = web.post("/calendar/renew")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    found = FEED_RE.search(page.get_data(as_text=True))
    assert found is not None
    return web, found.group(1).removeprefix("http://localhost")


def _parse(response: Any) -> Calendar:
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.get_data())


def _events(calendar: Calendar) -> dict[str, Any]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _counts(app: Flask) -> tuple[int, int]:
    with app.app_context():
        meetings = db.session.scalar(select(func.count(Meeting.id)))
        reports = db.session.scalar(select(func.count(ProjectReport.id)))
    return meetings, reports


def test_chef_feed_holds_every_meeting_and_report_in_stockholm_time(app: Flask, demo: dict) -> None:
    _web, path = _make_feed(app, "chef@example.com")
    anonymous = WebClient(app.test_client())
    calendar = _parse(anonymous.get(path))
    meetings, reports = _counts(app)
    events = _events(calendar)
    assert meetings > 0 and reports > 0
    assert len(calendar.walk("VEVENT")) == meetings + reports == len(events)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    with app.app_context():
        meeting = db.session.scalars(select(Meeting).order_by(Meeting.id)).first()
        assert meeting is not None and meeting.start_time is not None
        event = next(e for uid, e in events.items() if uid.startswith(f"meeting-{meeting.id}@"))
        assert str(event["SUMMARY"]) == f"Styrelsesammanträde {meeting.number}/{meeting.year}"
        assert str(event["LOCATION"]) == meeting.place
        assert str(event["URL"]) == f"http://localhost/meetings/{meeting.id}"
        assert f"http://localhost/meetings/{meeting.id}" in str(event["DESCRIPTION"])
        start = event["DTSTART"]
        assert start.params["TZID"] == "Europe/Stockholm"
        assert start.dt == datetime.combine(meeting.date, meeting.start_time, tzinfo=STOCKHOLM)
        assert (
            start.dt.utcoffset()
            == datetime.combine(meeting.date, meeting.start_time, tzinfo=STOCKHOLM).utcoffset()
        )
        assert "DTSTAMP" in event and int(event["SEQUENCE"]) >= 0
        report = db.session.scalars(select(ProjectReport).order_by(ProjectReport.id)).first()
        assert report is not None
        uid = f"report-{report.grant_id}-{report.kind}-{report.due_on.isoformat()}@"
        due = next(e for key, e in events.items() if key.startswith(uid))
        assert type(due["DTSTART"].dt) is date and due["DTSTART"].dt == report.due_on
        assert (due["DTEND"].dt - due["DTSTART"].dt).days == 1
        assert str(due["SUMMARY"]).split(":")[0] in ("Lägesrapport", "Slutrapport")
        assert report.grant.name in str(due["SUMMARY"])
    raw = anonymous.get(path).get_data(as_text=True)
    assert "DTSTART;TZID=Europe/Stockholm:" in raw and "\r\n" in raw


def test_uids_are_stable_across_fetches_and_a_meeting_edit(app: Flask, demo: dict) -> None:
    _web, path = _make_feed(app, "ekonom@example.com")
    anonymous = WebClient(app.test_client())
    first = _events(_parse(anonymous.get(path)))
    second = _events(_parse(anonymous.get(path)))
    assert first.keys() == second.keys()
    assert all(first[uid].to_ical() == second[uid].to_ical() for uid in first)
    with app.app_context():
        meeting = db.session.scalars(select(Meeting).order_by(Meeting.id)).first()
        assert meeting is not None
        meeting_id = meeting.id
        meeting.place = "Nya kommunhuset, Ludvika"
        meeting.start_time = time(9, 30)
        db.session.commit()
    third = _events(_parse(anonymous.get(path)))
    assert third.keys() == first.keys()
    uid = next(uid for uid in third if uid.startswith(f"meeting-{meeting_id}@"))
    assert str(third[uid]["LOCATION"]) == "Nya kommunhuset, Ludvika"
    assert third[uid]["DTSTART"].dt.time() == time(9, 30)
    assert int(third[uid]["SEQUENCE"]) >= int(first[uid]["SEQUENCE"])
    assert third[uid]["DTSTAMP"].dt >= first[uid]["DTSTAMP"].dt


def test_renewing_revokes_the_old_address_and_is_audited(app: Flask, demo: dict) -> None:
    web, old_path = _make_feed(app, "styrelse@example.com")
    anonymous = WebClient(app.test_client())
    assert anonymous.get(old_path).status_code == 200
    account = web.get("/auth/account").get_data(as_text=True)
    assert "Gör en ny kalenderadress" in account
    renewed = web.post("/calendar/renew")
    found = FEED_RE.search(renewed.get_data(as_text=True))
    assert found is not None
    new_path = found.group(1).removeprefix("http://localhost")
    assert new_path != old_path
    assert anonymous.get(old_path).status_code == 404
    assert anonymous.get(new_path).status_code == 200
    with app.app_context():
        feeds = db.session.scalars(select(CalendarFeed)).all()
        assert len(feeds) == 1
        token = found.group(2)
        assert feeds[0].token_hash == token_hash(token) and token not in feeds[0].token_hash
        actions = db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.table_name == "calendar_feed")
            .order_by(AuditEntry.id)
        ).all()
        assert actions == ["insert", "update"]
        changes = db.session.scalars(
            select(AuditEntry.changes).where(AuditEntry.table_name == "calendar_feed")
        ).all()
        assert all(change["token_hash"] == ["***", "***"] for change in changes)
    audit = as_user(app, "chef@example.com").get("/admin/audit").get_data(as_text=True)
    assert "Kalenderadress" in audit and token not in audit


def test_deactivated_users_feed_and_unknown_tokens_answer_404(app: Flask, demo: dict) -> None:
    _web, path = _make_feed(app, "chef@example.com")
    anonymous = WebClient(app.test_client())
    assert anonymous.get("/calendar/" + "A" * 43 + ".ics").status_code == 404
    assert anonymous.get("/calendar/" + "A" * 500 + ".ics").status_code == 404
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "chef@example.com"))
        assert user is not None
        user.active = False
        db.session.commit()
    assert anonymous.get(path).status_code == 404


def test_board_member_gets_meetings_but_no_reports(app: Flask, demo: dict) -> None:
    _web, path = _make_feed(app, "styrelse@example.com")
    events = _events(_parse(WebClient(app.test_client()).get(path)))
    meetings, _reports = _counts(app)
    assert len(events) == meetings
    assert all(uid.startswith("meeting-") for uid in events)


def test_projektagare_sees_only_their_organisations_reports_and_no_meetings(
    app: Flask, demo: dict
) -> None:
    _web, path = _make_feed(app, "projektagare@example.com")
    events = _events(_parse(WebClient(app.test_client()).get(path)))
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "projektagare@example.com"))
        assert user is not None
        own = db.session.scalars(
            select(ProjectReport)
            .join(Grant, ProjectReport.grant_id == Grant.id)
            .where(Grant.owner_id == user.organisation_id)
        ).all()
        others = db.session.scalar(
            select(func.count(ProjectReport.id))
            .join(Grant, ProjectReport.grant_id == Grant.id)
            .where(Grant.owner_id != user.organisation_id)
        )
        expected = {f"report-{r.grant_id}-{r.kind}-{r.due_on.isoformat()}" for r in own}
    assert own and others
    assert {uid.split("@")[0] for uid in events} == expected
    assert not any(uid.startswith("meeting-") for uid in events)


def test_meeting_ics_download(app: Flask, demo: dict) -> None:
    web = as_user(app, "revisor@example.com")
    with app.app_context():
        meeting = db.session.scalars(select(Meeting).order_by(Meeting.id)).first()
        assert meeting is not None
        meeting_id, number, year, place = meeting.id, meeting.number, meeting.year, meeting.place
    page = web.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    assert f'href="/meetings/{meeting_id}.ics"' in page
    response = web.get(f"/meetings/{meeting_id}.ics")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    assert f"styrelsesammantrade-{number}-{year}.ics" in response.headers["Content-Disposition"]
    calendar = _parse(response)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith(f"meeting-{meeting_id}@")
    assert str(event["SUMMARY"]) == f"Styrelsesammanträde {number}/{year}"
    assert str(event["LOCATION"]) == place
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    # The same UID as in the feed, so a calendar keeps one event for both.
    _web, path = _make_feed(app, "chef@example.com")
    feed_uids = _events(_parse(WebClient(app.test_client()).get(path))).keys()
    assert str(event["UID"]) in feed_uids
    projektagare = as_user(app, "projektagare@example.com")
    assert projektagare.get(f"/meetings/{meeting_id}.ics").status_code == 403
    assert WebClient(app.test_client()).get(f"/meetings/{meeting_id}.ics").status_code == 302
