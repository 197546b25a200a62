"""Backup and restore of the whole database as one portable file.

A backup is a zip holding ``manifest.json`` (format, schema revision, time, row
counts) and one JSON-lines file per table, read inside ONE read-only snapshot
transaction (REPEATABLE READ on PostgreSQL, a single read transaction on SQLite
in WAL mode), so that what it holds is consistent even while users keep working.
Rows are streamed, so memory does not grow with the database. Attachments are in
the database, so the file holds everything. ``restore`` refuses a database that
already has data or a different schema revision, inserts table by table in
foreign-key order, and resets PostgreSQL's id sequences.

For production, ``pg_dump -Fc`` is the first line of defence (README); this
format also moves a förbund between SQLite and PostgreSQL.

A backup holds password hashes, personal data and attachments, so
:func:`write_backup_file` makes it readable by its owner only: the file is
created 0600 (never over an existing file, never through a symlink) in a
folder 0700. Samordna's own folder (``instance/backups``) is created 0700 and
tightened to 0700 if it was wider; a folder the operator names is never
changed (it may be shared on purpose), so one that others can enter is refused.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Engine, MetaData, Table, func, inspect, select, text

FORMAT = "samordna-backup/1"
BATCH = 1000
FILE_MODE = 0o600
FOLDER_MODE = 0o700


class BackupError(RuntimeError):
    """A backup that cannot be restored here; ``str()`` says why in Swedish."""


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, raw),) = value.items()
        if tag == "$dec":
            return Decimal(raw)
        if tag == "$dt":
            return datetime.fromisoformat(raw)
        if tag == "$date":
            return date.fromisoformat(raw)
        if tag == "$time":
            return time.fromisoformat(raw)
        if tag == "$b64":
            return base64.b64decode(raw)
    return value


def _tables(metadata: MetaData) -> list[Table]:
    return list(metadata.sorted_tables)


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None  # an unmigrated database
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    for row in result.mappings():
        yield dict(row)


def write_backup(
    engine: Engine, metadata: MetaData, target: str | Path | IO[bytes]
) -> dict[str, int]:
    """Write a consistent backup of every table; returns row counts per table."""
    counts: dict[str, int] = {}
    options: dict[str, Any] = {}
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with (
        engine.connect().execution_options(**options) as connection,
        connection.begin(),
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        revision = _revision(connection)
        for table in _tables(metadata):
            count = 0
            with archive.open(f"tables/{table.name}.jsonl", "w") as handle:
                for row in _rows(connection, table):
                    line = json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False)
                    handle.write(line.encode("utf-8") + b"\n")
                    count += 1
            counts[table.name] = count
        manifest = {
            "format": FORMAT,
            "revision": revision,
            "created_at": datetime.now(UTC).isoformat(),
            "dialect": engine.dialect.name,
            "tables": counts,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return counts


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def private_folder(folder: Path, *, own: bool) -> Path:
    """A folder only its owner may enter: created 0700 if missing.

    An existing folder of Samordna's own (``own``) is tightened to 0700; one the
    operator named is refused if group or others have any right on it.
    """
    if not folder.exists():
        folder.mkdir(mode=FOLDER_MODE, parents=True)
        folder.chmod(FOLDER_MODE)  # mkdir's mode is reduced by the umask, not widened
    elif own:
        if _mode(folder) & 0o077:
            folder.chmod(FOLDER_MODE)
    elif _mode(folder) & 0o077:
        raise BackupError(
            f"Mappen {folder} kan läsas av andra användare (rättigheter {_mode(folder):o}). "
            "En säkerhetskopia innehåller personuppgifter och lösenordshashar: välj en mapp "
            "som bara du kommer åt (chmod 700) eller utelämna filnamnet."
        )
    return folder


def write_backup_file(
    engine: Engine, metadata: MetaData, path: Path, *, own_folder: bool = False
) -> dict[str, int]:
    """Write the backup to a new file 0600 in a folder 0700; row counts per table."""
    private_folder(path.parent, own=own_folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, FILE_MODE)
    except FileExistsError as error:
        raise BackupError(f"Filen {path} finns redan; välj ett nytt namn.") from error
    os.fchmod(descriptor, FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            return write_backup(engine, metadata, handle)
    except BaseException:
        path.unlink(missing_ok=True)  # no half-written backup is left behind
        raise


def read_manifest(source: str | Path | IO[bytes]) -> dict[str, Any]:
    """The backup's manifest, checked for the format."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    if manifest.get("format") != FORMAT:
        raise BackupError("Filen är ingen säkerhetskopia från Samordna.")
    return manifest


def restore_backup(
    engine: Engine, metadata: MetaData, source: str | Path | IO[bytes]
) -> dict[str, int]:
    """Load a backup into an empty, migrated database of the same schema revision."""
    manifest = read_manifest(source)
    tables = _tables(metadata)
    with engine.begin() as connection:
        revision = _revision(connection)
        if revision != manifest["revision"]:
            raise BackupError(
                f"Säkerhetskopian har databasversion {manifest['revision']}, databasen "
                f"{revision}. Kör `flask --app app db upgrade` till samma version först."
            )
        for table in tables:
            if connection.execute(select(func.count()).select_from(table)).scalar():
                raise BackupError(
                    f"Databasen är inte tom (tabellen {table.name} har rader). Återläs bara "
                    "till en tom, migrerad databas, så att inget skrivs över."
                )
        counts: dict[str, int] = {}
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            for table in tables:
                name = f"tables/{table.name}.jsonl"
                counts[table.name] = 0
                if name not in names:
                    continue
                batch: list[dict[str, Any]] = []
                with archive.open(name) as handle:
                    for line in handle:
                        row = {k: _decode(v) for k, v in json.loads(line).items()}
                        batch.append(row)
                        if len(batch) >= BATCH:
                            connection.execute(table.insert(), batch)
                            counts[table.name] += len(batch)
                            batch = []
                if batch:
                    connection.execute(table.insert(), batch)
                    counts[table.name] += len(batch)
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, tables)
    return counts


def snapshot(
    connection: Connection, metadata: MetaData
) -> list[tuple[Table, list[dict[str, Any]]]]:
    """Every table's rows in memory, in foreign-key order (small databases: the tests' demo)."""
    return [(table, list(_rows(connection, table))) for table in _tables(metadata)]


def load_snapshot(connection: Connection, rows: list[tuple[Table, list[dict[str, Any]]]]) -> None:
    """Insert a ``snapshot`` into empty tables and move PostgreSQL's sequences past it."""
    for table, table_rows in rows:
        if table_rows:
            connection.execute(table.insert(), table_rows)
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection, [table for table, _rows in rows])


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    for table in tables:
        for column in table.primary_key.columns:
            if column.autoincrement is True or (
                column.autoincrement == "auto" and column.type.python_type is int
            ):
                sequence = connection.execute(
                    text("SELECT pg_get_serial_sequence(:t, :c)"),
                    {"t": table.name, "c": column.name},
                ).scalar()
                if sequence:
                    connection.execute(
                        text(
                            f'SELECT setval(:s, COALESCE((SELECT max("{column.name}") '  # noqa: S608
                            f'FROM "{table.name}"), 0) + 1, false)'
                        ),
                        {"s": sequence},
                    )


def table_fingerprints(engine: Engine, metadata: MetaData) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows as sorted tuples of encoded values — for comparing two databases."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in _tables(metadata):
            found[table.name] = [
                tuple(json.dumps(_encode(v), sort_keys=True) for v in row.values())
                for row in _rows(connection, table)
            ]
    return found
