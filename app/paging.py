"""Pages of a list that was computed in full, for the shared ``pager`` macro.

Some lists are computed whole because their totals need every row (the grant
register sums every matching grant), yet a page need only render a slice:
rendering is what grows with the rows. :class:`ListPage` has the attributes the
macro reads from Flask-SQLAlchemy's ``Pagination``, so both page the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

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


def page_of(rows: Sequence[T], page: int | None, per_page: int | None = None) -> ListPage[T]:
    """The ``page``-th slice of ``rows``; a page out of range shows the nearest one."""
    per_page = per_page or PER_PAGE
    pages = max(1, math.ceil(len(rows) / per_page))
    number = min(max(page or 1, 1), pages)
    start = (number - 1) * per_page
    items = rows[start : start + per_page]
    return ListPage(items, number, pages, len(rows), start + 1 if items else 0)
