"""Board meetings (sammanträden): attendance, numbered items (§), decisions and jäv.

Votes, reservations and protokollsanteckningar are in ``meeting_votes.py``.

The rules (numbering, quorum, the lock after justering) live in
``app/services/meetings/`` (``rules.py``, ``agenda.py``, ``quorum.py``, ``decisions.py``);
the models only guard their own invariants with constraints. The ``*_LABELS`` name
each enum's values in the user's language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Money, TimestampMixin, UTCDateTime, sparse_index
from .board import BoardMember


class MeetingKind(StrEnum):
    """Ordinary (in the year's plan) or extra (called in between)."""

    ORDINARY = "ordinary"
    EXTRA = "extra"


KIND_LABELS = {MeetingKind.ORDINARY: _l("Ordinary"), MeetingKind.EXTRA: _l("Extra")}


class ParagraphKind(StrEnum):
    """What an agenda item is about."""

    APPLICATION = "application"
    INFORMATION = "information"
    PLAN = "plan"  # approval of the verksamhetsplan (the plans area links to it)
    REPORT = "report"  # delårsrapport, årsredovisning, a follow-up report
    DELEGATION = "delegation"  # delegationsordning or anmälan av delegationsbeslut
    CORRECTION = "correction"  # corrects a § of an earlier, justerat protocol
    OTHER = "other"


PARAGRAPH_KIND_LABELS = {
    ParagraphKind.APPLICATION: _l("Decision on an application"),
    ParagraphKind.INFORMATION: _l("Information"),
    ParagraphKind.PLAN: _l("Approval of the operational plan"),
    ParagraphKind.REPORT: _l("Approval of a report"),
    ParagraphKind.DELEGATION: _l("Delegation"),
    ParagraphKind.CORRECTION: _l("Correction of an earlier §"),
    ParagraphKind.OTHER: _l("Other"),
}


class StandardItem(StrEnum):
    """A standard item whose minutes Samordna writes itself (``Paragraph.standard``)."""

    NONE = ""
    JUSTERARE = "justerare"  # Val av justerare: the minutes name the elected justerare


#: ``Paragraph.standard`` as the audit trail names it ('' is an ordinary item).
STANDARD_LABELS = {StandardItem.NONE: _l("No"), StandardItem.JUSTERARE: _l("Choice of justerare")}


class Outcome(StrEnum):
    """A decision's outcome; the first five are for application items."""

    GRANTED = "granted"  # beviljas
    PARTLY_GRANTED = "partly_granted"  # delvis beviljas
    REJECTED = "rejected"  # avslås
    REFERRED_BACK = "referred_back"  # återremitteras
    POSTPONED = "postponed"  # bordläggs
    ADOPTED = "adopted"  # beslutar (other items)
    NOTED = "noted"  # informationen noteras
    WITHDRAWN = "withdrawn"  # ärendet utgår


OUTCOME_LABELS = {
    Outcome.GRANTED: _l("Granted (beviljas)"),
    Outcome.PARTLY_GRANTED: _l("Partly granted (delvis beviljas)"),
    Outcome.REJECTED: _l("Rejected (avslås)"),
    Outcome.REFERRED_BACK: _l("Referred back (återremitteras)"),
    Outcome.POSTPONED: _l("Postponed (bordläggs)"),
    Outcome.ADOPTED: _l("Decided"),
    Outcome.NOTED: _l("Noted"),
    Outcome.WITHDRAWN: _l("Withdrawn from the agenda (utgår)"),
}


GRANTING = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED})
APPLICATION_OUTCOMES = (
    Outcome.GRANTED,
    Outcome.PARTLY_GRANTED,
    Outcome.REJECTED,
    Outcome.REFERRED_BACK,
    Outcome.POSTPONED,
    Outcome.WITHDRAWN,
)


class AttendanceStatus(StrEnum):
    """Present or absent; an ersättare present may serve (tjänstgöra) for a ledamot."""

    PRESENT = "present"
    ABSENT = "absent"


ATTENDANCE_LABELS = {
    AttendanceStatus.PRESENT: _l("Present"),
    AttendanceStatus.ABSENT: _l("Absent"),
}


class Meeting(Audited, TimestampMixin, Base):
    """One sammanträde: "Sammanträde 5/2026". Locked once the protocol is justerat."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("year", "number"),
        CheckConstraint("number > 0", name="positive_number"),
        CheckConstraint("kind IN ('ordinary', 'extra')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), default=MeetingKind.ORDINARY)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("board_member.id"))
    # Legacy: the single justerare before ``meeting_justerare``; emptied by migration 0017 and
    # never written (kept because dropping it rebuilds this table on SQLite).
    justerare_id: Mapped[int | None] = mapped_column(ForeignKey("board_member.id"))
    secretary: Mapped[str] = mapped_column(String(200), default="")
    others_present: Mapped[str] = mapped_column(Text, default="")
    kept_at: Mapped[str] = mapped_column(String(300), default="")
    # When the agenda was fixed and the kallelse sent: § numbers are given then.
    agenda_fixed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # Justering ("protocol adjusted"): date, who signed, and who recorded it. Locks the meeting.
    adjusted_on: Mapped[dt.date | None] = mapped_column(Date)
    adjusted_by: Mapped[str] = mapped_column(String(300), default="")
    adjusted_place: Mapped[str] = mapped_column(String(200), default="")
    adjusted_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Anslag: the justerat protocol on the anslagstavla (posted, taken down). The appeal
    # window (laglighetsprövning) runs three weeks from the posting day.
    posted_on: Mapped[dt.date | None] = mapped_column(Date)
    taken_down_on: Mapped[dt.date | None] = mapped_column(Date)

    chair: Mapped[BoardMember | None] = relationship(foreign_keys=[chair_id])
    # The justerare elected under the § "Val av justerare" (``services/meetings/justering.py``).
    elected: Mapped[list[MeetingJusterare]] = relationship(
        back_populates="meeting", order_by="MeetingJusterare.id", cascade="all, delete-orphan"
    )
    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="meeting",
        order_by="Paragraph.position",
        cascade="all, delete-orphan",
        foreign_keys="Paragraph.meeting_id",
    )
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="meeting",
        order_by="Attendance.id",
        cascade="all, delete-orphan",
        foreign_keys="Attendance.meeting_id",
    )

    @property
    def label(self) -> str:
        """'5/2026' — the number the protocol is known by."""
        return f"{self.number}/{self.year}"

    @property
    def last_changed(self) -> dt.datetime | None:
        """When the meeting or an item on its agenda was last saved (taking an item off
        touches the meeting): what the reviderad kallelse and the calendar go by."""
        stamps = [self.updated_at, *(p.updated_at for p in self.paragraphs)]
        return max((s for s in stamps if s is not None), default=None)

    @property
    def is_locked(self) -> bool:
        """True once justerat: nothing about the meeting may change."""
        return self.adjusted_on is not None

    @property
    def agenda_fixed(self) -> bool:
        """True once § numbers are given (kallelse sent)."""
        return self.agenda_fixed_at is not None


class MeetingJusterare(Audited, Base):
    """A justerare elected at a meeting; ``signed`` once they justerade the protocol."""

    __tablename__ = "meeting_justerare"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("board_member.id"), index=True)
    signed: Mapped[bool] = mapped_column(default=False, server_default=false())

    meeting: Mapped[Meeting] = relationship(back_populates="elected")
    member: Mapped[BoardMember] = relationship()


class Attendance(Audited, Base):
    """A board member at a meeting: present or absent, an ersättare serving for whom."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        UniqueConstraint("meeting_id", "serving_for_id"),
        CheckConstraint("status IN ('present', 'absent')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("board_member.id"))
    status: Mapped[str] = mapped_column(String(20), default=AttendanceStatus.PRESENT)
    serving_for_id: Mapped[int | None] = mapped_column(ForeignKey("board_member.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="attendances")
    member: Mapped[BoardMember] = relationship(foreign_keys=[member_id])
    serving_for: Mapped[BoardMember | None] = relationship(foreign_keys=[serving_for_id])


class Paragraph(Audited, TimestampMixin, Base):
    """An agenda item; a protocol § once numbered. Numbers run on through the year."""

    __tablename__ = "paragraph"
    __table_args__ = (
        UniqueConstraint("year", "number"),
        CheckConstraint(
            "kind IN ('application', 'information', 'plan', 'report', 'delegation',"
            " 'correction', 'other')",
            name="kind",
        ),
        CheckConstraint("number IS NULL OR number > 0", name="positive_number"),
        sparse_index("paragraph", "corrects_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    # None until the agenda is fixed; then given in agenda order and never changed.
    number: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), default=ParagraphKind.OTHER)
    title: Mapped[str] = mapped_column(String(300))
    # Underlag / förslag till beslut shown in the kallelse; minutes written at the meeting.
    underlag: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    # Which standard item this is (found by this flag, never by its title).
    standard: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # Omedelbar justering: the § was justerad at the meeting; its decision acted at once.
    adjusted_at_meeting: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Who chairs this § when the meeting's chair is jävig (the vice ordförande by default).
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("board_member.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="paragraphs", foreign_keys=[meeting_id])
    chair: Mapped[BoardMember | None] = relationship(foreign_keys=[chair_id])
    application: Mapped[Any] = relationship("Application", foreign_keys=[application_id])
    corrects: Mapped[Paragraph | None] = relationship(remote_side=[id])
    decision: Mapped[Decision | None] = relationship(
        back_populates="paragraph",
        cascade="all, delete-orphan",
        uselist=False,
        foreign_keys="Decision.paragraph_id",
    )
    recusals: Mapped[list[Recusal]] = relationship(
        back_populates="paragraph", order_by="Recusal.id", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        """'§ 42' or '§ –' before numbering."""
        return f"§ {self.number}" if self.number is not None else "§ –"

    @property
    def is_locked(self) -> bool:
        """True once the meeting is justerat or this § was justerad at the meeting."""
        return self.adjusted_at_meeting or self.meeting.is_locked

    @property
    def citation(self) -> str:
        """'§ 42, Sammanträde 5/2026': how a decision is cited on grants, plans and protocols."""
        return str(
            _l(
                "%(paragraph)s, meeting %(meeting)s",
                paragraph=self.label,
                meeting=self.meeting.label,
            )
        )


class Decision(Audited, TimestampMixin, Base):
    """The board's decision on a § — or, with no §, a delegation decision by the förbundschef.

    A board decision takes effect when the protocol is justerat (``acted_at`` is set
    then, when the grant is created and the application moves on); a delegation
    decision takes effect at once and is reported to the next meeting
    (``reported_in_id``).
    """

    __tablename__ = "decision"
    __table_args__ = (
        CheckConstraint(
            "outcome IN ('granted', 'partly_granted', 'rejected', 'referred_back', 'postponed',"
            " 'adopted', 'noted', 'withdrawn')",
            name="outcome",
        ),
        CheckConstraint("paragraph_id IS NOT NULL OR delegated", name="board_or_delegated"),
        sparse_index("decision", "postponed_to_id"),
        sparse_index("decision", "reported_in_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    paragraph_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraph.id", ondelete="CASCADE"), unique=True
    )
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    # Avslag: reasons; återremiss: what is to be done.
    reasons: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    # [{"kind": "status" | "final", "due": "YYYY-MM-DD"}, ...]
    report_dates: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    over_budget_confirmed: Mapped[bool] = mapped_column(default=False)
    postponed_to_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    # A delegationsordning set by the board: how much the förbundschef may grant alone.
    delegation_limit: Mapped[Decimal | None] = mapped_column(Money())
    delegated: Mapped[bool] = mapped_column(default=False)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reported_in_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    acted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    paragraph: Mapped[Paragraph | None] = relationship(
        back_populates="decision", foreign_keys=[paragraph_id]
    )
    application: Mapped[Any] = relationship("Application", foreign_keys=[application_id])
    reported_in: Mapped[Paragraph | None] = relationship(foreign_keys=[reported_in_id])
    postponed_to: Mapped[Meeting | None] = relationship(foreign_keys=[postponed_to_id])
    years: Mapped[list[DecisionYear]] = relationship(
        back_populates="decision", order_by="DecisionYear.year", cascade="all, delete-orphan"
    )

    @property
    def day(self) -> dt.date | None:
        """The day it was decided: the meeting's date for the board's decision (the meeting
        may be moved after the decision was recorded), ``decided_on`` for a delegation decision.
        """
        return self.paragraph.meeting.date if self.paragraph is not None else self.decided_on

    @property
    def citation(self) -> str:
        """'§ 42, Sammanträde 5/2026', or 'Delegationsbeslut 2026-04-02': how it is cited."""
        if self.paragraph is not None:
            return self.paragraph.citation
        return str(_l("Delegation decision %(day)s", day=self.decided_on or ""))

    @property
    def grants_money(self) -> bool:
        """True for beviljas and delvis beviljas."""
        return self.outcome in GRANTING

    @property
    def total(self) -> Decimal:
        """The decided amount over all years."""
        return sum((y.amount for y in self.years), Decimal("0.00"))

    def amounts(self) -> dict[int, Decimal]:
        """Decided amount per year."""
        return {y.year: y.amount for y in self.years}


class DecisionYear(Audited, Base):
    """The amount a decision grants for one calendar year."""

    __tablename__ = "decision_year"
    __table_args__ = (
        UniqueConstraint("decision_id", "year"),
        CheckConstraint("amount >= 0", name="not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money())

    decision: Mapped[Decision] = relationship(back_populates="years")


class Recusal(Audited, Base):
    """Jäv: a board member takes no part in one item and is left out of its quorum."""

    __tablename__ = "recusal"
    __table_args__ = (UniqueConstraint("paragraph_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("board_member.id"))
    reason: Mapped[str] = mapped_column(String(300), default="")
    # The present ersättare who steps in for the jävig ledamot on this item, if any.
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("board_member.id"))

    paragraph: Mapped[Paragraph] = relationship(back_populates="recusals")
    member: Mapped[BoardMember] = relationship(foreign_keys=[member_id])
    replaced_by: Mapped[BoardMember | None] = relationship(foreign_keys=[replaced_by_id])
