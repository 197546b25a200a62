"""Posts of forms that create money rows: one result per form instance.

The rule itself lives in ``app/services/submissions.py``; this is how a view
uses it. A view whose form has ``SubmitOnceMixin`` asks first whether the
post repeats one already answered, and then calls its service through
``call_service_once`` instead of ``call_service``::

    form = PaymentForm()
    if (repeat := answered_before(form)) is not None:
        return repeat
    if form.validate_on_submit():
        return call_service_once(form, lambda: ..., success=..., then=..., failed=...)

The repeat is answered before the form is validated: the first submit may
have changed what the form offers (a corrected payment is no longer on the
list), and the repeat must still answer with the first result.

There is no ``bp`` here: this module is a helper, not a blueprint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import flash, redirect, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from models import db

from ..services import submissions
from ..services.errors import DomainError
from .service_call import call_service

T = TypeVar("T")
R = TypeVar("R")


def _first(token: str) -> submissions.Answer | None:
    return submissions.first_answer(token, user_id=current_user.id, endpoint=request.endpoint or "")


def _give(answer: submissions.Answer) -> Response:
    """The first submit's answer again: its message and its redirect."""
    flash(answer.message, "success")
    return redirect(answer.url)


def _unrecognised() -> str:
    return _("The form could not be recognised. Check it and send it again.")


def answered_before(form: Any) -> Response | None:
    """On a post of a form instance already answered, that answer; else None.

    A missing token, or one used by another user or form, is said in a flash
    message and dropped: the form then fails validation and is shown again,
    as posted, with a fresh token.
    """
    if request.method != "POST":
        return None
    answer = None
    if form.form_token.data is not None:
        try:
            answer = _first(form.form_token.data)
        except submissions.ForeignToken:
            form.form_token.data = None
    if form.form_token.data is None:
        flash(_unrecognised(), "danger")
    return _give(answer) if answer is not None else None


def call_service_once(
    form: Any,
    action: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    then: str | Callable[[T], str],
    failed: str | Callable[[DomainError], R],
    field: Any = None,
    flash_error: bool = True,
) -> Response | R:
    """``call_service`` for a form with a one-time token (same arguments).

    The token is claimed before ``action`` runs and settled with the answer
    after it, in the same transaction. When another request holding the same
    token wins the race, this one answers with the winner's result.
    """
    token: str = form.form_token.data
    endpoint = request.endpoint or ""
    given: dict[str, submissions.Answer] = {}

    def once() -> T:
        row = submissions.claim(token, user_id=current_user.id, endpoint=endpoint)
        result = action()
        db.session.flush()  # a new record's id, for the URL
        answer = submissions.Answer(
            url=then(result) if callable(then) else then,
            message=success(result) if callable(success) else success,
        )
        submissions.settle(row, answer)
        given["answer"] = answer
        return result

    try:
        return call_service(
            once,
            success=lambda _result: given["answer"].message,
            then=lambda _result: given["answer"].url,
            failed=failed,
            field=field,
            flash_error=flash_error,
        )
    except IntegrityError:
        db.session.rollback()
        try:
            answer = _first(token)
        except submissions.ForeignToken:
            form.form_token.data = None
            error = DomainError(_unrecognised())
            flash(str(error), "danger")
            return redirect(failed) if isinstance(failed, str) else failed(error)
        if answer is None:
            raise
        return _give(answer)
