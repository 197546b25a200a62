"""Who chairs, who was elected justerare, and who signed: read by justering and the protocol.

A small module of its own so that the protocol (and the documents built from it) can
name the signatories without importing ``justering``, which itself freezes the protocol.
"""

from __future__ import annotations

from models.board import BoardMember
from models.meeting import Meeting

from . import quorum


def chair_of(meeting: Meeting) -> BoardMember | None:
    """The meeting's ordförande (``quorum.meeting_chair``: the one chosen, else the board's)."""
    return quorum.meeting_chair(meeting)


def elected_justerare(meeting: Meeting) -> list[BoardMember]:
    """The justerare elected under "Val av justerare", in the order they were elected."""
    return [row.member for row in meeting.elected]


def signers_of(meeting: Meeting) -> list[BoardMember]:
    """Who justerade the protocol: the ordförande and the elected justerare who signed."""
    if not meeting.is_locked:
        return []
    chair = chair_of(meeting)
    signed = [row.member for row in meeting.elected if row.signed]
    return [chair, *signed] if chair is not None else signed
