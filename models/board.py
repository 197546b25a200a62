"""The board register (styrelse): ledamöter and ersättare per member party, with terms."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, TimestampMixin
from .organisation import Organisation
from .user import User


class BoardRole(StrEnum):
    """A seat on the board (ledamot, one vote) or a deputy (ersättare)."""

    LEDAMOT = "ledamot"
    ERSATTARE = "ersattare"


ROLE_LABELS = {BoardRole.LEDAMOT: _l("Ledamot"), BoardRole.ERSATTARE: _l("Ersättare")}


class BoardPosition(StrEnum):
    """The board's own offices; most members hold none."""

    NONE = ""
    CHAIR = "chair"  # ordförande
    VICE_CHAIR = "vice_chair"  # vice ordförande


POSITION_LABELS = {
    BoardPosition.NONE: _l("—"),
    BoardPosition.CHAIR: _l("Chair (ordförande)"),
    BoardPosition.VICE_CHAIR: _l("Vice chair (vice ordförande)"),
}


class BoardMember(Audited, TimestampMixin, Base):
    """One person's term on the board for a member party (e.g. Ludvika kommun's ledamot)."""

    __tablename__ = "board_member"
    __table_args__ = (
        CheckConstraint("role IN ('ledamot', 'ersattare')", name="role"),
        CheckConstraint("term_end >= term_start", name="term_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[str] = mapped_column(String(20), default="")
    term_start: Mapped[dt.date] = mapped_column(Date)
    term_end: Mapped[dt.date] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(254), default="")
    # The member's log-in, when they have one (styrelseledamot role); optional.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    organisation: Mapped[Organisation] = relationship()
    user: Mapped[User | None] = relationship()

    @property
    def is_ledamot(self) -> bool:
        """True for a voting seat."""
        return self.role == BoardRole.LEDAMOT

    def serves_on(self, day: dt.date) -> bool:
        """Whether the term covers the given day."""
        return self.term_start <= day <= self.term_end
