"""Form instances already submitted, so that a repeat answers with the first result."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class FormSubmission(Base):
    """One used form-instance token and where its first submit led.

    The row is written in the same transaction as the money row the form
    created, so the unique ``token`` decides a race between two posts of one
    form: the second insert fails, and the second request answers with the
    first one's ``url`` and ``message``. Not a domain row: not audited.
    """

    __tablename__ = "form_submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    endpoint: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(2000), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
