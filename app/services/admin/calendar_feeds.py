"""The secret addresses of the users' calendar feeds: made, renewed and looked up.

A calendar program fetches ``/calendar/<token>.ics`` without logging in, so the
token is the key: 32 random bytes (``secrets.token_urlsafe``), of which only the
SHA-256 is kept (``CalendarFeed.token_hash``), so neither the database nor a backup
gives the addresses away. The user sees the token once, when it is made; renewing
replaces the hash, which revokes the old address, and the change is in the audit
trail like any other row. A deactivated user's address answers nothing.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from models import CalendarFeed, User, db

#: Random bytes in a token: 256 bits, beyond guessing.
TOKEN_BYTES = 32
#: ``token_urlsafe(32)`` is 43 characters; anything much longer is not ours.
MAX_TOKEN_LENGTH = 64


def token_hash(token: str) -> str:
    """The SHA-256 of a token as 64 hex digits, the form it is stored and looked up in."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def renew_feed(user: User) -> str:
    """Give ``user`` a new feed address and return its token (shown once, never stored).

    The first call makes the user's feed; later calls replace its hash, so the old
    address stops working at once.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        db.session.add(CalendarFeed(user=user, token_hash=token_hash(token)))
    else:
        feed.token_hash = token_hash(token)
    db.session.flush()
    return token


def user_for_token(token: str) -> User | None:
    """The active user whose feed address holds ``token``, or None.

    None for an unknown or revoked token and for a deactivated user, so their feed
    answers 404 like an address that never existed.
    """
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    user = db.session.scalar(
        select(User)
        .join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token_hash == token_hash(token))
    )
    if user is None or not user.active:
        return None
    return user
