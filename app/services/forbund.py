"""The förbund this database belongs to: its one row, named on pages, protocols and exports."""

from __future__ import annotations

from models import Forbund, db


def current_forbund() -> Forbund | None:
    """The förbund's row, or None before it has been set up."""
    return db.session.get(Forbund, 1)


def forbund_name() -> str:
    """The förbund's name ('' before it has been set up), for headers and title pages."""
    forbund = current_forbund()
    return forbund.name if forbund is not None else ""
