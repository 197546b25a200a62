"""What a meeting's page, kallelse and protocol show, read as plain rows.

A board member reads meeting after meeting, and the ekonom looks up old protocols:
most of those are first visits that no page cache helps. Loading a meeting of 20 §
as records (each § with its decision and application joined, amounts, jäv,
attendance with member and organisation) cost half of its page: a record per row
and the ORM's loading around it. Here the § with decision and application, their
amounts, jäv and attendance are rows (``models.loading.union_of``: one UNION ALL
statement on PostgreSQL, four on SQLite), and the members are
named from the per-version roster (app/services/board_roster.py).

The objects answer the attributes of the records they stand for (``paragraph.decision
.years``, ``recusal.member.name``, ``attendance.serving_for_id`` …), so the quorum
and protocol rules (quorum.py, protocol.py) take a ``MeetingPage`` where they take
a ``Meeting``. A ``MeetingPage`` is for showing, never for changing: writes load the
records (views/meeting_items.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select

from models import Application, db
from models.loading import Union, read_union, union_of
from models.meeting import (
    Attendance,
    DecidedAmounts,
    Decision,
    DecisionYear,
    Meeting,
    Paragraph,
    ParagraphLabel,
    Recusal,
)

from .board_roster import Member, member


class YearAmount(NamedTuple):
    """A decided amount for one calendar year."""

    year: int
    amount: Decimal


@dataclass(slots=True)
class DecisionRow(DecidedAmounts):
    """A § decision as the page and protocol read it."""

    id: int
    outcome: str
    text: str
    reasons: str
    conditions: str
    report_dates: list[dict[str, str]]
    over_budget_confirmed: bool
    delegation_limit: Decimal | None
    postponed_to_id: int | None
    years: list[YearAmount] = field(default_factory=list)

    @property
    def postponed_to(self) -> Meeting | None:
        """The meeting the matter was postponed to (rare, so read when asked)."""
        if self.postponed_to_id is None:
            return None
        return db.session.get(Meeting, self.postponed_to_id)


class ApplicationRef(NamedTuple):
    """The application an item is about: what the agenda and protocol name of it."""

    id: int
    registry_number: str | None
    title: str


class RecusalRow(NamedTuple):
    """Jäv on one item."""

    id: int
    member_id: int
    reason: str
    member: Member | None


class AttendanceRow(NamedTuple):
    """One member's attendance, with the seat an ersättare serves for."""

    id: int
    member_id: int
    status: str
    serving_for_id: int | None
    member: Member | None
    serving_for: Member | None


@dataclass(slots=True)
class ParagraphRow(ParagraphLabel):
    """One § of the agenda with its application, decision and jäv."""

    id: int
    meeting_id: int
    year: int
    number: int | None
    position: int
    kind: str
    title: str
    underlag: str
    minutes: str
    application_id: int | None
    corrects_id: int | None
    application: ApplicationRef | None
    decision: DecisionRow | None
    recusals: list[RecusalRow] = field(default_factory=list)

    @property
    def corrects(self) -> Paragraph | None:
        """The earlier § this item corrects (rare, so read when asked)."""
        if self.corrects_id is None:
            return None
        return db.session.get(Paragraph, self.corrects_id)


class MeetingPage:
    """The meeting record with its agenda and attendance as rows, for showing."""

    def __init__(
        self,
        meeting: Meeting,
        paragraphs: list[ParagraphRow],
        attendances: list[AttendanceRow],
    ) -> None:
        self.record = meeting
        self.paragraphs = paragraphs
        self.attendances = attendances
        self.chair = member(meeting.chair_id)
        self.justerare = member(meeting.justerare_id)

    def __getattr__(self, name: str) -> Any:
        """The meeting's own fields (date, place, label, is_locked …)."""
        return getattr(self.record, name)


@cache
def _statements() -> Union:
    """The four lists as one union (``models.loading.union_of``: one round trip on
    PostgreSQL, where each was ~0.15 ms; four statements on SQLite), built once:
    building a statement costs about as much as running it here."""
    on_meeting = Paragraph.meeting_id == bindparam("meeting_id")
    return union_of(
        (
            "paragraphs",
            select(
                Paragraph.id,
                Paragraph.meeting_id,
                Paragraph.year,
                Paragraph.number,
                Paragraph.position,
                Paragraph.kind,
                Paragraph.title,
                Paragraph.underlag,
                Paragraph.minutes,
                Paragraph.application_id,
                Paragraph.corrects_id,
                Application.registry_number,
                Application.title.label("application_title"),
                Decision.id.label("decision_id"),
                Decision.outcome,
                Decision.text,
                Decision.reasons,
                Decision.conditions,
                Decision.report_dates,
                Decision.over_budget_confirmed,
                Decision.delegation_limit,
                Decision.postponed_to_id,
            )
            .outerjoin(Application, Paragraph.application_id == Application.id)
            .outerjoin(Decision, Decision.paragraph_id == Paragraph.id)
            .where(on_meeting),
            (Paragraph.position, Paragraph.id),
        ),
        (
            "years",
            select(DecisionYear.decision_id, DecisionYear.year, DecisionYear.amount)
            .join(Decision, DecisionYear.decision_id == Decision.id)
            .join(Paragraph, Decision.paragraph_id == Paragraph.id)
            .where(on_meeting),
            (DecisionYear.year,),
        ),
        (
            "recusals",
            select(Recusal.id, Recusal.paragraph_id, Recusal.member_id, Recusal.reason)
            .join(Paragraph, Recusal.paragraph_id == Paragraph.id)
            .where(on_meeting),
            (Recusal.id,),
        ),
        (
            "attendances",
            select(
                Attendance.id, Attendance.member_id, Attendance.status, Attendance.serving_for_id
            ).where(Attendance.meeting_id == bindparam("meeting_id")),
            (Attendance.id,),
        ),
    )


def _paragraph(row: Any) -> ParagraphRow:
    application = None
    if row.application_id is not None:
        application = ApplicationRef(row.application_id, row.registry_number, row.application_title)
    decision = None
    if row.decision_id is not None:
        decision = DecisionRow(
            row.decision_id,
            row.outcome,
            row.text,
            row.reasons,
            row.conditions,
            row.report_dates,
            row.over_budget_confirmed,
            row.delegation_limit,
            row.postponed_to_id,
        )
    return ParagraphRow(
        row.id,
        row.meeting_id,
        row.year,
        row.number,
        row.position,
        row.kind,
        row.title,
        row.underlag,
        row.minutes,
        row.application_id,
        row.corrects_id,
        application,
        decision,
    )


def load(meeting_id: int) -> MeetingPage | None:
    """The meeting's page data: its record and four statements of rows, or None."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        return None
    db.session.flush()  # rows are read past the session: let them see its changes
    lists = read_union(db.session, _statements(), {"meeting_id": meeting_id})
    paragraphs = [_paragraph(row) for row in lists["paragraphs"]]
    decisions = {p.decision.id: p.decision for p in paragraphs if p.decision is not None}
    for row in lists["years"]:
        decisions[row.decision_id].years.append(YearAmount(row.year, row.amount))
    by_id = {p.id: p for p in paragraphs}
    for row in lists["recusals"]:
        by_id[row.paragraph_id].recusals.append(
            RecusalRow(row.id, row.member_id, row.reason, member(row.member_id))
        )
    attendances = [
        AttendanceRow(
            row.id,
            row.member_id,
            row.status,
            row.serving_for_id,
            member(row.member_id),
            member(row.serving_for_id),
        )
        for row in lists["attendances"]
    ]
    return MeetingPage(meeting, paragraphs, attendances)
