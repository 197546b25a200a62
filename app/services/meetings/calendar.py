"""The board's meetings and the reports' due dates as iCalendar (RFC 5545).

Two products: a user's personal feed (``user_feed``: the meetings, if the user
may read them, and the due dates of the reports the user follows) and one
meeting's event (``meeting_calendar``, the .ics download on the meeting page).
It lives in ``meetings`` because the feed reads both meetings and grants, and
``meetings`` may use what ``grants`` owns.

A calendar program keeps an event by its UID and replaces it when a newer
version comes, so the UIDs name the record, never the fetch
(``meeting-12@<förbund>``, ``report-7-status-2026-09-30@<förbund>``); ``SEQUENCE``
grows with every saved change of the record, for a meeting its agenda too
(seconds from its creation to its last update), and ``DTSTAMP`` is that last
update, so two fetches of an unchanged feed give the same events. Times are
wall-clock times in Stockholm, written with ``TZID=Europe/Stockholm`` and the
VTIMEZONE that defines it. The text is Swedish, like the protocol, whatever
language the reader's menus use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from models import Grant, Meeting, ProjectReport, Role, User, db
from models.grant_followup import REPORT_KIND_SHORT_LABELS
from models.meeting_terms import KIND_LABELS

from ...clock import STOCKHOLM
from ..forbund import current_forbund

#: Roles that follow every grant's reports; a projektägare follows their organisation's.
ALL_REPORTS_FOLLOWERS = frozenset({Role.FORBUNDSCHEF, Role.EKONOM})
#: The product identifier RFC 5545 asks every calendar to carry.
PRODID = "-//Samordna//Kalender//SV"
#: The media type of .ics files (RFC 5545, section 8.1).
ICS_MIMETYPE = "text/calendar"

MeetingUrl = Callable[[Meeting], str]
ReportUrl = Callable[[ProjectReport], str]


def uid_domain() -> str:
    """The right-hand side of every UID: the förbund's organisation number, else its name.

    Stable for the förbund's life, and the same whichever host name the feed is
    fetched through (so UIDs do not change behind a new proxy name).
    """
    forbund = current_forbund()
    if forbund is None:
        return "samordna"
    digits = re.sub(r"\D", "", forbund.org_number or "")
    if digits:
        return f"{digits}.samordna"
    ascii_name = unicodedata.normalize("NFKD", forbund.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"{slug or 'forbund'}.samordna"


def _sequence(created: datetime | None, updated: datetime | None) -> int:
    """Seconds from creation to the last update: grows with every saved change, 0 before."""
    if created is None or updated is None:
        return 0
    return max(0, int((updated - created).total_seconds()))


def _stamp(updated: datetime | None) -> datetime:
    """When the record last changed, in UTC (DTSTAMP and LAST-MODIFIED)."""
    return (updated or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)


def meeting_summary(meeting: Meeting) -> str:
    """'Styrelsesammanträde 5/2026' (call under Swedish)."""
    return _("Board meeting %(number)s/%(year)s", number=meeting.number, year=meeting.year)


def _meeting_description(meeting: Meeting, url: str) -> str:
    lines = [_("%(kind)s board meeting", kind=KIND_LABELS.get(meeting.kind, meeting.kind))]
    if meeting.paragraphs:
        lines += ["", _("Agenda:")]
        for paragraph in meeting.paragraphs:
            number = f"§ {paragraph.number} " if paragraph.number else "– "
            lines.append(f"{number}{paragraph.title}")
    lines += ["", url]
    return "\n".join(lines)


def meeting_event(meeting: Meeting, url: str, domain: str) -> Event:
    """One meeting as a VEVENT; without a start time it is an all-day event on its date."""
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{domain}")
    changed = meeting.last_changed  # an agenda item's new title changes the event too
    event.add("dtstamp", _stamp(changed))
    event.add("last-modified", _stamp(changed))
    event.add("sequence", _sequence(meeting.created_at, changed))
    event.add("summary", meeting_summary(meeting))
    if meeting.start_time is not None:
        start = datetime.combine(meeting.date, meeting.start_time, tzinfo=STOCKHOLM)
        event.add("dtstart", start)
        if meeting.end_time is not None and meeting.end_time > meeting.start_time:
            event.add("dtend", datetime.combine(meeting.date, meeting.end_time, tzinfo=STOCKHOLM))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + timedelta(days=1))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", _meeting_description(meeting, url))
    event.add("url", url)
    return event


def report_event(report: ProjectReport, url: str, domain: str) -> Event:
    """A report's due date as an all-day VEVENT ('Lägesrapport: <insats>')."""
    event = Event()
    event.add("uid", f"report-{report.grant_id}-{report.kind}-{report.due_on.isoformat()}@{domain}")
    event.add("dtstamp", _stamp(report.updated_at))
    event.add("last-modified", _stamp(report.updated_at))
    event.add("sequence", _sequence(report.created_at, report.updated_at))
    label = str(REPORT_KIND_SHORT_LABELS.get(report.kind, report.kind))
    summary = f"{label}: {report.grant.name}"
    if report.is_submitted:
        summary += " " + _("(submitted)")
    event.add("summary", summary)
    event.add("dtstart", report.due_on)
    event.add("dtend", report.due_on + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    owner = report.grant.owner.label if report.grant.owner else ""
    description = [_("Due date of the report for %(grant)s.", grant=report.grant.name)]
    if owner:
        description.append(_("Project owner: %(owner)s", owner=owner))
    description += ["", url]
    event.add("description", "\n".join(description))
    event.add("url", url)
    return event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    return calendar


def _finish(calendar: Calendar) -> bytes:
    """Add the VTIMEZONE of every TZID used and serialise (CRLF lines, folded at 75 octets)."""
    calendar.add_missing_timezones()
    return calendar.to_ical()


def all_meetings() -> list[Meeting]:
    """Every meeting with its agenda, in date order, for the feed."""
    return list(
        db.session.scalars(
            select(Meeting)
            .options(selectinload(Meeting.paragraphs))
            .order_by(Meeting.date, Meeting.number)
        )
    )


def reports_followed(user: User) -> list[ProjectReport]:
    """The reports whose due dates ``user`` follows.

    The förbundschef and the ekonom follow every grant's reports, a projektägare
    those of their organisation's grants; the other roles follow none.
    """
    query = (
        select(ProjectReport)
        .join(Grant, ProjectReport.grant_id == Grant.id)
        .options(joinedload(ProjectReport.grant).joinedload(Grant.owner))
        .order_by(ProjectReport.due_on, ProjectReport.id)
    )
    if user.role == Role.PROJEKTAGARE:
        if user.organisation_id is None:
            return []
        query = query.where(Grant.owner_id == user.organisation_id)
    elif user.role not in ALL_REPORTS_FOLLOWERS:
        return []
    return list(db.session.scalars(query))


def user_feed(
    user: User,
    *,
    with_meetings: bool,
    meeting_url: MeetingUrl,
    report_url: ReportUrl,
) -> bytes:
    """The user's personal feed as an .ics file.

    ``with_meetings`` says whether the user may read the board's meetings (the
    views ask the permission policy); the reports are those ``reports_followed``.
    """
    domain = uid_domain()
    meetings: Iterable[Meeting] = all_meetings() if with_meetings else ()
    with force_locale("sv"):
        forbund = current_forbund()
        calendar = _calendar(f"Samordna – {forbund.name}" if forbund else "Samordna")
        for meeting in meetings:
            calendar.add_component(meeting_event(meeting, meeting_url(meeting), domain))
        for report in reports_followed(user):
            calendar.add_component(report_event(report, report_url(report), domain))
    return _finish(calendar)


def meeting_calendar(meeting: Meeting, url: str) -> bytes:
    """One meeting as an .ics file, with the same UID as in the feeds."""
    with force_locale("sv"):
        calendar = _calendar(meeting_summary(meeting))
        calendar.add("method", "PUBLISH")
        calendar.add_component(meeting_event(meeting, url, uid_domain()))
    return _finish(calendar)


def meeting_filename(meeting: Meeting) -> str:
    """'styrelsesammantrade-5-2026.ics': ASCII, so every browser saves it as named."""
    return f"styrelsesammantrade-{meeting.number}-{meeting.year}.ics"
