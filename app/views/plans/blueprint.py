"""The plans blueprint (endpoints ``plans.*``) and the ``measure`` filter its templates use."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from ...formatting import number

bp = Blueprint("plans", __name__, url_prefix="/plans")


@bp.app_template_filter("measure")
def measure(value: Any) -> str:
    """An indicator value the Swedish way without needless decimals: '91,5', '1 200'."""
    if value is None:
        return ""
    text = number(value, 2)
    return text[:-3] if text.endswith(",00") else text.removesuffix("0")
