"""The calendar rules: UIDs that name the record, versions that grow, Stockholm time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from icalendar import Calendar

from app.services.admin import calendar_feeds
from app.services.meetings import calendar
from models import Forbund, Meeting, User, db
from models.meeting import Paragraph


def _meeting(**details: Any) -> Meeting:
    created = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    values: dict[str, Any] = {
        "id": 7,
        "year": 2026,
        "number": 5,
        "date": date(2026, 10, 25),  # the day summer time ends in Sweden
        "place": "Kommunhuset, Ludvika",
        "kind": "extra",
        "created_at": created,
        "updated_at": created,
    }
    values.update(details)
    return Meeting(**values)


def test_uid_domain_is_the_org_number_else_the_name(app_ctx: Any) -> None:
    assert calendar.uid_domain() == "samordna"
    db.session.add(Forbund(id=1, name="Västerbergslagens samordningsförbund", org_number=""))
    db.session.flush()
    assert calendar.uid_domain() == "vasterbergslagens-samordningsforbund.samordna"
    db.session.get(Forbund, 1).org_number = "222000-1234"
    assert calendar.uid_domain() == "2220001234.samordna"


def test_meeting_event_is_in_stockholm_time_and_its_sequence_grows_with_updates(
    app_ctx: Any,
) -> None:
    meeting = _meeting(start_time=time(13, 0), end_time=time(15, 30))
    event = calendar.meeting_event(meeting, "https://samordna.example/meetings/7", "x.samordna")
    assert str(event["UID"]) == "meeting-7@x.samordna"
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=1)  # CET after 03:00 that day
    assert event["DTEND"].dt.time() == time(15, 30)
    assert int(event["SEQUENCE"]) == 0
    assert "Extra sammanträde" in str(event["DESCRIPTION"])
    meeting.updated_at = meeting.created_at + timedelta(days=2, seconds=5)
    later = calendar.meeting_event(meeting, "https://samordna.example/meetings/7", "x.samordna")
    assert int(later["SEQUENCE"]) == 2 * 86400 + 5
    assert later["DTSTAMP"].dt == datetime(2026, 3, 3, 8, 0, 5, tzinfo=UTC)
    assert str(later["UID"]) == str(event["UID"])


def test_an_agenda_change_is_a_new_version_of_the_meeting_event(app_ctx: Any) -> None:
    """The agenda is in the event's description, so a retitled item is a change a calendar
    program must take: SEQUENCE and DTSTAMP follow the item's last save too."""
    meeting = _meeting()
    item = Paragraph(title="Ansökan En väg in", kind="application", updated_at=meeting.created_at)
    meeting.paragraphs.append(item)
    first = calendar.meeting_event(meeting, "https://s.example/meetings/7", "x.samordna")
    item.title = "Ansökan En väg in, förlängning"
    item.updated_at = meeting.created_at + timedelta(hours=1)
    second = calendar.meeting_event(meeting, "https://s.example/meetings/7", "x.samordna")
    assert "förlängning" in str(second["DESCRIPTION"])
    assert int(second["SEQUENCE"]) == 3600 > int(first["SEQUENCE"])
    assert second["DTSTAMP"].dt == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_meeting_without_a_start_time_is_an_all_day_event(app_ctx: Any) -> None:
    event = calendar.meeting_event(_meeting(), "https://s.example/meetings/7", "x.samordna")
    assert event["DTSTART"].dt == date(2026, 10, 25)
    assert event["DTEND"].dt == date(2026, 10, 26)
    only_start = calendar.meeting_event(
        _meeting(start_time=time(9, 0)), "https://s.example/meetings/7", "x.samordna"
    )
    assert "DTEND" not in only_start


def test_meeting_calendar_carries_the_stockholm_timezone(app_ctx: Any) -> None:
    data = calendar.meeting_calendar(_meeting(start_time=time(9, 0)), "https://s.example/m/7")
    parsed = Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    (event,) = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Styrelsesammanträde 5/2026"
    assert str(parsed["METHOD"]) == "PUBLISH"


def test_only_the_hash_of_a_token_is_kept_and_renewal_revokes(app_ctx: Any) -> None:
    user = User(email="a@example.com", name="A", password_hash="x", role="styrelseledamot")
    db.session.add(user)
    db.session.flush()
    first = calendar_feeds.renew_feed(user)
    assert len(first) == 43
    assert user.calendar_feed.token_hash == calendar_feeds.token_hash(first)
    assert calendar_feeds.user_for_token(first) is user
    second = calendar_feeds.renew_feed(user)
    assert calendar_feeds.user_for_token(first) is None
    assert calendar_feeds.user_for_token(second) is user
    user.active = False
    assert calendar_feeds.user_for_token(second) is None
    assert calendar_feeds.user_for_token("") is None
