"""Each user's personal calendar feed: the hash of the secret in its address.

The feed (``/calendar/<token>.ics``) is read by calendar programs that cannot log
in, so the address itself is the key. Only its SHA-256 is kept, so the database
(or a backup of it) does not give anyone the addresses; the user sees the token
once, when it is made. Renewing replaces the hash, and the old address stops working.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from .base import Audited, Base, TimestampMixin
from .user import User


class CalendarFeed(Audited, TimestampMixin, Base):
    """One user's feed address (at most one; renewing changes ``token_hash``)."""

    __tablename__ = "calendar_feed"
    audit_exclude = frozenset({"token_hash"})

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    #: SHA-256 of the token in the address, as 64 hex digits.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)

    user: Mapped[User] = relationship(
        backref=backref("calendar_feed", uselist=False, cascade="all, delete-orphan")
    )
