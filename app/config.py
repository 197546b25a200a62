"""Configuration classes read from the environment (12-factor style)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any


def _instance_path() -> Path:
    return Path(
        os.environ.get("SAMORDNA_INSTANCE", Path(__file__).resolve().parent.parent / "instance")
    )


def load_secret_key(instance: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into instance/ (never committed)."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def normalise_database_url(url: str) -> str:
    """Accept the usual ``postgres://`` and ``postgresql://`` forms and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    """Production-safe defaults; everything site-specific comes from the environment."""

    INSTANCE_PATH = _instance_path()
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_PATH / 'samordna.sqlite'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    #: Strict-Transport-Security over https: how long browsers keep to https (seconds).
    HSTS_MAX_AGE = int(os.environ.get("HSTS_MAX_AGE", str(365 * 24 * 3600)))
    HSTS_INCLUDE_SUBDOMAINS = os.environ.get("HSTS_INCLUDE_SUBDOMAINS", "") == "1"
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    BOOTSTRAP_SERVE_LOCAL = True
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    LOGIN_MAX_FAILURES = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    LOGIN_WINDOW_MINUTES = 15
    #: A session unused this long has ended. From the environment a whole number; the
    #: config given to ``create_app`` may set a fraction (the browser tests use 0.1, six
    #: seconds). The page warns 5 minutes before (half the limit when it is shorter).
    SESSION_IDLE_MINUTES = 60
    SESSION_LIFETIME_HOURS = 12
    TRUSTED_PROXIES = 0
    LANGUAGES = ("sv", "en")
    TESTING = False
    #: E-mail (docs/notifications.md): smtp://user:password@host:port (STARTTLS) or
    #: smtps://… (TLS); empty keeps mails in the Utkorg without sending them.
    MAIL_URL = os.environ.get("MAIL_URL", "")
    #: The sender's address; the display name is the förbund's name.
    MAIL_FROM = os.environ.get("MAIL_FROM", "noreply@samordna.local")
    #: Where links in mails point (the address users open Samordna at).
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")
    #: Files attached to one mail (kallelse, decision), together at most this many bytes;
    #: the rest are linked.
    MAIL_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
    #: Days before a report is due that the first reminder goes out.
    MAIL_REMINDER_DAYS = 14


#: Whole-number settings read from the environment: name → smallest value allowed.
INTEGER_SETTINGS = {
    "SESSION_IDLE_MINUTES": 1,
    "SESSION_LIFETIME_HOURS": 1,
    "TRUSTED_PROXIES": 0,
    "LOGIN_MAX_FAILURES": 1,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 1,
    "LOGIN_WINDOW_MINUTES": 1,
    "MAIL_ATTACHMENT_MAX_BYTES": 0,
    "MAIL_REMINDER_DAYS": 0,
}


def environment_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings the environment gives, read when the app is built.

    A value that is not a whole number within bounds stops the start with a message
    naming the variable, rather than running with a session policy no one chose.
    """
    settings: dict[str, Any] = {}
    for name, minimum in INTEGER_SETTINGS.items():
        raw = environ.get(name, "").strip()
        if not raw:
            continue
        if not raw.isdigit() or int(raw) < minimum:
            raise ValueError(f"{name} must be a whole number of at least {minimum}, not {raw!r}")
        settings[name] = int(raw)
    secure = environ.get("SESSION_COOKIE_SECURE", "").strip().lower()
    if secure:
        if secure not in ("0", "1", "true", "false"):
            raise ValueError(f"SESSION_COOKIE_SECURE must be 1 or 0, not {secure!r}")
        settings["SESSION_COOKIE_SECURE"] = secure in ("1", "true")
        settings["REMEMBER_COOKIE_SECURE"] = settings["SESSION_COOKIE_SECURE"]
    return settings


def session_lifetimes(config: dict[str, Any]) -> None:
    """Signed cookies (session and remember) stop being accepted after the absolute lifetime."""
    lifetime = timedelta(hours=config["SESSION_LIFETIME_HOURS"])
    config["PERMANENT_SESSION_LIFETIME"] = lifetime
    config["REMEMBER_COOKIE_DURATION"] = lifetime
