"""Samordna: the application factory, built from small ``register_*`` steps."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, has_request_context, request
from flask_login import current_user
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from models import User, auditing, db

from . import cli, edge, error_summary, formatting, permissions, security, ui
from .config import (
    Config,
    environment_settings,
    load_secret_key,
    normalise_database_url,
    session_lifetimes,
)
from .extensions import babel, bootstrap, csrf, login_manager, migrate
from .i18n import select_locale
from .views import (
    admin,
    applications,
    auth,
    board,
    calendar,
    grants,
    main,
    meetings,
    money,
    parties,
    plans,
)

#: Request methods that only read; their SQLite transactions need no write lock.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ROOT = Path(__file__).resolve().parent.parent

#: The blueprints ``create_app`` registers, one per area (app/views/<area>).
BLUEPRINTS = (
    main.bp,
    auth.bp,
    applications.bp,
    meetings.bp,
    board.bp,
    grants.bp,
    plans.bp,
    money.bp,
    parties.bp,
    admin.bp,
    calendar.bp,
)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; ``config`` overrides (tests) win over the environment."""
    instance = Path(os.environ.get("SAMORDNA_INSTANCE", ROOT / "instance"))
    app = Flask(
        __name__,
        instance_path=str(instance),
        template_folder=str(ROOT / "templates"),
    )
    app.config.from_object(Config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{instance / 'samordna.sqlite'}")
    )
    app.config.update(environment_settings(os.environ))
    if config:
        app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(instance)
    if app.debug:
        app.config.update(SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False)
    session_lifetimes(app.config)
    trust_proxies(app)

    permissions.register(app)  # before CSRF: a wrong role gets 403 whatever it posts
    edge.register(app)  # unusable query strings are refused before any view reads them
    register_extensions(app)
    edge.register_converters(app)  # before the blueprints add their rules
    register_blueprints(app)
    security.register(app)
    formatting.register(app)
    ui.register(app)
    error_summary.register(app)
    register_cli(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Read the client's address and scheme from ``TRUSTED_PROXIES`` reverse proxies.

    With 0 (the default) ``X-Forwarded-*`` is ignored, since anyone can send it;
    behind nginx set 1, so throttling counts per real client and not per proxy.
    """
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    """Bind the extensions and the audit trail's notion of who is acting."""
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    bootstrap.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong"
    auditing.install(db.session)
    auditing.set_actor_resolver(_current_user_id)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _sqlite_pragmas(db.engine)


def _current_user_id() -> int | None:
    """The acting user for the audit trail; None for the CLI and anonymous requests."""
    try:
        if current_user and current_user.is_authenticated:
            return int(current_user.id)
    except RuntimeError:  # outside a request (CLI, scripts)
        return None
    return None


def _sqlite_pragmas(engine: Any) -> None:
    """Foreign keys on, WAL, and writing requests that wait their turn for the lock.

    A transaction started with a plain ``BEGIN`` reads first and asks for the write
    lock only at its first write; when another connection wrote in between, SQLite
    cannot let it wait (its snapshot is stale) and answers "database is locked" at
    once, whatever the busy timeout. So the transactions of requests that may write
    (POST and the other unsafe methods) start with ``BEGIN IMMEDIATE``: they take
    the write lock first and wait up to the busy timeout for it, one writer after
    the other. Transactions of GET requests stay deferred: in WAL mode they read a
    snapshot without blocking or being blocked, so pages do not queue behind one
    another for the write lock. Outside a request (CLI, scripts) transactions stay
    deferred too: those run alone, and some hold two connections at once (a backup
    reads on its own connection beside the session), which two immediate
    transactions in one thread would deadlock.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _may_write() else "BEGIN")

    engine.dispose()


def _may_write() -> bool:
    """True inside a request with an unsafe method (POST, PUT, PATCH, DELETE)."""
    return has_request_context() and request.method not in SAFE_METHODS


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The session's user, unless the session has ended (see app/views/auth/sessions.py)."""
    return auth.sessions.load(session_id)


def register_blueprints(app: Flask) -> None:
    """Register the blueprints of ``BLUEPRINTS``, one per area."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def register_cli(app: Flask) -> None:
    """Commands: seed-demo, create-user, backup, restore."""
    cli.register(app)
