"""Throttling of password checks: per account and client address, and per address.

Each try takes a slot *before* the password is checked, with one atomic
``UPDATE … RETURNING`` per key: parallel tries (threads, gunicorn workers, hosts)
are counted exactly, and a try that finds no free slot is refused without checking
the password. A right password gives the slots back, so only failures count.

Counting per account *and* address means the real owner, logging in from another
address, is not walled out by someone guessing at their account; the per-address
limit stops one address from guessing at many accounts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from sqlalchemy import case, delete, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite

from models import LoginThrottle, db
from models.base import UTCDateTime, utcnow


@dataclass(frozen=True)
class Limit:
    """At most ``tries`` failures per ``window_minutes`` for one key."""

    key: str
    tries: int
    window_minutes: int


@dataclass(frozen=True)
class Refusal:
    """A try refused: which limit (``"account"`` or ``"address"``) and for how long."""

    kind: str
    minutes: int


def key(*parts: str) -> str:
    """A fixed-length key for the parts (kind, account, address); no address is stored."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _ensure_row(row_key: str, now: datetime) -> None:
    """Create the counter if it is missing; an existing one is left alone."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(LoginThrottle)
        .values(key=row_key, tries=0, window_start=now)
        .on_conflict_do_nothing(index_elements=["key"])
    )


def _take(limit: Limit, now: datetime) -> int | None:
    """Take one slot of ``limit``; None when none is free (the window is full)."""
    _ensure_row(limit.key, now)
    expired = LoginThrottle.window_start <= now - timedelta(minutes=limit.window_minutes)
    row = db.session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == limit.key, (LoginThrottle.tries < limit.tries) | expired)
        .values(
            tries=case((expired, 1), else_=LoginThrottle.tries + 1),
            window_start=case(
                (expired, literal(now, UTCDateTime())), else_=LoginThrottle.window_start
            ),
        )
        .returning(LoginThrottle.tries)
    ).first()
    return None if row is None else row[0]


def _minutes_left(limit: Limit, now: datetime) -> int:
    started = db.session.scalar(
        select(LoginThrottle.window_start).where(LoginThrottle.key == limit.key)
    )
    if started is None:
        return 1
    unlock_at = started + timedelta(minutes=limit.window_minutes)
    return max(1, ceil((unlock_at - now).total_seconds() / 60))


def _give_back(limit: Limit) -> None:
    db.session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == limit.key, LoginThrottle.tries > 0)
        .values(tries=LoginThrottle.tries - 1)
    )


def take(account: Limit, address: Limit) -> Refusal | None:
    """Take a slot under both limits, or none: the refusal says which limit is full.

    The caller commits at once (so the slot counts for parallel tries before the
    slow password check) and calls ``succeeded`` when the password was right.
    """
    now = utcnow()
    if _take(account, now) is None:
        return Refusal("account", _minutes_left(account, now))
    if _take(address, now) is None:
        _give_back(account)
        return Refusal("address", _minutes_left(address, now))
    return None


def succeeded(account: Limit, address: Limit) -> None:
    """A right password: the account+address count starts over, the address gets its slot back."""
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == account.key))
    _give_back(address)
    cutoff = utcnow() - timedelta(days=1)
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.window_start < cutoff))
