"""The auth blueprint (endpoints ``auth.*``, under /auth)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")
