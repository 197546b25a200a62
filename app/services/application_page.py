"""What an application's page and print view show, read as plain rows.

A board member preparing a meeting opens one application after another, each for
the first time: no page cache helps there, so the page must be cheap to build.
Loading its eight lists as records cost 2.5 ms of an 8 ms page (statement
building, the ORM's loading, a record per line, then a lookup per row for each
organisation named). Here the eight lists are plain rows
(``models.loading.lists_of``: one statement on PostgreSQL, one per list on SQLite),
organisations and users are named from per-version dictionaries
(app/services/names.py), and the application itself is one row, read with its
parent's number and title and its version count in the same statement (the record,
its parent and the count were three statements and an ORM load).

``ApplicationPage`` is read-only: it answers the lists, the parent and the version
count, and the application's columns as attributes, so templates, the budget
functions (app/services/application_budget.py) and the workflow's read rules
(app/services/application_rules.py), which only read columns and lines, take it
where they took the record. Changes always load the record.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import aliased

from models import Application, ApplicationRevision, db
from models.loading import lists_of, record_columns

#: The lists the page shows (the version history shows only a count).
LISTS = (
    "budget_lines",
    "staff_lines",
    "co_financing",
    "proposed_amounts",
    "parties",
    "participants",
    "attachments",
    "status_changes",
)

_PARENT = aliased(Application, name="parent")
_APPLICATION = (
    select(
        *record_columns(Application),
        _PARENT.registry_number.label("parent__registry_number"),
        _PARENT.title.label("parent__title"),
        select(func.count(ApplicationRevision.id))
        .where(ApplicationRevision.application_id == Application.id)
        .scalar_subquery()
        .label("revision__count"),
    )
    .outerjoin(_PARENT, _PARENT.id == Application.parent_id)
    .where(Application.id == bindparam("application_id"))
)


class Parent(NamedTuple):
    """The application a follow-on refers to, as its page names it."""

    id: int
    registry_number: str | None
    title: str


class ApplicationPage:
    """The application with its lists as rows, for showing (never for changing)."""

    def __init__(self, application: Row[Any], lists: dict[str, list[tuple[Any, ...]]]) -> None:
        # the row's columns become plain attributes: templates read ~80 per page
        self.__dict__.update(application._asdict())
        self.revision_count: int = application.revision__count
        self.parent = (
            Parent(
                application.parent_id,
                application.parent__registry_number,
                application.parent__title,
            )
            if application.parent_id is not None
            else None
        )
        for name in LISTS:
            setattr(self, name, lists[name])

    def __getitem__(self, name: str) -> Any:
        """``application[key]`` in templates, as for the record."""
        try:
            return getattr(self, name)
        except AttributeError as missing:
            raise KeyError(name) from missing


def read(application_id: int) -> ApplicationPage | None:
    """The page's data, or None if there is no such application: the application's
    row (with its parent and version count), then the lists (``lists_of``)."""
    connection = db.session.connection()
    application = connection.execute(_APPLICATION, {"application_id": application_id}).first()
    if application is None:
        return None
    lists = lists_of(db.session, Application, LISTS, application_id)
    return ApplicationPage(application, lists)
