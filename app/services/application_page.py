"""What an application's page and print view show, read as plain rows.

A board member preparing a meeting opens one application after another, each for
the first time: no page cache helps there, so the page must be cheap to build.
Loading its eight lists as records cost 2.5 ms of an 8 ms page (statement
building, the ORM's loading, a record per line, then a lookup per row for each
organisation named). Here each list is one prepared statement returning plain
rows, organisations and users are named from per-version dictionaries
(app/services/names.py), and the application itself stays the record that the
workflow rules read.

``ApplicationPage`` is read-only: it answers the lists, the parent's number and
title and the version count itself, and every other attribute from the record,
so templates and the budget functions (app/services/application_budget.py, which
only read lines) take it where they took the application.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, bindparam, func, select

from models import Application, ApplicationRevision, db
from models.loading import rows_of

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

_PARENT = select(Application.id, Application.registry_number, Application.title).where(
    Application.id == bindparam("parent_id")
)
_REVISIONS = select(func.count(ApplicationRevision.id)).where(
    ApplicationRevision.application_id == bindparam("application_id")
)


class ApplicationPage:
    """The application with its lists as rows, for showing (never for changing)."""

    def __init__(
        self,
        application: Application,
        lists: dict[str, list[Row[Any]]],
        parent: Row[Any] | None,
        revision_count: int,
    ) -> None:
        self.record = application
        self.parent = parent
        self.revision_count = revision_count
        for name in LISTS:
            setattr(self, name, lists[name])

    def __getattr__(self, name: str) -> Any:
        """The application's own fields (title, status, texts, period …)."""
        return getattr(self.record, name)

    def __getitem__(self, name: str) -> Any:
        """``application[key]`` in templates, as for the record."""
        try:
            return getattr(self, name)
        except AttributeError as missing:
            raise KeyError(name) from missing


def load(application: Application) -> ApplicationPage:
    """The page's data: one statement per list, the parent's and the version count."""
    connection = db.session.connection()
    lists = {name: rows_of(db.session, Application, name, application.id) for name in LISTS}
    parent = None
    if application.parent_id is not None:
        parent = connection.execute(_PARENT, {"parent_id": application.parent_id}).first()
    count = connection.execute(_REVISIONS, {"application_id": application.id}).scalar() or 0
    return ApplicationPage(application, lists, parent, count)
