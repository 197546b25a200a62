"""Grants (beviljade medel): the board's decision per insats and year, and its history.

A ``Grant`` is what the board decided for one insats: owner organisation, period,
conditions and an amount per calendar year (``GrantYear``). Amendments (förlängning,
tillägg) change those amounts; every change is kept as a ``GrantChange`` row naming
the decision behind it. ``GrantBudget`` is the budget per year and cost category that
outcomes are compared with (copied from the application, or entered by the ekonom).

The table is ``funding_grant`` because GRANT is an SQL keyword.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Money, TimestampMixin, UTCDateTime, utcnow
from .organisation import Organisation
from .user import User


class GrantStatus(StrEnum):
    """A grant is followed up while active; closed grants are read-only."""

    ACTIVE = "active"
    CLOSED = "closed"


STATUS_LABELS = {
    GrantStatus.ACTIVE: _l("Grant in progress"),
    GrantStatus.CLOSED: _l("Grant closed"),
}


class InsatsType(StrEnum):
    """The kind or phase of insats: the application's, or the förbund's own insats."""

    PRESTUDY = "prestudy"  # förstudie
    PROJECT = "project"
    INDIVIDUAL = "individual"  # individinriktad
    STRUCTURAL = "structural"  # strukturinriktad
    IMPLEMENTATION = "implementation"  # implementering
    OWN = "own"  # förbundets egen insats (e.g. a processledare it employs)


INSATS_TYPE_LABELS = {
    InsatsType.PRESTUDY: _l("Pre-study (förstudie)"),
    InsatsType.PROJECT: _l("Project"),
    InsatsType.INDIVIDUAL: _l("Individual (with participants)"),
    InsatsType.STRUCTURAL: _l("Structural"),
    InsatsType.IMPLEMENTATION: _l("Implementation"),
    InsatsType.OWN: _l("The förbund's own insats"),
}


class CostCategory(StrEnum):
    """Budget and outcome categories, the same as in application budgets."""

    PERSONNEL = "personnel"
    PREMISES = "premises"
    TRAVEL = "travel"
    MATERIAL = "material"
    EVALUATION = "evaluation"
    OTHER = "other"


CATEGORY_LABELS = {
    CostCategory.PERSONNEL: _l("Personnel"),
    CostCategory.PREMISES: _l("Premises"),
    CostCategory.TRAVEL: _l("Travel"),
    CostCategory.MATERIAL: _l("Material and IT"),
    CostCategory.EVALUATION: _l("Evaluation"),
    CostCategory.OTHER: _l("Other costs"),
}


class Grant(Audited, TimestampMixin, Base):
    """Money the board granted to one insats, followed until it is closed."""

    __tablename__ = "funding_grant"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period_order"),
        CheckConstraint("status IN ('active', 'closed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    insats_type: Mapped[str] = mapped_column(String(20), default=InsatsType.PROJECT)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    conditions: Mapped[str] = mapped_column(Text, default="")
    decision_reference: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default=GrantStatus.ACTIVE, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    owner: Mapped[Organisation] = relationship()
    application = relationship("Application", foreign_keys=[application_id])
    decision = relationship("Decision", foreign_keys=[decision_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    years: Mapped[list[GrantYear]] = relationship(
        back_populates="grant", order_by="GrantYear.year", cascade="all, delete-orphan"
    )
    changes: Mapped[list[GrantChange]] = relationship(
        back_populates="grant", order_by="GrantChange.id", cascade="all, delete-orphan"
    )
    budget_lines: Mapped[list[GrantBudget]] = relationship(
        back_populates="grant",
        order_by="(GrantBudget.year, GrantBudget.category)",
        cascade="all, delete-orphan",
    )
    # What the grant's page lists of its follow-up (models/grant_followup.py). Read-only
    # here: each row is written through its own service, payments never change.
    payments = relationship("Payment", order_by="(Payment.paid_on, Payment.id)", viewonly=True)
    reports = relationship(
        "ProjectReport", order_by="(ProjectReport.due_on, ProjectReport.id)", viewonly=True
    )
    staff = relationship("StaffAllocation", order_by="StaffAllocation.id", viewonly=True)

    @property
    def is_closed(self) -> bool:
        """Closed grants are read-only (see app.services.grants.rules.ensure_grant_open)."""
        return self.status == GrantStatus.CLOSED

    @property
    def granted_total(self) -> Decimal:
        """The decided amount over all years."""
        return sum((y.amount for y in self.years), Decimal("0.00"))

    def year(self, year: int) -> GrantYear | None:
        """The grant's row for a calendar year, if the board granted money for it."""
        return next((row for row in self.years if row.year == year), None)


class GrantYear(Audited, TimestampMixin, Base):
    """The amount decided for one calendar year (amendments included) and what happens
    to money left unspent at the end: repaid, or carried over when the board said so."""

    __tablename__ = "grant_year"
    __table_args__ = (
        UniqueConstraint("grant_id", "year"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        Index("ix_grant_year_year_amount", "year", "amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("funding_grant.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money())
    carry_over: Mapped[bool] = mapped_column(Boolean, default=False)
    carry_over_reference: Mapped[str] = mapped_column(String(200), default="")

    grant: Mapped[Grant] = relationship(back_populates="years")


#: ``GrantChange.kind``: changed by a board decision, or an amendment recorded on the grant.
CHANGE_KIND_LABELS = {"decision": _l("Board decision"), "amendment": _l("Amendment")}


class GrantChange(Audited, Base):
    """One line of a grant's history: which decision set or changed which figure."""

    __tablename__ = "grant_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(
        ForeignKey("funding_grant.id", ondelete="CASCADE"), index=True
    )
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    decision_reference: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))  # decision | amendment
    year: Mapped[int | None] = mapped_column(Integer)
    amount_before: Mapped[Decimal | None] = mapped_column(Money())
    amount_after: Mapped[Decimal | None] = mapped_column(Money())
    period_end_before: Mapped[date | None] = mapped_column(Date)
    period_end_after: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    grant: Mapped[Grant] = relationship(back_populates="changes")
    decision = relationship("Decision", foreign_keys=[decision_id])
    user: Mapped[User | None] = relationship()


class GrantBudget(Audited, TimestampMixin, Base):
    """Budgeted cost for one year and category: what outcomes are compared with."""

    __tablename__ = "grant_budget"
    __table_args__ = (
        UniqueConstraint("grant_id", "year", "category"),
        Index("ix_grant_budget_year_amount", "year", "amount"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("funding_grant.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money())

    grant: Mapped[Grant] = relationship(back_populates="budget_lines")
