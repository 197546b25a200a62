"""What pages read from the query string."""

from __future__ import annotations

from flask import request


def asked_year(name: str = "year") -> int | None:
    """The year asked for in the query string, or None when absent or not a plausible year."""
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and 1990 <= int(value) <= 2100 else None
