"""The health check answers without log-in and tells whether the database is reachable."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from models import db


def test_healthz_answers_ok_without_login(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert response.headers["Cache-Control"] == "no-store"


def test_app_recovers_after_the_connection_pool_is_lost(app: Flask, client: FlaskClient) -> None:
    """A dropped pool (server restart, network blip) is replaced without restarting the app."""
    assert client.get("/healthz").status_code == 200
    with app.app_context():
        db.engine.dispose()  # every pooled connection gone, like after a database restart
    assert client.get("/healthz").status_code == 200


def test_app_recovers_when_postgresql_kills_its_connections(
    app: Flask, client: FlaskClient
) -> None:
    """On PostgreSQL: the server ends every session of the app; the next request still works."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("needs PostgreSQL (CI runs it with TEST_DATABASE_URL)")
        url = db.engine.url
    assert client.get("/healthz").status_code == 200
    killer = create_engine(url, poolclass=NullPool)
    with killer.connect() as connection:
        killed = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    killer.dispose()
    assert killed >= 1
    assert client.get("/healthz").status_code == 200
    assert client.get("/auth/login").status_code == 200
