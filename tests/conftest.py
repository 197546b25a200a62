"""Fixtures: one app per test session on real migrations; every test leaves the database empty.

The database is SQLite in a temporary folder, or TEST_DATABASE_URL (PostgreSQL in CI).
Tests commit like the app does; afterwards every table is emptied, so each test
finds the database as it was (migrated, without rows).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

import models.user
from app import create_app
from app import demo as demo_data
from app.i18n import compile_catalogs
from app.services.admin.backup import load_snapshot, snapshot
from app.services.submissions import new_token
from models import db


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``@pytest.mark.postgres_only`` tests skip unless TEST_DATABASE_URL is PostgreSQL."""
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (CI runs it with TEST_DATABASE_URL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


models.user.PASSWORD_METHOD = "pbkdf2:sha256:1000"  # speed; production keeps scrypt

CSRF_RE = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)
DEMO_PASSWORD = "samordna-demo"


def _reset_schema(app: Flask) -> None:
    """Start from nothing, then run the real migrations."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()


@pytest.fixture(scope="session")
def app() -> Iterator[Flask]:
    """The app on a freshly migrated database."""
    compile_catalogs()
    folder = Path(tempfile.mkdtemp(prefix="samordna-test-"))
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{folder / 'test.sqlite'}"
    os.environ["SAMORDNA_INSTANCE"] = str(folder)
    application = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
        }
    )
    _reset_schema(application)
    yield application
    with application.app_context():
        db.engine.dispose()


def empty_all_tables(app: Flask) -> None:
    """Delete every row (children first), keeping the schema and alembic_version."""
    with app.app_context():
        db.session.remove()
        tables = [t for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as connection:
            # DELETE, not TRUNCATE: on near-empty tables it is many times faster on
            # PostgreSQL (TRUNCATE takes exclusive locks and new files per table).
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture(autouse=True)
def _clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that touches the app leaves the database empty."""
    yield
    if "app" in request.fixturenames:
        empty_all_tables(request.getfixturevalue("app"))


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[Flask]:
    """An application context for calling services directly."""
    with app.app_context():
        yield app
        db.session.rollback()


class WebClient:
    """The Flask test client with log-in and CSRF-aware form posts."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self._token: str | None = None

    def token(self, page: str = "/auth/login") -> str:
        """A CSRF token valid for this session, read from a page's form."""
        if self._token is None:
            html = self.client.get(page, follow_redirects=True).get_data(as_text=True)
            match = CSRF_RE.search(html)
            assert match, f"no CSRF token on {page}"
            self._token = match.group(1) or match.group(2)
        return self._token

    def login(self, email: str, password: str = DEMO_PASSWORD) -> Any:
        """Log in through the real form."""
        self._token = None
        response = self.post("/auth/login", {"email": email, "password": password})
        self._token = None
        return response

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """POST with the session's CSRF token added.

        Each post is a new form instance: it gets a fresh one-time ``form_token``
        (the hidden field of forms that create money rows) unless ``data`` has one.
        """
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.token())
        payload.setdefault("form_token", new_token())
        return self.client.post(url, data=payload, **kwargs)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """The raw test client."""
    return app.test_client()


@pytest.fixture
def web(app: Flask) -> WebClient:
    """A test client that logs in and posts forms with CSRF tokens."""
    return WebClient(app.test_client())


@pytest.fixture
def runner(app: Flask) -> Any:
    """The CLI runner."""
    return app.test_cli_runner()


_DEMO_CACHE: dict[str, Any] = {}


@pytest.fixture
def demo(app: Flask) -> dict[str, Any]:
    """The demo förbund, committed (the database is emptied after the test).

    Seeding runs the real demo steps once per session; later tests get the same rows
    back from an in-memory snapshot, which is many times faster than seeding again.
    """
    with app.app_context():
        if "rows" not in _DEMO_CACHE:
            context = demo_data.seed()
            db.session.commit()
            _DEMO_CACHE["ids"] = {
                "orgs": {key: org.id for key, org in context["orgs"].items()},
                "users": {role: user.id for role, user in context["users"].items()},
            }
            with db.engine.connect() as connection:
                _DEMO_CACHE["rows"] = snapshot(connection, db.metadata)
        else:
            db.session.remove()
            with db.engine.begin() as connection:
                load_snapshot(connection, _DEMO_CACHE["rows"])
    return {key: dict(value) for key, value in _DEMO_CACHE["ids"].items()}


def as_user(app: Flask, email: str) -> WebClient:
    """A new test client logged in as ``email`` through the real form."""
    client = WebClient(app.test_client())
    assert client.login(email).status_code == 302
    return client


def html_text(response: Any) -> str:
    """The response body as text with whitespace folded (amounts use U+00A0)."""
    body = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", body.replace("\xa0", " ").replace("\u202f", " "))
