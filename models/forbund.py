"""The förbund itself: one row per database (one database per förbund, see README)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, Integer, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from .base import Audited, Base, Money, Percent, TimestampMixin


class Forbund(Audited, TimestampMixin, Base):
    """The samordningsförbund whose records this database holds, and its settings."""

    __tablename__ = "forbund"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(20), default="")
    # Rounding unit for cost splits: whole kronor (1.00) unless the förbund keeps öre (0.01).
    split_unit: Mapped[Decimal] = mapped_column(Money(), default=Decimal("1.00"))
    # Python format string for diarienummer; {year} and {seq} are filled in on submission.
    registry_format: Mapped[str] = mapped_column(String(40), default="{year}/{seq:03d}")
    # BAS accounts for the SIE export of payments: grants paid out (cost) and the bank.
    grant_account: Mapped[str] = mapped_column(String(10), default="4990", server_default="4990")
    bank_account: Mapped[str] = mapped_column(String(10), default="1930", server_default="1930")
    # How many justerare besides the ordförande must justera a protocol (the reglemente's rule).
    justerare_count: Mapped[int] = mapped_column(default=1, server_default="1")
    # Jäv: a present ersättare of the same party steps in for a jävig ledamot on that item
    # (common Finsam practice); off where the reglemente does not allow it.
    jav_ersattare_steps_in: Mapped[bool] = mapped_column(default=True, server_default=true())


class CostAccount(Audited, TimestampMixin, Base):
    """The BAS account the SIE file books one cost category of the förbund's own insatser to.

    A category without a row uses the default in app/services/money/ledger.py.
    """

    __tablename__ = "cost_account"

    category: Mapped[str] = mapped_column(String(20), primary_key=True)
    account: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100), default="")


class PoRate(Audited, TimestampMixin, Base):
    """The förbund's PO-pålägg (percent) for one year and kind of employer.

    ``source`` says where the figure comes from: "skr" for SKR's published rate,
    "forbund" for a rate the förbund entered itself (always so for state employers).
    """

    __tablename__ = "po_rate"
    __table_args__ = (
        UniqueConstraint("year", "employer", name="uq_po_rate_year_employer"),
        CheckConstraint("employer IN ('kommun', 'region', 'state')", name="employer_known"),
        CheckConstraint("source IN ('skr', 'forbund')", name="source_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    employer: Mapped[str] = mapped_column(String(10))
    rate: Mapped[Decimal] = mapped_column(Percent())
    source: Mapped[str] = mapped_column(String(10), default="forbund", server_default="forbund")
