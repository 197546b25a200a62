"""Following a grant: payments, outcomes, project reports and who works in the insats.

Payments are an append-only ledger: a mistake is corrected by a new negative
payment with a reason, never by changing or deleting a row (the model refuses).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Money, Percent, TimestampMixin, UTCDateTime, sparse_index, utcnow
from .grant import Grant
from .organisation import Organisation
from .user import User


class PaymentIsImmutable(RuntimeError):
    """Raised when code tries to change or delete a recorded payment."""


class Payment(Audited, Base):
    """One utbetalning (or a negative correction) against a grant year."""

    __tablename__ = "payment"
    __table_args__ = (
        # Sums per year (register totals, dashboard) read the index, not the table.
        Index("ix_payment_year_amount", "year", "amount"),
        sparse_index("payment", "corrects_id"),
        CheckConstraint("amount <> 0", name="amount_not_zero"),
        CheckConstraint(
            "covered_to IS NULL OR covered_from IS NULL OR covered_to >= covered_from",
            name="covered_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("funding_grant.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date, index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    covered_from: Mapped[date | None] = mapped_column(Date)
    covered_to: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    # A date before the decision or outside the grant's period (plus the tolerance) is
    # confirmed by whoever records it, with the reason (payments.check_payment_date).
    date_confirmed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    date_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    grant: Mapped[Grant] = relationship()
    corrects: Mapped[Payment | None] = relationship(remote_side=[id])
    created_by: Mapped[User | None] = relationship()

    @property
    def is_correction(self) -> bool:
        """Negative rows are corrections (or repayments) of earlier payments."""
        return self.amount < 0


@event.listens_for(Payment, "before_update")
def _refuse_update(mapper: Any, connection: Any, target: Payment) -> None:
    raise PaymentIsImmutable("a payment cannot be changed; record a correction instead")


@event.listens_for(Payment, "before_delete")
def _refuse_delete(mapper: Any, connection: Any, target: Payment) -> None:
    raise PaymentIsImmutable("a payment cannot be deleted; record a correction instead")


class Outcome(Audited, TimestampMixin, Base):
    """Reported cost (utfall): one entry per grant, year, period and cost category.

    ``month`` is the period (1–12), or None for a figure of the whole year. The year's
    outcome of a category is the sum of its entries (outcomes.set_outcome keeps a month
    from being entered twice, and whole-year and monthly figures from mixing).
    """

    __tablename__ = "outcome"
    __table_args__ = (
        UniqueConstraint("grant_id", "year", "category", "month"),
        CheckConstraint("month IS NULL OR (month >= 1 AND month <= 12)", name="month_range"),
        Index("ix_outcome_year_amount", "year", "amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("funding_grant.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    month: Mapped[int | None] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money())
    comment: Mapped[str] = mapped_column(Text, default="")
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    grant: Mapped[Grant] = relationship()
    reported_by: Mapped[User | None] = relationship()


class ReportKind(StrEnum):
    """Lägesrapport (status report) or slutrapport (final report)."""

    STATUS = "status"
    FINAL = "final"


REPORT_KIND_SHORT_LABELS = {"status": _l("Status report"), "final": _l("Final report")}


REPORT_KIND_LABELS = {
    ReportKind.STATUS: _l("Status report (lägesrapport)"),
    ReportKind.FINAL: _l("Final report (slutrapport)"),
}


class ProjectReport(Audited, TimestampMixin, Base):
    """A report the decision asks for by a date; filled in when the projektägare submits."""

    __tablename__ = "project_report"
    __table_args__ = (
        # Reports due: "not submitted and due by" reads the index, not every old report.
        Index("ix_project_report_open_due", "submitted_at", "due_on"),
        CheckConstraint("kind IN ('status', 'final')", name="kind_known"),
        CheckConstraint(
            "participants_started >= 0 AND participants_ended >= 0 AND to_work >= 0 "
            "AND to_studies >= 0 AND to_other_support >= 0 AND to_other >= 0",
            name="counts_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("funding_grant.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    participants_started: Mapped[int] = mapped_column(Integer, default=0)
    participants_ended: Mapped[int] = mapped_column(Integer, default=0)
    to_work: Mapped[int] = mapped_column(Integer, default=0)
    to_studies: Mapped[int] = mapped_column(Integer, default=0)
    to_other_support: Mapped[int] = mapped_column(Integer, default=0)
    to_other: Mapped[int] = mapped_column(Integer, default=0)
    narrative: Mapped[str] = mapped_column(Text, default="")
    outcome_year: Mapped[int | None] = mapped_column(Integer)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    grant: Mapped[Grant] = relationship()
    submitted_by: Mapped[User | None] = relationship()

    @property
    def is_submitted(self) -> bool:
        """Whether the projektägare has handed the report in."""
        return self.submitted_at is not None

    def is_overdue(self, today: date) -> bool:
        """Not submitted and past its due date."""
        return not self.is_submitted and self.due_on < today


class StaffAllocation(Audited, TimestampMixin, Base):
    """A person (or role) working part of their time in a granted insats for a period."""

    __tablename__ = "staff_allocation"
    __table_args__ = (
        # percent is stored as hundredths on SQLite: the upper bound is the service's check
        CheckConstraint("percent > 0", name="percent_positive"),
        CheckConstraint("end_on >= start_on", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("funding_grant.id"), index=True)
    person: Mapped[str] = mapped_column(String(200))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    percent: Mapped[Decimal] = mapped_column(Percent())  # tjänstgöringsgrad, 30 = 30 %
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    annual_salary: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    po_rate: Mapped[Decimal] = mapped_column(Percent(), default=Decimal("0.00"))

    grant: Mapped[Grant] = relationship()
    employer: Mapped[Organisation | None] = relationship()
