"""Writes the audit trail from SQLAlchemy events, once for every write path.

Views never write audit rows. Three kinds of event cover every way the ORM
changes a row of an ``Audited`` model:

* mapper events (``after_insert``, ``after_update``, ``before_delete``) fire for
  each row the unit of work writes, including rows it only discovers during the
  flush: items removed from a ``delete-orphan`` collection and rows reached by
  an ORM cascade. ``session.deleted`` before the flush does not hold those, so
  reading it missed them;
* ``before_delete`` also looks for rows the database itself will remove or
  null through ``ON DELETE CASCADE`` / ``SET NULL``;
* ``do_orm_execute`` covers bulk statements (``session.execute(delete(...))``,
  ``update(...)``, ``insert(...)``), which bypass the unit of work.

Who acted is asked of a resolver the app installs (the logged-in user), so this
module stays free of Flask.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, event, insert, inspect, select, tuple_
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, UOWTransaction, object_session
from sqlalchemy.sql.dml import Delete, Insert, Update

from .audit import AuditEntry
from .base import Audited, Base, utcnow

ActorResolver = Callable[[], int | None]
_actor_resolver: ActorResolver = lambda: None  # noqa: E731 - replaced by the app

#: Columns every row has whose changes say nothing (they follow from the change itself).
SKIPPED_COLUMNS = frozenset({"created_at", "updated_at"})
PENDING = "audit_pending"
#: Columns kept in a log of their own instead: log-ins are read from ``login_attempt``,
#: so ``last_login_at`` does not flood the trail with one entry per log-in; and
#: ``session_version`` moves at every log-out, while the changes that end sessions
#: (password, role, deactivation) are audited under their own columns.
KEPT_ELSEWHERE = {"user_account": frozenset({"last_login_at", "session_version"})}


class AuditTrailIsReadOnly(RuntimeError):
    """Raised when code tries to change or delete an audit row."""


def set_actor_resolver(resolver: ActorResolver) -> None:
    """Tell the audit trail how to find the acting user's id."""
    global _actor_resolver
    _actor_resolver = resolver


def _plain(value: Any) -> Any:
    """Make a column value JSON-safe without losing exactness (money stays a string)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _audited_tables() -> dict[str, type[Any]]:
    """Table name → audited model class, for statements that name a table."""
    return {
        mapper.class_.__tablename__: mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Audited)
    }


def _excluded(table_name: str) -> frozenset[str]:
    model = _audited_tables().get(table_name)
    return getattr(model, "audit_exclude", frozenset()) if model else frozenset()


def _field(key: str, old: Any, new: Any, excluded: frozenset[str]) -> list[Any]:
    return ["***", "***"] if key in excluded else [_plain(old), _plain(new)]


def _entry(table: str, row_id: str, action: str, changes: dict[str, Any]) -> dict[str, Any]:
    return {"table_name": table, "row_id": row_id, "action": action, "changes": changes}


def _row_id(values: Sequence[Any]) -> str:
    return ",".join(str(part) for part in values)


# ---------------------------------------------------------------- unit of work


def _pending(target: Any) -> list[dict[str, Any]]:
    """The entries this flush has collected so far (kept on the session)."""
    session = object_session(target)
    assert session is not None, "a flushed object always belongs to a session"
    return session.info.setdefault(PENDING, [])


def _instance_row(mapper: Mapper[Any], connection: Connection, target: Any) -> dict[str, Any]:
    """Every column value of ``target``; unloaded ones are read from the row itself.

    Reading through the connection instead of the attributes keeps the session
    out of the flush (mapper events must not load through it).
    """
    state = inspect(target)
    values = {
        attr.key: state.dict[attr.key] for attr in mapper.column_attrs if attr.key in state.dict
    }
    missing = [attr for attr in mapper.column_attrs if attr.key not in state.dict]
    if missing and state.key is not None:
        where = [col == value for col, value in zip(mapper.primary_key, state.key[1], strict=True)]
        row = connection.execute(select(*(a.columns[0] for a in missing)).where(*where)).first()
        if row is not None:
            values.update({attr.key: value for attr, value in zip(missing, row, strict=True)})
    return values


def _after_insert(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    values = {attr.key: inspect(target).dict.get(attr.key) for attr in mapper.column_attrs}
    changes = _row_changes(values, target.audit_exclude, deleted=False)
    row_id = _row_id(mapper.primary_key_from_instance(target))
    _pending(target).append(_entry(target.__tablename__, row_id, "insert", changes))


def _after_update(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    state = inspect(target)
    excluded = target.audit_exclude
    skipped = SKIPPED_COLUMNS | KEPT_ELSEWHERE.get(target.__tablename__, frozenset())
    changes: dict[str, list[Any]] = {}
    for attr in mapper.column_attrs:
        if attr.key in skipped:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes[attr.key] = _field(attr.key, old, new, excluded)
    if changes:
        row_id = _row_id(mapper.primary_key_from_instance(target))
        _pending(target).append(_entry(target.__tablename__, row_id, "update", changes))


def _before_delete(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    values = _instance_row(mapper, connection, target)
    changes = _row_changes(values, target.audit_exclude, deleted=True)
    pk = mapper.primary_key_from_instance(target)
    pending = _pending(target)
    pending.append(_entry(target.__tablename__, _row_id(pk), "delete", changes))
    pending.extend(_database_cascades(connection, mapper.local_table, [tuple(pk)]))


def _before_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise AuditTrailIsReadOnly("the audit trail cannot be changed")
    # Start afresh: entries of a flush that failed were rolled back with it.
    session.info[PENDING] = []


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    _write(session.connection(), session.info.pop(PENDING, []))


def _write(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Store the entries with the acting user and one time for the whole change."""
    if not rows:
        return
    actor, now = _actor_resolver(), utcnow()
    for row in rows:
        row.update(user_id=actor, at=now)
    connection.execute(insert(AuditEntry), rows)


# ---------------------------------------------------------------- the database's own cascades


def _database_cascades(
    connection: Connection, table: Table, keys: Iterable[tuple[Any, ...]]
) -> list[dict[str, Any]]:
    """Entries for audited rows the database deletes or nulls when ``keys`` of ``table`` go.

    Only rows still present are found; rows the ORM deletes itself in the same
    flush are gone by then (children are deleted before their parent).
    """
    keys = list(keys)
    if not keys or len(table.primary_key.columns) != 1:
        return []
    ids = [key[0] for key in keys]
    audited = _audited_tables()
    entries: list[dict[str, Any]] = []
    for name, model in audited.items():
        child: Table = model.__table__
        for fk in child.foreign_keys:
            if fk.column.table is not table or fk.ondelete not in ("CASCADE", "SET NULL"):
                continue
            rows = connection.execute(select(child).where(fk.parent.in_(ids))).mappings().all()
            excluded = _excluded(name)
            pk_cols = list(child.primary_key.columns)
            for row in rows:
                row_id = _row_id([row[col.key] for col in pk_cols])
                if fk.ondelete == "CASCADE":
                    changes = _row_changes(row, excluded, deleted=True)
                    entries.append(_entry(name, row_id, "delete", changes))
                else:
                    key = fk.parent.key
                    changes = {key: _field(key, row[key], None, excluded)}
                    entries.append(_entry(name, row_id, "update", changes))
            if fk.ondelete == "CASCADE" and rows:
                child_keys = [tuple(row[col.key] for col in pk_cols) for row in rows]
                entries.extend(_database_cascades(connection, child, child_keys))
    return entries


def _row_changes(
    row: Mapping[str, Any], excluded: frozenset[str], *, deleted: bool
) -> dict[str, list[Any]]:
    """A whole row as field → [old, new], for a row created or deleted."""
    return {
        key: _field(key, value, None, excluded) if deleted else _field(key, None, value, excluded)
        for key, value in row.items()
        if key not in SKIPPED_COLUMNS and value is not None
    }


# ---------------------------------------------------------------- bulk statements


def _on_orm_execute(state: ORMExecuteState) -> Any:
    """Audit ``insert``/``update``/``delete`` statements run through the session."""
    statement = state.statement
    if not isinstance(statement, Insert | Update | Delete):
        return None
    table = statement.table
    name = getattr(table, "name", None)
    if name == AuditEntry.__tablename__ and not isinstance(statement, Insert):
        raise AuditTrailIsReadOnly("the audit trail cannot be changed")
    model = _audited_tables().get(name)
    if model is None:
        return None
    table = model.__table__  # the plain table: ORM statements carry an annotated copy
    connection = state.session.connection()
    excluded = _excluded(name)
    pk_cols = list(table.primary_key.columns)
    entries: list[dict[str, Any]] = []
    if isinstance(statement, Insert):
        result, rows = _invoke_insert(state, table)
        entries = [
            _entry(
                name,
                _row_id([row[c.key] for c in pk_cols]),
                "insert",
                _row_changes(row, excluded, deleted=False),
            )
            for row in rows
        ]
    else:
        before = _rows_affected(connection, state, table)
        if isinstance(statement, Delete):
            for row in before:
                row_id = _row_id([row[c.key] for c in pk_cols])
                entries.append(
                    _entry(name, row_id, "delete", _row_changes(row, excluded, deleted=True))
                )
            keys = [tuple(row[c.key] for c in pk_cols) for row in before]
            entries.extend(_database_cascades(connection, table, keys))
            result = state.invoke_statement()
        else:
            result = state.invoke_statement()
            entries = _update_entries(connection, table, before, excluded)
    if result.returns_rows:
        result = result.freeze()()
    _write(connection, entries)
    return result


def _rows_affected(
    connection: Connection, state: ORMExecuteState, table: Table
) -> list[Mapping[str, Any]]:
    """The rows an update or delete statement is about to touch, as they are now."""
    statement = state.statement
    params = state.parameters
    if isinstance(params, list) and params:  # ORM bulk update by primary key
        pk_cols = list(table.primary_key.columns)
        keys = [
            tuple(p[c.key] for c in pk_cols) for p in params if all(c.key in p for c in pk_cols)
        ]
        query = select(table).where(tuple_(*pk_cols).in_(keys))
    else:
        query = select(table)
        if statement.whereclause is not None:
            query = query.where(statement.whereclause)
    return list(connection.execute(query, params if isinstance(params, dict) else {}).mappings())


def _update_entries(
    connection: Connection, table: Table, before: list[Mapping[str, Any]], excluded: frozenset[str]
) -> list[dict[str, Any]]:
    """Compare the rows after a bulk update with their state before it."""
    if not before:
        return []
    pk_cols = list(table.primary_key.columns)
    keys = [tuple(row[c.key] for c in pk_cols) for row in before]
    after = {
        tuple(row[c.key] for c in pk_cols): row
        for row in connection.execute(select(table).where(tuple_(*pk_cols).in_(keys))).mappings()
    }
    skipped = SKIPPED_COLUMNS | KEPT_ELSEWHERE.get(table.name, frozenset())
    entries = []
    for key, old in zip(keys, before, strict=True):
        new = after.get(key)
        if new is None:
            continue
        changes = {
            column: _field(column, old[column], new[column], excluded)
            for column in old
            if column not in skipped and old[column] != new[column]
        }
        if changes:
            entries.append(_entry(table.name, _row_id(key), "update", changes))
    return entries


def _invoke_insert(state: ORMExecuteState, table: Table) -> tuple[Any, list[Mapping[str, Any]]]:
    """Run a bulk insert so that it returns the rows it created."""
    statement = state.statement
    if statement.returning_column_descriptions:  # the caller asked for rows of its own
        result = state.invoke_statement().freeze()
        return result(), []
    result = state.invoke_statement(statement=statement.returning(*table.columns))
    rows = [dict(row) for row in result.mappings()]
    return result, rows


def install(session_target: Any) -> None:
    """Attach the audit listeners to a session class or scoped session (idempotent)."""
    if not event.contains(session_target, "after_flush", _after_flush):
        event.listen(session_target, "before_flush", _before_flush)
        event.listen(session_target, "after_flush", _after_flush)
        event.listen(session_target, "do_orm_execute", _on_orm_execute)
    if not event.contains(Audited, "after_insert", _after_insert):
        event.listen(Audited, "after_insert", _after_insert, propagate=True)
        event.listen(Audited, "after_update", _after_update, propagate=True)
        event.listen(Audited, "before_delete", _before_delete, propagate=True)
