"""The meetings blueprint (endpoints ``meetings.*``) and the labels its templates use."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from forms.meetings import REPORT_KIND_LABELS

from ...services.meetings import agenda, decisions

bp = Blueprint("meetings", __name__, url_prefix="/meetings")

_LABELS = {
    "kind_labels": agenda.KIND_LABELS,
    "outcome_labels": decisions.OUTCOME_LABELS,
    "report_kinds": REPORT_KIND_LABELS,
    "paragraph_label": agenda.paragraph_label,
}


@bp.context_processor
def labels() -> dict[str, Any]:
    """Names of item kinds, outcomes and report kinds, and the § citation, for templates."""
    return _LABELS
