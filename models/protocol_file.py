"""The frozen protocol: the .docx produced at justering, kept byte for byte with its SHA-256.

Once a protocol is justerat the document the förbund publishes must not change
when the code that lays it out changes; the stored file is what is served.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from .base import Audited, Base, UTCDateTime, utcnow


class ProtocolFile(Audited, Base):
    """One stored document of a meeting (kind 'protocol': the justerat protocol)."""

    __tablename__ = "protocol_file"
    __table_args__ = (
        UniqueConstraint("meeting_id", "kind"),
        CheckConstraint("kind IN ('protocol')", name="kind"),
    )
    audit_exclude = frozenset({"content"})

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="protocol")
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
