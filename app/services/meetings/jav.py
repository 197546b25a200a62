"""Jäv: who acts on an item when a member is jävig (docs/domain.md).

A member who is jävig on an item (a recusal) takes no part in it. Where the reglemente
allows it (the setting ``jav_ersattare_steps_in``, on by default), a present ersättare of
the same party who does not serve already steps in on that item (``Recusal.replaced_by``).
When the meeting's chair is jävig, the vice ordförande or a member elected for it chairs
the § (``Paragraph.chair``).

Kept apart from the count (``quorum.py``), which only reads what is recorded here: this
module records jäv, chooses the stand-in and the item's chair, refuses the choices the
rules do not allow, and writes the jäv sentence of the protocol.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import db
from models.board import BoardMember, BoardPosition, BoardRole
from models.meeting import Paragraph, Recusal
from models.meeting_terms import AttendanceStatus

from ..forbund import current_forbund
from .quorum import attendance_of, board_seats, may_serve_for, meeting_chair, status, voters
from .rules import MeetingError, ensure_not_locked, ensure_paragraph_open


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
    for other in paragraph.recusals:  # a jävig member no longer steps in for another
        if other.replaced_by is member:
            other.replaced_by = None
    for each in paragraph.recusals:
        if each.replaced_by is None:
            each.replaced_by = next(iter(possible_stand_ins(each)), None)
    _default_chair(paragraph)
    db.session.flush()
    return recusal


def remove_recusal(recusal: Recusal) -> None:
    """Take back a jäv recorded by mistake (and the stand-in and item chair it called for)."""
    ensure_not_locked(recusal.paragraph.meeting)
    paragraph = recusal.paragraph
    _ensure_undecided(paragraph)
    paragraph.recusals.remove(recusal)
    if not chair_is_javig(paragraph):
        paragraph.chair = None
    db.session.flush()


# --- who steps in for a jävig member -------------------------------------------------------


def _steps_in_allowed() -> bool:
    forbund = current_forbund()
    return forbund is None or bool(forbund.jav_ersattare_steps_in)


def _stand_in_refusal(recusal: Recusal, ersattare: BoardMember) -> str | None:
    """Why ``ersattare`` cannot step in for the jävig member, or None when they can."""
    paragraph = recusal.paragraph
    meeting = paragraph.meeting
    if not _steps_in_allowed():
        return str(
            _l(
                "The reglemente does not allow an ersättare to serve for a jävig ledamot"
                " (see Settings)."
            )
        )
    taking_part = voters(meeting, board_seats(meeting))
    seat = next((v.seat for v in taking_part if v.member.id == recusal.member_id), None)
    name = ersattare.name
    if seat is None:
        return _("%(name)s holds no seat for an ersättare to take.", name=recusal.member.name)
    row = attendance_of(meeting).get(ersattare.id)
    if ersattare.role != BoardRole.ERSATTARE:
        return str(_l("%(name)s is not an ersättare.", name=name))
    if row is None or row.status != AttendanceStatus.PRESENT:
        return str(_l("%(name)s is not present and cannot step in.", name=name))
    serving = next((v for v in taking_part if v.member.id == ersattare.id), None)
    if serving is not None:
        return str(_l("%(name)s already serves for %(seat)s.", name=name, seat=serving.seat.name))
    if any(r.member_id == ersattare.id for r in paragraph.recusals):
        return str(_l("%(name)s is jävig on this item too.", name=name))
    if not may_serve_for(ersattare, seat):
        return str(
            _l(
                "%(name)s is an ersättare for %(party)s, not for %(seat_party)s.",
                name=name,
                party=ersattare.organisation.name,
                seat_party=seat.organisation.name,
            )
        )
    if any(r.replaced_by is ersattare and r is not recusal for r in paragraph.recusals):
        return str(_l("%(name)s already steps in for another member on this item.", name=name))
    return None


def set_stand_in(recusal: Recusal, ersattare: BoardMember | None) -> Recusal:
    """Choose (or, with None, clear) the ersättare who steps in for the jävig member."""
    paragraph = recusal.paragraph
    ensure_not_locked(paragraph.meeting)
    _ensure_undecided(paragraph)
    if ersattare is not None and (refusal := _stand_in_refusal(recusal, ersattare)) is not None:
        raise MeetingError(refusal)
    recusal.replaced_by = ersattare
    db.session.flush()
    return recusal


def possible_stand_ins(recusal: Recusal) -> list[BoardMember]:
    """The present ersättare who could step in for the jävig member (for the item page)."""
    return [
        row.member
        for row in recusal.paragraph.meeting.attendances
        if row.member.role == BoardRole.ERSATTARE and _stand_in_refusal(recusal, row.member) is None
    ]


# --- who chairs a § when the chair is jävig ------------------------------------------------


def chair_is_javig(paragraph: Paragraph) -> bool:
    """True when the meeting's chair is jävig on this item, so someone else must chair it."""
    chair = meeting_chair(paragraph.meeting)
    return chair is not None and any(r.member is chair for r in paragraph.recusals)


def _chair_refusal(paragraph: Paragraph, member: BoardMember) -> str | None:
    if not chair_is_javig(paragraph):
        return str(
            _l(
                "The chair leads %(label)s; another chair is chosen only when the chair is jävig.",
                label=paragraph.label,
            )
        )
    if any(r.member_id == member.id for r in paragraph.recusals):
        return str(_l("%(name)s is jävig on this item and cannot chair it.", name=member.name))
    if member.id not in {v.member.id for v in status(paragraph.meeting, paragraph).voters}:
        return str(
            _l(
                "%(name)s is not present with a vote on this item and cannot chair it.",
                name=member.name,
            )
        )
    return None


def _default_chair(paragraph: Paragraph) -> None:
    """When the chair becomes jävig, the vice ordförande present chairs the item (if any)."""
    if not chair_is_javig(paragraph):
        paragraph.chair = None
        return
    if paragraph.chair is not None and _chair_refusal(paragraph, paragraph.chair) is None:
        return
    db.session.flush()
    vice = [
        v.member
        for v in status(paragraph.meeting, paragraph).voters
        if v.member.position == BoardPosition.VICE_CHAIR
    ]
    paragraph.chair = vice[0] if vice else None


def set_item_chair(paragraph: Paragraph, member: BoardMember | None) -> Paragraph:
    """Choose who chairs a § while the meeting's chair is jävig (None: the vice ordförande)."""
    ensure_not_locked(paragraph.meeting)
    ensure_paragraph_open(paragraph)
    if member is None:
        paragraph.chair = None
        _default_chair(paragraph)
    elif (refusal := _chair_refusal(paragraph, member)) is not None:
        raise MeetingError(refusal)
    else:
        paragraph.chair = member
    db.session.flush()
    return paragraph


def item_chair(paragraph: Paragraph) -> BoardMember | None:
    """Who chairs this §: the member chosen while the chair is jävig, else the meeting's chair."""
    if paragraph.chair is not None and chair_is_javig(paragraph):
        return paragraph.chair
    return meeting_chair(paragraph.meeting)


def ensure_chaired(paragraph: Paragraph) -> None:
    """Refuse a decision on a § whose chair is jävig until someone else chairs it."""
    if chair_is_javig(paragraph) and (
        paragraph.chair is None or _chair_refusal(paragraph, paragraph.chair) is not None
    ):
        raise MeetingError(
            _l(
                "The chair is jävig on %(label)s: choose who chairs the meeting for this item"
                " (the vice chair, or a member elected for the item).",
                label=paragraph.label,
            )
        )


# --- the protocol's sentences (Swedish) ----------------------------------------------------


def recusal_sentence(recusal: Recusal) -> str:
    """'Per Nilsson anmäler jäv och deltar inte i handläggningen av ärendet (skäl).'"""
    with force_locale("sv"):
        reason = recusal.reason.strip().rstrip(".")
        if reason:
            return _(
                "%(name)s declares jäv and takes no part in handling the matter (%(reason)s).",
                name=recusal.member.name,
                reason=reason,
            )
        return _(
            "%(name)s declares jäv and takes no part in handling the matter.",
            name=recusal.member.name,
        )


def _ensure_undecided(paragraph: Paragraph) -> None:
    if paragraph.decision is not None:
        raise MeetingError(
            _l(
                "Jäv is recorded before the decision; remove the decision on %(label)s first.",
                label=paragraph.label,
            )
        )
