"""Each form that creates a money row is submitted once per form instance.

The form carries a one-time token (``forms.base.SubmitOnceMixin``). The view
claims the token before the service creates anything (:func:`claim`) and
settles it with the URL and message of the answer (:func:`settle`), all in one
transaction with the money row. A repeat of the same form, after the first
one or at the same moment, finds the token taken and answers with what the
first submit answered (:func:`first_answer`): the unique ``token`` column
decides a race on SQLite and PostgreSQL alike, and nothing is stored twice.
If the first submit is refused or fails, its transaction is rolled back with
the token, so the same form can be corrected and sent again.

Tokens are kept for :data:`KEEP` (a form left open longer gets a new token
when reloaded); older ones are deleted whenever a new token is claimed, so
no scheduled job is needed.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select

from models import db
from models.base import utcnow
from models.submission import FormSubmission

#: How long a used token is remembered.
KEEP = timedelta(days=30)

_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32,64}")


def new_token() -> str:
    """A fresh form-instance token (192 random bits, URL-safe)."""
    return secrets.token_urlsafe(24)


def is_token(value: object) -> bool:
    """Whether ``value`` has the shape of a token (anything else is refused unread)."""
    return isinstance(value, str) and _TOKEN_RE.fullmatch(value) is not None


@dataclass(frozen=True)
class Answer:
    """What a submit answered: where it sent the browser and the message it flashed."""

    url: str
    message: str


class ForeignToken(Exception):
    """The token was used by another user or another form: not this form's repeat."""


def first_answer(token: str, *, user_id: int, endpoint: str) -> Answer | None:
    """The first answer to this form instance, or None when it was not submitted yet.

    Raises ``ForeignToken`` when the token belongs to another user or form, so
    that a copied token never leads anyone to another user's result.
    """
    row = db.session.scalar(select(FormSubmission).where(FormSubmission.token == token))
    if row is None:
        return None
    if row.user_id != user_id or row.endpoint != endpoint:
        raise ForeignToken(token)
    return Answer(url=row.url, message=row.message)


def claim(token: str, *, user_id: int, endpoint: str) -> FormSubmission:
    """Take the token in the current transaction, before anything else is written.

    The insert is flushed at once: when another transaction holds the same
    token, this raises ``IntegrityError`` (on PostgreSQL after waiting for the
    other to end), and the caller answers with :func:`first_answer`.
    Tokens older than :data:`KEEP` are pruned here.
    """
    db.session.execute(delete(FormSubmission).where(FormSubmission.created_at < utcnow() - KEEP))
    row = FormSubmission(token=token, user_id=user_id, endpoint=endpoint, url="", message="")
    db.session.add(row)
    db.session.flush()
    return row


def settle(row: FormSubmission, answer: Answer) -> None:
    """Record the answer of the first submit, for the repeats to give again."""
    row.url = answer.url
    row.message = answer.message
