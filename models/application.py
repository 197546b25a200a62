"""Applications for funds (ansökan om medel): the application, its parties, its budget
(cost, staff and co-financing lines), its attachments and its record.

The statuses, kinds and categories with their Swedish names are in
``models/application_terms.py``. Status rules are not here: the state machine is
``app/services/applications/workflow.py``; this module only stores the state. Every
figure derived from the budget (staff cost, totals, the amount requested) is
computed in ``app/services/applications/budget.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from .application_terms import (
    ApplicationKind,
    ApplicationStatus,
    BudgetCategory,
    CoFinancingKind,
    InsatsType,
    in_values,
)
from .base import Audited, Base, Money, Percent, TimestampMixin, UTCDateTime, utcnow
from .organisation import Organisation
from .user import User


class Application(Audited, TimestampMixin, Base):
    """One application for funds; a public record from submission on (see revisions)."""

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("registry_year", "registry_seq"),
        CheckConstraint(in_values("status", ApplicationStatus), name="status_known"),
        CheckConstraint(in_values("kind", ApplicationKind), name="kind_known"),
        CheckConstraint(in_values("insats_type", InsatsType), name="insats_type_known"),
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


class BudgetLine(Audited, Base):
    """A cost for one year in one category, e.g. premises 96 000 kr in 2016."""

    __tablename__ = "budget_line"
    __table_args__ = (
        CheckConstraint(in_values("category", BudgetCategory), name="category_known"),
        CheckConstraint("amount >= 0", name="not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Decimal] = mapped_column(Money())

    application: Mapped[Application] = relationship(back_populates="budget_lines")


class StaffLine(Audited, Base):
    """A person or role in one year: share of full time, salary, PO-pålägg and months,
    or share of full time and the cost per year as the förbund's document gives it."""

    __tablename__ = "staff_line"
    __table_args__ = (
        # percent is stored as hundredths on SQLite: its range is checked by the service
        CheckConstraint("percent >= 0", name="percent_not_negative"),
        CheckConstraint("months >= 1 AND months <= 12", name="months_range"),
        CheckConstraint("annual_salary >= 0", name="salary_not_negative"),
        CheckConstraint("annual_cost IS NULL OR annual_cost >= 0", name="annual_cost_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(200))  # "Processledare"
    person: Mapped[str] = mapped_column(String(200), default="", index=True)  # the 100 % rule
    employer_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    percent: Mapped[Decimal] = mapped_column(Percent())  # tjänstgöringsgrad, 30 = 30 %
    hours_per_week: Mapped[Decimal | None] = mapped_column(Percent())  # when given as hours
    annual_salary: Mapped[Decimal] = mapped_column(Money())  # full-time salary per year
    po_rate: Mapped[Decimal] = mapped_column(Percent())  # PO-pålägg in percent
    months: Mapped[int] = mapped_column(Integer, default=12)
    # Entered as a cost per year instead ("30 % till 156 000 kr per år"): the line then
    # costs this × months / 12, whatever the salary and PO-pålägg (staffing.py).
    annual_cost: Mapped[Decimal | None] = mapped_column(Money())

    application: Mapped[Application] = relationship(back_populates="staff_lines")
    employer: Mapped[Organisation] = relationship()


class CoFinancing(Audited, Base):
    """A contribution for one year from a party or an external funder (e.g. ESF)."""

    __tablename__ = "co_financing"
    __table_args__ = (
        CheckConstraint(in_values("kind", CoFinancingKind), name="kind_known"),
        CheckConstraint("amount >= 0", name="not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    kind: Mapped[str] = mapped_column(String(20), default=CoFinancingKind.CASH)
    description: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Decimal] = mapped_column(Money())

    application: Mapped[Application] = relationship(back_populates="co_financing")
    organisation: Mapped[Organisation] = relationship()


class Attachment(Audited, Base):
    """A PDF, DOCX or XLSX file kept in the database (one backup holds everything).

    ``content`` is deferred: lists never load the bytes.
    """

    __tablename__ = "attachment"
    __table_args__ = (CheckConstraint("size >= 0", name="size_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    application: Mapped[Application] = relationship(back_populates="attachments")
    uploaded_by: Mapped[User | None] = relationship()
