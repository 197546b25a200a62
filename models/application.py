"""Applications for funds (ansökan om medel): the application, its parties and its record.

The budget (cost, staff and co-financing lines) and attachments live in
``models/application_budget.py``. Status rules are not here: the state machine
is ``app/services/applications/workflow.py``; this module only stores the state.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Money, TimestampMixin, UTCDateTime, utcnow
from .organisation import Organisation
from .user import User

if TYPE_CHECKING:
    from .application_budget import Attachment, BudgetLine, CoFinancing, StaffLine


class ApplicationStatus(StrEnum):
    """Where an application is in its life (labels in forms/applications.py)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"  # inkommen
    IN_PREPARATION = "in_preparation"  # under beredning
    SUPPLEMENT_REQUESTED = "supplement_requested"  # komplettering begärd
    PROPOSED = "proposed"  # föreslagen, on the board's table
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REJECTED = "rejected"
    REFERRED_BACK = "referred_back"  # återremitterad
    POSTPONED = "postponed"  # bordlagd
    WITHDRAWN = "withdrawn"  # återtagen
    IN_PROGRESS = "in_progress"  # pågående (grants)
    CLOSED = "closed"  # avslutad (grants)


class ApplicationKind(StrEnum):
    """A new insats, or an extension (förlängning) or supplement (tillägg) of an earlier one."""

    NEW = "new"
    EXTENSION = "extension"
    SUPPLEMENT = "supplement"


class InsatsType(StrEnum):
    """The phase or kind of insats applied for."""

    PRESTUDY = "prestudy"  # förstudie
    PROJECT = "project"
    INDIVIDUAL = "individual"  # individinriktad insats
    STRUCTURAL = "structural"  # strukturinriktad insats
    IMPLEMENTATION = "implementation"  # implementering / ordinarie verksamhet


def _in(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


#: The long texts of the form, in the order of the Word form.
TEXT_FIELDS: tuple[str, ...] = (
    "background",
    "purpose",
    "goals",
    "target_group",
    "activities",
    "time_plan",
    "organisation_text",
    "cooperation",
    "follow_up",
    "continuation",
    "risks",
    "results_so_far",
    "reasons",
)

#: The applicant's scalar content (owner and parent are kept by name in revisions).
CONTENT_FIELDS: tuple[str, ...] = (
    "title",
    "kind",
    "insats_type",
    "contact_name",
    "contact_email",
    "contact_phone",
    "period_start",
    "period_end",
    *TEXT_FIELDS,
    "sus_registered",
    "sus_id",
)


class Application(Audited, TimestampMixin, Base):
    """One application for funds; a public record from submission on (see revisions)."""

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("registry_year", "registry_seq"),
        CheckConstraint(_in("status", ApplicationStatus), name="status_known"),
        CheckConstraint(_in("kind", ApplicationKind), name="kind_known"),
        CheckConstraint(_in("insats_type", InsatsType), name="insats_type_known"),
        CheckConstraint("period_end >= period_start", name="period_order"),
        # The list's counts per status and its status/year filters read only this index.
        Index("ix_application_status_period", "status", "period_start", "period_end", "owner_id"),
        # The list opens newest first: its first page reads 25 rows of this index.
        Index("ix_application_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registry_year: Mapped[int | None] = mapped_column(Integer)
    registry_seq: Mapped[int | None] = mapped_column(Integer)
    #: Diarienummer, e.g. "2026/014"; None until submitted.
    registry_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default=ApplicationKind.NEW)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    insats_type: Mapped[str] = mapped_column(String(20), default=InsatsType.PROJECT)
    owner_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    period_start: Mapped[date] = mapped_column(Date, index=True)  # min/max for the year filter
    period_end: Mapped[date] = mapped_column(Date, index=True)

    background: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    target_group: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[str] = mapped_column(Text, default="")
    time_plan: Mapped[str] = mapped_column(Text, default="")
    organisation_text: Mapped[str] = mapped_column(Text, default="")
    cooperation: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    continuation: Mapped[str] = mapped_column(Text, default="")
    risks: Mapped[str] = mapped_column(Text, default="")
    results_so_far: Mapped[str] = mapped_column(Text, default="")  # extensions, supplements
    reasons: Mapped[str] = mapped_column(Text, default="")  # extensions, supplements
    sus_registered: Mapped[bool] = mapped_column(default=False)
    sus_id: Mapped[str] = mapped_column(String(40), default="")

    status: Mapped[str] = mapped_column(String(30), default=ApplicationStatus.DRAFT, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Beredning by the förbundschef: assessment and förslag till beslut.
    assessment: Mapped[str] = mapped_column(Text, default="")
    proposal_text: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: Optimistic locking: every UPDATE checks and bumps it.
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__: dict[str, Any] = {"version_id_col": version}

    owner: Mapped[Organisation] = relationship()
    parent: Mapped[Application | None] = relationship(remote_side=[id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    parties: Mapped[list[ApplicationParty]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationParty.id"
    )
    participants: Mapped[list[ParticipantPlan]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ParticipantPlan.year"
    )
    proposed_amounts: Mapped[list[ProposedAmount]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ProposedAmount.year"
    )
    budget_lines: Mapped[list[BudgetLine]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="(BudgetLine.year, BudgetLine.id)",
    )
    staff_lines: Mapped[list[StaffLine]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="(StaffLine.year, StaffLine.id)",
    )
    co_financing: Mapped[list[CoFinancing]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="(CoFinancing.year, CoFinancing.id)",
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="(StatusChange.at, StatusChange.id)",
    )
    revisions: Mapped[list[ApplicationRevision]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="ApplicationRevision.number",
    )

    @property
    def years(self) -> list[int]:
        """Calendar years the period touches."""
        return list(range(self.period_start.year, self.period_end.year + 1))

    @property
    def is_submitted(self) -> bool:
        """True from submission on: the content is then a public record."""
        return self.registry_number is not None

    def __repr__(self) -> str:
        return f"<Application {self.id} {self.registry_number or 'utkast'} {self.title!r}>"


class ApplicationParty(Audited, Base):
    """A co-applicant organisation (the owner is ``Application.owner``)."""

    __tablename__ = "application_party"
    __table_args__ = (UniqueConstraint("application_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")

    application: Mapped[Application] = relationship(back_populates="parties")
    organisation: Mapped[Organisation] = relationship()


class ParticipantPlan(Audited, Base):
    """Planned number of participants in one year (individinriktade insatser)."""

    __tablename__ = "application_participants"
    __table_args__ = (
        UniqueConstraint("application_id", "year"),
        CheckConstraint("planned >= 0", name="not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    planned: Mapped[int] = mapped_column(Integer)

    application: Mapped[Application] = relationship(back_populates="participants")


class ProposedAmount(Audited, Base):
    """The förbundschef's proposed amount for one year (förslag till beslut)."""

    __tablename__ = "application_proposed_amount"
    __table_args__ = (
        UniqueConstraint("application_id", "year"),
        CheckConstraint("amount >= 0", name="not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money())

    application: Mapped[Application] = relationship(back_populates="proposed_amounts")


class StatusChange(Audited, Base):
    """One step in the application's life: from, to, who, when and why."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="status_changes")
    user: Mapped[User | None] = relationship()


class ApplicationRevision(Audited, Base):
    """A snapshot of the content (fields and budget) after submission: versions are kept."""

    __tablename__ = "application_revision"
    __table_args__ = (UniqueConstraint("application_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="revisions")
    user: Mapped[User | None] = relationship()
