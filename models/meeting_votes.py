"""What the protocol records around a decision: an omröstning, reservations, protokollsanteckningar.

The rules (who may vote, reserve or make a note) live in
``app/services/meetings/votes.py``; here only the rows and their constraints.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from .base import Audited, Base, TimestampMixin
from .board import BoardMember
from .meeting import Decision, Paragraph


class Vote(StrEnum):
    """One member's vote in an omröstning: for the decision as recorded, against, or abstaining."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


VOTE_LABELS = {Vote.YES: _l("Yes"), Vote.NO: _l("No"), Vote.ABSTAIN: _l("Abstains")}


class DecisionVote(Audited, Base):
    """How one member voted when omröstning was asked for on a decision."""

    __tablename__ = "decision_vote"
    __table_args__ = (
        UniqueConstraint("decision_id", "member_id"),
        CheckConstraint("vote IN ('yes', 'no', 'abstain')", name="vote"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("board_member.id"), index=True)
    vote: Mapped[str] = mapped_column(String(10))

    decision: Mapped[Decision] = relationship(
        backref=backref("votes", order_by="DecisionVote.id", cascade="all, delete-orphan")
    )
    member: Mapped[BoardMember] = relationship()


class DecisionReservation(Audited, TimestampMixin, Base):
    """A member reserves themselves against a decision, optionally with a written reason."""

    __tablename__ = "decision_reservation"
    __table_args__ = (UniqueConstraint("decision_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("board_member.id"), index=True)
    # The written reservation, attached to the protocol ("Bilaga: reservation"); may be empty.
    reason: Mapped[str] = mapped_column(Text, default="")

    decision: Mapped[Decision] = relationship(
        backref=backref(
            "reservations", order_by="DecisionReservation.id", cascade="all, delete-orphan"
        )
    )
    member: Mapped[BoardMember] = relationship()


class ProtocolNote(Audited, TimestampMixin, Base):
    """A protokollsanteckning: a member's own note on an item, printed in the protocol."""

    __tablename__ = "protocol_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("paragraph.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("board_member.id"), index=True)
    text: Mapped[str] = mapped_column(Text)

    paragraph: Mapped[Paragraph] = relationship(
        backref=backref("protocol_notes", order_by="ProtocolNote.id", cascade="all, delete-orphan")
    )
    member: Mapped[BoardMember] = relationship()
