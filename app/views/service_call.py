"""The one way a view calls a service that changes data.

Use ``call_service`` in every POST that saves something through a service::

    if form.validate_on_submit():
        return call_service(
            lambda: grants.amend_grant(grant, ...),
            success=_("The amendment has been registered."),
            then=url_for("grants.show", grant_id=grant.id),
            failed=lambda _error: page(),
        )
    return page()

On success the request's changes are committed once, the success message is
flashed and the browser is sent on (Post/Redirect/Get). When the service
refuses with a ``DomainError`` (app/services/errors.py), nothing it did is
kept: the session is rolled back, the message is flashed (or shown beside
``field``), and ``failed`` answers: the form page built again from the posted
form, so what the user typed is still there, or the URL to go back to for a
button without fields. Any other exception is a fault and is not caught here.

There is no ``bp`` here: this module is a helper, not a blueprint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import flash, redirect
from werkzeug.wrappers import Response

from models import db

from ..services.errors import DomainError

T = TypeVar("T")
R = TypeVar("R")


def call_service(
    action: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    then: str | Callable[[T], str],
    failed: str | Callable[[DomainError], R],
    field: Any = None,
    flash_error: bool = True,
    warnings: list[str] | Callable[[T], list[str]] | None = None,
) -> Response | R:
    """Run ``action`` (the service call) and answer the request.

    - ``success``: the message flashed after the commit, or a function of what
      ``action`` returned (a new record's name, say).
    - ``then``: the URL to redirect to after the commit, or a function of the result.
    - ``failed``: on a domain error, the URL to go back to, or a function of the
      error that returns the page with the posted form (and its status code).
    - ``field``: a form field to show the message on instead of flashing it.
    - ``flash_error``: False when ``failed`` shows the message on the page itself.
    - ``warnings``: messages on likely slips (app/services/money/slips.py), or a function
      of the result giving them; flashed after the success message, the save is kept.
    """
    try:
        result = action()
    except DomainError as error:
        db.session.rollback()
        if field is not None:
            field.errors.append(str(error))
        elif flash_error:
            flash(str(error), "danger")
        return redirect(failed) if isinstance(failed, str) else failed(error)
    db.session.commit()
    flash(success(result) if callable(success) else success, "success")
    for warning in (warnings(result) if callable(warnings) else warnings) or []:
        flash(warning, "warning")
    return redirect(then(result) if callable(then) else then)
