"""Queue a mail as a row of ``outbox_mail`` in the caller's transaction.

The row is added to the same session as the change that causes it and is
committed (or rolled back) with it, so there is never a mail for a change that
did not happen, nor a change without its mail. Who receives what is decided
here: deactivated accounts get nothing, and a user who has turned a kind off
under Mitt konto does not get it (the kallelse to the board excepted).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import func, select

from models import User, db
from models.mail import OPTIONAL_KINDS, MailKind, MailPreference, MailStatus, OutboxMail

#: A plain address: one @, a dot in the domain, no spaces, quotes, brackets or commas.
ADDRESS_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def valid_address(address: str) -> bool:
    """True for an address mail can go to (also what the forms accept)."""
    return len(address) <= 254 and bool(ADDRESS_RE.match(address))


T = TypeVar("T")


def split_by_size(items: Iterable[T], size: Callable[[T], int]) -> tuple[list[T], list[T]]:
    """The items that fit together in one mail (``MAIL_ATTACHMENT_MAX_BYTES``), in order,
    and those that don't: a large file is linked instead, and smaller ones after it may
    still be attached, so the mail carries as much as the limit allows."""
    limit = int(current_app.config["MAIL_ATTACHMENT_MAX_BYTES"])
    fit: list[T] = []
    rest: list[T] = []
    used = 0
    for item in items:
        if used + size(item) <= limit:
            used += size(item)
            fit.append(item)
        else:
            rest.append(item)
    return fit, rest


def one_line(value: str, limit: int = 300) -> str:
    """A header value on one line: CR, LF and other control characters become spaces.

    EmailMessage refuses CR/LF in headers anyway; folding them here keeps a name or
    a title typed with a line break from stopping its mail.
    """
    cleaned = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in value)
    return " ".join(cleaned.split())[:limit]


@dataclass(frozen=True)
class Recipient:
    """Where one mail goes: the address and, when known, a name to greet."""

    address: str
    name: str = ""


@dataclass
class Message:
    """What a mail says; built by ``messages`` from the templates."""

    kind: str
    subject: str
    text: str
    html: str
    attachments: list[dict[str, Any]] = field(default_factory=list)


def _user_for(address: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == address.lower()))


def receives(address: str, kind: str) -> bool:
    """Whether mail of ``kind`` may go to ``address``.

    An address that belongs to a deactivated account gets nothing; one whose user
    has turned the kind off gets nothing of it (the kallelse cannot be turned off).
    An address without an account (an application's contact person) gets it.
    """
    if not valid_address(address):
        return False
    user = _user_for(address)
    if user is None:
        return True
    if not user.active:
        return False
    if kind == MailKind.KALLELSE:
        return True
    turned_off = db.session.scalar(
        select(MailPreference.id).where(
            MailPreference.user_id == user.id, MailPreference.kind == kind
        )
    )
    return turned_off is None


def queue(
    message: Message,
    recipients: Iterable[Recipient],
    *,
    related: tuple[str, int] | None = None,
    key: str | None = None,
    user: User | None = None,
) -> list[OutboxMail]:
    """Add one row per recipient who receives this kind; the caller's commit sends it.

    ``key`` makes the mail once-only (a reminder's step): a recipient who already
    has a row with the same key gets no second one.
    """
    rows = []
    seen: set[str] = set()
    for recipient in recipients:
        address = recipient.address.strip()
        if address.lower() in seen or not receives(address, message.kind):
            continue
        seen.add(address.lower())
        row_key = f"{key}:{address.lower()}"[:120] if key else None
        if row_key and db.session.scalar(
            select(OutboxMail.id).where(OutboxMail.idempotency_key == row_key)
        ):
            continue
        row = OutboxMail(
            kind=message.kind,
            recipient=address,
            recipient_name=one_line(recipient.name, 200),
            subject=one_line(message.subject),
            text=message.text,
            html=message.html,
            attachments=list(message.attachments),
            status=MailStatus.QUEUED,
            related_type=related[0] if related else "",
            related_id=related[1] if related else None,
            idempotency_key=row_key,
            created_by_id=getattr(user, "id", None),
        )
        db.session.add(row)
        rows.append(row)
    db.session.flush()
    return rows


def sent_for(related_type: str, related_id: int, kind: str) -> list[OutboxMail]:
    """The mails of one kind about one object, newest first (who was sent it and when)."""
    return list(
        db.session.scalars(
            select(OutboxMail)
            .where(
                OutboxMail.related_type == related_type,
                OutboxMail.related_id == related_id,
                OutboxMail.kind == kind,
            )
            .order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())
        )
    )


def preferences(user: User) -> set[str]:
    """The kinds ``user`` has turned off."""
    return set(
        db.session.scalars(select(MailPreference.kind).where(MailPreference.user_id == user.id))
    )


def set_preferences(user: User, wanted: Iterable[str]) -> None:
    """Keep the optional kinds ``user`` wants; every other optional kind is turned off."""
    wanted_set = set(wanted)
    current = {
        p.kind: p
        for p in db.session.scalars(select(MailPreference).where(MailPreference.user_id == user.id))
    }
    for kind in OPTIONAL_KINDS:
        if kind in wanted_set and kind in current:
            db.session.delete(current[kind])
        elif kind not in wanted_set and kind not in current:
            db.session.add(MailPreference(user_id=user.id, kind=kind.value))
    db.session.flush()
