"""Attachments to applications: PDF, DOCX and XLSX up to 10 MB, checked by content.

The file's bytes are kept in the database (one backup holds everything, and
several app servers share it), never under static/. The type is decided by
what the file *is*, not by its name: a PDF starts with ``%PDF-``; DOCX and XLSX
are zip packages with ``[Content_Types].xml`` and a ``word/`` or ``xl/`` part.
A file whose content does not match its extension is refused, and so is a package
that would expand to more than ``MAX_EXPANDED_BYTES`` (a zip bomb), counted both
from what its directory declares and from what its parts really inflate to.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from pathlib import PurePosixPath, PureWindowsPath

import filetype
from flask_babel import lazy_gettext as _l

from models import Application, Attachment, User, db

from .revisions import record_revision
from .rules import ApplicationError, ensure_content_editable

MAX_BYTES = 10 * 1024 * 1024
#: The most a DOCX or XLSX package may expand to when unpacked, and its most parts.
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_PARTS = 5000
_CHUNK = 1024 * 1024

#: extension → (MIME type, the zip part that marks it, or None for PDF)
TYPES: dict[str, tuple[str, str | None]] = {
    ".pdf": ("application/pdf", None),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "word/",
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
}


class AttachmentError(ApplicationError):
    """A file that cannot be attached; ``str()`` says why, in Swedish."""


def clean_filename(name: str) -> str:
    """The file's own name without any folder, control characters or surrounding dots."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = unicodedata.normalize("NFC", base).strip().strip(".")
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = stem[: 200 - len(ext) - 1] + dot + ext if dot else base[:200]
    return base


def _expands_too_far(package: zipfile.ZipFile) -> bool:
    """True when the parts declare, or really inflate to, more than the limit."""
    parts = package.infolist()
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_EXPANDED_BYTES:
        return True
    total = 0
    for part in parts:
        with package.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > MAX_EXPANDED_BYTES:
                    return True
    return False


def _is_package(data: bytes, marker: str) -> bool:
    """True for a zip package with the marker part; a zip bomb raises AttachmentError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            if "[Content_Types].xml" not in names or not any(n.startswith(marker) for n in names):
                return False
            too_far = _expands_too_far(package)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return False
    if too_far:
        raise AttachmentError(
            _l("The file expands to more than 100 MB when unpacked and cannot be attached.")
        )
    return True


def detect_type(filename: str, data: bytes) -> str:
    """The MIME type of an allowed file, or an AttachmentError saying what is wrong."""
    if not data:
        raise AttachmentError(_l("The file is empty."))
    if len(data) > MAX_BYTES:
        raise AttachmentError(_l("The file is larger than 10 MB."))
    extension = PurePosixPath(filename.lower()).suffix
    if extension not in TYPES:
        raise AttachmentError(_l("Only PDF, Word (.docx) and Excel (.xlsx) files can be attached."))
    mime, marker = TYPES[extension]
    if marker is None:
        guessed = filetype.guess(data)
        ok = guessed is not None and guessed.mime == mime and data.startswith(b"%PDF-")
    else:
        ok = data.startswith(b"PK\x03\x04") and _is_package(data, marker)
    if not ok:
        raise AttachmentError(
            _l(
                "The file's content is not a %(kind)s file, whatever its name says.",
                kind=extension[1:].upper(),
            )
        )
    return mime


def add_attachment(
    application: Application,
    filename: str,
    data: bytes,
    *,
    user: User | None,
    description: str = "",
) -> Attachment:
    """Keep a checked file with the application (a new version if it is submitted)."""
    ensure_content_editable(application, user)
    name = clean_filename(filename)
    if not name:
        raise AttachmentError(_l("The file has no name."))
    mime = detect_type(name, data)
    attachment = Attachment(
        filename=name,
        content_type=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        description=description,
        content=data,
        uploaded_by_id=user.id if user is not None else None,
    )
    application.attachments.append(attachment)
    db.session.flush()
    record_revision(application, user)
    return attachment


def remove_attachment(
    application: Application, attachment: Attachment, *, user: User | None
) -> None:
    """Remove a draft's attachment; a submitted application's files are a public record."""
    ensure_content_editable(application, user)
    if application.is_submitted:
        raise AttachmentError(
            _l("Attachments to a submitted application are a public record and stay.")
        )
    application.attachments.remove(attachment)
    db.session.flush()
