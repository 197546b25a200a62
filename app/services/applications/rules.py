"""Rules about an application that do not move it: who may read or change it, the parties.

The state machine itself is ``app/services/applications/workflow.py``; it and the
other application services use these rules, and so do the grants area and the views.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models import Application, ApplicationStatus, Organisation, OrgKind, Role, User
from models.application_terms import STATUS_LABELS

from ..errors import DomainError
from . import budget

S = ApplicationStatus


class ApplicationError(DomainError):
    """A rule about applications was broken; ``str()`` is the Swedish message."""


class WorkflowError(ApplicationError):
    """A status change that the state machine or the user's role does not allow."""


#: Where the content may still change: for the applicant, and for the förbundschef.
OWNER_EDITABLE: frozenset[str] = frozenset({S.DRAFT, S.SUPPLEMENT_REQUESTED})
CHEF_EDITABLE: frozenset[str] = frozenset(
    {S.DRAFT, S.SUBMITTED, S.IN_PREPARATION, S.SUPPLEMENT_REQUESTED, S.REFERRED_BACK}
)
#: Where the förbundschef writes the assessment and the förslag till beslut.
PREPARATION: frozenset[str] = frozenset(
    {S.SUBMITTED, S.IN_PREPARATION, S.SUPPLEMENT_REQUESTED, S.REFERRED_BACK}
)


# --- who may read and change -------------------------------------------------------------


def may_read(application: Application, user: User) -> bool:
    """Projektägare read only their own organisation's applications; the office reads all."""
    if user.role == Role.PROJEKTAGARE:
        return application.owner_id == user.organisation_id
    return True


def may_edit_content(application: Application, user: User | None) -> bool:
    """The applicant edits drafts and answers komplettering; the förbundschef until the table."""
    if user is None:
        return application.status in CHEF_EDITABLE
    if user.role == Role.FORBUNDSCHEF:
        return application.status in CHEF_EDITABLE
    if user.role == Role.PROJEKTAGARE:
        return application.owner_id == user.organisation_id and (
            application.status in OWNER_EDITABLE
        )
    return False


def ensure_content_editable(application: Application, user: User | None) -> None:
    """Refuse a change of content with a message that says why."""
    if may_edit_content(application, user):
        return
    if user is not None and user.role == Role.PROJEKTAGARE and application.status != S.DRAFT:
        raise ApplicationError(
            _l(
                "The application has been submitted; you can change it only when the "
                "förbundschef asks for a supplement."
            )
        )
    raise ApplicationError(
        _l(
            "The application can no longer be changed (status: %(status)s).",
            status=status_label(application.status),
        )
    )


def may_prepare(application: Application, user: User | None) -> bool:
    """The förbundschef writes the assessment and proposal during beredning."""
    chef = user is None or user.role == Role.FORBUNDSCHEF
    return chef and application.status in PREPARATION


def may_see_beredning(application: Application, user: User) -> bool:
    """Whether ``user`` may see the beredning: assessment, förslag till beslut, amounts, villkor.

    The one rule for every view of an application (its page, print view, versions
    and exports): the office follows beredning; the applicant sees it only once the
    proposal is on the board's table.
    """
    if user.role != Role.PROJEKTAGARE:
        return True
    return application.status not in PREPARATION | {S.DRAFT}


def status_label(status: str) -> str:
    """The status in the user's language."""
    return str(STATUS_LABELS.get(status, status))


# --- the parties rule -------------------------------------------------------------------


def party_of(organisation: Organisation) -> str | None:
    """Which Finsam party an organisation belongs to (units follow their parent); external: None.

    All kommuner together are one party, so they share the key "kommun".
    """
    org = organisation.parent if organisation.kind == OrgKind.UNIT else organisation
    if org is None or org.kind not in (OrgKind.FK, OrgKind.AF, OrgKind.REGION, OrgKind.KOMMUN):
        return None
    return str(org.kind)


def parties_of(application: Application) -> set[str]:
    """The distinct parties among the owner and the co-applicants."""
    organisations = [application.owner, *(p.organisation for p in application.parties)]
    return {party for org in organisations if org is not None and (party := party_of(org))}


def check_parties(application: Application) -> None:
    """An insats involves at least two parties; two kommuner count as one."""
    if len(parties_of(application)) < 2:
        raise ApplicationError(
            _l(
                "An insats must involve at least two parties (Försäkringskassan, "
                "Arbetsförmedlingen, region, kommun); several kommuner count as one party. "
                "Add a co-applicant from another party."
            )
        )


def check_ready_to_submit(application: Application) -> None:
    """What must be in place before an application can be registered."""
    check_parties(application)
    if not application.contact_name:
        raise ApplicationError(_l("Enter a contact person before submitting."))
    if not application.purpose.strip():
        raise ApplicationError(_l("Describe the purpose before submitting."))
    if budget.total(budget.total_cost_by_year(application)) <= 0:
        raise ApplicationError(_l("Enter the budget (at least one cost) before submitting."))
    budget.check_co_financing(application)
