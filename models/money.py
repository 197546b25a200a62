"""Money in and shared: member contributions per year and cost splits with their saved parts.

The amounts are computed by the split engine (app/services/money/splits.py) through
the services; these models only keep the inputs and the results.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Money, Percent, TimestampMixin
from .organisation import Organisation


class ContributionYear(Audited, TimestampMixin, Base):
    """The members' total contribution (medlemsbidrag) for a year and the kommuner's key."""

    __tablename__ = "contribution_year"
    __table_args__ = (
        CheckConstraint("total >= 0", name="total_not_negative"),
        CheckConstraint("insatser_budget IS NULL OR insatser_budget >= 0", name="budget_ok"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    total: Mapped[Decimal] = mapped_column(Money())
    # "population" | "percent" | "equal" (app.services.money.splits.KommunKey)
    kommun_key: Mapped[str] = mapped_column(String(20), default="population")
    # No longer read or written: the money for insatser is the adopted verksamhetsplan's
    # budget (app/services/meetings/funds.py). Kept until a migration drops it.
    insatser_budget: Mapped[Decimal | None] = mapped_column(Money())
    note: Mapped[str] = mapped_column(Text, default="")

    shares: Mapped[list[ContributionShare]] = relationship(
        back_populates="contribution_year", cascade="all, delete-orphan"
    )


class ContributionShare(Audited, Base):
    """What one member pays of a year's contribution, as computed by the engine."""

    __tablename__ = "contribution_share"
    __table_args__ = (
        UniqueConstraint("year_id", "organisation_id"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(
        ForeignKey("contribution_year.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    # The agreed percentage when the kommuner split by percentages; else empty.
    key_percent: Mapped[Decimal | None] = mapped_column(Percent())
    amount: Mapped[Decimal] = mapped_column(Money())

    contribution_year: Mapped[ContributionYear] = relationship(back_populates="shares")
    organisation: Mapped[Organisation] = relationship()


class CostSplit(Audited, TimestampMixin, Base):
    """A cost shared among organisations: one-off (first = last year) or the same each year."""

    __tablename__ = "cost_split"
    __table_args__ = (
        CheckConstraint("first_year <= last_year", name="years_in_order"),
        CheckConstraint("total >= 0", name="total_not_negative"),
        CheckConstraint("unit > 0", name="unit_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    first_year: Mapped[int] = mapped_column(Integer, index=True)
    last_year: Mapped[int] = mapped_column(Integer, index=True)
    # The cost for each year of the range.
    total: Mapped[Decimal] = mapped_column(Money())
    # app.services.money.splits.Rule: equal | percent | statutory | population | fixed_rest
    rule: Mapped[str] = mapped_column(String(20))
    # Statutory rule only: how the kommuner (and several regions) share their quarter.
    kommun_key: Mapped[str] = mapped_column(String(20), default="population")
    # Rounding unit of the parts: 1.00 (whole kronor) or 0.01 (öre).
    unit: Mapped[Decimal] = mapped_column(Money(), default=Decimal("1.00"))

    parties: Mapped[list[CostSplitParty]] = relationship(
        back_populates="split", cascade="all, delete-orphan", order_by="CostSplitParty.position"
    )
    parts: Mapped[list[CostSplitPart]] = relationship(
        back_populates="split",
        cascade="all, delete-orphan",
        order_by=lambda: [CostSplitPart.year, CostSplitPart.position],
    )

    @property
    def years(self) -> range:
        """The calendar years the cost applies to."""
        return range(self.first_year, self.last_year + 1)


class CostSplitParty(Audited, Base):
    """An organisation sharing a cost, in the order that breaks rounding ties."""

    __tablename__ = "cost_split_party"
    __table_args__ = (
        UniqueConstraint("split_id", "organisation_id"),
        CheckConstraint("fixed_amount IS NULL OR fixed_amount >= 0", name="fixed_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    split_id: Mapped[int] = mapped_column(
        ForeignKey("cost_split.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    percent: Mapped[Decimal | None] = mapped_column(Percent())
    fixed_amount: Mapped[Decimal | None] = mapped_column(Money())

    split: Mapped[CostSplit] = relationship(back_populates="parties")
    organisation: Mapped[Organisation] = relationship()


class CostSplitPart(Audited, Base):
    """The saved result: what an organisation pays of a split in one year."""

    __tablename__ = "cost_split_part"
    __table_args__ = (
        UniqueConstraint("split_id", "year", "organisation_id"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    split_id: Mapped[int] = mapped_column(
        ForeignKey("cost_split.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    # The party's position in the split, so parts list in the order they were given.
    position: Mapped[int] = mapped_column(Integer, default=0)
    amount: Mapped[Decimal] = mapped_column(Money())

    split: Mapped[CostSplit] = relationship(back_populates="parts")
    organisation: Mapped[Organisation] = relationship()
