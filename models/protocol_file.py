"""The frozen protocol: the .docx produced at justering, kept byte for byte with its SHA-256.

Once a protocol is justerat the document the förbund publishes must not change
when the code that lays it out changes; the stored file is what is served. Kind
'protocol' is the file made at justering and is never changed; kind 'anslag' is the
same protocol with the anslagsbevis filled in, made when the anslag is recorded
(remade if its dates change). Both are built from ``data``, the protocol's content
as it stood at justering, so nothing but the anslagsbevis can differ between them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from .base import Audited, Base, UTCDateTime, utcnow

#: ``ProtocolFile.kind`` as the audit trail names it.
KIND_LABELS = {
    "protocol": _l("Adjusted protocol"),
    "anslag": _l("Protocol with anslagsbevis"),
}


class ProtocolFile(Audited, Base):
    """One stored document of a meeting: 'protocol' (justerat) or 'anslag' (with anslagsbevis)."""

    __tablename__ = "protocol_file"
    __table_args__ = (
        UniqueConstraint("meeting_id", "kind"),
        CheckConstraint("kind IN ('protocol', 'anslag')", name="kind"),
    )
    audit_exclude = frozenset({"content", "data"})

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="protocol")
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    sha256: Mapped[str] = mapped_column(String(64))
    #: The protocol's content (``ProtocolData`` as JSON) the file was built from.
    data: Mapped[dict[str, Any] | None] = deferred(mapped_column(JSON))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
