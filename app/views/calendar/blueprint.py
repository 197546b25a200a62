"""The calendar blueprint (endpoints ``calendar.*``, under /calendar)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("calendar", __name__, url_prefix="/calendar")
