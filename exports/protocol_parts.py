"""The protocol as plain Swedish text: what the print view and the .docx documents lay out.

``app/services/meetings/protocol.py`` fills these from the meeting; the builders in
``exports/protocol_docx.py`` and ``exports/decision_letter.py`` and the print template
only arrange them, so the print view and the Word document say the same thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Item:
    """One § of the protocol."""

    number: str
    title: str
    kind: str
    paragraph_id: int
    underlag: str = ""
    minutes: str = ""
    decision: str = ""
    details: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reference: str = ""
    # The standard items' sentences ("Ordföranden öppnar mötet."), generated from the data.
    standard: list[str] = field(default_factory=list)
    # An ärende: diarienummer, applicant, background (beredning), att-satser, amounts per year.
    registry_number: str = ""
    applicant: str = ""
    background: str = ""
    clauses: list[str] = field(default_factory=list)
    amounts: list[tuple[str, str]] = field(default_factory=list)
    # Written reservations attached to the protocol: ("Bilaga: reservation – X, § 5", text).
    appendices: list[tuple[str, str]] = field(default_factory=list)
    # Omedelbar justering: the § was justerad at the meeting (its extract is no draft).
    adjusted_now: bool = False
    appeal_ends: str = ""


@dataclass
class Anslag:
    """The anslagsbevis on the protocol's last page."""

    adjusted_on: str
    posted_on: str
    taken_down_on: str
    appeal_ends: str
    kept_at: str


@dataclass
class ProtocolData:
    """Everything the protocol says, as Swedish text."""

    forbund: str
    title: str
    number: str  # "5/2026"
    date: str
    time: str
    place: str
    decision_makers: list[str]
    serving: list[str]
    not_serving: list[str]
    others: list[str]
    justerare: str
    adjusted: str
    range: str
    quorum: str
    items: list[Item]
    signatures: list[tuple[str, str]]
    kept_at: str
    draft: bool
    justerare_names: list[str] = field(default_factory=list)
    anslag: Anslag | None = None


def to_json(data: ProtocolData) -> dict[str, Any]:
    """The protocol's content as JSON, to store with a frozen file."""
    return asdict(data)


def from_json(value: dict[str, Any]) -> ProtocolData:
    """The protocol's content from its stored JSON (unknown keys ignored, missing ones default)."""
    known = {f.name for f in fields(ProtocolData)}
    row = {key: item for key, item in value.items() if key in known}
    row["items"] = [_item(item) for item in value.get("items", [])]
    row["signatures"] = [(str(role), str(name)) for role, name in value.get("signatures", [])]
    anslag = value.get("anslag")
    row["anslag"] = Anslag(**anslag) if anslag is not None else None
    return ProtocolData(**row)


def _item(value: dict[str, Any]) -> Item:
    known = {f.name for f in fields(Item)}
    row = {key: item for key, item in value.items() if key in known}
    row["amounts"] = [(str(year), str(amount)) for year, amount in value.get("amounts", [])]
    row["appendices"] = [(str(title), str(text)) for title, text in value.get("appendices", [])]
    return Item(**row)
