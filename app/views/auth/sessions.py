"""Sessions that end: renewed at log-in, checked on every request, ended everywhere.

The id Flask-Login keeps in the session is ``"<user id>:<session version>"``
(``User.get_id``); raising the user's version ends all their sessions. Besides the
version, a session carries when it began and when it was last used, so it ends
after ``SESSION_IDLE_MINUTES`` without use and ``SESSION_LIFETIME_HOURS`` after
log-in, whatever the cookie says. A Flask-Login remember cookie cannot bring a
session back: a session without these stamps is refused.

A session that ended by the idle or the absolute limit leaves ``ENDED`` (``"idle"``
or ``"lifetime"``) in the renewed, empty session, so the log-in page and the
keep-alive can say why the user was logged out (a log-out leaves nothing). The
page's script (app/static/js/session-timeout.js) keeps a session in use alive
through ``auth.keep_alive`` and asks ``auth.session_status`` (which is not use)
before it warns.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import current_app, request, session, url_for
from flask_login import login_user, logout_user

from models import User, db

LOGIN_AT = "_login_at"
SEEN_AT = "_seen_at"
ENDED = "_ended"
IDLE = "idle"
LIFETIME = "lifetime"
#: Endpoints whose requests do not count as use (the idle clock keeps running).
NOT_USE = frozenset({"auth.session_status"})
#: What survives a renewal: the language chosen before logging in.
KEPT = ("lang",)


def _renew() -> None:
    """A new, empty session (so a new CSRF token), keeping only the language choice."""
    kept = {name: session[name] for name in KEPT if name in session}
    session.clear()
    session.update(kept)


def start(user: User) -> None:
    """Log ``user`` in on a new session; nothing of the one before carries over."""
    _renew()
    login_user(user)
    now = time.time()
    session[LOGIN_AT] = now
    session[SEEN_AT] = now


def end() -> None:
    """Log out of this session and make sure no remember cookie logs back in."""
    logout_user()
    _renew()
    session["_remember"] = "clear"


def _refused(ended: str | None = None) -> None:
    """Empty the session; ``ended`` (idle or lifetime) is kept so the next page can say why."""
    _renew()
    session["_remember"] = "clear"
    if ended is not None:
        session[ENDED] = ended


def load(session_id: str) -> User | None:
    """The user of this session, or None (and the session emptied) when it has ended.

    Ended means: not of the form id:version, the version is old, the account is
    gone or deactivated, the session has no log-in stamps (a remember cookie),
    or it was idle or lived too long.
    """
    ident, _, version = session_id.partition(":")
    if not (ident.isdigit() and version.isdigit() and len(ident) <= 18 and len(version) <= 18):
        return _refused()
    user = db.session.get(User, int(ident))
    if user is None or not user.active or user.session_version != int(version):
        return _refused()
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not isinstance(login_at, int | float) or not isinstance(seen_at, int | float):
        return _refused()
    now = time.time()
    if now - login_at > lifetime_seconds():
        return _refused(LIFETIME)
    if now - seen_at > idle_seconds():
        return _refused(IDLE)
    if request.endpoint not in NOT_USE:
        session[SEEN_AT] = now
    return user


def idle_seconds() -> float:
    """The idle limit in seconds (``SESSION_IDLE_MINUTES`` may be a fraction in tests)."""
    return float(current_app.config["SESSION_IDLE_MINUTES"]) * 60


def lifetime_seconds() -> float:
    """The absolute limit in seconds, counted from log-in however much the session is used."""
    return float(current_app.config["SESSION_LIFETIME_HOURS"]) * 3600


def ended_reason() -> str | None:
    """Why the session in this request ended (idle or lifetime), or None (never or logged out)."""
    reason = session.get(ENDED)
    return reason if reason in (IDLE, LIFETIME) else None


def time_left() -> dict[str, float]:
    """Seconds left of this logged-in session before the idle and the absolute limit end it."""
    now = time.time()
    login_at = float(session.get(LOGIN_AT, now))
    seen_at = float(session.get(SEEN_AT, now))
    return {
        "idle": max(0.0, seen_at + idle_seconds() - now),
        "lifetime": max(0.0, login_at + lifetime_seconds() - now),
    }


def limits() -> dict[str, Any]:
    """The limits the page's script needs (idle limit and absolute lifetime, in seconds)."""
    return {
        "idle_seconds": idle_seconds(),
        "lifetime_hours": current_app.config["SESSION_LIFETIME_HOURS"],
        **{f"{name}_left": round(value) for name, value in time_left().items()},
    }


def _is_local_path(target: str) -> bool:
    """A path on this site: starts with one "/", no scheme, host, backslash or control character."""
    if any(ord(char) < 0x21 or char in "\\\x7f" for char in target):
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None) -> str:
    """Where to go after log-in: ``target`` only if it is a path on this site, else the start page.

    The target is judged as given and after each round of percent-decoding, since
    browsers and proxies may decode it again, turn "\\" into "/" or drop tabs and
    newlines: ``////evil.example``, ``/\\evil``, ``http:evil`` and their encoded
    forms all go to the start page.
    """
    if target:
        seen = target
        for _ in range(5):
            if not _is_local_path(seen):
                break
            decoded = unquote(seen)
            if decoded == seen:
                return target
            seen = decoded
    return url_for("main.index")
