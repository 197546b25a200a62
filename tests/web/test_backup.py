"""Backup and restore: a round trip gives back every row of every table."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from app import create_app
from app.services.admin.backup import BackupError, read_manifest, table_fingerprints
from models import Organisation, OrgKind, db


def _second_app(app: Flask, folder: Path) -> Flask:
    """Another app on a fresh, migrated database of the same kind."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgresql"):
        pytest.skip("the PostgreSQL round trip is in test_backup_round_trip_postgresql")
    other = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'restored.sqlite'}", "TESTING": True}
    )
    with other.app_context():
        upgrade()
    return other


def test_backup_round_trip_restores_every_row(app: Flask, demo: dict, runner) -> None:
    folder = Path(tempfile.mkdtemp(prefix="samordna-backup-"))
    target = folder / "backup.zip"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    manifest = read_manifest(target)
    with app.app_context():
        assert manifest["tables"]["organisation"] == db.session.scalar(
            select(func.count(Organisation.id))
        )
        assert manifest["tables"]["user_account"] == 5
        assert manifest["tables"]["organisation"] >= 9

    other = _second_app(app, folder)
    restored = other.test_cli_runner().invoke(args=["restore", str(target)])
    assert restored.exit_code == 0, restored.output
    with app.app_context():
        before = table_fingerprints(db.engine, db.metadata)
    with other.app_context():
        after = table_fingerprints(db.engine, db.metadata)
        db.engine.dispose()
    assert after == before
    assert sum(len(rows) for rows in after.values()) == sum(manifest["tables"].values())


def test_restore_refuses_a_database_with_data(app: Flask, demo: dict, runner) -> None:
    target = Path(tempfile.mkdtemp(prefix="samordna-backup-")) / "b.zip"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    result = runner.invoke(args=["restore", str(target)])
    assert result.exit_code != 0
    assert "inte tom" in result.output


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "x.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("manifest.json", '{"format": "other"}')
    with pytest.raises(BackupError):
        read_manifest(bogus)


def test_backup_round_trip_postgresql(app: Flask, demo: dict, runner) -> None:
    """On PostgreSQL: restore into a second database, compare every table, ids continue."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        pytest.skip("needs PostgreSQL (CI runs it with TEST_DATABASE_URL)")
    target = Path(tempfile.mkdtemp(prefix="samordna-backup-")) / "pg.zip"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    name = f"{url.database}_restore"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        other = create_app(
            {"SQLALCHEMY_DATABASE_URI": url.set(database=name).render_as_string(False)}
        )
        with other.app_context():
            upgrade()
        assert other.test_cli_runner().invoke(args=["restore", str(target)]).exit_code == 0
        with app.app_context():
            before = table_fingerprints(db.engine, db.metadata)
        with other.app_context():
            after = table_fingerprints(db.engine, db.metadata)
            # sequences were reset: a new organisation gets the next id, not a clash
            db.session.add(Organisation(name="Ny part", short_name="Ny", kind=OrgKind.EXTERNAL))
            db.session.commit()
            db.engine.dispose()
        assert after == before
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
