"""The meetings blueprint (endpoints ``meetings.*``) and the labels its templates use."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from models.grant_followup import REPORT_KIND_SHORT_LABELS
from models.meeting_terms import OUTCOME_LABELS, PARAGRAPH_KIND_LABELS

from ...services.meetings.agenda import paragraph_label
from ...services.meetings.anslag import appeal_ends

bp = Blueprint("meetings", __name__, url_prefix="/meetings")

_LABELS = {
    "kind_labels": PARAGRAPH_KIND_LABELS,
    "outcome_labels": OUTCOME_LABELS,
    "report_kinds": REPORT_KIND_SHORT_LABELS,
    "paragraph_label": paragraph_label,
    "appeal_ends": appeal_ends,
}


@bp.context_processor
def labels() -> dict[str, Any]:
    """Item kinds, outcomes and report kinds, the § citation and appeal end, for templates."""
    return _LABELS
