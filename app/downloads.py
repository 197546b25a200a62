"""File downloads: safe file names and streamed attachment responses for exports.

A view builds its bytes with ``exports`` (no cells in views), then returns
``xlsx_response(data, download_name("kostnadsfordelning", year, ext="xlsx"))``.
Responses are attachments, streamed with ``send_file`` (bytes, or a binary file
such as a ``SpooledTemporaryFile`` for large workbooks, closed when sent), and
``Cache-Control: no-store`` because they hold the förbund's data.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import IO

from flask import Response, send_file

__all__ = [
    "CSV_MIMETYPE",
    "SIE_CONTENT_TYPE",
    "XLSX_MIMETYPE",
    "csv_response",
    "download_name",
    "sie_response",
    "xlsx_response",
]

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv"  # Werkzeug adds "; charset=utf-8"
#: PC8 is code page 437; IBM437 is its registered charset name.
SIE_CONTENT_TYPE = "text/plain; charset=IBM437"
NAME_MAX = 100
#: Letters that Unicode does not decompose into a base letter and a mark.
_SPELLED = str.maketrans({"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "ł": "l"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_EXTENSION = re.compile(r"[a-z0-9]{1,8}")


def download_name(stem: str, *parts: object, ext: str) -> str:
    """'kostnadsfordelning-2026.xlsx': ASCII slug of stem and parts (å→a, ä→a, ö→o).

    Parts that are None or empty are left out; dates become 2026-03-05.
    """
    extension = ext.lstrip(".").lower()
    if not _EXTENSION.fullmatch(extension):
        raise ValueError(f"not a file extension: {ext!r}")
    words = [str(p) for p in (stem, *parts) if p is not None and str(p).strip()]
    text = unicodedata.normalize("NFKD", " ".join(words).translate(_SPELLED))
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")[:NAME_MAX].rstrip("-") or "export"
    return f"{slug}.{extension}"


def xlsx_response(data: bytes | IO[bytes], filename: str) -> Response:
    """An .xlsx attachment, streamed and never cached."""
    return _attachment(data, filename, XLSX_MIMETYPE)


def csv_response(data: bytes, filename: str) -> Response:
    """A CSV attachment (text/csv; charset=utf-8), streamed and never cached."""
    return _attachment(data, filename, CSV_MIMETYPE)


def sie_response(data: bytes, filename: str) -> Response:
    """An SIE file (PC8 text, as the format prescribes), never cached.

    The header is set whole afterwards: given to ``send_file`` as the mimetype,
    Werkzeug would append its own "; charset=utf-8" and the file would claim two.
    """
    response = _attachment(data, filename, "text/plain")
    response.headers["Content-Type"] = SIE_CONTENT_TYPE
    return response


def _attachment(data: bytes | IO[bytes], filename: str, mimetype: str) -> Response:
    file = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
    response = send_file(
        file,
        mimetype=mimetype,
        as_attachment=True,
        download_name=filename,
        etag=False,
        conditional=False,
    )
    response.headers["Cache-Control"] = "no-store"
    return response
