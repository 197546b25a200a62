"""Pages of a list or of a query, for the shared ``pager`` macro.

:class:`ListPage` has the attributes the macro reads from Flask-SQLAlchemy's
``Pagination``, so both page the same way. ``page_of_query`` loads only the page's
rows (the grant register: its totals come from SQL, its figures only for the page);
``page_of`` slices a list that is computed whole anyway. Unlike ``db.paginate``,
a page out of range shows the nearest page instead of an empty one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from models import db

T = TypeVar("T")
PER_PAGE = 50


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of ``total`` rows."""

    items: Sequence[T]
    page: int
    pages: int
    total: int
    first: int  # 1-based number of the first row shown (0 when there are none)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0


def _window(total: int, page: int | None, per_page: int) -> tuple[int, int, int]:
    """(page number, pages, index of the first row) with the page clamped into range."""
    pages = max(1, math.ceil(total / per_page))
    number = min(max(page or 1, 1), pages)
    return number, pages, (number - 1) * per_page


def page_of_query(
    query: Select[Any], page: int | None, per_page: int | None = None
) -> ListPage[Any]:
    """The ``page``-th page of an ordered ``SELECT`` of one entity: a count and one page."""
    per_page = per_page or PER_PAGE
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    number, pages, start = _window(total or 0, page, per_page)
    items = db.session.scalars(query.limit(per_page).offset(start)).all()
    return ListPage(items, number, pages, total or 0, start + 1 if items else 0)


def page_of(rows: Sequence[T], page: int | None, per_page: int | None = None) -> ListPage[T]:
    """The ``page``-th slice of ``rows``; a page out of range shows the nearest one."""
    per_page = per_page or PER_PAGE
    number, pages, start = _window(len(rows), page, per_page)
    items = rows[start : start + per_page]
    return ListPage(items, number, pages, len(rows), start + 1 if items else 0)
