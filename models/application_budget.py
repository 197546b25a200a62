"""An application's budget per year (cost, staff and co-financing lines) and its attachments.

Only stored facts live here; every figure derived from them (staff cost, totals,
the amount requested) is computed in ``app/services/applications/budget.py``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from .application import Application
from .base import Audited, Base, Money, Percent, UTCDateTime, utcnow
from .organisation import Organisation
from .user import User


class BudgetCategory(StrEnum):
    """Cost types of the application form; staff lines count as personnel."""

    PERSONNEL = "personnel"
    PREMISES = "premises"
    TRAVEL = "travel"
    MATERIAL = "material"
    EVALUATION = "evaluation"
    OTHER = "other"


class CoFinancingKind(StrEnum):
    """Money, or staff time and other resources given in kind."""

    CASH = "cash"
    IN_KIND = "in_kind"


def _in(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class BudgetLine(Audited, Base):
    """A cost for one year in one category, e.g. premises 96 000 kr in 2016."""

    __tablename__ = "budget_line"
    __table_args__ = (
        CheckConstraint(_in("category", BudgetCategory), name="category_known"),
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
    """A person or role in one year: share of full time, salary, PO-pålägg and months."""

    __tablename__ = "staff_line"
    __table_args__ = (
        # percent is stored as hundredths on SQLite: its range is checked by the service
        CheckConstraint("percent >= 0", name="percent_not_negative"),
        CheckConstraint("months >= 1 AND months <= 12", name="months_range"),
        CheckConstraint("annual_salary >= 0", name="salary_not_negative"),
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

    application: Mapped[Application] = relationship(back_populates="staff_lines")
    employer: Mapped[Organisation] = relationship()


class CoFinancing(Audited, Base):
    """A contribution for one year from a party or an external funder (e.g. ESF)."""

    __tablename__ = "co_financing"
    __table_args__ = (
        CheckConstraint(_in("kind", CoFinancingKind), name="kind_known"),
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
