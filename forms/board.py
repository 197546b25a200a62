"""The board register form: one person's term on the board for a member party."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from models.board import POSITION_LABELS, ROLE_LABELS

from .base import BaseForm, choices, mail_address


def optional_id(value: object) -> int | None:
    """Select value → id, or None for the empty choice (and anything not a number)."""
    try:
        return int(str(value)) if value not in (None, "", "None") else None
    except ValueError:
        return None


class BoardMemberForm(BaseForm):
    """A ledamot or ersättare with the term of office."""

    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter a name.")), Length(max=200)])
    organisation_id = SelectField(
        _l("Member party"), coerce=optional_id, validators=[DataRequired(_l("Choose a party."))]
    )
    role = SelectField(_l("Seat"), choices=choices(list(ROLE_LABELS.items())))
    position = SelectField(_l("Office"), choices=choices(list(POSITION_LABELS.items())))
    term_start = DateField(
        _l("Term from"), validators=[DataRequired(_l("Enter a date (YYYY-MM-DD)."))]
    )
    term_end = DateField(_l("Term to"), validators=[DataRequired(_l("Enter a date (YYYY-MM-DD)."))])
    email = EmailField(
        _l("E-mail"),
        validators=[Optional(), Email(_l("Not an e-mail address.")), mail_address, Length(max=254)],
    )
    user_id = SelectField(
        _l("Log-in account"),
        coerce=optional_id,
        validators=[Optional()],
        description=_l("The member's account, if they log in to read the kallelse."),
    )
    submit = SubmitField(_l("Save"))

    def validate_term_end(self, field: DateField) -> None:
        if field.data and self.term_start.data and field.data < self.term_start.data:
            raise ValidationError(_l("The term of office ends before it starts."))
