"""Justering as a reglemente has it: elected justerare, who signed, and omedelbar justering.

The rules (docs/domain.md, The board meeting; docs/meetings.md, Justering):

* Justerare are elected at the meeting under the § "Val av justerare" (the item whose
  ``Paragraph.standard`` is ``StandardItem.JUSTERARE``), among those present with a
  vote: ledamöter present and tjänstgörande ersättare — never the ordförande, who
  justerar anyway. The förbund's setting ``Forbund.justerare_count`` (default 1) says
  how many justerare besides the ordförande must justera.
* Justering is recorded with who justerade, chosen from the roster (the ordförande
  and the elected justerare), and when. The ordförande alone is refused.
* Before justering every § must be in order: ``problems(meeting)`` lists exactly what
  to do first (naming the §), so a meeting can always be justerad.
* Omedelbar justering: a decided § is justerad at the meeting; its decision acts at
  once and the § is locked while the rest of the meeting stays open.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import Forbund, User, db
from models.board import BoardMember
from models.meeting import Meeting, MeetingJusterare, Paragraph
from models.meeting_terms import Outcome, StandardItem

from ...clock import today
from . import effects, protocol_files, quorum
from .decisions import ON_THE_TABLE
from .rules import MeetingError, ensure_held, ensure_not_locked, ensure_paragraph_open
from .signatories import chair_of, elected_justerare, signers_of

__all__ = ["chair_of", "elected_justerare", "signers_of"]  # read here by views and tests


def justerare_needed() -> int:
    """How many justerare besides the ordförande justera a protocol (the förbund's setting)."""
    forbund = db.session.get(Forbund, 1)
    return max(1, forbund.justerare_count) if forbund is not None else 1


def eligible_justerare(meeting: Meeting) -> list[BoardMember]:
    """Those present with a vote (ledamöter and tjänstgörande ersättare), the chair left out."""
    chair = chair_of(meeting)
    return [
        v.member
        for v in quorum.voters(meeting, quorum.board_seats(meeting))
        if chair is None or v.member.id != chair.id
    ]


def justerare_paragraph(meeting: Meeting) -> Paragraph | None:
    """The § "Val av justerare" (found by its flag, not its title)."""
    return next((p for p in meeting.paragraphs if p.standard == StandardItem.JUSTERARE), None)


def elect_justerare(meeting: Meeting, members: Sequence[BoardMember]) -> None:
    """Record the justerare the meeting elected (replacing an earlier choice)."""
    ensure_not_locked(meeting)
    ensure_held(meeting)
    paragraph = justerare_paragraph(meeting)
    if paragraph is not None:
        ensure_paragraph_open(paragraph)
    if not members:
        raise MeetingError(_l("Choose at least one justerare."))
    allowed = {m.id for m in eligible_justerare(meeting)}
    chair = chair_of(meeting)
    for member in members:
        if chair is not None and member.id == chair.id:
            raise MeetingError(
                _l(
                    "%(name)s is the ordförande and justerar anyway; elect another justerare.",
                    name=member.name,
                )
            )
        if member.id not in allowed:
            raise MeetingError(
                _l(
                    "%(name)s is not present with a vote and cannot be elected justerare.",
                    name=member.name,
                )
            )
    chosen = {m.id for m in members}
    for row in list(meeting.elected):
        if row.member_id not in chosen:
            meeting.elected.remove(row)
    have = {row.member_id for row in meeting.elected}
    for member in members:
        if member.id not in have:
            meeting.elected.append(MeetingJusterare(member=member))
            have.add(member.id)
    db.session.flush()


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s", first=", ".join(names[:-1]), last=names[-1])


def problem(paragraph: Paragraph) -> str | None:
    """What must be done to a § before justering (Swedish), or None when it is in order."""
    decision = paragraph.decision
    application = paragraph.application
    if paragraph.kind != "application" or application is None:
        return None
    if decision is not None and decision.acted_at is not None:
        return None
    on_table = application.status in ON_THE_TABLE
    if decision is None and on_table:
        return str(
            _l(
                "%(label)s: record the board's decision on %(title)s.",
                label=paragraph.label,
                title=application.title,
            )
        )
    if not on_table and (decision is None or decision.outcome != Outcome.WITHDRAWN):
        return str(
            _l(
                "%(label)s: the application %(title)s is no longer on the board's table"
                " (it was decided or withdrawn elsewhere). Change the decision to"
                " 'utgår' with a reason.",
                label=paragraph.label,
                title=application.title,
            )
        )
    return None


def problems(meeting: Meeting) -> list[str]:
    """What must be done before the meeting can be justerad, one line per § (Swedish)."""
    ordered = sorted(meeting.paragraphs, key=lambda p: (p.number or 10**6, p.position))
    return [text for p in ordered if (text := problem(p)) is not None]


def record_justering(
    meeting: Meeting,
    *,
    on: date,
    signers: Sequence[BoardMember],
    place: str = "",
    user: User | None = None,
) -> None:
    """Justering: the protocol becomes final, the meeting locks, and its decisions act."""
    ensure_not_locked(meeting)
    ensure_held(meeting)
    if on < meeting.date:
        raise MeetingError(_l("A protocol is justerat on or after the meeting day."))
    if on > today():
        raise MeetingError(_l("The justering date cannot be in the future."))
    chair = chair_of(meeting)
    elected = {m.id: m for m in elected_justerare(meeting)}
    needed = justerare_needed()
    if len(elected) < needed:
        raise MeetingError(
            _l(
                "The meeting has elected %(count)s justerare; the förbund's rules need"
                " %(needed)s besides the ordförande. Elect them under the § Val av justerare.",
                count=len(elected),
                needed=needed,
            )
        )
    ids = {m.id for m in signers}
    strangers = [
        m.name for m in signers if m.id not in elected and (chair is None or m.id != chair.id)
    ]
    if strangers:
        raise MeetingError(
            _l(
                "Only the ordförande and the elected justerare justera the protocol, not"
                " %(names)s.",
                names=", ".join(strangers),
            )
        )
    if chair is None:
        raise MeetingError(_l("Choose the meeting's ordförande under Edit details first."))
    if chair.id not in ids:
        raise MeetingError(_l("The ordförande justerar the protocol together with the justerare."))
    signed = [m for m in elected.values() if m.id in ids]
    if len(signed) < needed:
        raise MeetingError(
            _l(
                "The ordförande cannot justera alone: %(needed)s elected justerare must justera"
                " too.",
                needed=needed,
            )
        )
    todo = problems(meeting)
    if todo:
        raise MeetingError(
            _l("Before justering: %(items)s", items=" ".join(todo)),
        )
    for row in meeting.elected:
        row.signed = row.member_id in ids
    meeting.adjusted_on = on
    meeting.adjusted_by = ", ".join([chair.name, *(m.name for m in signed)])
    meeting.adjusted_place = place.strip()
    meeting.adjusted_recorded_by_id = getattr(user, "id", None)
    db.session.flush()
    effects.act_on_meeting(meeting, user=user)
    protocol_files.freeze(meeting)  # the published document, stored with its SHA-256


def adjust_at_meeting(paragraph: Paragraph, *, user: User | None = None) -> None:
    """Omedelbar justering: the § is justerad at the meeting and its decision acts now."""
    meeting = paragraph.meeting
    ensure_not_locked(meeting)
    ensure_held(meeting)
    ensure_paragraph_open(paragraph)
    decision = paragraph.decision
    if decision is None:
        raise MeetingError(
            _l("Record the decision on %(label)s before justering it.", label=paragraph.label)
        )
    quorum.ensure_quorate(meeting, paragraph)
    todo = problem(paragraph)
    if todo is not None:
        raise MeetingError(todo)
    paragraph.adjusted_at_meeting = True
    if decision.acted_at is None:
        effects.act(decision, user=user)
    db.session.flush()
