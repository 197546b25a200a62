"""One page build reads each record and each sum once, however often its parts ask.

A page is put together from services that each ask the database what they need:
the protocol asks for the board's seats once for the quorum line and again for
the voters, the follow-up asks for the year's contributions for the budget and
again for the outcome, and a party's name is looked up by every row that shows
it. Each of those asks costs a statement and SQLAlchemy's loading (0.15–0.3 ms),
which made up most of a record page's build on the large data set.

Inside ``building()`` (a GET that builds a page, see app/page_cache.py):

- every record loaded stays referenced until the build ends. SQLAlchemy's
  identity map holds records weakly, so a party loaded for one table was gone by
  the next, and reading ``line.organisation`` went to the database again; kept,
  such a many-to-one read and ``session.get`` are answered from memory.
- functions marked ``@remembered`` return what they returned for the same
  arguments earlier in the build.

Both only hold while the request writes nothing, which is why only GET page
builds use them; outside a build, ``@remembered`` functions just run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from flask import g, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

F = TypeVar("F", bound=Callable[..., Any])

_KEPT = "_samordna_kept"
_MEMO = "_samordna_memo"


@contextmanager
def building() -> Iterator[None]:
    """Keep loaded records and remembered results until the block ends."""
    if g.get(_MEMO) is not None:  # nested: the outer build owns them
        yield
        return
    g.setdefault(_KEPT, [])
    setattr(g, _MEMO, {})
    try:
        yield
    finally:
        g.pop(_KEPT, None)
        g.pop(_MEMO, None)


def remembered(func: F) -> F:
    """Within a page build, answer repeated calls with the same (hashable) arguments once."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        memo = g.get(_MEMO) if has_app_context() else None
        if memo is None:
            return func(*args, **kwargs)
        key = (func, args, tuple(sorted(kwargs.items())))
        if key not in memo:
            memo[key] = func(*args, **kwargs)
        return memo[key]

    return wrapper  # type: ignore[return-value]


def keep_loaded_records(session_class: type[Session] | Any) -> None:
    """Hold every record a page build loads (registered once on the app's session)."""
    if not event.contains(session_class, "loaded_as_persistent", _keep):
        event.listen(session_class, "loaded_as_persistent", _keep)


def _keep(_session: Session, instance: object) -> None:
    if has_app_context():
        kept = g.get(_KEPT)
        if kept is not None:
            kept.append(instance)
