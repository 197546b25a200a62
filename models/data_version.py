"""A number that every committed write moves on: what cached pages are keyed on.

A page cached under the version it was built at can be served again only while
no write has committed since, in any process: the version is read from the
database on each request, so gunicorn's workers agree without talking to each
other. The engine notes every INSERT, UPDATE or DELETE on a connection and
bumps the version in the same transaction just before it commits, so a reader
never sees the new data under the old version. ``epoch`` is drawn anew whenever
the row is made (a new database, a test emptying every table), so a version
number is never reused for different data.

Writes made outside Samordna's engine (psql by hand) are not seen; after such
an edit, run ``UPDATE data_version SET version = version + 1`` or restart.
"""

from __future__ import annotations

import re
import secrets
import weakref
from typing import Any

from sqlalchemy import BigInteger, String, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base

#: Execution option that makes a connection's writes not count (Alembic's migrations:
#: the table may not exist yet, and the processes restart after an upgrade anyway).
UNTRACKED = "samordna_untracked"

_WROTE = "samordna.wrote"
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE|COPY)\b", re.IGNORECASE)
_BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"
_MAKE = "INSERT INTO data_version (id, version, epoch) VALUES (1, 1, :epoch)"
_READ = "SELECT epoch, version FROM data_version WHERE id = 1"
_READY: weakref.WeakSet[Engine] = weakref.WeakSet()


class DataVersion(Base):
    """The single row (id 1): the version and the epoch it counts in."""

    __tablename__ = "data_version"

    # Written only by SQL here and in migration 0010, never through the ORM.
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    epoch: Mapped[str] = mapped_column(String(32))


@event.listens_for(DataVersion.__table__, "after_create")
def _first_row(_table: Any, connection: Connection, **_kw: Any) -> None:
    """Tables made by ``create_all`` start with the row the migration would insert."""
    connection.execute(text(_MAKE), {"epoch": new_epoch()})


def new_epoch() -> str:
    return secrets.token_hex(8)


def track(engine: Engine) -> None:
    """Count every committed write on ``engine`` (idempotent)."""
    if not event.contains(engine, "before_cursor_execute", _note_write):
        event.listen(engine, "before_cursor_execute", _note_write)
        event.listen(engine, "commit", _bump)
        event.listen(engine, "rollback", _forget)


def _note_write(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    if _WRITE.match(statement) and not statement.startswith(_BUMP):
        conn.info[_WROTE] = True


def _bump(conn: Connection) -> None:
    """Runs inside the transaction, just before COMMIT: the new version commits with the data."""
    if not conn.info.pop(_WROTE, False) or conn.get_execution_options().get(UNTRACKED):
        return
    if not _ready(conn):
        return
    if conn.exec_driver_sql(_BUMP).rowcount == 0:
        # The row was deleted with everything else (tests, a restore): start a new epoch.
        conn.execute(text(_MAKE), {"epoch": new_epoch()})
        conn.info.pop(_WROTE, None)  # that INSERT is the bump itself, not a pending write


def _ready(conn: Connection) -> bool:
    """Whether the table exists: code newer than the database (before ``db upgrade``)
    must still save; asked of the database only until the table is there."""
    if conn.engine not in _READY and inspect(conn).has_table(DataVersion.__tablename__):
        _READY.add(conn.engine)
    return conn.engine in _READY


def _forget(conn: Connection) -> None:
    conn.info.pop(_WROTE, None)


def has_pending_writes(session: Session) -> bool:
    """Whether this session holds writes not yet committed (a page built now must not be kept)."""
    if session.new or session.dirty or session.deleted:
        return True
    return session.in_transaction() and bool(session.connection().info.get(_WROTE))


def current(session: Session) -> str | None:
    """'epoch:version' as committed now, or None when there is no row (nothing is cached)."""
    if not _ready(session.connection()):
        return None
    # Straight to the driver: every page asks this first, and the ORM's statement
    # handling cost more than the query.
    row = session.connection().exec_driver_sql(_READ).first()
    return f"{row[0]}:{row[1]}" if row else None
