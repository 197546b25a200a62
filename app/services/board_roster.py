"""The board's members as plain values, kept per data version.

Every meeting page, protocol and kallelse names the members taking part, counts
the seats of the meeting day and orders the voters by party. The board is a few
dozen terms that change a few times a year, so the whole roster is read once per
data version and process (app/versioned.py) instead of joining each attendance
and jäv row to its member and organisation, and the seats of a day are counted
from it instead of asked of the database.

``Member`` answers what the quorum and protocol rules read of a ``BoardMember``
(name, role, office, term, organisation's name and order), so those rules take
either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import select

from models import Organisation, db
from models.board import BoardMember, BoardTerm


@dataclass(frozen=True, slots=True)
class Party:
    """The organisation a member sits for: what the protocol and the vote order read."""

    id: int
    name: str
    short_name: str
    position: int


@dataclass(frozen=True, slots=True)
class Member(BoardTerm):
    """One term on the board, read-only."""

    id: int
    name: str
    role: str
    position: str
    term_start: dt.date
    term_end: dt.date
    organisation: Party


def members() -> Mapping[int, Member]:
    """Every term on the board by id, ledamöter and ersättare, past and present."""
    rows = db.session.execute(
        select(
            BoardMember.id,
            BoardMember.name,
            BoardMember.role,
            BoardMember.position,
            BoardMember.term_start,
            BoardMember.term_end,
            Organisation.id.label("organisation_id"),
            Organisation.name.label("organisation_name"),
            Organisation.short_name,
            Organisation.position.label("organisation_position"),
        ).join(Organisation, BoardMember.organisation_id == Organisation.id)
    )
    parties: dict[int, Party] = {}
    result: dict[int, Member] = {}
    for row in rows:
        party = parties.setdefault(
            row.organisation_id,
            Party(
                row.organisation_id,
                row.organisation_name,
                row.short_name,
                row.organisation_position,
            ),
        )
        result[row.id] = Member(
            row.id, row.name, row.role, row.position, row.term_start, row.term_end, party
        )
    return MappingProxyType(result)


def member(member_id: int | None) -> Member | None:
    """One term by id (None for none)."""
    return None if member_id is None else members().get(member_id)


def seats_on(day: dt.date) -> list[Member]:
    """The ledamöter whose term covers the day: the seats of a meeting held then."""
    return [m for m in members().values() if m.is_ledamot and m.serves_on(day)]
