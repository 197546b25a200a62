"""Writes the audit trail from SQLAlchemy session events, once for every write path.

Views never write audit rows; any flush that touches an ``Audited`` model does.
Who acted is asked of a resolver the app installs (the logged-in user), so this
module stays free of Flask.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from .audit import AuditEntry
from .base import Audited, utcnow

ActorResolver = Callable[[], int | None]
_actor_resolver: ActorResolver = lambda: None  # noqa: E731 - replaced by the app


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


def _row_id(obj: Any) -> str:
    """Primary key as text; read from the instance because identity keys come after flush."""
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key)


def _changes(obj: Any, action: str) -> dict[str, list[Any]]:
    """Field → [old, new] for the mapped columns that this flush changes."""
    state = inspect(obj)
    excluded = getattr(obj, "audit_exclude", frozenset())
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in ("created_at", "updated_at"):
            continue
        history = state.attrs[key].history
        if action == "insert":
            old, new = None, state.attrs[key].value
        elif action == "delete":
            old, new = state.attrs[key].value, None
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
        else:
            continue
        if old is None and new is None:
            continue
        if key in excluded:
            changes[key] = ["***", "***"]
        else:
            changes[key] = [_plain(old), _plain(new)]
    return changes


def _before_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise AuditTrailIsReadOnly("the audit trail cannot be changed")
    # Deleted rows lose their values after the flush: capture them now.
    pending = session.info.setdefault("audit_deleted", [])
    for obj in session.deleted:
        if isinstance(obj, Audited):
            pending.append((obj.__tablename__, _row_id(obj), _changes(obj, "delete")))


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    rows: list[dict[str, Any]] = []
    actor = _actor_resolver()
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, Audited):
            rows.append(_entry(obj.__tablename__, _row_id(obj), "insert", _changes(obj, "insert")))
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            changes = _changes(obj, "update")
            if changes:
                rows.append(_entry(obj.__tablename__, _row_id(obj), "update", changes))
    for table, row_id, changes in session.info.pop("audit_deleted", []):
        rows.append(_entry(table, row_id, "delete", changes))
    for row in rows:
        row.update(user_id=actor, at=now)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def _entry(table: str, row_id: str, action: str, changes: dict[str, Any]) -> dict[str, Any]:
    return {"table_name": table, "row_id": row_id, "action": action, "changes": changes}


def install(session_target: Any) -> None:
    """Attach the audit listeners to a session class or scoped session (idempotent)."""
    if not event.contains(session_target, "after_flush", _after_flush):
        event.listen(session_target, "before_flush", _before_flush)
        event.listen(session_target, "after_flush", _after_flush)
