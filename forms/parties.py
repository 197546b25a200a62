"""Forms for organisations and their population figures."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from models.organisation import KIND_LABELS

from .base import BaseForm, choices


class OrganisationForm(BaseForm):
    """A party, a unit under one, or an external body."""

    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter a name.")), Length(max=200)])
    short_name = StringField(_l("Short name"), validators=[Length(max=40)])
    kind = SelectField(_l("Kind"), choices=choices(list(KIND_LABELS.items())))
    parent_id = SelectField(
        _l("Part of"),
        coerce=lambda v: int(v) if v not in (None, "", "None") else None,
        validators=[Optional()],
        description=_l("For units only: the kommun or region the unit belongs to."),
    )
    org_number = StringField(_l("Organisation number"), validators=[Length(max=20)])
    is_member = BooleanField(_l("Member of the förbund"))
    submit = SubmitField(_l("Save"))


class PopulationForm(BaseForm):
    """A population figure, the key for splitting the kommuner's quarter."""

    year = IntegerField(
        _l("Year"),
        validators=[DataRequired(_l("Enter a year.")), NumberRange(min=1990, max=2100)],
    )
    inhabitants = IntegerField(
        _l("Inhabitants"),
        validators=[
            DataRequired(_l("Enter the number of inhabitants.")),
            NumberRange(min=1, max=20_000_000, message=_l("Enter a positive number.")),
        ],
    )
    reference_date = DateField(_l("Reference date"), validators=[Optional()])
    source = StringField(_l("Source"), validators=[Length(max=100)], description=_l("E.g. SCB."))
    submit = SubmitField(_l("Add"))
