"""Beslutförhet (quorum): who votes at a meeting and on each item, and who chairs it.

The rule (docs/domain.md, Quorum): the board may decide only when more than
``QUORUM_SHARE`` of its ledamöter — or ersättare serving for them — take part.
Seats are the ledamöter whose term covers the meeting day. A member who is
jävig on an item (a recusal) takes no part in it and does not count towards
that item's quorum, whether they sit in their own seat or serve for another;
an ersättare recorded as stepping in for them takes their seat on that item.

Recording jäv, the stand-ins and the chair of a § whose chair is jävig is
``jav.py``; this module only counts what is recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models import db
from models.board import BoardMember, BoardPosition, BoardRole
from models.meeting import Attendance, Meeting, Paragraph
from models.meeting_terms import AttendanceStatus

from .rules import MeetingError

#: "More than half" of the seats; change here if a förbundsordning says otherwise.
QUORUM_SHARE = Fraction(1, 2)


@dataclass
class Voter:
    """A member taking part: a ledamot in their seat or an ersättare serving for one.

    ``stepped_in`` marks an ersättare who takes a jävig member's seat on one item.
    """

    member: BoardMember
    seat: BoardMember
    stepped_in: bool = False

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
    recused: list[BoardMember] = field(default_factory=list)

    @property
    def present(self) -> int:
        """Seats taken by a member taking part."""
        return len(self.voters)

    @property
    def quorate(self) -> bool:
        """True when enough seats take part to decide."""
        return self.seats > 0 and self.present >= self.needed


def may_serve_for(ersattare: BoardMember, ledamot: BoardMember) -> bool:
    """Whether ``ersattare`` may take ``ledamot``'s seat: an ersättare sits for their own
    party, so only for that party's ledamot (docs/domain.md, Quorum).

    The one statement of the rule: attendance (``lifecycle.record_attendance``), jäv
    (``jav.set_stand_in``) and the choices on the attendance page all ask it. It lives
    here, beside the seats, because ``jav.py`` cannot import ``lifecycle.py`` (that
    would be an import circle through justering and decisions).
    """
    return (
        ersattare.role == BoardRole.ERSATTARE
        and ledamot.is_ledamot
        and ersattare.organisation_id == ledamot.organisation_id
    )


def needed_for(seats: int) -> int:
    """The smallest number that is more than ``QUORUM_SHARE`` of the seats."""
    return int(Fraction(seats) * QUORUM_SHARE) + 1


def board_seats(meeting: Meeting) -> list[BoardMember]:
    """The ledamöter whose term covers the meeting day, with their organisation."""
    return list(
        db.session.scalars(
            select(BoardMember)
            .options(joinedload(BoardMember.organisation))
            .where(
                BoardMember.role == BoardRole.LEDAMOT,
                BoardMember.term_start <= meeting.date,
                BoardMember.term_end >= meeting.date,
            )
            .order_by(BoardMember.id)
        )
    )


def voters(meeting: Meeting, seats: Sequence[BoardMember]) -> list[Voter]:
    """Members taking part in the meeting, one per seat, in the parties' order.

    ``seats`` are the meeting day's seats (``board_seats(meeting)``), passed in by the
    caller that has them already.
    """
    by_id = {seat.id: seat for seat in seats}
    result: list[Voter] = []
    for row in meeting.attendances:
        if row.status != AttendanceStatus.PRESENT:
            continue
        member = row.member
        if member.is_ledamot and member.id in by_id:
            result.append(Voter(member, member))
        elif row.serving_for_id in by_id:
            result.append(Voter(member, by_id[row.serving_for_id]))
    return sorted(result, key=lambda v: (v.seat.organisation.position, v.seat.name))


def status(
    meeting: Meeting,
    paragraph: Paragraph | None = None,
    *,
    seats: Sequence[BoardMember] | None = None,
) -> QuorumStatus:
    """Whether the meeting (or, with jäv taken out, one item) is beslutför.

    ``seats`` are the meeting day's seats when the caller has them; read here otherwise.
    """
    if seats is None:
        seats = board_seats(meeting)
    taking_part = voters(meeting, seats)
    recused: list[BoardMember] = []
    if paragraph is not None:
        recused = [r.member for r in paragraph.recusals]
        recused_ids = {m.id for m in recused}
        stepping_in = _stand_ins(meeting, paragraph, taking_part)
        taking_part = [v for v in taking_part if v.member.id not in recused_ids] + stepping_in
        taking_part.sort(key=lambda v: (v.seat.organisation.position, v.seat.name))
    count = len(seats)
    return QuorumStatus(seats=count, needed=needed_for(count), voters=taking_part, recused=recused)


def _stand_ins(meeting: Meeting, paragraph: Paragraph, taking_part: list[Voter]) -> list[Voter]:
    """The ersättare recorded as stepping in, each in the jävig member's seat.

    A stand-in counts only while it still holds: the jävig member has a seat at the
    meeting and the ersättare is present without serving and not jävig themselves.
    """
    seat_of = {v.member.id: v.seat for v in taking_part}
    recused_ids = {r.member_id for r in paragraph.recusals}
    present = {a.member_id for a in meeting.attendances if a.status == AttendanceStatus.PRESENT}
    result = []
    for recusal in paragraph.recusals:
        stand_in = recusal.replaced_by
        seat = seat_of.get(recusal.member_id)
        if (
            stand_in is not None
            and seat is not None
            and stand_in.id in present
            and stand_in.id not in seat_of
            and stand_in.id not in recused_ids
        ):
            result.append(Voter(stand_in, seat, stepped_in=True))
    return result


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


# --- who chairs the meeting ------------------------------------------------------------


def meeting_chair(meeting: Meeting) -> BoardMember | None:
    """The meeting's ordförande: the one chosen for it, else the board's chair on the day.

    The one answer to "who chairs": jäv, the casting vote, justering and the protocol's
    signature all ask here (the meeting's chair field is optional).
    """
    if meeting.chair is not None:
        return meeting.chair
    return next(
        (
            m
            for m in board_seats(meeting)
            if m.position == BoardPosition.CHAIR and m.role == BoardRole.LEDAMOT
        ),
        None,
    )


def attendance_of(meeting: Meeting) -> dict[int, Attendance]:
    """Attendance rows by member id."""
    return {a.member_id: a for a in meeting.attendances}
