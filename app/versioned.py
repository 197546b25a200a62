"""Small read-mostly data kept in each process until the next committed write.

Every page shows the förbund's name and names organisations (owner, employer,
financier, party) and users (who moved an application on). Reading them costs a
statement and its loading on every request, 0.2–0.7 ms of a page that must be
built in a few. ``@per_data_version`` keeps such a function's result in the
process under the data version (models/data_version.py: every committed write,
in any process, moves it), which is read once per request and is also the page
cache's key (app/page_cache.py). A request therefore never sees these figures
older than the last commit it could see.

Only plain, immutable values may be kept (strings, Decimals, tuples, read-only
mappings): never records, which belong to one request's session. A function may
take hashable arguments (a year, a date): a year's contributions, grants and
payments to a date are the same for the three follow-ups of that year and for
its plan, so each process reads them once per version, not once per page.

A request asks the process's copy once and then answers from its own until its
session flushes or commits (a page asks for a label per row); while the session
holds unflushed, or flushed but uncommitted, writes, or outside a request, the
function simply runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, has_app_context
from sqlalchemy import event

from models import data_version, db

T = TypeVar("T")

_VERSION = "_samordna_data_version"
#: This request's answers (a page asks for a label per row): forgotten on flush and commit.
_ANSWERED = "_samordna_versioned"
_UNREAD = object()
#: Distinct arguments kept per function and version (years, periods: a few dozen).
_HELD_PER_FUNCTION = 4096


def current_version() -> str | None:
    """The data version this request reads at ('epoch:version'), asked once per request.

    A commit in the request forgets it (``register``), so what is read after a write
    is keyed on the new version.
    """
    if not has_app_context():
        return None
    version = g.get(_VERSION, _UNREAD)
    if version is _UNREAD:
        version = data_version.current(db.session())
        setattr(g, _VERSION, version)
    return version  # type: ignore[return-value]


def per_data_version(func: Callable[..., T]) -> Callable[..., T]:
    """Keep ``func(*args)``'s result in this process while the data version stays the same.

    The arguments must be hashable (a year, a date, an id); each distinct call is kept
    until the version moves, at most ``_HELD_PER_FUNCTION`` of them.
    """
    held: tuple[str, dict[tuple[Any, ...], T]] | None = None

    @wraps(func)
    def wrapper(*args: Any) -> T:
        nonlocal held
        if not has_app_context():
            return func(*args)
        key = (func, args)
        answered = g.get(_ANSWERED)
        if answered is not None and key in answered:
            return answered[key]  # type: ignore[no-any-return]
        if data_version.has_pending_writes(db.session()):
            return func(*args)
        version = current_version()
        if version is None:
            return func(*args)
        kept = held  # one read: another thread may replace it meanwhile
        if kept is None or kept[0] != version:
            kept = held = (version, {})
        values = kept[1]
        if args in values:
            value = values[args]
        else:
            value = func(*args)
            if len(values) < _HELD_PER_FUNCTION:
                values[args] = value
        g.setdefault(_ANSWERED, {})[key] = value
        return value

    return wrapper


def _forget_version(*_args: Any) -> None:
    if has_app_context():
        g.pop(_VERSION, None)
        g.pop(_ANSWERED, None)


def _forget_answers(*_args: Any) -> None:
    if has_app_context():
        g.pop(_ANSWERED, None)


def register() -> None:
    """Forget the request's version when its session commits, and its answers when it
    writes (idempotent)."""
    if not event.contains(db.session, "after_commit", _forget_version):
        event.listen(db.session, "after_commit", _forget_version)
        event.listen(db.session, "after_flush", _forget_answers)
