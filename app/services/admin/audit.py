"""Reading the audit trail: filters and pages. Writing is done by models/auditing.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from models import AuditEntry, Base, db
from models.base import Audited

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """What the reader asked to see: a table, a row in it, a user, an action."""

    table: str = ""
    row_id: str = ""
    user_id: int | None = None
    action: str = ""

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> AuditFilter:
        """Build from the query string, ignoring anything malformed."""
        user = args.get("user", "")
        return cls(
            table=args.get("table", "") if args.get("table", "") in audited_tables() else "",
            row_id=args.get("row", "")[:64],
            user_id=int(user) if user.isdigit() else None,
            action=args.get("action", "")
            if args.get("action") in ("insert", "update", "delete")
            else "",
        )

    def query_args(self) -> dict[str, Any]:
        """The filter as URL arguments, for pagination links."""
        args: dict[str, Any] = {
            "table": self.table,
            "row": self.row_id,
            "user": self.user_id or "",
            "action": self.action,
        }
        return {key: value for key, value in args.items() if value}


def audited_tables() -> list[str]:
    """Names of all tables whose rows are audited."""
    return sorted(
        mapper.class_.__tablename__
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Audited)
    )


def entries(filters: AuditFilter, page: int = 1) -> Pagination:
    """Newest first, with the acting user loaded in the same query."""
    query = select(AuditEntry).options(joinedload(AuditEntry.user)).order_by(AuditEntry.id.desc())
    if filters.table:
        query = query.where(AuditEntry.table_name == filters.table)
    if filters.row_id:
        query = query.where(AuditEntry.row_id == filters.row_id)
    if filters.user_id:
        query = query.where(AuditEntry.user_id == filters.user_id)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    return db.paginate(query, page=max(page, 1), per_page=PAGE_SIZE, error_out=False)
