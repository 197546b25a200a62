"""The benchmark's databases: created on PostgreSQL when missing, migrated to head."""

from __future__ import annotations

import os
import tempfile

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import normalise_database_url


def migrated_app(url: str) -> Flask:
    """An app on ``url``, the database created (PostgreSQL) and migrated to head."""
    url = normalise_database_url(url)
    if url.startswith("postgresql"):
        ensure_pg_database(url)
    os.environ.setdefault("SAMORDNA_INSTANCE", tempfile.mkdtemp(prefix="samordna-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
    return app


def ensure_pg_database(url: str, *, fresh: bool = False) -> None:
    """Create the PostgreSQL database of ``url``; ``fresh`` drops it first.

    Dropping is refused unless the database's name contains "bench", so a mistyped
    URL cannot empty a real förbund's database.
    """
    target = make_url(url)
    name = target.database or ""
    if fresh and "bench" not in name:
        raise ValueError(f"refusing to drop {name!r}: a benchmark database's name holds 'bench'")
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if exists and fresh:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        if not exists or fresh:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
