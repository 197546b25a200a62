"""The words of an application: its statuses, kinds, insats types and budget
categories with their Swedish names, and the fields of the form.

The tables that use them are in ``models/application.py``; every page, form and
export names a status or a category through the ``*_LABELS`` here, so they are
named the same way everywhere.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


def in_values(column: str, values: type[StrEnum]) -> str:
    """A CHECK constraint's text: ``column`` holds one of the enum's values."""
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class ApplicationStatus(StrEnum):
    """Where an application is in its life."""

    DRAFT = "draft"
    SUBMITTED = "submitted"  # inkommen
    IN_PREPARATION = "in_preparation"  # under beredning
    SUPPLEMENT_REQUESTED = "supplement_requested"  # komplettering begärd
    PROPOSED = "proposed"  # föreslagen, on the board's table
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REJECTED = "rejected"
    REFERRED_BACK = "referred_back"  # återremitterad
    POSTPONED = "postponed"  # bordlagd
    WITHDRAWN = "withdrawn"  # återtagen
    IN_PROGRESS = "in_progress"  # pågående (grants)
    CLOSED = "closed"  # avslutad (grants)


class ApplicationKind(StrEnum):
    """A new insats, or an extension (förlängning) or supplement (tillägg) of an earlier one."""

    NEW = "new"
    EXTENSION = "extension"
    SUPPLEMENT = "supplement"


class InsatsType(StrEnum):
    """The phase or kind of insats applied for."""

    PRESTUDY = "prestudy"  # förstudie
    PROJECT = "project"
    INDIVIDUAL = "individual"  # individinriktad insats
    STRUCTURAL = "structural"  # strukturinriktad insats
    IMPLEMENTATION = "implementation"  # implementering / ordinarie verksamhet


#: The long texts of the form, in the order of the Word form.
TEXT_FIELDS: tuple[str, ...] = (
    "background",
    "purpose",
    "goals",
    "target_group",
    "activities",
    "time_plan",
    "organisation_text",
    "cooperation",
    "follow_up",
    "continuation",
    "risks",
    "results_so_far",
    "reasons",
)

#: The applicant's scalar content (owner and parent are kept by name in revisions).
CONTENT_FIELDS: tuple[str, ...] = (
    "title",
    "kind",
    "insats_type",
    "contact_name",
    "contact_email",
    "contact_phone",
    "period_start",
    "period_end",
    *TEXT_FIELDS,
    "sus_registered",
    "sus_id",
)


class BudgetCategory(StrEnum):
    """Cost types of the application form; staff lines count as personnel."""

    PERSONNEL = "personnel"
    PREMISES = "premises"
    TRAVEL = "travel"
    MATERIAL = "material"
    EVALUATION = "evaluation"
    OTHER = "other"


class CoFinancingKind(StrEnum):
    """Money, or staff time and other resources given in kind."""

    CASH = "cash"
    IN_KIND = "in_kind"


S = ApplicationStatus
STATUS_LABELS = {
    S.DRAFT: _l("Draft"),
    S.SUBMITTED: _l("Received"),
    S.IN_PREPARATION: _l("In preparation"),
    S.SUPPLEMENT_REQUESTED: _l("Supplement requested"),
    S.PROPOSED: _l("Proposed to the board"),
    S.GRANTED: _l("Granted in full"),
    S.PARTLY_GRANTED: _l("Partly granted"),
    S.REJECTED: _l("Rejected"),
    S.REFERRED_BACK: _l("Referred back"),
    S.POSTPONED: _l("Postponed"),
    S.WITHDRAWN: _l("Withdrawn"),
    S.IN_PROGRESS: _l("In progress"),
    S.CLOSED: _l("Closed"),
}
KIND_LABELS = {
    ApplicationKind.NEW: _l("New application"),
    ApplicationKind.EXTENSION: _l("Extension (förlängning)"),
    ApplicationKind.SUPPLEMENT: _l("Supplement (tillägg)"),
}
INSATS_LABELS = {
    InsatsType.PRESTUDY: _l("Förstudie"),
    InsatsType.PROJECT: _l("Project"),
    InsatsType.INDIVIDUAL: _l("Individual-oriented insats"),
    InsatsType.STRUCTURAL: _l("Structural insats"),
    InsatsType.IMPLEMENTATION: _l("Implementation / ordinary work"),
}
CATEGORY_LABELS = {
    BudgetCategory.PERSONNEL: _l("Personnel"),
    BudgetCategory.PREMISES: _l("Premises"),
    BudgetCategory.TRAVEL: _l("Travel"),
    BudgetCategory.MATERIAL: _l("Material and IT"),
    BudgetCategory.EVALUATION: _l("Evaluation"),
    BudgetCategory.OTHER: _l("Other"),
}
CO_KIND_LABELS = {
    CoFinancingKind.CASH: _l("Cash"),
    CoFinancingKind.IN_KIND: _l("In kind (e.g. staff time)"),
}
