"""Reading the audit trail and the log-in log: filters, pages, links and export rows.

Writing is done by models/auditing.py. Times are stored in UTC and read in
Stockholm time; a date filter means whole Stockholm days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from models import AuditEntry, Base, LoginAttempt, db
from models.base import Audited

from ...clock import STOCKHOLM
from .audit_labels import OBJECTS

PAGE_SIZE = 50
ACTIONS = ("insert", "update", "delete")
#: Where an object is shown: its own page, or its parent's through a column of its row.
OWN_PAGES: dict[str, tuple[str, str]] = {
    "application": ("applications.show", "application_id"),
    "funding_grant": ("grants.show", "grant_id"),
    "plan": ("plans.show", "plan_id"),
    "meeting": ("meetings.show", "meeting_id"),
    "organisation": ("parties.show", "org_id"),
    "user_account": ("admin.edit_user", "user_id"),
    "board_member": ("board.edit", "member_id"),
}
PARENTS: dict[str, tuple[str, str]] = {
    **{
        table: ("application_id", "application")
        for table in (
            "application_participants",
            "application_party",
            "application_proposed_amount",
            "application_revision",
            "attachment",
            "budget_line",
            "co_financing",
            "staff_line",
            "status_change",
        )
    },
    **{
        table: ("grant_id", "funding_grant")
        for table in (
            "grant_budget",
            "grant_change",
            "grant_year",
            "outcome",
            "payment",
            "project_report",
            "staff_allocation",
        )
    },
    **{
        table: ("plan_id", "plan")
        for table in ("follow_up_period", "plan_budget_line", "plan_goal", "plan_insats")
    },
    "attendance": ("meeting_id", "meeting"),
    "calendar_feed": ("user_id", "user_account"),
    "paragraph": ("meeting_id", "meeting"),
    "population": ("organisation_id", "organisation"),
}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def day_start(day: date) -> datetime:
    """The first instant of a Stockholm day."""
    return datetime.combine(day, time.min, tzinfo=STOCKHOLM)


@dataclass(frozen=True)
class AuditFilter:
    """What the reader asked to see: a period, an object type or one object, a user, a change."""

    table: str = ""
    row_id: str = ""
    user_id: int | None = None
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> AuditFilter:
        """Build from the query string, ignoring anything malformed."""
        user = args.get("user", "")
        return cls(
            table=args.get("table", "") if args.get("table", "") in audited_tables() else "",
            row_id=args.get("row", "")[:64],
            user_id=int(user) if user.isdigit() and len(user) < 10 else None,
            action=args.get("action", "") if args.get("action") in ACTIONS else "",
            date_from=_day(args.get("from")),
            date_to=_day(args.get("to")),
        )

    def query_args(self) -> dict[str, Any]:
        """The filter as URL arguments, for pagination and export links."""
        args: dict[str, Any] = {
            "table": self.table,
            "row": self.row_id,
            "user": self.user_id or "",
            "action": self.action,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return {key: value for key, value in args.items() if value}


def audited_tables() -> list[str]:
    """Names of all tables whose rows are audited."""
    return sorted(
        mapper.class_.__tablename__
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Audited)
    )


def object_choices() -> list[tuple[str, str]]:
    """(table, Swedish name) of every audited object type, by name."""
    return sorted(
        ((table, str(OBJECTS.get(table, table))) for table in audited_tables()),
        key=lambda choice: choice[1],
    )


def _in_period(query: Select[Any], column: Any, start: date | None, end: date | None) -> Any:
    if start:
        query = query.where(column >= day_start(start))
    if end:
        query = query.where(column < day_start(end + timedelta(days=1)))
    return query


def _query(filters: AuditFilter) -> Select[Any]:
    query = select(AuditEntry).options(joinedload(AuditEntry.user)).order_by(AuditEntry.id.desc())
    if filters.table:
        query = query.where(AuditEntry.table_name == filters.table)
    if filters.row_id:
        query = query.where(AuditEntry.row_id == filters.row_id)
    if filters.user_id:
        query = query.where(AuditEntry.user_id == filters.user_id)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    return _in_period(query, AuditEntry.at, filters.date_from, filters.date_to)


def entries(filters: AuditFilter, page: int = 1) -> Pagination:
    """Newest first, with the acting user loaded in the same query."""
    return db.paginate(_query(filters), page=max(page, 1), per_page=PAGE_SIZE, error_out=False)


def all_entries(filters: AuditFilter) -> Sequence[AuditEntry]:
    """Every entry the filter selects, newest first (for the export)."""
    return db.session.scalars(_query(filters)).all()


def object_targets(items: Iterable[AuditEntry]) -> dict[int, tuple[str, dict[str, int]]]:
    """Entry id → (endpoint, URL values) of the page that shows its object.

    Rows without a page of their own link to their parent's page; the parent is
    read from the entry (a deleted row) or from the row as it is now.
    """
    items = list(items)
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in items:
        if entry.table_name in PARENTS and entry.row_id.isdigit():
            wanted[entry.table_name].add(int(entry.row_id))
    parents: dict[tuple[str, str], int] = {}
    for table_name, ids in wanted.items():
        column = PARENTS[table_name][0]
        table = Base.metadata.tables[table_name]
        rows = db.session.execute(select(table.c.id, table.c[column]).where(table.c.id.in_(ids)))
        parents.update({(table_name, str(row_id)): parent for row_id, parent in rows})
    targets: dict[int, tuple[str, dict[str, int]]] = {}
    for entry in items:
        table, row_id = entry.table_name, entry.row_id
        if table in PARENTS:
            column, table = PARENTS[table]
            change = (entry.changes or {}).get(column) or [None, None]
            parent = parents.get((entry.table_name, row_id)) or change[1] or change[0]
            row_id = str(parent) if parent else ""
        elif entry.action == "delete":
            continue  # the object and its page are gone
        if table in OWN_PAGES and row_id.isdigit():
            endpoint, argument = OWN_PAGES[table]
            targets[entry.id] = (endpoint, {argument: int(row_id)})
    return targets


def local_time(value: datetime) -> str:
    """A stored UTC time as Stockholm time to the second: '2026-11-22 14:05:09'."""
    return value.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class LoginFilter:
    """The log-in log's period and address."""

    email: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> LoginFilter:
        """Build from the query string, ignoring anything malformed."""
        return cls(
            email=args.get("email", "").strip()[:254],
            date_from=_day(args.get("from")),
            date_to=_day(args.get("to")),
        )

    def query_args(self) -> dict[str, Any]:
        """The filter as URL arguments, for pagination links."""
        args = {
            "email": self.email,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return {key: value for key, value in args.items() if value}


def logins(filters: LoginFilter, page: int = 1) -> Pagination:
    """Log-in tries, newest first: the log-in log, kept apart from the audit trail."""
    query = select(LoginAttempt).order_by(LoginAttempt.id.desc())
    if filters.email:
        query = query.where(func.lower(LoginAttempt.email) == filters.email.lower())
    query = _in_period(query, LoginAttempt.at, filters.date_from, filters.date_to)
    return db.paginate(query, page=max(page, 1), per_page=PAGE_SIZE, error_out=False)
