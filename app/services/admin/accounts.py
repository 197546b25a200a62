"""Log-in, the limits on password checks, and user administration rules.

Failed checks are counted in the database (``throttle``), so the limits hold
across gunicorn workers and hosts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from models import LoginAttempt, Role, User, db
from models.base import utcnow
from models.user import check_dummy_password

from ..errors import DomainError
from . import throttle
from .throttle import Limit

#: The longest e-mail address a mailbox can have (RFC 5321), and the column's length.
EMAIL_MAX = 254


class AccountError(DomainError):
    """A user-administration rule was broken; the message is shown to the user."""


def normalise_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively."""
    return email.strip().lower()


def login_limits(email: str, address: str, config: Mapping[str, Any]) -> tuple[Limit, Limit]:
    """The two log-in limits: this account from this address, and this address."""
    return (
        Limit(
            throttle.key("login", normalise_email(email), address),
            config["LOGIN_MAX_FAILURES"],
            config["LOGIN_WINDOW_MINUTES"],
        ),
        address_limit(address, config),
    )


def password_check_limits(
    user: User, address: str, config: Mapping[str, Any]
) -> tuple[Limit, Limit]:
    """The current-password check on the account page is throttled like log-in.

    Its own account+address count (a stolen session cannot guess the password
    more often than a log-in form could), and the same per-address count as log-in.
    """
    return (
        Limit(
            throttle.key("current-password", str(user.id), address),
            config["LOGIN_MAX_FAILURES"],
            config["LOGIN_WINDOW_MINUTES"],
        ),
        address_limit(address, config),
    )


def address_limit(address: str, config: Mapping[str, Any]) -> Limit:
    """Failed password checks from one client address, whatever the account."""
    return Limit(
        throttle.key("address", address),
        config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
        config["LOGIN_WINDOW_MINUTES"],
    )


def record_attempt(email: str, succeeded: bool, remote_addr: str = "") -> None:
    """Keep one try; old rows are pruned so the table stays small."""
    db.session.add(
        LoginAttempt(
            email=normalise_email(email), succeeded=succeeded, remote_addr=remote_addr[:64]
        )
    )
    cutoff = utcnow() - timedelta(days=30)
    db.session.execute(LoginAttempt.__table__.delete().where(LoginAttempt.at < cutoff))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None.

    Exactly one password hash is checked whatever the address (a dummy one for an
    unknown or deactivated account), so the answer takes the same time either way.
    """
    email = normalise_email(email)
    user = None
    if len(email) <= EMAIL_MAX:
        user = db.session.scalar(select(User).where(User.email == email))
    if user is None or not user.active:
        check_dummy_password(password)
        return None
    return user if user.check_password(password) else None


def create_user(
    email: str,
    name: str,
    role: str,
    password: str,
    organisation_id: int | None = None,
    locale: str = "sv",
) -> User:
    """Create an account; projektägare must belong to an organisation, others must not."""
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(_("There is already an account for %(email)s.", email=email))
    check_role_organisation(role, organisation_id)
    user = User(email=email, name=name, role=role, organisation_id=organisation_id, locale=locale)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def check_role_organisation(role: str, organisation_id: int | None) -> None:
    """A projektägare acts for one organisation; the office roles for the whole förbund."""
    if role == Role.PROJEKTAGARE and organisation_id is None:
        raise AccountError(_("A projektägare must belong to an organisation."))


def active_chiefs_other_than(user: User) -> int:
    """How many other active förbundschefer exist (so the last one cannot lock everyone out)."""
    return (
        db.session.scalar(
            select(func.count(User.id)).where(
                User.role == Role.FORBUNDSCHEF, User.active.is_(True), User.id != user.id
            )
        )
        or 0
    )
