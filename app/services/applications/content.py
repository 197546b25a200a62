"""Writing an application's content: fields, parties, participants, and the proposal.

Every function checks that the user may change the content now
(``applications.ensure_content_editable``), flushes, and keeps a new version
when the application is already submitted (a public record). The budget lines
are written by ``lines.py``. Views commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from models import (
    Application,
    ApplicationKind,
    ApplicationParty,
    ApplicationStatus,
    Organisation,
    ParticipantPlan,
    ProposedAmount,
    Role,
    User,
    db,
)
from models.application_terms import CONTENT_FIELDS

from ...formatting import sek, stamp
from . import budget
from .revisions import record_revision
from .rules import ApplicationError, ensure_content_editable, may_prepare, party_of
from .workflow import start


class ConflictError(ApplicationError):
    """Someone else saved the application after this user opened it (optimistic locking)."""


#: Fields set from the application form (owner and parent are passed as objects).
FORM_FIELDS: tuple[str, ...] = CONTENT_FIELDS


def _conflict(application: Application) -> ConflictError:
    db.session.refresh(application)
    who = application.updated_by.name if application.updated_by else "?"
    return ConflictError(
        _l(
            "The application was changed by %(name)s %(time)s after you opened it. "
            "Your changes have not been saved; they are still in the form. Open the "
            "application in a new tab to see the saved version, then save again to "
            "replace it with yours.",
            name=who,
            time=stamp(application.updated_at),
        )
    )


def check_version(application: Application, expected_version: int | None) -> None:
    """Refuse a save based on an older version of the application."""
    if expected_version is not None and expected_version != application.version:
        raise _conflict(application)


def check_period(start_date: date | None, end_date: date | None) -> None:
    """The period must be given and end after it starts."""
    if start_date is None or end_date is None:
        raise ApplicationError(_l("Enter the period's first and last day."))
    if end_date < start_date:
        raise ApplicationError(_l("The period ends before it starts."))
    if end_date.year - start_date.year > 9:
        raise ApplicationError(_l("The period can be at most ten years."))


def check_parent(application: Application, kind: str, parent: Application | None) -> None:
    """Extensions and supplements refer to an earlier, submitted application; new ones do not."""
    if kind == ApplicationKind.NEW:
        if parent is not None:
            raise ApplicationError(_l("A new application does not extend another one."))
        return
    if parent is None:
        raise ApplicationError(
            _l("Choose the application that this extension or supplement refers to.")
        )
    if parent.id == application.id or parent.status == ApplicationStatus.DRAFT:
        raise ApplicationError(_l("Choose an earlier, submitted application."))


def check_year(application: Application, year: int) -> None:
    """Budget and participant years lie within the application's period."""
    if year not in application.years:
        raise ApplicationError(
            _l(
                "The year %(year)s is outside the period %(start)s–%(end)s.",
                year=year,
                start=application.period_start.isoformat(),
                end=application.period_end.isoformat(),
            )
        )


@contextmanager
def saving(application: Application) -> Iterator[None]:
    """Run a save and commit it, turning a lost race into the ordinary conflict.

    The version check in the service sees what was committed when the request
    began; a save committed by someone else after that check makes the UPDATE
    (at any flush, an autoflush inside a query included, or at commit) match no
    row. That is the same situation as a failed check, so it gets the same
    message and the form keeps what the user typed.
    """
    try:
        yield
        db.session.commit()
    except StaleDataError as error:
        db.session.rollback()
        raise _conflict(application) from error


def _after_change(application: Application, user: User | None, at: datetime | None = None) -> None:
    try:
        db.session.flush()
    except StaleDataError as error:
        db.session.rollback()
        raise _conflict(application) from error
    record_revision(application, user, at=at)


def new_application(
    *,
    owner: Organisation,
    user: User | None,
    parent: Application | None = None,
    at: datetime | None = None,
    **fields: Any,
) -> Application:
    """Start a draft for the owner organisation (projektägare: their own only)."""
    if user is not None and user.role == Role.PROJEKTAGARE and owner.id != user.organisation_id:
        raise ApplicationError(_l("You can apply only for your own organisation."))
    if user is not None and user.role not in (Role.PROJEKTAGARE, Role.FORBUNDSCHEF):
        raise ApplicationError(_l("Your role cannot create applications."))
    application = Application(owner=owner, status=ApplicationStatus.DRAFT)
    _assign(application, owner=owner, parent=parent, **fields)
    application.created_by_id = application.updated_by_id = user.id if user else None
    if at is not None:
        application.created_at = application.updated_at = at
    db.session.add(application)
    start(application, user, at)
    db.session.flush()
    return application


def _assign(
    application: Application, *, owner: Organisation, parent: Application | None, **fields: Any
) -> None:
    kind = fields.get("kind", application.kind or ApplicationKind.NEW)
    check_period(fields.get("period_start"), fields.get("period_end"))
    check_parent(application, kind, parent)
    if party_of(owner) is None:
        raise ApplicationError(
            _l("The owner must be a party or a unit of one, not an external body.")
        )
    if any(p.organisation_id == owner.id for p in application.parties):
        raise ApplicationError(_l("The owner is already listed as a co-applicant."))
    for name, value in fields.items():
        if name not in FORM_FIELDS:
            raise TypeError(name)
        setattr(application, name, value if value is not None else "")
    application.owner = owner
    application.parent = parent


def update_application(
    application: Application,
    *,
    user: User | None,
    owner: Organisation,
    parent: Application | None,
    expected_version: int | None = None,
    **fields: Any,
) -> None:
    """Save the form's fields; refused if someone saved in between or the content is locked."""
    ensure_content_editable(application, user)
    check_version(application, expected_version)
    if user is not None and user.role == Role.PROJEKTAGARE and owner.id != user.organisation_id:
        raise ApplicationError(_l("You can apply only for your own organisation."))
    if application.is_submitted and owner.id != application.owner_id:
        raise ApplicationError(_l("The owner of a submitted application cannot be changed."))
    _assign(application, owner=owner, parent=parent, **fields)
    _check_lines_in_period(application)
    application.updated_by_id = user.id if user else application.updated_by_id
    _after_change(application, user)


def _check_lines_in_period(application: Application) -> None:
    years = set(application.years)
    outside = sorted(
        {
            line.year
            for line in (
                *application.budget_lines,
                *application.staff_lines,
                *application.co_financing,
                *application.participants,
            )
            if line.year not in years
        }
    )
    if outside:
        raise ApplicationError(
            _l(
                "The budget has lines for %(years)s, outside the new period: remove them first.",
                years=", ".join(str(y) for y in outside),
            )
        )


def delete_draft(application: Application, *, user: User | None) -> None:
    """A draft may be thrown away; a submitted application is a public record and stays."""
    if application.status != ApplicationStatus.DRAFT or application.is_submitted:
        raise ApplicationError(_l("Only drafts can be deleted; withdraw a submitted application."))
    ensure_content_editable(application, user)
    db.session.delete(application)
    db.session.flush()


def add_party(
    application: Application,
    organisation: Organisation,
    *,
    user: User | None,
    contact_name: str = "",
    contact_email: str = "",
) -> ApplicationParty:
    """Add a co-applicant organisation."""
    ensure_content_editable(application, user)
    if organisation.id == application.owner_id or any(
        p.organisation_id == organisation.id for p in application.parties
    ):
        raise ApplicationError(
            _l("%(name)s is already a party to the application.", name=organisation.name)
        )
    party = ApplicationParty(
        organisation=organisation, contact_name=contact_name, contact_email=contact_email
    )
    application.parties.append(party)
    _after_change(application, user)
    return party


def remove_party(application: Application, party: ApplicationParty, *, user: User | None) -> None:
    """Remove a co-applicant."""
    ensure_content_editable(application, user)
    application.parties.remove(party)
    _after_change(application, user)


def set_participants(
    application: Application, year: int, planned: int, *, user: User | None
) -> None:
    """Planned participants for a year (0 removes the figure)."""
    ensure_content_editable(application, user)
    check_year(application, year)
    if planned < 0:
        raise ApplicationError(_l("The number of participants cannot be negative."))
    existing = next((p for p in application.participants if p.year == year), None)
    if planned == 0 and existing is not None:
        application.participants.remove(existing)
    elif existing is not None:
        existing.planned = planned
    elif planned:
        application.participants.append(ParticipantPlan(year=year, planned=planned))
    _after_change(application, user)


def save_proposal(
    application: Application,
    *,
    user: User | None,
    assessment: str,
    proposal_text: str,
    conditions: str,
    amounts: dict[int, Decimal | None],
    expected_version: int | None = None,
    at: datetime | None = None,
) -> None:
    """The förbundschef's assessment and förslag till beslut (amount per year, conditions)."""
    if not may_prepare(application, user):
        raise ApplicationError(
            _l("The proposal can be written while the application is being prepared.")
        )
    check_version(application, expected_version)
    requested = budget.requested_by_year(application)
    for year, amount in amounts.items():
        if amount is not None and amount > requested.get(year, budget.ZERO):
            raise ApplicationError(
                _l(
                    "The proposed amount for %(year)s is larger than the amount applied for "
                    "(%(requested)s).",
                    year=year,
                    requested=sek(requested.get(year, budget.ZERO)),
                )
            )
    application.assessment = assessment
    application.proposal_text = proposal_text
    application.conditions = conditions
    current = {p.year: p for p in application.proposed_amounts}
    for year, amount in amounts.items():
        if amount is None:
            if year in current:
                application.proposed_amounts.remove(current[year])
        elif year in current:
            current[year].amount = amount
        else:
            application.proposed_amounts.append(ProposedAmount(year=year, amount=amount))
    application.updated_by_id = user.id if user else application.updated_by_id
    _after_change(application, user, at)
