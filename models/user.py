"""People who log in, their role, and the log-in attempts used for throttling."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .base import Audited, Base, TimestampMixin, UTCDateTime, utcnow
from .organisation import Organisation

#: Werkzeug's default (scrypt). The test suite swaps in a cheap method to stay fast.
PASSWORD_METHOD = "scrypt"  # noqa: S105 - a hashing method, not a password


class Role(StrEnum):
    """The five roles of docs/domain.md (Roles); what each may do lives in app/permissions.py."""

    FORBUNDSCHEF = "forbundschef"
    STYRELSELEDAMOT = "styrelseledamot"
    EKONOM = "ekonom"
    PROJEKTAGARE = "projektagare"
    REVISOR = "revisor"


ROLE_LABELS = {
    Role.FORBUNDSCHEF: _l("Förbundschef"),
    Role.STYRELSELEDAMOT: _l("Board member"),
    Role.EKONOM: _l("Treasurer (ekonom)"),
    Role.PROJEKTAGARE: _l("Project owner (projektägare)"),
    Role.REVISOR: _l("Auditor (revisor)"),
}


class User(Audited, UserMixin, TimestampMixin, Base):
    """An account; projektägare belong to exactly one organisation."""

    __tablename__ = "user_account"
    audit_exclude = frozenset({"password_hash"})

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str] = mapped_column(String(5), default="sv")
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisation: Mapped[Organisation | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses log-in for deactivated accounts
        return self.active

    def set_password(self, password: str) -> None:
        """Hash with Werkzeug's default (scrypt); the plain text is never stored."""
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)

    def check_password(self, password: str) -> bool:
        """Compare in constant time through Werkzeug."""
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: str) -> bool:
        """True when the user's role is one of ``roles``."""
        return self.role in roles


class LoginAttempt(Base):
    """One log-in try, kept in the database so throttling holds across workers and hosts."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_email_at", "email", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    succeeded: Mapped[bool] = mapped_column(default=False)
    remote_addr: Mapped[str] = mapped_column(String(64), default="")
