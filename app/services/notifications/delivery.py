"""Deliver the outbox over SMTP (``MAIL_URL``), several senders side by side.

Each pass claims a batch of due rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL,
one claiming UPDATE on SQLite, whose writers take turns), commits the claim, and
sends them over one connection with the standard library's ``smtplib`` and
``EmailMessage``. A temporary fault (server down, 4xx) puts the row back in the
queue with a growing wait; a permanent one (5xx, refused address) or too many
tries marks it failed. Every mail sent is written to the audit trail.
"""

from __future__ import annotations

import base64
import secrets
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, func, or_, select, update

from models import Attachment, AuditEntry, db
from models.base import utcnow
from models.mail import MailStatus, OutboxMail

from .outbox import one_line, receives, valid_address

#: Tries before a mail that keeps failing temporarily is given up as failed.
MAX_ATTEMPTS = 8
#: A claim older than this belongs to a sender that stopped; the row is taken again.
# A claim older than this belongs to a sender that died. It must outlast the longest batch
# a live sender can take (100 mails × the 30 s SMTP timeout = 50 min), or a second sender
# would take and send the same mails again.
STALE_CLAIM = timedelta(hours=2)
SMTP_TIMEOUT = 30


class MailConfigError(ValueError):
    """MAIL_URL cannot be read; the message says why."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to connect, read from ``MAIL_URL``."""

    host: str
    port: int
    username: str = ""
    password: str = ""
    implicit_tls: bool = False
    starttls: bool = True

    @classmethod
    def from_url(cls, url: str) -> SmtpSettings:
        """``smtp://user:password@host:port`` (STARTTLS; ``?starttls=0`` for a local
        server without TLS) or ``smtps://…`` (TLS from the first byte)."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailConfigError("MAIL_URL must look like smtp://user:password@host:port")
        options = parse_qs(parts.query)
        implicit = parts.scheme == "smtps"
        starttls = not implicit and options.get("starttls", ["1"])[0] not in ("0", "false", "no")
        try:
            port = parts.port or (465 if implicit else 587)
        except ValueError as error:
            raise MailConfigError(f"MAIL_URL has a bad port: {error}") from error
        return cls(
            host=parts.hostname,
            port=port,
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            implicit_tls=implicit,
            starttls=starttls,
        )

    def describe(self) -> str:
        """Host, port and security, without the password (for pages and logs)."""
        mode = "TLS" if self.implicit_tls else ("STARTTLS" if self.starttls else "okrypterat")
        return f"{self.host}:{self.port} ({mode})"


@dataclass(frozen=True)
class Sender:
    """The From of every mail: the förbund's name and the configured address."""

    name: str
    address: str


@dataclass
class PassResult:
    """What one pass did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def claimed(self) -> int:
        return self.sent + self.retried + self.failed


def _address(name: str, addr_spec: str) -> Address:
    return Address(display_name=one_line(name, 200), addr_spec=addr_spec)


def build_email(mail: OutboxMail, sender: Sender) -> EmailMessage:
    """The mail as a MIME message: text with an HTML alternative, files attached.

    Every value that reaches a header is put on one line first; EmailMessage would
    refuse CR or LF in a header in any case, so no header can be injected.
    """
    if not valid_address(mail.recipient):
        raise ValueError(f"not an e-mail address: {mail.recipient!r}")
    message = EmailMessage()
    message["Subject"] = one_line(mail.subject)
    message["From"] = _address(sender.name, sender.address)
    message["To"] = _address(mail.recipient_name, mail.recipient)
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=sender.address.rpartition("@")[2] or None)
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    for item in mail.attachments or []:
        file = _attachment(item)
        if file is None:
            continue
        name, content_type, content = file
        main, _slash, sub = (content_type or "application/octet-stream").partition("/")
        message.add_attachment(
            content, maintype=main, subtype=sub or "octet-stream", filename=one_line(name, 200)
        )
    return message


def _attachment(item: dict[str, Any]) -> tuple[str, str, bytes] | None:
    """One outbox entry as (filename, type, bytes): an application's file read now
    (``attachment_id``), or a document kept in the row (``content_base64``)."""
    if "content_base64" in item:
        content = base64.b64decode(item["content_base64"])
        return str(item.get("filename", "bilaga")), str(item.get("content_type", "")), content
    attachment = db.session.get(Attachment, item.get("attachment_id"))
    if attachment is None:
        return None
    return attachment.filename, attachment.content_type, attachment.content


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, logged-in connection as MAIL_URL says."""
    context = ssl.create_default_context()
    if settings.implicit_tls:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=SMTP_TIMEOUT, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT)
        if settings.starttls:
            smtp.starttls(context=context)
    if settings.username:
        smtp.login(settings.username, settings.password)
    return smtp


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(OutboxMail.status == MailStatus.QUEUED, OutboxMail.next_attempt_at <= now),
        and_(OutboxMail.status == MailStatus.SENDING, OutboxMail.claimed_at < now - STALE_CLAIM),
    )


def claim(batch: int) -> list[OutboxMail]:
    """Take up to ``batch`` due rows for this sender and commit the claim.

    On PostgreSQL the rows are picked with ``FOR UPDATE SKIP LOCKED``, so two senders
    never wait for or take the same row; on SQLite the claiming UPDATE runs alone.
    """
    now, token = utcnow(), secrets.token_hex(16)
    values = {
        "status": MailStatus.SENDING,
        "claim": token,
        "claimed_at": now,
        "attempts": OutboxMail.attempts + 1,
    }
    pick = select(OutboxMail.id).where(_due(now)).order_by(OutboxMail.id).limit(batch)
    if db.session.get_bind().dialect.name == "postgresql":
        ids = list(db.session.scalars(pick.with_for_update(skip_locked=True)))
        if ids:
            db.session.execute(
                update(OutboxMail).where(OutboxMail.id.in_(ids)).values(**values),
                execution_options={"synchronize_session": False},
            )
    else:
        db.session.execute(
            update(OutboxMail)
            .where(OutboxMail.id.in_(pick.scalar_subquery()), _due(now))
            .values(**values),
            execution_options={"synchronize_session": False},
        )
    db.session.commit()
    return list(
        db.session.scalars(
            select(OutboxMail).where(OutboxMail.claim == token).order_by(OutboxMail.id)
        )
    )


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1, 2, 4 … minutes, at most six hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), timedelta(hours=6))


@dataclass
class _Claimed:
    """One claimed mail, read before sending so no commit has to load it again."""

    id: int
    recipient: str
    subject: str
    kind: str
    attempts: int
    message: EmailMessage | None
    problem: Exception | None


def _prepare(mail: OutboxMail, sender: Sender) -> _Claimed:
    try:
        message, problem = build_email(mail, sender), None
    except ValueError as error:
        message, problem = None, error
    # Asked again at sending: an account deactivated (or a kind turned off) after the mail
    # was queued — a reminder, a retry, a requeue from the Utkorg — gets nothing either.
    if problem is None and not receives(mail.recipient, mail.kind):
        message, problem = None, ValueError(str(_l("The recipient no longer receives this mail.")))
    return _Claimed(
        mail.id, mail.recipient, mail.subject, mail.kind, mail.attempts, message, problem
    )


def _record_sent(mail: _Claimed) -> None:
    db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail.id)
        .values(status=MailStatus.SENT, sent_at=utcnow(), last_error="", claim=""),
        execution_options={"synchronize_session": False},
    )
    db.session.add(
        AuditEntry(
            action="update",
            table_name=OutboxMail.__tablename__,
            row_id=str(mail.id),
            changes={
                "status": [MailStatus.SENDING.value, MailStatus.SENT.value],
                "recipient": [None, mail.recipient],
                "subject": [None, mail.subject],
                "kind": [None, mail.kind],
            },
        )
    )
    db.session.commit()


def _record_failure(mail: _Claimed, error: str, *, permanent: bool) -> bool:
    """Keep the error; queue again after a wait, or give up. True when given up."""
    given_up = permanent or mail.attempts >= MAX_ATTEMPTS
    values: dict[str, object] = {"last_error": error[:2000], "claim": ""}
    if given_up:
        values["status"] = MailStatus.FAILED
    else:
        values["status"] = MailStatus.QUEUED
        values["next_attempt_at"] = utcnow() + backoff(mail.attempts)
    db.session.execute(
        update(OutboxMail).where(OutboxMail.id == mail.id).values(**values),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    return given_up


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return isinstance(error, ValueError)


def _count(result: PassResult, given_up: bool) -> None:
    if given_up:
        result.failed += 1
    else:
        result.retried += 1


def send_pass(settings: SmtpSettings, sender: Sender, *, batch: int = 100) -> PassResult:
    """Claim one batch and send it over one connection; record each outcome.

    Each mail's outcome is committed as soon as it is known, so a sender that stops
    half-way leaves the rest claimed (taken again after ``STALE_CLAIM``), never a
    delivered mail still queued.
    """
    result = PassResult()
    claimed = [_prepare(mail, sender) for mail in claim(batch)]
    if not claimed:
        return result
    try:
        smtp = connect(settings)
    except (OSError, smtplib.SMTPException) as error:
        for mail in claimed:
            _count(result, _record_failure(mail, f"SMTP: {error}", permanent=False))
        return result
    try:
        for index, mail in enumerate(claimed):
            try:
                if mail.problem is not None:
                    raise mail.problem
                smtp.send_message(mail.message, from_addr=sender.address, to_addrs=[mail.recipient])
            except (OSError, ValueError, smtplib.SMTPException) as error:
                text = f"{type(error).__name__}: {error}"
                _count(result, _record_failure(mail, text, permanent=_is_permanent(error)))
                broken = isinstance(error, smtplib.SMTPServerDisconnected) or (
                    isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)
                )
                if broken:
                    for rest in claimed[index + 1 :]:  # the connection broke: back to the queue
                        _count(result, _record_failure(rest, f"SMTP: {error}", permanent=False))
                    break
            else:
                _record_sent(mail)
                result.sent += 1
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return result


def queue_counts() -> dict[str, int]:
    """Rows per status, for the Utkorg page and the sender's log."""
    rows = db.session.execute(
        select(OutboxMail.status, func.count(OutboxMail.id)).group_by(OutboxMail.status)
    )
    return {status: count for status, count in rows}


def requeue(mail: OutboxMail) -> None:
    """A failed mail goes back in the queue (the förbundschef asked, from the Utkorg)."""
    mail.status = MailStatus.QUEUED
    mail.attempts = 0
    mail.next_attempt_at = utcnow()
    db.session.flush()
