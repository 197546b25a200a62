"""The protocol as a file: built from the data until justering, frozen at justering.

At justering the .docx is built once and stored with its SHA-256
(``models/protocol_file.py``); from then on that stored file is what is
served, byte for byte, whatever later changes to the layout code — the
published record must not change. Before justering the document is built on
each request (marked as a draft).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from exports import decision_letter as letter_docx
from exports import protocol_docx
from models import db
from models.meeting import Decision, Meeting, Paragraph
from models.protocol_file import ProtocolFile

from . import letters
from .protocol import item_data, protocol_data

PROTOCOL = "protocol"


def build(meeting: Meeting) -> bytes:
    """The protocol .docx as the data says now."""
    return protocol_docx.protocol(protocol_data(meeting))


def stored(meeting: Meeting) -> ProtocolFile | None:
    """The frozen protocol of a justerat meeting, if any."""
    return db.session.scalars(
        select(ProtocolFile).where(
            ProtocolFile.meeting_id == meeting.id, ProtocolFile.kind == PROTOCOL
        )
    ).first()


def freeze(meeting: Meeting) -> ProtocolFile:
    """Store the justerat protocol's .docx and its SHA-256 (once; called at justering)."""
    existing = stored(meeting)
    if existing is not None:
        return existing
    content = build(meeting)
    row = ProtocolFile(
        meeting_id=meeting.id,
        kind=PROTOCOL,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )
    db.session.add(row)
    db.session.flush()
    return row


def document(meeting: Meeting) -> tuple[bytes, str | None]:
    """The file to serve and its SHA-256: the frozen one after justering, else a fresh draft."""
    row = stored(meeting) if meeting.is_locked else None
    if row is not None:
        return row.content, row.sha256
    return build(meeting), None


def filename(meeting: Meeting) -> str:
    """'protokoll-5-2026.docx'."""
    return f"protokoll-{meeting.number}-{meeting.year}.docx"


def extract(paragraph: Paragraph) -> bytes:
    """A protokollsutdrag of one §."""
    data, item = item_data(paragraph)
    return protocol_docx.extract(data, item)


def extract_filename(paragraph: Paragraph) -> str:
    """'protokollsutdrag-5-2026-p55.docx'."""
    meeting = paragraph.meeting
    number = paragraph.number if paragraph.number is not None else f"x{paragraph.id}"
    return f"protokollsutdrag-{meeting.number}-{meeting.year}-p{number}.docx"


def decision_letter(decision: Decision) -> bytes:
    """The beslutsmeddelande to the projektägare."""
    return letter_docx.letter(letters.letter_data(decision))
