"""What every grant service shares: its error, the "grant is open" check, and the
application's move as the grant starts and ends.

``ensure_grant_open`` is called by every write path (amendments, payments,
outcomes, reports, staff): a closed grant is read-only. These live in this small
module, which imports no other grant service, so that every grant service can
use them.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l

from models import Application, User
from models.grant import Grant

from ..applications import workflow as applications
from ..applications.rules import ApplicationError
from ..errors import DomainError

ZERO = Decimal("0.00")


class GrantError(DomainError):
    """A grant rule was broken; ``str()`` is the Swedish message for the user."""


def ensure_grant_open(grant: Grant) -> None:
    """Refuse any change to a closed grant: the one check every write path calls."""
    if grant.is_closed:
        raise GrantError(
            _l("The grant %(name)s is closed and can no longer be changed.", name=grant.name)
        )


def mark_application(application: Application, status: str, user: User | None) -> None:
    """Move the application along (in progress, closed) unless it is there already."""
    if application.status == status:
        return
    move = applications.mark_in_progress if status == "in_progress" else applications.mark_closed
    try:
        move(application, user=user)
    except ApplicationError as error:
        raise GrantError(str(error)) from error
