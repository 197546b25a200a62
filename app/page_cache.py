"""Costly pages served again, as they were built, while nothing has been written since.

The dashboard, the registers and the plan sum tens of thousands of rows and
render hundreds of figures: 15–40 ms a request on the large data set, where the
layout alone is 2 ms. ``@cached_page`` keeps the body a GET built and serves it
again while the key is the same. The key holds the data version
(models/data_version.py: every committed write, in any process, moves it), the
user, the user's role and language, the URL with its query, and today's date
(due reports, "today" in the plan). A write therefore makes every cached page
stale at once; no page can show figures older than the last commit.

Not kept: anything but a 200, a page built while flash messages were waiting
(the layout shows them once) or while the request's own transaction holds
unsaved writes. The form token (CSRF) of the request that built the page is
replaced by the current request's own on every serve.

The store is Flask-Caching, in each process's memory by default (``CACHE_TYPE``
SimpleCache, ``CACHE_THRESHOLD`` pages); ``PAGE_CACHE = False`` turns it off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, Response, current_app, make_response, request, session
from flask_babel import get_locale
from flask_caching import Cache
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from models import data_version, db

from . import versioned
from .page_build import building, keep_loaded_records
from .services.meetings import today as stockholm_today

F = TypeVar("F", bound=Callable[..., Any])

cache = Cache()

#: Stands in the stored body where the building request's form token was.
TOKEN_MARK = b"\x1e samordna-csrf \x1e"


def register(app: Flask) -> None:
    """Bind the store; every write on the app's engine moves the data version."""
    app.config.setdefault("PAGE_CACHE", True)
    app.config.setdefault("CACHE_TYPE", "SimpleCache")
    app.config.setdefault("CACHE_THRESHOLD", 300)
    app.config.setdefault("CACHE_DEFAULT_TIMEOUT", 3600)
    cache.init_app(app)
    keep_loaded_records(db.session)
    versioned.register()
    with app.app_context():
        data_version.track(db.engine)


def cached_page(view: F) -> F:
    """Serve the view's page from the cache while its key (see module docstring) holds."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = page_key()
        if key is None:
            return _build(view, *args, **kwargs)
        stored = cache.get(key)
        if stored is not None:
            body, mimetype = stored
            return Response(body.replace(TOKEN_MARK, generate_csrf().encode()), mimetype=mimetype)
        token = generate_csrf().encode()
        response = make_response(_build(view, *args, **kwargs))
        if _keepable(response):
            cache.set(key, (response.get_data().replace(token, TOKEN_MARK), response.mimetype))
        return response

    return wrapper  # type: ignore[return-value]


def _build(view: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The view's response; a GET reads each record and remembered sum once (app/page_build.py)."""
    if request.method != "GET":
        return view(*args, **kwargs)
    with building():
        return view(*args, **kwargs)


def page_key() -> str | None:
    """The cache key of this request's page, or None when it must be built afresh."""
    if (
        request.method != "GET"
        or not current_app.config["PAGE_CACHE"]
        or not current_user.is_authenticated
        or session.get("_flashes")
        or data_version.has_pending_writes(db.session())
    ):
        return None
    version = versioned.current_version()
    if version is None:
        return None
    parts = (
        version,
        str(current_user.id),
        current_user.role,
        str(get_locale() or "sv"),
        date.today().isoformat(),
        stockholm_today().isoformat(),
        request.host,
        request.script_root,
        request.full_path,
    )
    return "page|" + "|".join(parts)


def _keepable(response: Response) -> bool:
    return (
        response.status_code == 200
        and not response.direct_passthrough
        and not session.get("_flashes")
        and not data_version.has_pending_writes(db.session())
    )
