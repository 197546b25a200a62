"""Board meetings and the board register: planning, attendance, justering and the lock.

Every write here first calls ``ensure_not_locked`` (``rules.py``): once the
protocol is justerat, nothing about the meeting may change. Meetings are
numbered per year in date order: "Sammanträde 5/2026". Justering (``justering.py``,
re-exported here as ``record_justering``) makes the meeting's decisions act.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from models import db
from models.board import BoardMember, BoardRole
from models.meeting import Attendance, Decision, Meeting, MeetingJusterare, Paragraph, Recusal
from models.meeting_terms import AttendanceStatus, MeetingKind

from .justering import record_justering as record_justering  # kept importable from here
from .quorum import may_serve_for
from .rules import MeetingError, ensure_held, ensure_not_locked

# --- the board register -----------------------------------------------------------------


def board_members(on: date | None = None) -> list[BoardMember]:
    """The register (or the members serving on a day), by party, ledamot first, then name."""
    query = select(BoardMember).options(joinedload(BoardMember.organisation))
    if on is not None:
        query = query.where(BoardMember.term_start <= on, BoardMember.term_end >= on)
    rows = db.session.scalars(query).all()
    return sorted(
        rows,
        key=lambda m: (
            m.organisation.position,
            m.organisation.name,
            m.role != BoardRole.LEDAMOT,
            m.name,
            m.term_start,
        ),
    )


def check_member(member: BoardMember) -> None:
    """A board seat belongs to a member party, and its term must end after it starts."""
    if member.organisation is None or not member.organisation.is_member:
        raise MeetingError(_l("Board seats belong to the förbund's member parties."))
    if member.term_end < member.term_start:
        raise MeetingError(_l("The term of office ends before it starts."))
    db.session.flush()


def delete_member(member: BoardMember) -> None:
    """Remove a register entry made by mistake; one who has attended a meeting stays."""
    used = db.session.scalar(
        select(func.count(Attendance.id)).where(
            or_(Attendance.member_id == member.id, Attendance.serving_for_id == member.id)
        )
    ) or db.session.scalar(select(func.count(Meeting.id)).where(Meeting.chair_id == member.id))
    used = used or db.session.scalar(
        select(func.count(MeetingJusterare.id)).where(MeetingJusterare.member_id == member.id)
    )
    used = used or db.session.scalar(
        select(func.count(Recusal.id)).where(Recusal.member_id == member.id)
    )
    if used:
        raise MeetingError(
            _l("%(name)s appears in meeting records; end the term instead.", name=member.name)
        )
    db.session.delete(member)
    db.session.flush()


# --- meetings ---------------------------------------------------------------------------


def meetings_in_year(year: int) -> list[Meeting]:
    """A year's meetings in number order."""
    return list(
        db.session.scalars(select(Meeting).where(Meeting.year == year).order_by(Meeting.number))
    )


def load_for_page(meeting_id: int) -> Meeting | None:
    """The meeting with everything its page, kallelse and protocol show, or None.

    Each § comes with its application, the § it corrects, its decision (with the
    yearly amounts and the meeting it was postponed to) and its jäv with the members
    and their organisations; each attendance with the member and the seat served
    for. The number of queries does not grow with the number of § and members.
    """
    return db.session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            joinedload(Meeting.chair),
            selectinload(Meeting.elected).joinedload(MeetingJusterare.member),
            selectinload(Meeting.paragraphs).options(
                joinedload(Paragraph.application),
                joinedload(Paragraph.corrects).joinedload(Paragraph.meeting),
                joinedload(Paragraph.decision).options(
                    selectinload(Decision.years), joinedload(Decision.postponed_to)
                ),
                selectinload(Paragraph.recusals)
                .joinedload(Recusal.member)
                .joinedload(BoardMember.organisation),
            ),
            selectinload(Meeting.attendances).options(
                joinedload(Attendance.member).joinedload(BoardMember.organisation),
                joinedload(Attendance.serving_for).joinedload(BoardMember.organisation),
            ),
        )
    )


def meeting_years() -> list[int]:
    """Years that have meetings, newest first."""
    return list(
        db.session.scalars(select(Meeting.year).distinct().order_by(Meeting.year.desc())).all()
    )


def _check_date_order(meeting: Meeting, day: date) -> None:
    """Numbers follow the calendar: a meeting may not come before an earlier-numbered one."""
    for other in meetings_in_year(day.year):
        if other is meeting or other.id == meeting.id:
            continue
        if other.number < (meeting.number or 10**6) and other.date > day:
            raise MeetingError(
                _l(
                    "Meeting %(label)s is held on %(day)s; a later-numbered meeting cannot come"
                    " before it.",
                    label=other.label,
                    day=other.date.isoformat(),
                )
            )
        if meeting.number and other.number > meeting.number and other.date < day:
            raise MeetingError(
                _l(
                    "Meeting %(label)s is held on %(day)s; move that meeting first.",
                    label=other.label,
                    day=other.date.isoformat(),
                )
            )


def create_meeting(day: date, **details: Any) -> Meeting:
    """Plan a meeting: it gets the next number of its year."""
    meeting = Meeting(year=day.year, date=day, kind=details.pop("kind", MeetingKind.ORDINARY))
    _check_date_order(meeting, day)
    last = db.session.scalar(select(func.max(Meeting.number)).where(Meeting.year == day.year))
    meeting.number = (last or 0) + 1
    for key, value in details.items():
        setattr(meeting, key, value)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def update_meeting(meeting: Meeting, data: Mapping[str, Any]) -> None:
    """Change date, time, place, chair, secretary and the like before justering."""
    ensure_not_locked(meeting)
    day = data.get("date", meeting.date)
    if day != meeting.date:
        if day.year != meeting.year:
            raise MeetingError(
                _l(
                    "A meeting cannot move to another year (its number and § numbers belong to"
                    " %(year)s); plan a new meeting instead.",
                    year=meeting.year,
                )
            )
        _check_date_order(meeting, day)
    for key, value in data.items():
        setattr(meeting, key, value)
    db.session.flush()


def delete_meeting(meeting: Meeting) -> None:
    """Remove a planned meeting: only the year's last one, before its agenda is fixed."""
    ensure_not_locked(meeting)
    if meeting.agenda_fixed:
        raise MeetingError(_l("The agenda has been sent out with § numbers; it cannot be removed."))
    later = db.session.scalar(
        select(func.count(Meeting.id)).where(
            Meeting.year == meeting.year, Meeting.number > meeting.number
        )
    )
    if later:
        raise MeetingError(_l("Only the year's last meeting can be removed (numbers never skip)."))
    if db.session.scalar(select(func.count(Decision.id)).where(Decision.postponed_to == meeting)):
        raise MeetingError(_l("Items have been postponed to this meeting; it cannot be removed."))
    paragraph_ids = [p.id for p in meeting.paragraphs]
    for decision in db.session.scalars(
        select(Decision).where(Decision.reported_in_id.in_(paragraph_ids))
    ):
        decision.reported_in = None  # reported at the next meeting instead
    db.session.delete(meeting)
    db.session.flush()


def attendance_start(
    meeting: Meeting, members: Sequence[BoardMember]
) -> dict[int, tuple[str, int | None]]:
    """Where the attendance form starts: member id → (status, ledamot served for or None).

    Once attendance is saved, what was saved (a member with no row, such as one added to
    the register later, is absent: that is how the quorum counts them). Before that, the
    roster as the meeting usually is, so the förbundschef changes only who is missing:
    every ledamot present, and every ersättare present without serving — ersättare are
    called to the meetings (närvarorätt) and one must be present to serve for an absent
    or jävig ledamot (docs/domain.md, Quorum and Jäv). A start is not a record: nothing
    is saved, and the quorum counts nobody, until the form is saved.
    """
    saved = {a.member_id: a for a in meeting.attendances}
    if saved:
        return {
            m.id: (saved[m.id].status, saved[m.id].serving_for_id)
            if m.id in saved
            else (AttendanceStatus.ABSENT, None)
            for m in members
        }
    return {m.id: (AttendanceStatus.PRESENT, None) for m in members}


def record_attendance(meeting: Meeting, rows: Mapping[int, tuple[str, int | None]]) -> None:
    """Set who was present; ``rows`` maps member id → (status, ledamot served for or None)."""
    ensure_not_locked(meeting)
    ensure_held(meeting)
    members = {m.id: m for m in board_members(on=meeting.date)}
    served: dict[int, BoardMember] = {}
    for member_id, (status, serving_for_id) in rows.items():
        member = members.get(member_id)
        if member is None:
            raise MeetingError(_l("Only members serving on the meeting day can attend."))
        if status not in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT):
            raise MeetingError(_l("Choose present or absent."))
        if serving_for_id is None:
            continue
        target = members.get(serving_for_id)
        if member.is_ledamot:
            raise MeetingError(
                _l("%(name)s is a ledamot and serves in their own seat.", name=member.name)
            )
        if status != AttendanceStatus.PRESENT:
            raise MeetingError(_l("%(name)s is absent and cannot serve.", name=member.name))
        if target is None or not target.is_ledamot:
            raise MeetingError(_l("An ersättare serves for a ledamot."))
        if not may_serve_for(member, target):
            raise MeetingError(
                _l(
                    "%(name)s is an ersättare for %(party)s and can serve only for that party's"
                    " ledamot.",
                    name=member.name,
                    party=member.organisation.name,
                )
            )
        if rows.get(target.id, (AttendanceStatus.ABSENT, None))[0] == AttendanceStatus.PRESENT:
            raise MeetingError(_l("%(name)s is present and needs no ersättare.", name=target.name))
        if target.id in served:
            raise MeetingError(_l("Only one ersättare can serve for %(name)s.", name=target.name))
        served[target.id] = member
    existing = {a.member_id: a for a in meeting.attendances}
    for member_id, (status, serving_for_id) in rows.items():
        row = existing.pop(member_id, None)
        if row is None:
            row = Attendance(meeting=meeting, member_id=member_id)
            db.session.add(row)
        row.status = status
        row.serving_for_id = serving_for_id
    for row in existing.values():
        db.session.delete(row)
    db.session.flush()
