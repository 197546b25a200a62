"""Log-in throttling and user administration rules.

Failed attempts are counted in the database, so the limit holds across
gunicorn workers and hosts.
"""

from __future__ import annotations

from datetime import timedelta
from math import ceil

from flask_babel import gettext as _
from sqlalchemy import func, select

from models import LoginAttempt, Role, User, db
from models.base import utcnow

from ..errors import DomainError


class AccountError(DomainError):
    """A user-administration rule was broken; the message is shown to the user."""


def normalise_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively."""
    return email.strip().lower()


def minutes_locked(email: str, max_failures: int, window_minutes: int) -> int:
    """Minutes until the account may try again; 0 when it is not locked.

    Locked means at least ``max_failures`` failed tries within the window since
    the last successful log-in; the lock lifts when the oldest of them ages out.
    """
    email = normalise_email(email)
    since = utcnow() - timedelta(minutes=window_minutes)
    last_success = db.session.scalar(
        select(func.max(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.succeeded.is_(True)
        )
    )
    if last_success is not None and last_success > since:
        since = last_success
    failures = db.session.scalars(
        select(LoginAttempt.at)
        .where(
            LoginAttempt.email == email,
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.at > since,
        )
        .order_by(LoginAttempt.at.desc())
        .limit(max_failures)
    ).all()
    if len(failures) < max_failures:
        return 0
    unlock_at = failures[-1] + timedelta(minutes=window_minutes)
    return max(1, ceil((unlock_at - utcnow()).total_seconds() / 60))


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
    """The active user with this e-mail and password, else None."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


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
