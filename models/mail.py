"""The outbox: every e-mail Samordna sends is first a row here, written in the same
transaction as the change that causes it (docs/notifications.md).

A rolled-back change leaves no mail, and a committed one always has its mail; the
sender (``flask mail send``) delivers the rows later and records how it went.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow
from .user import User


class MailKind(StrEnum):
    """The kinds of mail; each user chooses which they receive (except the kallelse)."""

    KALLELSE = "kallelse"
    APPLICATION_RECEIVED = "application_received"
    SUPPLEMENT_REQUEST = "supplement_request"
    DECISION = "decision"
    REPORT_REMINDER = "report_reminder"
    PAYMENT_NOTICE = "payment_notice"


MAIL_KIND_LABELS = {
    MailKind.KALLELSE: _l("Kallelse to a board meeting"),
    MailKind.APPLICATION_RECEIVED: _l("Application received"),
    MailKind.SUPPLEMENT_REQUEST: _l("Request for komplettering"),
    MailKind.DECISION: _l("Decision on an application"),
    MailKind.REPORT_REMINDER: _l("Report reminder"),
    MailKind.PAYMENT_NOTICE: _l("Payment notice"),
}

#: The kinds a user may turn off under Mitt konto; the kallelse always reaches the board.
OPTIONAL_KINDS = tuple(kind for kind in MailKind if kind != MailKind.KALLELSE)


class MailStatus(StrEnum):
    """Queued → sending (claimed by one sender) → sent, or failed for good."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


MAIL_STATUS_LABELS = {
    MailStatus.QUEUED: _l("Queued"),
    MailStatus.SENDING: _l("Being sent"),
    MailStatus.SENT: _l("Sent"),
    MailStatus.FAILED: _l("Failed"),
}


class OutboxMail(Base):
    """One mail to one recipient: what to send, and how sending it went."""

    __tablename__ = "outbox_mail"
    __table_args__ = (
        # The sender's claim: queued rows whose next attempt is due, oldest first.
        Index("ix_outbox_mail_status_next", "status", "next_attempt_at"),
        Index("ix_outbox_mail_related", "related_type", "related_id"),
        UniqueConstraint("idempotency_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    recipient: Mapped[str] = mapped_column(String(254))
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    #: Files to attach: ``[{"attachment_id": 3}]`` (application attachments, read at sending)
    #: or ``[{"filename", "content_type", "content_base64"}]`` (a document built with the
    #: change, e.g. the protokollsutdrag of a decision, kept in the row).
    attachments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(10), default=MailStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claim: Mapped[str] = mapped_column(String(40), default="", server_default="")
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    #: What the mail is about: ("meeting", 5), ("application", 12), ("project_report", 3) …
    related_type: Mapped[str] = mapped_column(String(30), default="", server_default="")
    related_id: Mapped[int | None] = mapped_column(Integer)
    #: Set for mails that must be queued once only (a report reminder's step).
    idempotency_key: Mapped[str | None] = mapped_column(String(120))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    created_by: Mapped[User | None] = relationship()


class MailPreference(Base):
    """A kind of mail a user has turned off (no row: the user receives it)."""

    __tablename__ = "mail_preference"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
