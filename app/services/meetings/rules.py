"""The checks every write to a meeting shares: its error, the lock, and "has it been held".

``ensure_not_locked(meeting)`` is called by every write path to a meeting, its
items, decisions, jäv and attendance (``lifecycle.py``, ``agenda.py``,
``decisions.py``): once the protocol is justerat, nothing about it may change.
They live in this small module, which imports no other meeting service, so
that every meeting service can use them.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.meeting import Meeting, Paragraph

from ...clock import today
from ..errors import DomainError


class MeetingError(DomainError):
    """A meeting rule was broken; ``str()`` is the Swedish message for the user."""


class MeetingLocked(MeetingError):
    """The protocol is justerat: the meeting and everything in it is read-only."""


def ensure_not_locked(meeting: Meeting) -> None:
    """Refuse any change to a justerat meeting (the one lock check every write path calls)."""
    if meeting.is_locked:
        raise MeetingLocked(
            _l(
                "The protocol of meeting %(label)s was justerat on %(day)s and can no longer be"
                " changed. Make corrections as a new § at a later meeting.",
                label=meeting.label,
                day=meeting.adjusted_on.isoformat() if meeting.adjusted_on else "",
            )
        )


def ensure_held(meeting: Meeting) -> None:
    """Attendance and decisions need a fixed agenda and a meeting day that has come."""
    if not meeting.agenda_fixed:
        raise MeetingError(_l("Fix the agenda (send the kallelse) first; it gives the § numbers."))
    if meeting.date > today():
        raise MeetingError(
            _l("The meeting is on %(day)s; it has not been held yet.", day=meeting.date.isoformat())
        )


def ensure_paragraph_open(paragraph: Paragraph) -> None:
    """Refuse a change to a § justerad at the meeting (omedelbar justering) or after it."""
    ensure_not_locked(paragraph.meeting)
    if paragraph.adjusted_at_meeting:
        raise MeetingLocked(
            _l(
                "%(label)s was declared omedelbart justerad at the meeting and can no longer be"
                " changed. Make corrections as a new § at a later meeting.",
                label=paragraph.label,
            )
        )
