"""How a value in the audit trail reads: the words, amounts and names the app uses.

The trail stores values as the database holds them: codes ('in_kind'), amounts
as text ('15000.00'), booleans and the ids of other rows. A revisor reads them
as the rest of the app shows them, so each (table, column) has one formatter,
chosen from data rather than code:

* a code column reads through the label map next to its enum in ``models``
  (``CODES``);
* a ``Money`` column reads as kronor, a ``Percent`` column as percent, a
  Boolean as Ja/Nej and a time as Stockholm time (the column's type);
* a foreign key reads as the name of the row it points to (``NAMES``), looked up
  with one query per referenced table for a whole page (:func:`references`);
  a row since deleted reads '#6 (borttagen)'.

The page, the workbook and the per-object history (the page filtered to one
object) all read values through :func:`shown`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Boolean, Column, select
from sqlalchemy.orm import joinedload

from models import AuditEntry, Base, db
from models.application_terms import CATEGORY_LABELS as APPLICATION_CATEGORY_LABELS
from models.application_terms import CO_KIND_LABELS, INSATS_LABELS
from models.application_terms import KIND_LABELS as APPLICATION_KIND_LABELS
from models.application_terms import STATUS_LABELS as APPLICATION_STATUS_LABELS
from models.base import Money, Percent, UTCDateTime
from models.board import POSITION_LABELS
from models.board import ROLE_LABELS as BOARD_ROLE_LABELS
from models.grant import CATEGORY_LABELS as COST_CATEGORY_LABELS
from models.grant import CHANGE_KIND_LABELS, INSATS_TYPE_LABELS
from models.grant import STATUS_LABELS as GRANT_STATUS_LABELS
from models.grant_followup import REPORT_KIND_SHORT_LABELS
from models.meeting_terms import (
    ATTENDANCE_LABELS,
    OUTCOME_LABELS,
    PARAGRAPH_KIND_LABELS,
    STANDARD_LABELS,
)
from models.meeting_terms import KIND_LABELS as MEETING_KIND_LABELS
from models.meeting_votes import VOTE_LABELS
from models.organisation import KIND_LABELS as ORGANISATION_KIND_LABELS
from models.organisation import Organisation
from models.plan import CATEGORY_LABELS as PLAN_CATEGORY_LABELS
from models.plan import INSATS_KIND_LABELS, PERIOD_LABELS
from models.plan import STATUS_LABELS as FOLLOW_UP_STATUS_LABELS
from models.protocol_file import KIND_LABELS as PROTOCOL_FILE_KIND_LABELS
from models.user import LOCALE_LABELS
from models.user import ROLE_LABELS as USER_ROLE_LABELS

from ...clock import STOCKHOLM
from ...formatting import number, percent, sek
from ..money.po_rates import EMPLOYER_LABELS, SOURCES
from .audit_labels import OBJECTS

#: (table, column) → the labels of its codes, the same the pages show.
CODES: dict[tuple[str, str], Mapping[str, Any]] = {
    ("application", "status"): APPLICATION_STATUS_LABELS,
    ("application", "kind"): APPLICATION_KIND_LABELS,
    ("application", "insats_type"): INSATS_LABELS,
    ("attendance", "status"): ATTENDANCE_LABELS,
    ("board_member", "role"): BOARD_ROLE_LABELS,
    ("board_member", "position"): POSITION_LABELS,
    ("budget_line", "category"): APPLICATION_CATEGORY_LABELS,
    ("co_financing", "kind"): CO_KIND_LABELS,
    ("decision", "outcome"): OUTCOME_LABELS,
    ("decision_vote", "vote"): VOTE_LABELS,
    ("follow_up_period", "kind"): PERIOD_LABELS,
    ("funding_grant", "status"): GRANT_STATUS_LABELS,
    ("funding_grant", "insats_type"): INSATS_TYPE_LABELS,
    ("grant_budget", "category"): COST_CATEGORY_LABELS,
    ("grant_change", "kind"): CHANGE_KIND_LABELS,
    ("indicator_follow_up", "status"): FOLLOW_UP_STATUS_LABELS,
    ("meeting", "kind"): MEETING_KIND_LABELS,
    ("organisation", "kind"): ORGANISATION_KIND_LABELS,
    ("outcome", "category"): COST_CATEGORY_LABELS,
    ("paragraph", "kind"): PARAGRAPH_KIND_LABELS,
    ("paragraph", "standard"): STANDARD_LABELS,
    ("plan_budget_line", "category"): PLAN_CATEGORY_LABELS,
    ("plan_insats", "kind"): INSATS_KIND_LABELS,
    ("po_rate", "employer"): EMPLOYER_LABELS,
    ("po_rate", "source"): SOURCES,
    ("project_report", "kind"): REPORT_KIND_SHORT_LABELS,
    ("protocol_file", "kind"): PROTOCOL_FILE_KIND_LABELS,
    ("status_change", "from_status"): APPLICATION_STATUS_LABELS,
    ("status_change", "to_status"): APPLICATION_STATUS_LABELS,
    ("user_account", "locale"): LOCALE_LABELS,
    ("user_account", "role"): USER_ROLE_LABELS,
}

#: Referenced table → how one of its rows is named. Tables not named here read as
#: their object name and id ('Beslut 12').
NAMES: dict[str, Callable[[Any], str]] = {
    "application": lambda a: f"{a.registry_number} {a.title}" if a.registry_number else a.title,
    "board_member": attrgetter("name"),
    "contribution_year": lambda y: str(y.year),
    "cost_split": attrgetter("name"),
    "funding_grant": attrgetter("name"),
    "indicator": attrgetter("name"),
    "meeting": lambda m: _("Meeting %(label)s", label=m.label),
    "organisation": attrgetter("label"),
    "plan": attrgetter("title"),
    "plan_budget_line": attrgetter("name"),
    "plan_goal": attrgetter("title"),
    "user_account": attrgetter("name"),
}
#: What naming a row reads besides the row itself, loaded in the same query.
NAME_LOADS: dict[str, Callable[[], list[Any]]] = {
    "organisation": lambda: [joinedload(Organisation.parent)],
}

Names = Mapping[tuple[str, int], str]
Formatter = Callable[[Any, str | None, Names], str]


def _yes_no(value: Any, target: str | None, names: Names) -> str:
    if isinstance(value, str):  # an old row may keep "false" or "0" as text
        value = value.strip().lower() not in ("", "0", "false", "f", "no", "nej")
    return _("Yes") if value else _("No")


def _kronor(value: Any, target: str | None, names: Names) -> str:
    try:
        return sek(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _percent(value: Any, target: str | None, names: Names) -> str:
    try:
        return percent(Decimal(str(value)), digits=2)
    except InvalidOperation:
        return str(value)


def _number(value: Any, target: str | None, names: Names) -> str:
    try:
        text = number(Decimal(str(value)), digits=2)
    except InvalidOperation:
        return str(value)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _time(value: Any, target: str | None, names: Names) -> str:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:  # stored times are UTC; an old naive one is too
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S")


def _reference(value: Any, target: str | None, names: Names) -> str:
    key = (target or "", _id(value))
    if key in names:
        return names[key]
    return _("#%(id)s (deleted)", id=value)


def _plain(value: Any, target: str | None, names: Names) -> str:
    return str(value)


#: Columns stored as ``Percent`` (two exact decimals) that are not percentages: an
#: indicator's values are in its own unit, hours per week are hours.
PLAIN_NUMBERS: dict[tuple[str, str], Formatter] = {
    ("indicator", "baseline"): _number,
    ("indicator", "target"): _number,
    ("indicator_follow_up", "actual"): _number,
    ("staff_line", "hours_per_week"): _number,
}

#: Column type → formatter; the first type the column's type is an instance of wins.
BY_TYPE: list[tuple[type, Formatter]] = [
    (Percent, _percent),  # before Money: Percent is a Money
    (Money, _kronor),
    (Boolean, _yes_no),
    (UTCDateTime, _time),
]


def _id(value: Any) -> int:
    return int(value) if isinstance(value, int) or str(value).isdigit() else -1


def _models() -> dict[str, Any]:
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


def _column(table: str, column: str) -> Column[Any] | None:
    found = Base.metadata.tables.get(table)
    return found.c.get(column) if found is not None else None


def target(table: str, column: str) -> str | None:
    """The table a foreign-key column points to, or None."""
    found = _column(table, column)
    if found is None or not found.foreign_keys:
        return None
    return next(iter(found.foreign_keys)).column.table.name


def formatter(table: str, column: str) -> Formatter:
    """The one formatter of a column's values: its codes, its type or its reference."""
    model = _models().get(table)
    if column in getattr(model, "audit_exclude", frozenset()):
        return _plain  # kept out of the trail: '***'
    if (table, column) in CODES:
        labels = CODES[table, column]
        return lambda value, _target, _names: str(labels.get(value, value))
    if target(table, column):
        return _reference
    if (table, column) in PLAIN_NUMBERS:
        return PLAIN_NUMBERS[table, column]
    found = _column(table, column)
    kind = found.type if found is not None else None
    return next((fmt for type_, fmt in BY_TYPE if isinstance(kind, type_)), _plain)


def shown(table: str, column: str, value: Any, names: Names | None = None) -> str | None:
    """A stored value as the revisor reads it; None stays None (shown as '–')."""
    if value is None:
        return None
    try:
        return formatter(table, column)(value, target(table, column), names or {})
    except (TypeError, ValueError):  # a value of an unexpected shape is shown as stored
        return str(value)


def references(entries: Iterable[AuditEntry]) -> dict[tuple[str, int], str]:
    """(table, id) → name of every row the entries refer to, one query per table."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        for column, change in (entry.changes or {}).items():
            pointed = target(entry.table_name, column)
            if pointed and isinstance(change, list):
                wanted[pointed].update(_id(v) for v in change if v is not None and _id(v) >= 0)
    names: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        model = _models().get(table)
        if model is None:
            continue
        name = NAMES.get(table)
        if name is None:
            found = db.session.scalars(select(model.id).where(model.id.in_(ids)))
            label = str(OBJECTS.get(table, table))
            names.update({(table, i): f"{label} {i}" for i in found})
            continue
        query = select(model).where(model.id.in_(ids)).options(*NAME_LOADS.get(table, list)())
        names.update({(table, row.id): name(row) for row in db.session.scalars(query).unique()})
    return names
