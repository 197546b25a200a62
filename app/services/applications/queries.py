"""Finding applications: the list's filters, search, sorting, paging and counts per status,
and one application with everything its page shows.

The list loads a page with a fixed number of queries whatever its length
(owners joined, the amounts requested summed in SQL for the page), however many
applications there are. Projektägare only ever see their own organisation's. The
application page likewise loads its lists in a fixed number of queries
(``load_for_page``), however many lines the application has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, nulls_last, or_, select
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Application,
    ApplicationParty,
    ApplicationRevision,
    ApplicationStatus,
    CoFinancing,
    Organisation,
    Role,
    StaffLine,
    StatusChange,
    User,
    db,
)

#: Sort keys of the list → columns (ascending); "-key" sorts descending.
SORTS: dict[str, Any] = {
    "number": (Application.registry_year, Application.registry_seq),
    "title": (func.lower(Application.title),),
    "owner": (func.lower(Organisation.name),),
    "status": (Application.status,),
    "submitted": (Application.submitted_at,),
    "start": (Application.period_start,),
    "updated": (Application.updated_at,),
    "created": (Application.created_at,),
}
DEFAULT_SORT = "-created"
PER_PAGE = 25


@dataclass
class Filters:
    """What the list is narrowed to; empty values mean "all"."""

    status: str = ""
    year: int | None = None
    organisation_id: int | None = None
    insats_type: str = ""
    q: str = ""
    sort: str = DEFAULT_SORT


def visible(user: User) -> Select[tuple[Application]]:
    """Applications the user may see."""
    query = select(Application)
    if user.role == Role.PROJEKTAGARE:
        query = query.where(Application.owner_id == user.organisation_id)
    return query


def _filtered(user: User, filters: Filters, with_status: bool = True) -> Select[Any]:
    query = visible(user)
    if with_status and filters.status:
        query = query.where(Application.status == filters.status)
    if filters.year:
        query = query.where(
            Application.period_start <= date(filters.year, 12, 31),
            Application.period_end >= date(filters.year, 1, 1),
        )
    if filters.organisation_id:
        query = query.where(Application.owner_id == filters.organisation_id)
    if filters.insats_type:
        query = query.where(Application.insats_type == filters.insats_type)
    if filters.q:
        query = query.where(
            or_(
                Application.title.icontains(filters.q, autoescape=True),
                Application.registry_number.icontains(filters.q, autoescape=True),
            )
        )
    return query


def search(user: User, filters: Filters, page: int = 1, per_page: int = PER_PAGE) -> Pagination:
    """One page of applications with their owners (the list view asks
    ``budget.requested_totals`` for the page's amounts)."""
    key = filters.sort.lstrip("-")
    columns = SORTS.get(key, SORTS["created"])
    descending = filters.sort.startswith("-")
    order = [_ordered(c, descending) for c in columns]
    query = _filtered(user, filters).options(
        joinedload(Application.owner).joinedload(Organisation.parent)
    )
    if key == "owner":  # the owner's name to sort by; the other sorts need no join
        query = query.join(Application.owner)
    query = query.order_by(*order, Application.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)


def _ordered(column: Any, descending: bool) -> Any:
    """``column`` in the list's order, empty values last.

    NULLS LAST only where a column may hold NULL: on a NOT NULL column it changes
    nothing but keeps PostgreSQL from reading the rows in an index's order (its
    descending order puts NULLs first), so the list would sort every application.
    """
    order = column.desc() if descending else column.asc()
    return nulls_last(order) if getattr(column, "nullable", True) else order


def status_counts(user: User, filters: Filters) -> dict[str, int]:
    """How many applications per status under the other filters (one query)."""
    # count(*) rather than count(id): the status index alone answers it.
    query = (
        _filtered(user, filters, with_status=False)
        .with_only_columns(Application.status, func.count())
        .group_by(Application.status)
    )
    counts = {status: count for status, count in db.session.execute(query).all()}
    return {status: counts.get(status, 0) for status in ApplicationStatus if counts.get(status)}


def years_in_use() -> list[int]:
    """Years that some application's period touches, newest first, for the year filter."""
    # Two scalar subqueries, so that each reads one end of its index.
    first, last = db.session.execute(
        select(
            select(func.min(Application.period_start)).scalar_subquery(),
            select(func.max(Application.period_end)).scalar_subquery(),
        )
    ).one()
    if first is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def owners_in_use(user: User) -> list[Organisation]:
    """Organisations that own some visible application, for the organisation filter."""
    query = (
        select(Organisation)
        .where(Organisation.id.in_(visible(user).with_only_columns(Application.owner_id)))
        .order_by(Organisation.name)
    )
    return list(db.session.scalars(query))


def possible_parents(user: User, exclude_id: int | None = None) -> list[Application]:
    """Submitted applications (the user's own, for projektägare) that a follow-on can extend."""
    query = (
        visible(user)
        .where(Application.registry_number.is_not(None))
        .order_by(Application.registry_year.desc(), Application.registry_seq.desc())
    )
    if exclude_id is not None:
        query = query.where(Application.id != exclude_id)
    return list(db.session.scalars(query))


def load_for_page(application_id: int) -> Application | None:
    """The application with everything its page and print view show, or None if there is none.

    Each list comes in one query (``selectinload``), with the organisations it
    names (units with their kommun) and the users in its timeline joined in, so the
    number of queries does not grow with the number of lines. Of the versions only
    the numbers are read: the page shows how many there are, not their snapshots.
    Attachments come without their file bytes (``Attachment.content`` is deferred).
    """
    query = (
        select(Application)
        .where(Application.id == application_id)
        .options(
            joinedload(Application.owner).joinedload(Organisation.parent),
            joinedload(Application.parent),
            selectinload(Application.parties)
            .joinedload(ApplicationParty.organisation)
            .joinedload(Organisation.parent),
            selectinload(Application.participants),
            selectinload(Application.proposed_amounts),
            selectinload(Application.budget_lines),
            selectinload(Application.staff_lines)
            .joinedload(StaffLine.employer)
            .joinedload(Organisation.parent),
            selectinload(Application.co_financing)
            .joinedload(CoFinancing.organisation)
            .joinedload(Organisation.parent),
            selectinload(Application.attachments),
            selectinload(Application.status_changes).joinedload(StatusChange.user),
            selectinload(Application.revisions).load_only(ApplicationRevision.number),
        )
    )
    return db.session.scalars(query).unique().one_or_none()
