"""People who log in, their role, the log-in attempts and the throttle counters."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, event, inspect
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .base import Audited, Base, TimestampMixin, UTCDateTime, utcnow
from .organisation import Organisation

#: Werkzeug's default (scrypt). The test suite swaps in a cheap method to stay fast.
PASSWORD_METHOD = "scrypt"  # noqa: S105 - a hashing method, not a password

#: Changing one of these ends every session of the user (see ``User.session_version``).
SESSION_ENDING_FIELDS = ("password_hash", "role", "active")

_dummy_hashes: dict[str, str] = {}


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

#: The languages a user can choose, each named in itself (``User.locale``).
LOCALE_LABELS = {"sv": "Svenska", "en": "English"}


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
    #: Part of the id kept in the session cookie; raising it ends every session of the user.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    organisation: Mapped[Organisation | None] = relationship()

    def get_id(self) -> str:
        """The id Flask-Login keeps in the session: the user's id and session version.

        A session made before the version was raised no longer matches, so log-out,
        a new password, a role change or a deactivation ends it everywhere.
        """
        return f"{self.id}:{self.session_version or 0}"

    def end_sessions(self) -> None:
        """End every session of this user (the current one must be started again)."""
        self.session_version = (self.session_version or 0) + 1

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


def check_dummy_password(password: str) -> bool:
    """Verify ``password`` against a hash of no one's password; always False.

    Log-in for an unknown or deactivated address does this instead of nothing, so it
    takes as long as a wrong password for a real account and timing reveals no account.
    """
    method = PASSWORD_METHOD
    if method not in _dummy_hashes:
        _dummy_hashes[method] = generate_password_hash("not-anyones-password", method=method)
    check_password_hash(_dummy_hashes[method], password)
    return False


@event.listens_for(User, "before_update")
def _end_sessions_on_access_change(mapper: Mapper[User], connection: object, user: User) -> None:
    """A new password, a role change or a deactivation ends the user's sessions everywhere.

    Done in the model so every path that changes them (own account page, the
    förbundschef's reset and user form, the CLI) ends the sessions alike.
    """
    state = inspect(user)
    changed = any(state.attrs[name].history.has_changes() for name in SESSION_ENDING_FIELDS)
    if changed and not state.attrs.session_version.history.has_changes():
        user.end_sessions()


class LoginAttempt(Base):
    """One log-in try, kept in the database so throttling holds across workers and hosts."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_email_at", "email", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    succeeded: Mapped[bool] = mapped_column(default=False)
    remote_addr: Mapped[str] = mapped_column(String(64), default="")


class LoginThrottle(Base):
    """Tries within the current window for one throttle key (account+address, or address).

    A try takes a slot with one atomic UPDATE before the password is checked, so
    parallel tries are counted exactly; the key is a hash, so no address is kept here.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    tries: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
