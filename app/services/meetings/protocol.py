"""The protocol (and the kallelse) of a meeting: one set of data, a print view and a .docx.

The protocol is the förbund's legal record and is always written in Swedish,
whatever language the reader's menus use: ``protocol_data`` builds every line
under ``force_locale("sv")``; the print template and ``protocol_docx`` only lay
it out. The layout follows Swedish kommunal practice: header with förbund and
"Protokoll nr 5/2026", place and time, beslutande, tjänstgörande ersättare,
ersättare ej tjänstgörande, övriga närvarande, justering, the § items with
their decisions and jäv, signature lines and where the protocol is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from flask_babel import force_locale
from flask_babel import gettext as _

from models.board import BoardMember, BoardPosition
from models.meeting import (
    OUTCOME_LABELS,
    PARAGRAPH_KIND_LABELS,
    AttendanceStatus,
    Decision,
    Meeting,
    Paragraph,
)

from ...formatting import sek
from ..forbund import forbund_name
from . import protocol_lines, quorum
from .agenda import paragraph_label, reported_in_meeting

REPORT_KINDS = {"status": "Lägesrapport", "final": "Slutrapport"}


@dataclass
class Item:
    """One § of the protocol."""

    number: str
    title: str
    kind: str
    paragraph_id: int
    underlag: str = ""
    minutes: str = ""
    decision: str = ""
    details: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reference: str = ""
    # Written reservations attached to the protocol: ("Bilaga: reservation – X, § 5", text).
    appendices: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ProtocolData:
    """Everything the protocol says, as Swedish text."""

    forbund: str
    title: str
    date: str
    time: str
    place: str
    decision_makers: list[str]
    serving: list[str]
    not_serving: list[str]
    others: list[str]
    justerare: str
    adjusted: str
    range: str
    quorum: str
    items: list[Item]
    signatures: list[tuple[str, str]]
    kept_at: str
    draft: bool


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
    )
    application = paragraph.application
    if application is not None:
        item.reference = _("Application %(number)s", number=application.registry_number or "")
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
    if application is not None:
        item.details.insert(0, str(OUTCOME_LABELS.get(decision.outcome, "")))
    for row in decision.years:
        item.details.append(_("%(year)s: %(amount)s", year=row.year, amount=sek(row.amount)))
    if decision.conditions:
        item.details.append(_("Conditions: %(text)s", text=decision.conditions))
    if decision.reasons:
        item.details.append(_("Reasons: %(text)s", text=decision.reasons))
    for row in decision.report_dates or []:
        item.details.append(
            _(
                "%(kind)s due %(day)s",
                kind=REPORT_KINDS.get(row["kind"], row["kind"]),
                day=row["due"],
            )
        )
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
                "The decision goes beyond the remaining money for insatser;"
                " the board decided so knowingly."
            )
        )
    if not locked and decision.grants_money:
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
            date=meeting.date.isoformat(),
            time=_time(meeting),
            place=meeting.place,
            decision_makers=decision_makers,
            serving=serving,
            not_serving=not_serving,
            others=others,
            justerare=meeting.justerare.name if meeting.justerare else "",
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
                (_("Chair"), meeting.chair.name if meeting.chair else ""),
                (_("Justerare"), meeting.justerare.name if meeting.justerare else ""),
            ],
            kept_at=meeting.kept_at or _("The protocol is kept at the förbund's office."),
            draft=not meeting.is_locked,
        )


def _items(meeting: Meeting) -> list[Item]:
    reported = reported_in_meeting(meeting)
    return [_item(p, meeting.is_locked, reported) for p in sorted(meeting.paragraphs, key=_order)]


def _order(paragraph: Paragraph) -> tuple[int, int]:
    return (paragraph.number or 10**6, paragraph.position)


def kallelse_data(meeting: Meeting) -> list[Item]:
    """The agenda with underlag, as the board reads it before the meeting."""
    return _items(meeting)


def filename(meeting: Meeting) -> str:
    """'protokoll-5-2026.docx'."""
    return f"protokoll-{meeting.number}-{meeting.year}.docx"


def protocol_docx(meeting: Meeting) -> bytes:
    """The protocol as a Word document laid out like a Swedish protokoll."""
    data = protocol_data(meeting)
    with force_locale("sv"):
        document = Document()
        style = document.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(11)
        header = document.sections[0].header.paragraphs[0]
        header.text = f"{data.forbund}\t\t{data.title}"
        top = document.add_paragraph()
        top.add_run(data.forbund).bold = True
        document.add_heading(data.title, level=0)
        if data.draft:
            document.add_paragraph(_("Draft – not justerat"))
        rows = [
            (_("Meeting date"), data.date),
            (_("Place and time"), ", ".join(v for v in (data.place, data.time) if v)),
            (_("Decision makers"), "\n".join(data.decision_makers)),
            (_("Deputies serving"), "\n".join(data.serving)),
            (_("Deputies not serving"), "\n".join(data.not_serving)),
            (_("Others present"), "\n".join(data.others)),
            (_("Justerare"), data.justerare),
            (_("Justering"), data.adjusted or _("Not justerat yet")),
            (_("Paragraphs"), data.range),
        ]
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text = str(label)
            cells[1].text = value or "–"
        if data.quorum:
            document.add_paragraph(data.quorum)
        for item in data.items:
            document.add_heading(f"{item.number} {item.title}", level=2)
            for note in [item.reference, *item.notes]:
                if note:
                    document.add_paragraph().add_run(note).italic = True
            if item.minutes:
                document.add_paragraph(item.minutes)
            if item.decision:
                paragraph = document.add_paragraph()
                paragraph.add_run(_("Decision") + ": ").bold = True
                paragraph.add_run(item.decision)
            for line in item.details:
                document.add_paragraph(line, style="List Bullet")
        document.add_heading(_("Signatures"), level=2)
        for label, name in data.signatures:
            document.add_paragraph("\n\n" + "_" * 40)
            line = document.add_paragraph()
            line.add_run(f"{label}: ").bold = True
            line.add_run(name or "")
        closing = document.add_paragraph(data.kept_at)
        closing.alignment = WD_ALIGN_PARAGRAPH.LEFT
        buffer = BytesIO()
        document.save(buffer)
        return buffer.getvalue()
