"""Bounds on what a URL may carry, checked before any view or query runs.

Ids and numbers in paths and query strings end up as SQL parameters. Values the
database cannot hold (PostgreSQL's ``integer`` stops at 2^31 - 1, SQLite's at
2^63 - 1) or cannot take at all (NUL bytes in PostgreSQL text) would otherwise
fail inside the database and answer 500. Here a path id out of range matches no
route (404), and a query string with a control character or an out-of-range
number is refused with 400 and a message saying why.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter, Map

#: The largest id, year, page or organisation number a URL may carry (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1
#: Query keys read as integers by some view.
INTEGER_KEYS = frozenset({"page", "year", "org", "organisation", "user"})
_INTEGER = re.compile(r"[+-]?\d+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BoundedInteger(IntegerConverter):
    """``<int:...>`` that matches only ids the database can hold (others are 404)."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, MAX_ID if max is None else max, signed)


def query_problem(args: Any) -> bool:
    """True when the query string holds a control character or an out-of-range number."""
    for key, value in args.items(multi=True):
        if _CONTROL.search(key) or _CONTROL.search(value):
            return True
        number = value.strip()
        if key in INTEGER_KEYS and _INTEGER.fullmatch(number) and abs(int(number)) > MAX_ID:
            return True
    return False


def refuse_bad_query() -> tuple[str, int] | None:
    """Answer 400 with a message when the query string cannot be used."""
    if not request.args or not query_problem(request.args):
        return None
    page = render_template(
        "errors/error.html",
        status=400,
        title=_("Invalid value in the address"),
        message=_(
            "The address holds a character that is not allowed or a number that is too "
            "large. Go back and use the page's own links and filters."
        ),
    )
    return page, 400


def register_converters(app: Flask) -> None:
    """Make every ``<int:...>`` bounded; call before the blueprints are registered."""
    app.url_map.converters["int"] = BoundedInteger


def register(app: Flask) -> None:
    """Refuse unusable query strings before any view reads them."""
    app.before_request(refuse_bad_query)
