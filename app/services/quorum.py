"""Beslutförhet (quorum) and jäv: who votes at a meeting and on each item.

The rule (docs/domain.md, Quorum): the board may decide only when more than
``QUORUM_SHARE`` of its ledamöter — or ersättare serving for them — take part.
Seats are the ledamöter whose term covers the meeting day. A member who is
jävig on an item (a recusal) takes no part in it and does not count towards
that item's quorum, whether they sit in their own seat or serve for another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l

from models import db
from models.board import BoardMember
from models.meeting import Attendance, AttendanceStatus, Meeting, Paragraph, Recusal

from . import board_roster
from .board_roster import Member
from .meetings import MeetingError, ensure_not_locked

if TYPE_CHECKING:
    from .meeting_page import MeetingPage, ParagraphRow

#: "More than half" of the seats; change here if a förbundsordning says otherwise.
QUORUM_SHARE = Fraction(1, 2)


@dataclass
class Voter:
    """A member taking part: a ledamot in their seat or an ersättare serving for one."""

    member: Member
    seat: Member

    @property
    def serving(self) -> bool:
        """True for an ersättare serving for an absent ledamot."""
        return self.member.id != self.seat.id


@dataclass
class QuorumStatus:
    """The count behind "beslutför": seats, those taking part, and how many are needed."""

    seats: int
    needed: int
    voters: list[Voter] = field(default_factory=list)
    recused: list[Member] = field(default_factory=list)

    @property
    def present(self) -> int:
        """Seats taken by a member taking part."""
        return len(self.voters)

    @property
    def quorate(self) -> bool:
        """True when enough seats take part to decide."""
        return self.seats > 0 and self.present >= self.needed


def needed_for(seats: int) -> int:
    """The smallest number that is more than ``QUORUM_SHARE`` of the seats."""
    return int(Fraction(seats) * QUORUM_SHARE) + 1


def seats(meeting: Meeting | MeetingPage) -> list[Member]:
    """The ledamöter whose term covers the meeting day (from the per-version roster)."""
    return board_roster.seats_on(meeting.date)


def voters(meeting: Meeting | MeetingPage) -> list[Voter]:
    """Members taking part in the meeting, one per seat.

    Reads only ids of the attendance rows, so it takes a ``Meeting`` or a
    ``MeetingPage`` (app/services/meeting_page.py) alike.
    """
    roster = board_roster.members()
    seat_ids = {m.id for m in seats(meeting)}
    result: list[Voter] = []
    for row in meeting.attendances:
        if row.status != AttendanceStatus.PRESENT:
            continue
        member = roster[row.member_id]
        if member.is_ledamot and member.id in seat_ids:
            result.append(Voter(member, member))
        elif row.serving_for_id in seat_ids:
            result.append(Voter(member, roster[row.serving_for_id]))
    return sorted(result, key=lambda v: (v.seat.organisation.position, v.seat.name))


def status(
    meeting: Meeting | MeetingPage, paragraph: Paragraph | ParagraphRow | None = None
) -> QuorumStatus:
    """Whether the meeting (or, with jäv taken out, one item) is beslutför."""
    count = len(seats(meeting))
    taking_part = voters(meeting)
    recused: list[Member] = []
    if paragraph is not None:
        roster = board_roster.members()
        recused_ids = {r.member_id for r in paragraph.recusals}
        recused = [roster[r.member_id] for r in paragraph.recusals]
        taking_part = [v for v in taking_part if v.member.id not in recused_ids]
    return QuorumStatus(seats=count, needed=needed_for(count), voters=taking_part, recused=recused)


def ensure_quorate(meeting: Meeting, paragraph: Paragraph | None = None) -> None:
    """Refuse a decision while the board (on this item) is not beslutför."""
    result = status(meeting, paragraph)
    if not result.quorate:
        raise MeetingError(
            _l(
                "The board is not quorate: %(present)s of %(seats)s seats take part, at least"
                " %(needed)s are needed. No decision can be recorded.",
                present=result.present,
                seats=result.seats,
                needed=result.needed,
            )
        )


def add_recusal(paragraph: Paragraph, member: BoardMember, reason: str = "") -> Recusal:
    """Record jäv: the member takes no part in this item."""
    meeting = paragraph.meeting
    ensure_not_locked(meeting)
    if not member.serves_on(meeting.date):
        raise MeetingError(_l("%(name)s is not on the board on the meeting day.", name=member.name))
    _ensure_undecided(paragraph)
    if any(r.member_id == member.id for r in paragraph.recusals):
        raise MeetingError(_l("%(name)s is already recorded as jävig.", name=member.name))
    recusal = Recusal(paragraph=paragraph, member=member, reason=reason.strip()[:300])
    db.session.add(recusal)
    db.session.flush()
    return recusal


def remove_recusal(recusal: Recusal) -> None:
    """Take back a jäv recorded by mistake."""
    ensure_not_locked(recusal.paragraph.meeting)
    paragraph = recusal.paragraph
    _ensure_undecided(paragraph)
    paragraph.recusals.remove(recusal)
    db.session.flush()


def _ensure_undecided(paragraph: Paragraph) -> None:
    if paragraph.decision is not None:
        raise MeetingError(
            _l(
                "Jäv is recorded before the decision; remove the decision on %(label)s first.",
                label=paragraph.label,
            )
        )


def attendance_of(meeting: Meeting) -> dict[int, Attendance]:
    """Attendance rows by member id."""
    return {a.member_id: a for a in meeting.attendances}
