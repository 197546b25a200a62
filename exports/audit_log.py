"""The audit trail as a workbook for the revisor: one row per changed field.

Built from plain records (see :func:`audit_records`), free of Flask: the view
gives each entry's time already in Stockholm time, its user's name and the
Swedish names of object and fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .workbook import Column, Sheet, frame_of

TITLE = "Ändringslogg"
ACTIONS = {"insert": "Skapad", "update": "Ändrad", "delete": "Borttagen"}
COLUMNS = [
    Column("at", "Tidpunkt (svensk tid)", width=20),
    Column("user", "Användare"),
    Column("action", "Ändring"),
    Column("object", "Objekt"),
    Column("row_id", "Objekt-id"),
    Column("field", "Fält"),
    Column("old", "Före", width=40),
    Column("new", "Efter", width=40),
]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def audit_records(entries: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One record per field of each entry (an entry with no fields gets one row).

    Each entry is a mapping with ``at`` (text), ``user``, ``action``
    (insert/update/delete), ``object``, ``row_id`` and ``fields``: a list of
    (Swedish field name, old, new).
    """
    records = []
    for entry in entries:
        base = {
            "at": entry["at"],
            "user": entry["user"],
            "action": ACTIONS.get(entry["action"], entry["action"]),
            "object": entry["object"],
            "row_id": entry["row_id"],
        }
        fields = entry["fields"] or [(None, None, None)]
        for field, old, new in fields:
            records.append({**base, "field": field, "old": _text(old), "new": _text(new)})
    return records


def audit_sheets(entries: Iterable[Mapping[str, Any]]) -> list[Sheet]:
    """The workbook's one sheet."""
    frame = frame_of(audit_records(entries), COLUMNS)
    return [Sheet(TITLE, frame, COLUMNS, heading=TITLE)]
