"""The grants blueprint (endpoints ``grants.*``, under /grants)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("grants", __name__, url_prefix="/grants")
