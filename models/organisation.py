"""Organisations: the member parties, their units (AME, IFO) and external bodies."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, TimestampMixin


class OrgKind(StrEnum):
    """The kinds of organisation the Finsam law and the cost rules distinguish."""

    FK = "fk"
    AF = "af"
    REGION = "region"
    KOMMUN = "kommun"
    UNIT = "unit"
    EXTERNAL = "external"


KIND_LABELS = {
    OrgKind.FK: _l("Försäkringskassan"),
    OrgKind.AF: _l("Arbetsförmedlingen"),
    OrgKind.REGION: _l("Region"),
    OrgKind.KOMMUN: _l("Kommun"),
    OrgKind.UNIT: _l("Unit of a party (e.g. AME, IFO)"),
    OrgKind.EXTERNAL: _l("External (e.g. ESF)"),
}


def label_of(name: str, parent_name: str | None) -> str:
    """An organisation's label from its name and its parent's (``Organisation.label``)."""
    return f"{name} ({parent_name})" if parent_name is not None else name


class Organisation(Audited, TimestampMixin, Base):
    """A party (FK, AF, region, kommun), a unit under one, or an external funder."""

    __tablename__ = "organisation"
    __table_args__ = (
        CheckConstraint("parent_id IS NULL OR kind = 'unit'", name="only_units_have_parent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(20))
    org_number: Mapped[str] = mapped_column(String(20), default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    is_member: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Organisation | None] = relationship(remote_side=[id], back_populates="units")
    units: Mapped[list[Organisation]] = relationship(
        back_populates="parent", order_by="Organisation.name"
    )
    populations: Mapped[list[Population]] = relationship(
        back_populates="organisation",
        order_by="Population.year",
        cascade="all, delete-orphan",
    )

    @property
    def label(self) -> str:
        """Name as shown in lists: units carry their parent's name for clarity."""
        return label_of(self.name, self.parent.name if self.parent is not None else None)

    def population_for(self, year: int) -> Population | None:
        """The population figure for a year, or the latest earlier one (SCB figures lag)."""
        earlier = [p for p in self.populations if p.year <= year]
        return earlier[-1] if earlier else None


class Population(Audited, Base):
    """A kommun's (or region's) inhabitants for a year, the key for splitting contributions."""

    __tablename__ = "population"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        CheckConstraint("inhabitants > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    inhabitants: Mapped[int] = mapped_column(Integer)
    reference_date: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(100), default="")

    organisation: Mapped[Organisation] = relationship(back_populates="populations")
