"""What the meeting pages share: loading a meeting or an item, the lock check, member choices."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash

from forms.base import choices
from models import db
from models.meeting import Meeting, Paragraph

from ...services.meetings import lifecycle as meetings
from ...services.meetings.rules import MeetingError, ensure_not_locked


def refused_as_locked(meeting: Meeting) -> bool:
    """For POSTs: flash the lock message when the meeting is justerat (the service check)."""
    try:
        ensure_not_locked(meeting)
    except MeetingError as error:  # a guard before any change: no call_service
        flash(str(error), "danger")
        return True
    return False


def get_meeting_or_404(meeting_id: int) -> Meeting:
    """The meeting, or 404."""
    return db.session.get(Meeting, meeting_id) or abort(404)


def meeting_for_page(meeting_id: int) -> Meeting:
    """The meeting with what its page, kallelse and protocol show loaded, or 404."""
    return meetings.load_for_page(meeting_id) or abort(404)


def get_paragraph_or_404(paragraph_id: int) -> Paragraph:
    """The agenda item, or 404."""
    return db.session.get(Paragraph, paragraph_id) or abort(404)


def member_choices(day: date | None = None) -> list[tuple[Any, str]]:
    """Board members serving on a day (or all) as select options."""
    return choices(
        [("", "—")]
        + [
            (m.id, f"{m.name} ({m.organisation.short_name or m.organisation.name})")
            for m in meetings.board_members(on=day)
        ]
    )
