"""The applications blueprint (endpoints ``applications.*``, under /applications).

Registering it also gives every template the application filters and labels
(the meetings' agenda shows application statuses too).
"""

from __future__ import annotations

from flask import Blueprint

from .common import register_template_helpers

bp = Blueprint("applications", __name__, url_prefix="/applications")
bp.record_once(lambda state: register_template_helpers(state.app))
