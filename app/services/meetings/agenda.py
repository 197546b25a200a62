"""The agenda (dagordning) and § numbering through the year.

The numbering scheme, so that § numbers never repeat or skip:

* Items are planned without numbers; before the agenda is fixed they can be
  added, reordered and removed freely.
* Fixing the agenda (sending the kallelse) gives every item its § number, in
  agenda order, continuing from the highest § of the year. A meeting's agenda
  can be fixed only when every earlier meeting of the year has been fixed, so
  numbers follow the meetings' order.
* After that an item can only be added at the end, with the next number of the
  year, and only while no later meeting has numbers; a numbered item is never
  removed or moved (an item that is dropped gets the decision "utgår").
* ``paragraph(year, number)`` is unique in the database as the last guard.

Standard opening items come first and the closing items (next meeting,
closing) stay last: new items are placed before the closing block.
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from models import Application, db
from models.base import utcnow
from models.meeting import Decision, Meeting, Paragraph
from models.meeting_terms import Outcome, ParagraphKind, StandardItem

from .rules import MeetingError, ensure_not_locked, ensure_paragraph_open

#: Items at or beyond this position are the closing block and stay last.
CLOSING_POSITION = 1000

OPENING_ITEMS = (
    (_l("Opening of the meeting"), StandardItem.NONE),
    (_l("Roll call and quorum"), StandardItem.NONE),
    (_l("Approval of the agenda"), StandardItem.NONE),
    (_l("Choice of justerare"), StandardItem.JUSTERARE),
    (_l("Previous minutes"), StandardItem.NONE),
)
CLOSING_ITEMS = (_l("Next meeting"), _l("Closing of the meeting"))


def paragraph_label(paragraph: Paragraph) -> str:
    """'§ 42, Sammanträde 5/2026': how a decision is cited elsewhere (``Paragraph.citation``)."""
    return paragraph.citation


def titled_label(paragraph: Paragraph) -> str:
    """'§ 42, Sammanträde 5/2026 – Vägen in': the citation and what the § was about, so an
    earlier § is recognised by its subject (choosing the § a correction corrects)."""
    return f"{paragraph.citation} – {paragraph.title}" if paragraph.title else paragraph.citation


def correction_title(corrects: Paragraph) -> str:
    """A correction's title when none is typed: 'Rättelse av § 42, Sammanträde 5/2026 –
    Vägen in' (the protocol's heading then says what is corrected, not only where)."""
    with force_locale("sv"):  # a title in the record, read in the Swedish protocol
        return _("Correction of %(label)s", label=titled_label(corrects))


def plan_paragraphs(year: int) -> list[Paragraph]:
    """Items approving a verksamhetsplan at the year's meetings, in § order."""
    return list(
        db.session.scalars(
            select(Paragraph)
            .join(Meeting, Paragraph.meeting_id == Meeting.id)
            .where(Meeting.year == year, Paragraph.kind == ParagraphKind.PLAN)
            .order_by(Meeting.number, Paragraph.position)
        )
    )


def _holding_items(query: Select[Any]) -> Select[Any]:
    """Items that hold their application: on a meeting not yet justerat, their decision
    not yet acted on, and not set to *utgår* (the matter has left that agenda)."""
    return (
        query.join(Meeting, Paragraph.meeting_id == Meeting.id)
        .outerjoin(Decision, Decision.paragraph_id == Paragraph.id)
        .where(
            Meeting.adjusted_on.is_(None),
            Decision.acted_at.is_(None),
            or_(Decision.id.is_(None), Decision.outcome != Outcome.WITHDRAWN),
        )
    )


def open_agenda_item(
    application: Application, *, besides: Meeting | None = None
) -> Paragraph | None:
    """The § that has the application on an open agenda (not justerat, not yet acted on).

    An application sits on at most one open agenda, so that it is decided at most once.
    """
    query = (
        _holding_items(select(Paragraph))
        .where(Paragraph.application_id == application.id)
        .order_by(Meeting.date, Paragraph.id)
        .limit(1)
    )
    if besides is not None and besides.id is not None:
        query = query.where(Meeting.id != besides.id)
    return db.session.scalar(query)


def on_open_agendas() -> set[int]:
    """Ids of applications that are on an open agenda (the add-item list leaves them out)."""
    return set(
        db.session.scalars(
            _holding_items(select(Paragraph.application_id)).where(
                Paragraph.application_id.is_not(None)
            )
        )
    )


def next_number(year: int) -> int:
    """The next § number of the year."""
    last = db.session.scalar(select(func.max(Paragraph.number)).where(Paragraph.year == year))
    return (last or 0) + 1


def _later_numbered(meeting: Meeting) -> Meeting | None:
    return db.session.scalar(
        select(Meeting)
        .where(
            Meeting.year == meeting.year,
            Meeting.number > meeting.number,
            Meeting.agenda_fixed_at.is_not(None),
        )
        .order_by(Meeting.number)
        .limit(1)
    )


def add_paragraph(
    meeting: Meeting,
    *,
    kind: str,
    title: str,
    underlag: str = "",
    application: Application | None = None,
    corrects: Paragraph | None = None,
    closing: bool = False,
    minutes: str = "",
    standard: str = StandardItem.NONE,
) -> Paragraph:
    """Put an item on the agenda; after the kallelse it is added last with the next §."""
    ensure_not_locked(meeting)
    if kind not in set(ParagraphKind):
        raise MeetingError(_l("Unknown kind of item."))
    if kind == ParagraphKind.APPLICATION:
        if application is None:
            raise MeetingError(_l("Choose the application the item decides on."))
        if any(p.application is application for p in meeting.paragraphs):
            raise MeetingError(_l("The application is already on this meeting's agenda."))
        elsewhere = open_agenda_item(application, besides=meeting)
        if elsewhere is not None:
            raise MeetingError(
                _l(
                    "The application %(title)s is already on the agenda of meeting %(label)s"
                    " (%(item)s). An application is on one open agenda at a time: decide it"
                    " there, or postpone it to this meeting.",
                    title=application.title,
                    label=elsewhere.meeting.label,
                    item=elsewhere.label,
                )
            )
    elif application is not None:
        raise MeetingError(_l("Only application items refer to an application."))
    if kind == ParagraphKind.CORRECTION:
        _check_correction(meeting, corrects)
    elif corrects is not None:
        raise MeetingError(_l("Only a correction refers to an earlier §."))
    if not title.strip():
        raise MeetingError(_l("Give the item a title."))
    positions = [p.position for p in meeting.paragraphs]
    paragraph = Paragraph(
        year=meeting.year,
        kind=kind,
        title=title.strip()[:300],
        underlag=underlag,
        minutes=minutes,
        application=application,
        corrects=corrects,
        standard=standard,
    )
    if meeting.agenda_fixed:
        later = _later_numbered(meeting)
        if later is not None:
            raise MeetingError(
                _l(
                    "Meeting %(label)s already has § numbers; an item added now would break the"
                    " order. Put it on a later meeting.",
                    label=later.label,
                )
            )
        paragraph.position = max(positions, default=0) + 1
        paragraph.number = next_number(meeting.year)
    elif closing:
        paragraph.position = max([CLOSING_POSITION - 1, *positions]) + 1
    else:
        paragraph.position = max([p for p in positions if p < CLOSING_POSITION], default=0) + 1
    index = sum(1 for p in meeting.paragraphs if p.position < paragraph.position)
    meeting.paragraphs.insert(index, paragraph)  # the list stays in agenda order
    db.session.add(paragraph)
    if paragraph.number is not None:
        db.session.flush()  # the (year, number) constraint speaks now, not at commit
    return paragraph


def _check_correction(meeting: Meeting, corrects: Paragraph | None) -> None:
    if corrects is None:
        raise MeetingError(_l("Choose the earlier § that is corrected."))
    earlier = corrects.meeting
    if not earlier.is_locked:
        raise MeetingError(
            _l(
                "%(label)s is not justerat yet; change it directly.",
                label=paragraph_label(corrects),
            )
        )
    if (earlier.date, earlier.year, earlier.number) >= (meeting.date, meeting.year, meeting.number):
        raise MeetingError(_l("A correction is made at a later meeting."))


def add_standard_items(meeting: Meeting) -> None:
    """The usual opening and closing items of a Swedish board meeting."""
    for title, standard in OPENING_ITEMS:
        add_paragraph(meeting, kind=ParagraphKind.OTHER, title=str(title), standard=standard)
    for title in CLOSING_ITEMS:
        add_paragraph(meeting, kind=ParagraphKind.OTHER, title=str(title), closing=True)


def update_paragraph(paragraph: Paragraph, *, title: str, underlag: str, minutes: str) -> None:
    """Change an item's text before justering (not of a § already justerad at the meeting)."""
    ensure_paragraph_open(paragraph)
    if not title.strip():
        raise MeetingError(_l("Give the item a title."))
    paragraph.title = title.strip()[:300]
    paragraph.underlag = underlag
    paragraph.minutes = minutes
    db.session.flush()


def _ensure_unnumbered(paragraph: Paragraph) -> None:
    ensure_not_locked(paragraph.meeting)
    if paragraph.number is not None:
        raise MeetingError(
            _l(
                "%(label)s has its number since the kallelse was sent; it can no longer be moved"
                " or removed. Record the decision 'utgår' instead.",
                label=paragraph.label,
            )
        )


def move_paragraph(paragraph: Paragraph, direction: int) -> None:
    """Move an unnumbered item one step up (-1) or down (+1) on the agenda."""
    _ensure_unnumbered(paragraph)
    items = sorted(paragraph.meeting.paragraphs, key=lambda p: p.position)
    index = items.index(paragraph)
    other_index = index + (1 if direction > 0 else -1)
    if not 0 <= other_index < len(items):
        return
    other = items[other_index]
    paragraph.position, other.position = other.position, paragraph.position
    db.session.flush()
    db.session.expire(paragraph.meeting, ["paragraphs"])


def remove_paragraph(paragraph: Paragraph) -> None:
    """Take an unnumbered item off the agenda."""
    _ensure_unnumbered(paragraph)
    for decision in reported_decisions(paragraph):
        decision.reported_in = None
    meeting = paragraph.meeting
    meeting.paragraphs.remove(paragraph)
    meeting.updated_at = utcnow()  # the calendar's event changes with its agenda
    db.session.flush()


def fix_agenda(meeting: Meeting) -> None:
    """Send the kallelse: every item gets its § number, continuing the year's series."""
    ensure_not_locked(meeting)
    if meeting.agenda_fixed:
        raise MeetingError(_l("The agenda has already been fixed."))
    earlier = db.session.scalar(
        select(Meeting)
        .where(
            Meeting.year == meeting.year,
            Meeting.number < meeting.number,
            Meeting.agenda_fixed_at.is_(None),
        )
        .order_by(Meeting.number)
        .limit(1)
    )
    if earlier is not None:
        raise MeetingError(
            _l(
                "Fix the agenda of meeting %(label)s first: § numbers follow the meetings' order.",
                label=earlier.label,
            )
        )
    attach_delegation_reports(meeting)
    if not meeting.paragraphs:
        raise MeetingError(_l("The agenda is empty."))
    number = next_number(meeting.year)
    for paragraph in sorted(meeting.paragraphs, key=lambda p: p.position):
        paragraph.number = number
        number += 1
    meeting.agenda_fixed_at = utcnow()
    db.session.flush()


def attach_delegation_reports(meeting: Meeting) -> Paragraph | None:
    """Delegation decisions not yet reported go on the agenda as anmälan av delegationsbeslut."""
    unreported = list(
        db.session.scalars(
            select(Decision)
            .where(Decision.delegated.is_(True), Decision.reported_in_id.is_(None))
            .order_by(Decision.decided_on, Decision.id)
        )
    )
    if not unreported or meeting.agenda_fixed:
        return None
    paragraph = next(
        (
            p
            for p in meeting.paragraphs
            if p.kind == ParagraphKind.DELEGATION and reported_decisions(p)
        ),
        None,
    )
    if paragraph is None:
        paragraph = add_paragraph(
            meeting, kind=ParagraphKind.DELEGATION, title=str(_l("Report of delegated decisions"))
        )
    for decision in unreported:
        decision.reported_in = paragraph
    db.session.flush()
    return paragraph


def reported_decisions(paragraph: Paragraph) -> list[Decision]:
    """The delegation decisions an anmälan item reports.

    Only delegation items report any (``attach_delegation_reports``), so other items
    need no query.
    """
    if paragraph.kind != ParagraphKind.DELEGATION:
        return []
    return list(
        db.session.scalars(
            select(Decision).where(Decision.reported_in_id == paragraph.id).order_by(Decision.id)
        )
    )


def reported_in_meeting(meeting: Meeting) -> dict[int, list[Decision]]:
    """Every delegation decision the meeting's anmälan items report, by item id, with
    their amounts and applications, read together for the whole protocol."""
    ids = [p.id for p in meeting.paragraphs if p.kind == ParagraphKind.DELEGATION]
    if not ids:
        return {}
    reported: dict[int, list[Decision]] = {}
    for decision in db.session.scalars(
        select(Decision)
        .where(Decision.reported_in_id.in_(ids))
        .options(selectinload(Decision.years), joinedload(Decision.application))
        .order_by(Decision.id)
    ):
        reported.setdefault(decision.reported_in_id, []).append(decision)
    return reported
