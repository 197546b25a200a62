"""The protocol (and the kallelse) of a meeting: one set of data for the print view and .docx.

The protocol is the förbund's legal record and is always written in Swedish,
whatever language the reader's menus use: ``protocol_data`` builds every line
under ``force_locale("sv")``; the print template and ``exports/protocol_docx.py``
only lay it out (``protocol_files.py`` builds, freezes and serves the documents).
The layout follows Swedish kommunal practice: header with förbund and
"Protokoll nr 5/2026", place and time, beslutande, tjänstgörande ersättare,
ersättare ej tjänstgörande, övriga närvarande, justering, the § items with
their decisions and jäv, signature lines and where the protocol is kept.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from exports.protocol_parts import Anslag, Item, ProtocolData
from models.board import BoardMember, BoardPosition
from models.meeting import Decision, Meeting, Paragraph
from models.meeting_terms import OUTCOME_LABELS, PARAGRAPH_KIND_LABELS, AttendanceStatus

from ...formatting import sek
from ..forbund import forbund_name
from . import anslag, protocol_lines, protocol_texts, quorum, signatories
from .agenda import paragraph_label, reported_in_meeting
from .decisions import default_text

__all__ = ["Anslag", "Item", "ProtocolData", "item_data", "kallelse_data", "protocol_data"]


def _who(member: BoardMember) -> str:
    office = {
        BoardPosition.CHAIR: _("chair"),
        BoardPosition.VICE_CHAIR: _("vice chair"),
    }.get(member.position, "")
    text = f"{member.name}, {member.organisation.name}"
    return f"{text} ({office})" if office else text


def _time(meeting: Meeting) -> str:
    if meeting.start_time is None:
        return ""
    start = meeting.start_time.strftime("%H.%M")
    end = meeting.end_time.strftime("%H.%M") if meeting.end_time else ""
    return (
        _("at %(start)s–%(end)s", start=start, end=end) if end else _("at %(start)s", start=start)
    )


def _item(paragraph: Paragraph, locked: bool, reported: dict[int, list[Decision]]) -> Item:
    item = Item(
        number=paragraph.label,
        title=paragraph.title,
        kind=str(PARAGRAPH_KIND_LABELS.get(paragraph.kind, "")),
        paragraph_id=paragraph.id,
        underlag=paragraph.underlag,
        minutes=paragraph.minutes,
        standard=protocol_texts.standard_sentences(paragraph),
    )
    if paragraph.adjusted_at_meeting:
        item.adjusted_now = True
        item.notes.append(_("The paragraph is declared omedelbart justerad."))
    application = paragraph.application
    if application is not None:
        item.reference = _("Application %(number)s", number=application.registry_number or "")
        item.registry_number = application.registry_number or ""
        item.applicant = application.owner.name if application.owner else ""
        item.background = (
            application.assessment or application.proposal_text or paragraph.underlag or ""
        ).strip()
    if paragraph.corrects is not None:
        item.reference = _("Corrects %(label)s", label=paragraph_label(paragraph.corrects))
    item.notes.extend(protocol_lines.jav_lines(paragraph))
    for delegated in reported.get(paragraph.id, []):
        amounts = ", ".join(f"{y.year}: {sek(y.amount)}" for y in delegated.years)
        item.details.append(
            _(
                "Delegation decision %(day)s: %(title)s, %(amounts)s",
                day=delegated.decided_on,
                title=delegated.application.title if delegated.application else "",
                amounts=amounts,
            )
        )
    decision = paragraph.decision
    if decision is None:
        return _with_notes(item, paragraph)
    item.decision = decision.text
    if item.standard:
        # A standard item: the recorded text stands, unless it is an unfilled template
        # ("Styrelsen väljer {justerare}"); then the generated sentences speak.
        if "{" in item.decision:
            item.decision = ""
        elif item.decision:
            item.standard = []
    item.clauses = protocol_texts.clauses(decision, paragraph.title)
    if item.clauses and item.decision == default_text(decision, paragraph.title):
        item.decision = ""  # the att-satser say it; a text the board wrote itself stays
    item.amounts = protocol_texts.amounts(decision)
    ends = anslag.appeal_ends(paragraph.meeting)
    item.appeal_ends = ends.isoformat() if ends else ""
    if not item.clauses:  # adopted, noted or utgår: no att-satser, the text says it
        if application is not None:
            item.details.insert(0, str(OUTCOME_LABELS.get(decision.outcome, "")))
        if decision.reasons and decision.reasons not in item.decision:
            item.details.append(_("Reasons: %(text)s", text=decision.reasons))
    if decision.delegation_limit is not None:
        item.details.append(
            _(
                "Delegation limit: %(amount)s per insats and year",
                amount=sek(decision.delegation_limit),
            )
        )
    if decision.postponed_to is not None:
        item.details.append(_("Postponed to meeting %(label)s", label=decision.postponed_to.label))
    if decision.over_budget_confirmed:
        item.notes.append(
            _(
                "The decision goes beyond the money for insatser left in the adopted plan"
                " (or no plan is adopted for the year); the board decided so knowingly."
            )
        )
    if not locked and decision.grants_money and decision.acted_at is None:
        item.notes.append(_("The decision applies once the protocol is justerat."))
    item.details.extend(protocol_lines.vote_lines(decision))
    item.details.extend(protocol_lines.reservation_lines(decision))
    return _with_notes(item, paragraph)


def _with_notes(item: Item, paragraph: Paragraph) -> Item:
    """The protokollsanteckningar last, and the written reservations as appendices."""
    item.details.extend(protocol_lines.note_lines(paragraph))
    item.appendices = protocol_lines.appendices(paragraph)
    return item


def protocol_data(meeting: Meeting) -> ProtocolData:
    """The protocol's content, in Swedish."""
    with force_locale("sv"):
        present = [a for a in meeting.attendances if a.status == AttendanceStatus.PRESENT]
        status = quorum.status(meeting)
        voters = status.voters
        voter_ids = {v.member.id for v in voters}
        decision_makers = [_who(v.member) for v in voters if not v.serving]
        serving = [
            _("%(who)s, serving for %(seat)s", who=_who(v.member), seat=v.seat.name)
            for v in voters
            if v.serving
        ]
        not_serving = [_who(a.member) for a in present if a.member_id not in voter_ids]
        others = [line.strip() for line in meeting.others_present.splitlines() if line.strip()]
        if meeting.secretary and not any(meeting.secretary in line for line in others):
            others.append(_("%(name)s, secretary", name=meeting.secretary))
        numbers = [p.number for p in meeting.paragraphs if p.number is not None]
        adjusted = ""
        if meeting.is_locked:
            adjusted = _(
                "Justerat %(day)s by %(names)s",
                day=meeting.adjusted_on.isoformat(),
                names=meeting.adjusted_by,
            )
            if meeting.adjusted_place:
                adjusted += f", {meeting.adjusted_place}"
        return ProtocolData(
            forbund=forbund_name() or "Samordningsförbundet",
            title=_("Protocol no. %(label)s", label=meeting.label),
            number=meeting.label,
            date=meeting.date.isoformat(),
            time=_time(meeting),
            place=meeting.place,
            decision_makers=decision_makers,
            serving=serving,
            not_serving=not_serving,
            others=others,
            justerare=", ".join(m.name for m in signatories.elected_justerare(meeting)),
            adjusted=adjusted,
            range=_("§§ %(first)s–%(last)s", first=min(numbers), last=max(numbers))
            if numbers
            else "",
            quorum=(
                _(
                    "The board is quorate (%(present)s of %(seats)s seats).",
                    present=status.present,
                    seats=status.seats,
                )
                if status.quorate
                else _(
                    "The board is not quorate (%(present)s of %(seats)s seats).",
                    present=status.present,
                    seats=status.seats,
                )
            )
            if meeting.attendances
            else "",
            items=_items(meeting),
            signatures=[
                (_("Secretary"), meeting.secretary),
                (_("Chair"), getattr(signatories.chair_of(meeting), "name", "")),
                *(
                    [(_("Justerare"), m.name) for m in signatories.elected_justerare(meeting)]
                    or [(_("Justerare"), "")]
                ),
            ],
            kept_at=meeting.kept_at or _("The protocol is kept at the förbund's office."),
            draft=not meeting.is_locked,
            justerare_names=[m.name for m in signatories.elected_justerare(meeting)],
            anslag=_anslag(meeting),
        )


def _anslag(meeting: Meeting) -> Anslag | None:
    """The anslagsbevis, once the protocol is justerat (dates blank until recorded)."""
    if not meeting.is_locked:
        return None
    ends = anslag.appeal_ends(meeting)
    return Anslag(
        adjusted_on=meeting.adjusted_on.isoformat() if meeting.adjusted_on else "",
        posted_on=meeting.posted_on.isoformat() if meeting.posted_on else "",
        taken_down_on=meeting.taken_down_on.isoformat() if meeting.taken_down_on else "",
        appeal_ends=ends.isoformat() if ends else "",
        kept_at=meeting.kept_at or forbund_name() or "",
    )


def item_data(paragraph: Paragraph) -> tuple[ProtocolData, Item]:
    """The protocol and the one § of it a protokollsutdrag shows."""
    data = protocol_data(paragraph.meeting)
    item = next(i for i in data.items if i.paragraph_id == paragraph.id)
    return data, item


def _items(meeting: Meeting) -> list[Item]:
    reported = reported_in_meeting(meeting)
    return [_item(p, meeting.is_locked, reported) for p in sorted(meeting.paragraphs, key=_order)]


def _order(paragraph: Paragraph) -> tuple[int, int]:
    return (paragraph.number or 10**6, paragraph.position)


def kallelse_data(meeting: Meeting) -> list[Item]:
    """The agenda with underlag, as the board reads it before the meeting."""
    return _items(meeting)
