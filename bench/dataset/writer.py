"""Bulk insertion of the large data set: rows queued per table, inserted parents first."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select, text

from bench.dataset.values import stamp
from models import db


class Writer:
    """Buffers rows per table and inserts them in dependency order with executemany.

    Ids are given here (max id + 1), so children can point at parents before any
    insert; on PostgreSQL the sequences are moved past them in :meth:`finish`.
    """

    def __init__(self, batch: int = 5000) -> None:
        self.tables = {t.name: t for t in db.metadata.sorted_tables}
        self.order = [t.name for t in db.metadata.sorted_tables]
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.next_id: dict[str, int] = {}
        self.counts: dict[str, int] = defaultdict(int)
        self.batch, self.buffered = batch, 0

    def reserve(self, table: str) -> int:
        """The next id of ``table``, kept for a row added later with ``id=``."""
        if table not in self.next_id:
            column = self.tables[table].c.id
            self.next_id[table] = (db.session.scalar(select(func.max(column))) or 0) + 1
        self.next_id[table] += 1
        return self.next_id[table] - 1

    def add(self, table: str, **row: Any) -> int:
        """Queue a row; returns its id."""
        if "id" not in row:
            row["id"] = self.reserve(table)
        columns = self.tables[table].c
        day = row.pop("_day", None)
        for column in ("created_at", "updated_at"):
            if column in columns and column not in row:
                row[column] = stamp(day)
        self.rows[table].append(row)
        self.buffered += 1
        return row["id"]

    def checkpoint(self) -> None:
        """Flush when enough rows wait: called between whole records, never inside one."""
        if self.buffered >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Insert everything queued, parents first."""
        connection = db.session.connection()
        for name in self.order:
            rows = self.rows.pop(name, None)
            if not rows:
                continue
            groups: dict[frozenset[str], list[dict[str, Any]]] = {}
            for row in rows:  # executemany needs the same keys; Core fills the defaults
                groups.setdefault(frozenset(row), []).append(row)
            for group in groups.values():
                connection.execute(self.tables[name].insert(), group)
            self.counts[name] += len(rows)
        self.buffered = 0

    def finish(self) -> None:
        """Flush, move PostgreSQL's sequences past the given ids, update planner statistics."""
        self.flush()
        connection = db.session.connection()
        if connection.dialect.name == "postgresql":
            for name in self.counts:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                        f"(SELECT max(id) FROM {name}))"
                    )
                )
        db.session.commit()
        with db.engine.connect() as analyse:
            statement = "ANALYZE"
            if analyse.dialect.name == "postgresql":
                analyse = analyse.execution_options(isolation_level="AUTOCOMMIT")
                # What autovacuum does to a live database after a bulk load: statistics,
                # and the visibility map that lets sums per year read only the index.
                statement = "VACUUM ANALYZE"
            analyse.execute(text(statement))
            analyse.commit()
