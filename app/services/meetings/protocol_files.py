"""The protocol as a file: built from the data until justering, frozen at justering.

At justering the .docx is built once and stored with its SHA-256
(``models/protocol_file.py``, kind 'protocol'), together with the protocol's
content as it stood then (``ProtocolData`` as JSON). That file is never changed:
the published record must not change, whatever later changes to the layout code.
When the anslag is recorded a second file is stored (kind 'anslag'): the same
content with the anslagsbevis filled in, built from the stored data so nothing but
the anslagsbevis can differ. From then on that file is served (and the print view
shows it); it is remade if the anslag dates change. Before justering the document is
built on each request (marked as a draft).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from exports import decision_letter as letter_docx
from exports import protocol_docx
from exports.protocol_parts import Anslag, ProtocolData, from_json, to_json
from models import db
from models.base import utcnow
from models.meeting import Decision, Meeting, Paragraph
from models.protocol_file import ProtocolFile

from . import anslag, letters
from .protocol import protocol_data

PROTOCOL = "protocol"
ANSLAG = "anslag"
#: The stored files as the meeting page names them.
FILE_LABELS = {PROTOCOL: _l("Justerat protocol"), ANSLAG: _l("Protocol with anslagsbevis")}
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def build(meeting: Meeting) -> bytes:
    """The protocol .docx as the data says now."""
    return protocol_docx.protocol(protocol_data(meeting))


def _row(meeting: Meeting, kind: str) -> ProtocolFile | None:
    return db.session.scalars(
        select(ProtocolFile).where(ProtocolFile.meeting_id == meeting.id, ProtocolFile.kind == kind)
    ).first()


def stored(meeting: Meeting) -> ProtocolFile | None:
    """The protocol frozen at justering, if any (never changed after)."""
    return _row(meeting, PROTOCOL)


def files(meeting: Meeting) -> list[ProtocolFile]:
    """The stored files of a justerat meeting: the justerat protocol, then the one with
    the anslagsbevis once the anslag is recorded."""
    return [row for kind in (PROTOCOL, ANSLAG) if (row := _row(meeting, kind)) is not None]


def _store(meeting: Meeting, kind: str, data: ProtocolData) -> ProtocolFile:
    content = protocol_docx.protocol(data)
    row = _row(meeting, kind)
    if row is None:
        row = ProtocolFile(meeting_id=meeting.id, kind=kind)
        db.session.add(row)
    row.content = content
    row.sha256 = hashlib.sha256(content).hexdigest()
    row.data = to_json(data)
    if row.id is not None:
        row.created_at = utcnow()  # remade: the file's date is the new one
    db.session.flush()
    return row


def freeze(meeting: Meeting) -> ProtocolFile:
    """Store the justerat protocol's .docx, its SHA-256 and its data (once; at justering)."""
    existing = stored(meeting)
    if existing is not None:
        return existing
    return _store(meeting, PROTOCOL, frozen_data(meeting))


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def frozen_data(meeting: Meeting) -> ProtocolData:
    """The protocol's content as frozen at justering (anslagsbevis blank); before justering
    (or for a file frozen before the data was kept) as the meeting says now."""
    row = stored(meeting) if meeting.is_locked else None
    if row is not None and row.data is not None:
        return from_json(row.data)
    data = protocol_data(meeting)
    if data.anslag is not None:  # as it was at justering: nothing posted yet
        data.anslag = replace(data.anslag, posted_on="", taken_down_on="", appeal_ends="")
    return data


def record_anslag(
    meeting: Meeting, *, posted_on: date | None, taken_down_on: date | None
) -> ProtocolFile | None:
    """Record the anslag dates (``anslag.record_anslag``) and store the protocol with
    the anslagsbevis filled in; the file frozen at justering stays as it is."""
    anslag.record_anslag(meeting, posted_on=posted_on, taken_down_on=taken_down_on)
    return store_anslag(meeting)


def store_anslag(meeting: Meeting) -> ProtocolFile | None:
    """Make (or remake, when the dates changed) the protocol with the anslagsbevis filled in.

    Without a day of anslag there is no such file (one recorded by mistake is removed).
    """
    row = _row(meeting, ANSLAG)
    if meeting.posted_on is None:
        if row is not None:
            db.session.delete(row)
            db.session.flush()
        return None
    data = frozen_data(meeting)
    blank = data.anslag or Anslag(_iso(meeting.adjusted_on), "", "", "", meeting.kept_at)
    data.anslag = replace(
        blank,
        posted_on=_iso(meeting.posted_on),
        taken_down_on=_iso(meeting.taken_down_on),
        appeal_ends=_iso(anslag.appeal_ends(meeting)),
    )
    if row is not None and row.data is not None and from_json(row.data) == data:
        return row
    return _store(meeting, ANSLAG, data)


def served(meeting: Meeting) -> ProtocolFile | None:
    """The stored file served for a justerat meeting: the newest (with anslagsbevis once posted)."""
    if not meeting.is_locked:
        return None
    return _row(meeting, ANSLAG) or stored(meeting)


def served_data(meeting: Meeting) -> ProtocolData:
    """What the print view shows: the content of the file served, or today's draft."""
    if not meeting.is_locked:
        return protocol_data(meeting)
    row = served(meeting)
    if row is not None and row.data is not None:
        return from_json(row.data)
    return frozen_data(meeting)


def document(meeting: Meeting) -> tuple[bytes, str | None]:
    """The file to serve and its SHA-256: the newest stored one after justering, else a draft."""
    row = served(meeting)
    if row is not None:
        return row.content, row.sha256
    return build(meeting), None


def filename(meeting: Meeting) -> str:
    """'protokoll-5-2026.docx'."""
    return f"protokoll-{meeting.number}-{meeting.year}.docx"


def extract(paragraph: Paragraph) -> bytes:
    """A protokollsutdrag of one §, as the protocol frozen at justering has it."""
    data = frozen_data(paragraph.meeting)
    item = next(i for i in data.items if i.paragraph_id == paragraph.id)
    return protocol_docx.extract(data, item)


def extract_filename(paragraph: Paragraph) -> str:
    """'protokollsutdrag-5-2026-p55.docx'."""
    meeting = paragraph.meeting
    number = paragraph.number if paragraph.number is not None else f"x{paragraph.id}"
    return f"protokollsutdrag-{meeting.number}-{meeting.year}-p{number}.docx"


def decision_letter(decision: Decision) -> bytes:
    """The beslutsmeddelande to the projektägare."""
    return letter_docx.letter(letters.letter_data(decision))


def decision_documents(decision: Decision) -> list[tuple[str, str, bytes]]:
    """The documents of a board decision, as (filename, mimetype, content): the
    protokollsutdrag of its §, and the beslutsmeddelande when it is on an application."""
    paragraph = decision.paragraph
    if paragraph is None:
        return []
    documents = [(extract_filename(paragraph), DOCX_MIMETYPE, extract(paragraph))]
    if decision.application is not None:
        documents.append((letters.filename(decision), DOCX_MIMETYPE, decision_letter(decision)))
    return documents
