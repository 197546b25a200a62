"""The main blueprint (endpoints ``main.*``): pages outside any area, at the site's root."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("main", __name__)
