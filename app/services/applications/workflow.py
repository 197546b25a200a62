"""The application's life: one state machine (``TRANSITIONS``), who may read and change what.

Every status change goes through ``_move``, which checks the table, records a
``StatusChange`` (from, to, who, when, note) and flushes. Board outcomes
(granted, partly granted, rejected, referred back, postponed) are reachable only
through ``apply_board_outcome``, which the meetings area calls when the board
decides; ``mark_in_progress``/``mark_closed`` are for the grants area.

``user=None`` means the system (CLI, demo seed): role checks are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import (
    Application,
    ApplicationStatus,
    Role,
    StatusChange,
    User,
    db,
)
from models.base import utcnow

from ...formatting import stamp
from ..notifications import messages
from . import budget, registry
from .revisions import record_revision
from .rules import WorkflowError, check_ready_to_submit, status_label

S = ApplicationStatus
C, P, E = Role.FORBUNDSCHEF, Role.PROJEKTAGARE, Role.EKONOM


#: The outcomes only the board gives (through ``apply_board_outcome``).
BOARD_OUTCOMES: frozenset[str] = frozenset(
    {S.GRANTED, S.PARTLY_GRANTED, S.REJECTED, S.REFERRED_BACK, S.POSTPONED}
)
#: States before the board's decision, from which the applicant may withdraw.
BEFORE_DECISION: tuple[str, ...] = (
    S.SUBMITTED,
    S.IN_PREPARATION,
    S.SUPPLEMENT_REQUESTED,
    S.PROPOSED,
    S.POSTPONED,
    S.REFERRED_BACK,
)

#: (from, to, roles allowed to take the step): the whole life of an application.
TRANSITIONS: tuple[tuple[str, str, frozenset[str]], ...] = (
    (S.DRAFT, S.SUBMITTED, frozenset({C, P})),
    (S.SUBMITTED, S.IN_PREPARATION, frozenset({C})),
    (S.SUBMITTED, S.SUPPLEMENT_REQUESTED, frozenset({C})),
    (S.IN_PREPARATION, S.SUPPLEMENT_REQUESTED, frozenset({C})),
    (S.SUPPLEMENT_REQUESTED, S.IN_PREPARATION, frozenset({C, P})),
    (S.IN_PREPARATION, S.PROPOSED, frozenset({C})),
    (S.PROPOSED, S.IN_PREPARATION, frozenset({C})),  # taken back before the meeting
    (S.REFERRED_BACK, S.IN_PREPARATION, frozenset({C})),
    *(
        (source, outcome, frozenset({C}))
        for source in (S.PROPOSED, S.POSTPONED)
        for outcome in sorted(BOARD_OUTCOMES)
    ),
    *((source, S.WITHDRAWN, frozenset({C, P})) for source in BEFORE_DECISION),
    (S.GRANTED, S.IN_PROGRESS, frozenset({C, E})),
    (S.PARTLY_GRANTED, S.IN_PROGRESS, frozenset({C, E})),
    (S.GRANTED, S.CLOSED, frozenset({C, E})),
    (S.PARTLY_GRANTED, S.CLOSED, frozenset({C, E})),
    (S.IN_PROGRESS, S.CLOSED, frozenset({C, E})),
)
_RULES: dict[tuple[str, str], frozenset[str]] = {(f, t): r for f, t, r in TRANSITIONS}

#: Steps offered as buttons on the application page (board and grants steps live elsewhere).
UI_STEPS: frozenset[str] = frozenset(
    {S.SUBMITTED, S.IN_PREPARATION, S.SUPPLEMENT_REQUESTED, S.PROPOSED, S.WITHDRAWN}
)
# --- moving through the states ----------------------------------------------------------


def allowed(application: Application, to: str, user: User | None) -> bool:
    """Whether the table lets ``user`` take the application to ``to`` now."""
    roles = _RULES.get((application.status, to))
    if roles is None:
        return False
    if user is None:
        return True
    if user.role not in roles:
        return False
    return not (user.role == Role.PROJEKTAGARE and application.owner_id != user.organisation_id)


def available_steps(application: Application, user: User) -> list[str]:
    """The steps the user may take from the application page, in the table's order."""
    return [
        to
        for source, to, _roles in TRANSITIONS
        if source == application.status and to in UI_STEPS and allowed(application, to, user)
    ]


def check_allowed(application: Application, to: str, user: User | None) -> None:
    """Refuse a step the table or the user's role does not allow, saying which."""
    if allowed(application, to, user):
        return
    names = {"source": status_label(application.status), "target": status_label(to)}
    if (application.status, to) in _RULES:
        raise WorkflowError(
            _l("Your role may not take an application from %(source)s to %(target)s.", **names)
        )
    raise WorkflowError(_l("An application cannot go from %(source)s to %(target)s.", **names))


def check_fresh(application: Application, to: str, seen: str | None) -> None:
    """Refuse a step pressed on a page that no longer shows the application's status.

    The button was offered for the status the page showed (``seen``); if someone
    has moved the application since, or the same step was already taken (another
    tab, a second click), the user is told what happened, by whom and when, rather
    than "cannot go from Under beredning to Under beredning" or, worse, a step
    taken from a status they never saw.
    """
    if to != application.status and (not seen or seen == application.status):
        return
    last = application.status_changes[-1] if application.status_changes else None
    names = {
        "status": status_label(application.status),
        "name": last.user.name if last is not None and last.user is not None else _l("the system"),
        "time": stamp(last.at) if last is not None else "",
    }
    if to == application.status:
        raise WorkflowError(
            _l(
                "The application is already %(status)s (changed by %(name)s %(time)s). "
                "Reload the page.",
                **names,
            )
        )
    raise WorkflowError(
        _l(
            "The application was changed to %(status)s by %(name)s %(time)s after you "
            "opened the page. Reload the page.",
            **names,
        )
    )


def _move(
    application: Application, to: str, user: User | None, note: str, at: datetime | None
) -> StatusChange:
    check_allowed(application, to, user)
    change = StatusChange(
        from_status=application.status,
        to_status=to,
        user_id=user.id if user is not None else None,
        at=at or utcnow(),
        note=note.strip(),
    )
    application.status = S(to)
    application.updated_by_id = user.id if user is not None else application.updated_by_id
    application.status_changes.append(change)
    db.session.flush()
    return change


def start(application: Application, user: User | None, at: datetime | None = None) -> None:
    """Record the creation of a draft in the timeline."""
    application.status_changes.append(
        StatusChange(
            from_status=None,
            to_status=S.DRAFT,
            user_id=user.id if user else None,
            at=at or utcnow(),
        )
    )


def transition(
    application: Application,
    to: str,
    *,
    user: User | None,
    note: str = "",
    at: datetime | None = None,
    seen: str | None = None,
) -> StatusChange:
    """Take a step from the application page; board outcomes are refused here.

    ``seen`` is the status the page showed when the button was pressed (see ``check_fresh``).
    """
    check_fresh(application, to, seen)
    if to in BOARD_OUTCOMES:
        raise WorkflowError(
            _l("Only the board decides on an application: record the decision in the minutes.")
        )
    if to == S.SUBMITTED:
        return submit(application, user=user, at=at, note=note)
    check_allowed(application, to, user)
    if to == S.SUPPLEMENT_REQUESTED and not note.strip():
        raise WorkflowError(_l("Say what the applicant should supplement."))
    if to == S.PROPOSED and not application.proposal_text.strip():
        raise WorkflowError(_l("Write the proposed decision before putting it on the table."))
    change = _move(application, to, user, note, at)
    if to == S.SUPPLEMENT_REQUESTED:
        messages.queue_supplement_request(application, note, user=user)
    if to in (S.IN_PREPARATION, S.WITHDRAWN):
        record_revision(application, user, note=status_label(to), at=at)
    return change


def submit(
    application: Application, *, user: User | None, at: datetime | None = None, note: str = ""
) -> StatusChange:
    """Register the application: diarienummer, submission date, first version kept."""
    check_allowed(application, S.SUBMITTED, user)
    check_ready_to_submit(application)
    at = at or utcnow()
    registry.assign_registry_number(application, at)
    application.submitted_at = at
    change = _move(application, S.SUBMITTED, user, note, at)
    record_revision(application, user, note=status_label(S.SUBMITTED), at=at)
    messages.queue_application_received(application, user=user)
    return change


# --- the interface for the meetings and grants areas ------------------------------------


def requested_by_year(application: Application) -> dict[int, Decimal]:
    """Year → amount asked of the förbund (costs − co-financing)."""
    return budget.requested_by_year(application)


def proposed_by_year(
    application: Application, requested: Mapping[int, Decimal] | None = None
) -> dict[int, Decimal]:
    """Year → the förbundschef's proposed amount; the requested amount where none was
    entered (``requested``, when the caller has it already: the budget summary's)."""
    proposed = dict(requested) if requested is not None else requested_by_year(application)
    for amount in application.proposed_amounts:
        proposed[amount.year] = amount.amount
    return dict(sorted(proposed.items()))


def ready_for_board() -> list[Application]:
    """Applications on the board's table: proposed, or postponed at an earlier meeting."""
    return list(
        db.session.scalars(
            select(Application)
            .where(Application.status.in_([S.PROPOSED, S.POSTPONED]))
            .options(selectinload(Application.owner))
            .order_by(Application.registry_year, Application.registry_seq, Application.id)
        )
    )


def apply_board_outcome(
    application: Application,
    outcome: str,
    *,
    user: User | None,
    note: str = "",
    at: datetime | None = None,
) -> None:
    """The board's decision: granted, partly_granted, rejected, referred_back or postponed."""
    if outcome not in BOARD_OUTCOMES:
        raise WorkflowError(_l("Unknown decision: %(outcome)s.", outcome=outcome))
    change = _move(application, outcome, user, note, at)
    if outcome in (S.GRANTED, S.PARTLY_GRANTED, S.REJECTED):
        application.decided_at = change.at
    db.session.flush()


def mark_in_progress(application: Application, *, user: User | None, note: str = "") -> None:
    """The granted insats has started (grants area)."""
    _move(application, S.IN_PROGRESS, user, note, None)


def mark_closed(application: Application, *, user: User | None, note: str = "") -> None:
    """The insats is finished and reported (grants area)."""
    _move(application, S.CLOSED, user, note, None)
