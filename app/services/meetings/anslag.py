"""Anslag: the justerat protocol on the anslagstavla, and the appeal window it opens.

A kommunalförbund announces on its anslagstavla that the protocol is justerat
(kommunallagen 8 kap. 12 §). Anyone may then ask the förvaltningsrätten for
laglighetsprövning within three weeks from the day of anslag (13 kap. 5 §), so
that day decides when every decision in the protocol stands. The anslag dates
are the one thing recorded on a justerat meeting; the change is in the audit
trail like every other write.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models import Application, db
from models.meeting import Decision, Meeting

from ...clock import today
from .rules import MeetingError

APPEAL_PERIOD = timedelta(weeks=3)


def appeal_ends(meeting: Meeting | None) -> date | None:
    """The last day for laglighetsprövning: three weeks after anslag (None before anslag)."""
    if meeting is None or meeting.posted_on is None:
        return None
    return meeting.posted_on + APPEAL_PERIOD


def decision_appeal_ends(decision: Decision | None) -> date | None:
    """The appeal end of a board decision (a delegation decision has none here)."""
    if decision is None or decision.paragraph is None:
        return None
    return appeal_ends(decision.paragraph.meeting)


def board_decisions(application: Application) -> list[tuple[Decision, date | None]]:
    """The board's decisions on an application (oldest first), each with its appeal end."""
    rows = db.session.scalars(
        select(Decision)
        .where(Decision.application_id == application.id, Decision.paragraph_id.is_not(None))
        .order_by(Decision.id)
    )
    return [(decision, decision_appeal_ends(decision)) for decision in rows]


def record_anslag(meeting: Meeting, *, posted_on: date | None, taken_down_on: date | None) -> None:
    """Record when the justerat protocol went up on the anslagstavla and when it came down."""
    if not meeting.is_locked or meeting.adjusted_on is None:
        raise MeetingError(
            _l("The protocol is posted once it is justerat; record justering first.")
        )
    if posted_on is None:
        if taken_down_on is not None:
            raise MeetingError(_l("Give the day the protocol was posted first."))
    else:
        if posted_on < meeting.adjusted_on:
            raise MeetingError(
                _l(
                    "The protocol was justerat on %(day)s; it cannot be posted before that.",
                    day=meeting.adjusted_on.isoformat(),
                )
            )
        if posted_on > today():
            raise MeetingError(_l("The day of anslag cannot be in the future."))
        if taken_down_on is not None and taken_down_on < posted_on + APPEAL_PERIOD:
            raise MeetingError(
                _l(
                    "The protocol stays posted until the appeal window has ended: take it down"
                    " on %(day)s at the earliest.",
                    day=(posted_on + APPEAL_PERIOD).isoformat(),
                )
            )
    meeting.posted_on = posted_on
    meeting.taken_down_on = taken_down_on
    db.session.flush()


def awaiting_anslag() -> list[Meeting]:
    """Justerade protocols not yet posted on the anslagstavla, oldest first."""
    return list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.adjusted_on.is_not(None), Meeting.posted_on.is_(None))
            .order_by(Meeting.year, Meeting.number)
        )
    )
