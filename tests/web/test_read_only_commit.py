"""On PostgreSQL a request that only read ends with COMMIT, so psycopg keeps the
statements it prepared (app/transactions.py); one that holds changes still rolls back."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import text

from app import transactions
from models import Organisation, db

from ..conftest import as_user


def _prepared() -> int:
    """Statements prepared on the connection this context's session uses."""
    return db.session.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar()


def _needs_postgresql(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("needs PostgreSQL (CI runs it with TEST_DATABASE_URL)")


def test_statements_stay_prepared_across_read_only_requests(app: Flask, demo: dict) -> None:
    _needs_postgresql(app)
    chef = as_user(app, "chef@example.com")
    app.config["PAGE_CACHE"] = False
    try:
        with app.app_context():
            db.engine.dispose()  # one fresh connection serves every request below
        for _ in range(7):  # psycopg prepares a statement on its fifth run
            assert chef.client.get("/meetings/").status_code == 200
        with app.app_context():
            assert _prepared() > 0
    finally:
        app.config["PAGE_CACHE"] = True


def test_a_context_holding_changes_is_not_committed(app: Flask, demo: dict) -> None:
    _needs_postgresql(app)
    org_id = demo["orgs"]["FK"]
    with app.app_context():
        name = db.session.get(Organisation, org_id).name
    with app.app_context():
        db.session.get(Organisation, org_id).name = "Ändrat men inte sparat"
        transactions.end_read_only()  # dirty: left for the rollback
    with app.app_context():
        db.session.get(Organisation, org_id).name = "Flushat men inte sparat"
        db.session.flush()
        transactions.end_read_only()  # a write was sent: left for the rollback
    with app.app_context():
        assert db.session.get(Organisation, org_id).name == name
