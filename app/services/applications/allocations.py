"""Whose time a staff line claims: the same person's staff lines in other applications.

The 100 % rule (``money.staffing.check_allocation``) is checked against these when a
staff line with a named person is added or edited (``lines.py``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models import Application, ApplicationStatus, StaffLine, db

from ..money.staffing import Allocation

#: Applications whose staff no longer claims anyone's time.
NOT_ALLOCATING = (ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED)


def period_in(application: Application, year: int) -> tuple[date, date]:
    """The part of the year that lies within the application's period."""
    start = max(application.period_start, date(year, 1, 1))
    end = min(application.period_end, date(year, 12, 31))
    return start, end


def _label(application: Application, line: StaffLine) -> str:
    return f"{application.registry_number or application.title}: {line.role}"


def existing_allocations(
    application: Application, person: str, year: int, exclude: StaffLine | None = None
) -> list[Allocation]:
    """The person's other staff lines that year, in applications that still claim time.

    Drafts of other organisations are left out: they are not yet anyone's commitment.
    ``exclude`` is the line being edited: its old share is replaced, not added to.
    """
    key = person.strip().casefold()
    query = (
        select(StaffLine)
        .join(StaffLine.application)
        .where(
            StaffLine.year == year,
            StaffLine.person != "",
            Application.status.not_in(NOT_ALLOCATING),
        )
        .options(joinedload(StaffLine.application))
    )
    if exclude is not None and exclude.id is not None:
        query = query.where(StaffLine.id != exclude.id)
    rows = db.session.scalars(query).all()
    allocations = []
    for line in rows:
        other = line.application
        if line.person.strip().casefold() != key:
            continue
        if other.status == ApplicationStatus.DRAFT and other.owner_id != application.owner_id:
            continue
        start, end = period_in(other, year)
        if start <= end:
            allocations.append(
                Allocation(line.person, line.percent, start, end, _label(other, line))
            )
    return allocations
