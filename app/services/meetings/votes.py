"""Omröstning, reservations and protokollsanteckningar on the board's decisions.

Who may do what (kommunallagen 4 kap. and 6 kap., as förbund apply it):
- only those with a vote on the item vote: the ledamöter present and the
  tjänstgörande ersättare, less the jäviga, plus an ersättare who steps in for a
  jävig ledamot (``quorum.status(meeting, paragraph).voters``); in an omröstning
  every one of them says ja, nej or avstår. "Ja" is for the decision as recorded, so
  the ja must win — with equal votes the chair of the § has the casting vote — or the
  decision is changed first: the protocol never says one thing and decides another;
- only a member who took part in the decision may reserve against it, and not one
  who voted ja; the written reason is attached to the protocol;
- a protokollsanteckning is a present member's own note on an item (not a jävig one).
All of it can be changed until justering (``ensure_not_locked``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import db
from models.board import BoardMember
from models.meeting import Decision, Paragraph
from models.meeting_terms import AttendanceStatus
from models.meeting_votes import DecisionReservation, DecisionVote, ProtocolNote, Vote

from . import jav, quorum
from .rules import MeetingError, ensure_not_locked, ensure_paragraph_open

#: Longest written reservation or protokollsanteckning kept.
TEXT_LIMIT = 10_000


def voting_members(paragraph: Paragraph) -> list[BoardMember]:
    """The members with a vote on this item, in the protocol's order."""
    return [v.member for v in quorum.status(paragraph.meeting, paragraph).voters]


def tally(decision: Decision) -> tuple[int, int, int]:
    """(ja, nej, avstår) of the omröstning; (0, 0, 0) when none was held."""
    votes = [v.vote for v in decision.votes]
    return votes.count(Vote.YES), votes.count(Vote.NO), votes.count(Vote.ABSTAIN)


def _casting_vote(paragraph: Paragraph, cast: Mapping[int, str]) -> bool:
    """True when ja and nej are equal and the chair of the § voted ja (utslagsröst)."""
    values = list(cast.values())
    chair = jav.item_chair(paragraph)
    return (
        values.count(Vote.YES) == values.count(Vote.NO)
        and chair is not None
        and cast.get(chair.id) == Vote.YES
    )


def casting_vote_decides(decision: Decision) -> bool:
    """True when the votes were equal and the chair's ja decided."""
    paragraph = decision.paragraph
    cast = {v.member_id: v.vote for v in decision.votes}
    return bool(cast) and paragraph is not None and _casting_vote(paragraph, cast)


def _board_paragraph(decision: Decision) -> Paragraph:
    paragraph = decision.paragraph
    if paragraph is None:
        raise MeetingError(_l("Votes and reservations belong to a decision of the board."))
    ensure_not_locked(paragraph.meeting)
    ensure_paragraph_open(paragraph)  # an omedelbart justerad § is final
    return paragraph


def _took_no_part(paragraph: Paragraph, member: BoardMember) -> MeetingError:
    """The refusal for a member without a vote on the item (jävig, or not taking part)."""
    if any(r.member_id == member.id for r in paragraph.recusals):
        return MeetingError(
            _l(
                "%(name)s is jävig on %(label)s and takes no part in the decision.",
                name=member.name,
                label=paragraph.label,
            )
        )
    return MeetingError(
        _l(
            "%(name)s has no vote on %(label)s: only the ledamöter present and the"
            " ersättare serving take part in the decision.",
            name=member.name,
            label=paragraph.label,
        )
    )


def record_votes(decision: Decision, votes: Mapping[int, str | None]) -> list[DecisionVote]:
    """Record the omröstning: member id → "yes", "no" or "abstain". All empty removes it."""
    paragraph = _board_paragraph(decision)
    voters = voting_members(paragraph)
    by_id = {m.id: m for m in voters}
    cleaned = {int(member_id): vote for member_id, vote in votes.items() if vote}
    for member_id, vote in cleaned.items():
        if vote not in {v.value for v in Vote}:
            raise MeetingError(_l("Choose ja, nej or avstår for each member."))
        if member_id not in by_id:
            member = db.session.get(BoardMember, member_id)
            if member is None:
                raise MeetingError(_l("Choose ja, nej or avstår for each member."))
            raise _took_no_part(paragraph, member)
    missing = [m.name for m in voters if m.id not in cleaned]
    if cleaned and missing:
        raise MeetingError(
            _l(
                "Record how every member with a vote voted (missing: %(names)s).",
                names=", ".join(missing),
            )
        )
    for reservation in decision.reservations:
        if cleaned.get(reservation.member_id) == Vote.YES:
            raise MeetingError(
                _l(
                    "%(name)s has reserved against the decision and cannot have voted ja;"
                    " remove the reservation first.",
                    name=reservation.member.name,
                )
            )
    yes, no = list(cleaned.values()).count(Vote.YES), list(cleaned.values()).count(Vote.NO)
    if cleaned and yes <= no and not _casting_vote(paragraph, cleaned):
        raise MeetingError(
            _l(
                "The vote does not carry the decision as recorded (%(yes)s ja, %(no)s nej)."
                " Record the decision the majority took first, then the vote for it.",
                yes=yes,
                no=no,
            )
        )
    decision.votes.clear()
    db.session.flush()
    for member in voters:
        if member.id in cleaned:
            decision.votes.append(DecisionVote(member=member, vote=cleaned[member.id]))
    db.session.flush()
    return list(decision.votes)


def add_reservation(
    decision: Decision, member: BoardMember, reason: str = ""
) -> DecisionReservation:
    """A member who took part reserves against the decision, optionally in writing."""
    paragraph = _board_paragraph(decision)
    if member.id not in {m.id for m in voting_members(paragraph)}:
        raise _took_no_part(paragraph, member)
    if any(v.member_id == member.id and v.vote == Vote.YES for v in decision.votes):
        raise MeetingError(
            _l("%(name)s voted ja and cannot reserve against the decision.", name=member.name)
        )
    if any(r.member_id == member.id for r in decision.reservations):
        raise MeetingError(
            _l("%(name)s has already reserved against the decision.", name=member.name)
        )
    reservation = DecisionReservation(member=member, reason=reason.strip()[:TEXT_LIMIT])
    decision.reservations.append(reservation)
    db.session.flush()
    return reservation


def remove_reservation(reservation: DecisionReservation) -> None:
    """Take back a reservation recorded by mistake."""
    decision = reservation.decision
    _board_paragraph(decision)
    decision.reservations.remove(reservation)
    db.session.flush()


def add_note(paragraph: Paragraph, member: BoardMember, text: str) -> ProtocolNote:
    """A present member's protokollsanteckning on an item."""
    ensure_not_locked(paragraph.meeting)
    ensure_paragraph_open(paragraph)
    text = text.strip()
    if not text:
        raise MeetingError(_l("Write the protokollsanteckning."))
    row = quorum.attendance_of(paragraph.meeting).get(member.id)
    if row is None or row.status != AttendanceStatus.PRESENT:
        raise MeetingError(
            _l(
                "%(name)s is not present at the meeting and cannot make a protokollsanteckning.",
                name=member.name,
            )
        )
    if any(r.member_id == member.id for r in paragraph.recusals):
        raise _took_no_part(paragraph, member)
    note = ProtocolNote(member=member, text=text[:TEXT_LIMIT])
    paragraph.protocol_notes.append(note)
    db.session.flush()
    return note


def remove_note(note: ProtocolNote) -> None:
    """Take back a protokollsanteckning recorded by mistake."""
    paragraph = note.paragraph
    ensure_not_locked(paragraph.meeting)
    ensure_paragraph_open(paragraph)
    paragraph.protocol_notes.remove(note)
    db.session.flush()


def decided_as(decision: Decision | None) -> tuple[str, dict[int, Decimal]] | None:
    """What a recorded decision says on the matter, its outcome and amounts (not its wording);
    None before it is recorded."""
    if decision is None or decision.id is None:
        return None
    return decision.outcome, decision.amounts()


def change_message(
    decision: Decision, before: tuple[str, dict[int, Decimal]] | None, *, had_votes: bool
) -> str:
    """What changing the decision did to its omröstning (removed) and reservations (kept)."""
    if before is None or before == decided_as(decision):
        return ""
    parts = []
    if had_votes:
        parts.append(
            _(
                "The omröstning was removed: it was on the decision as it stood. Record it"
                " again if the board voted on this one."
            )
        )
    if decision.reservations:
        parts.append(_("Check the reservations: they stand against the changed decision."))
    return " ".join(parts)
