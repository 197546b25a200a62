"""Forms for who acts at jäv, the omröstning, reservations and protokollsanteckningar."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from models.meeting_votes import VOTE_LABELS

from .base import BaseForm, choices
from .board import optional_id

TEXT = 10_000


class StandInForm(BaseForm):
    """The present ersättare who steps in for a jävig ledamot on this item (or nobody)."""

    replaced_by_id = SelectField(
        _l("Ersättare who steps in"), coerce=optional_id, validators=[Optional()]
    )
    submit = SubmitField(_l("Save"))


class ItemChairForm(BaseForm):
    """Who chairs a § while the meeting's chair is jävig."""

    chair_id = SelectField(
        _l("Chairs the meeting for this item"), coerce=optional_id, validators=[Optional()]
    )
    submit = SubmitField(_l("Save"))


class ReservationForm(BaseForm):
    """A member reserves against the decision, optionally in writing."""

    member_id = SelectField(  # ids of their own: the note form is on the same page
        _l("Member"),
        coerce=optional_id,
        validators=[DataRequired(_l("Choose a member."))],
        id="reservation-member_id",
    )
    reason = TextAreaField(
        _l("Written reservation (optional)"),
        validators=[Length(max=TEXT)],
        description=_l("Attached to the protocol as Bilaga: reservation."),
        id="reservation-reason",
    )
    submit = SubmitField(_l("Record reservation"))


class NoteForm(BaseForm):
    """A member's protokollsanteckning on the item."""

    member_id = SelectField(
        _l("Member"),
        coerce=optional_id,
        validators=[DataRequired(_l("Choose a member."))],
        id="note-member_id",
    )
    text = TextAreaField(
        _l("Protokollsanteckning"),
        validators=[DataRequired(_l("Write the protokollsanteckning.")), Length(max=TEXT)],
        id="note-text",
    )
    submit = SubmitField(_l("Record protokollsanteckning"))


def votes_form(members: list[Any]) -> type[BaseForm]:
    """One ja / nej / avstår choice per member with a vote on the item."""

    class VotesForm(BaseForm):
        submit = SubmitField(_l("Record the vote"))

    options = choices([("", _l("—")), *VOTE_LABELS.items()])
    for member in members:
        setattr(
            VotesForm,
            f"vote_{member.id}",
            SelectField(member.name, choices=options, validators=[Optional()], default=""),
        )
    return VotesForm
