"""Backup and restore: a round trip gives back every row of every table."""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from collections.abc import Iterator
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
        assert manifest["tables"]["user_account"] == 6  # the five demo roles and IFO's projektägare
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


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The widest umask: modes must not depend on the operator's umask."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_backup_is_0600_in_a_new_folder_0700(runner, tmp_path: Path, open_umask: None) -> None:
    target = tmp_path / "new" / "backup.zip"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert _mode(target) == 0o600
    assert _mode(target.parent) == 0o700
    assert read_manifest(target)["format"] == "samordna-backup/1"


@pytest.mark.parametrize("wide", [0o755, 0o777, 0o750], ids=oct)
def test_own_backup_folder_is_tightened_to_0700(
    app: Flask, runner, tmp_path: Path, open_umask: None, monkeypatch, wide: int
) -> None:
    """instance/backups is Samordna's own: a wider mode is tightened, then written."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    folder = tmp_path / "backups"
    folder.mkdir()
    folder.chmod(wide)
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    (written,) = folder.glob("samordna-*.zip")
    assert _mode(folder) == 0o700 and _mode(written) == 0o600


@pytest.mark.parametrize("wide", [0o755, 0o777, 0o711, 0o770], ids=oct)
def test_named_folder_open_to_others_is_refused_and_left_alone(
    runner, tmp_path: Path, wide: int
) -> None:
    """A folder the operator names is not changed; if others may enter it, no backup."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(wide)
    result = runner.invoke(args=["backup", str(folder / "b.zip")])
    assert result.exit_code != 0
    assert "kan läsas av andra användare" in result.output
    assert list(folder.iterdir()) == [] and _mode(folder) == wide


def test_backup_never_overwrites_a_file_or_follows_a_symlink(runner, tmp_path: Path) -> None:
    folder = tmp_path / "private"
    folder.mkdir(mode=0o700)
    existing = folder / "old.zip"
    existing.write_bytes(b"keep")
    elsewhere = tmp_path / "elsewhere.zip"
    link = folder / "link.zip"
    link.symlink_to(elsewhere)
    for target in (existing, link):
        result = runner.invoke(args=["backup", str(target)])
        assert result.exit_code != 0 and "finns redan" in result.output
    assert existing.read_bytes() == b"keep" and not elsewhere.exists()
