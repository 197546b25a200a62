"""User administration and förbund settings forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from app.services.applications.registry import RegistryError, check_format
from models.user import ROLE_LABELS, Role

from .auth import MIN_PASSWORD
from .base import BaseForm, PercentField, choices, mail_address, single_line


def _password_field(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(_l("Enter a password.")),
            Length(min=MIN_PASSWORD, message=_l("At least %(num)d characters.", num=MIN_PASSWORD)),
        ],
        description=_l("At least %(num)d characters. Give it to the user in person."),
    )


class UserForm(BaseForm):
    """Create or change an account; organisation matters for projektägare only."""

    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Enter an e-mail address.")),
            Email(_l("Not an e-mail address.")),
            mail_address,
        ],
    )
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Enter a name.")), Length(max=200), single_line],
    )
    role = SelectField(_l("Role"), choices=choices(list(ROLE_LABELS.items())))
    organisation_id = SelectField(
        _l("Organisation"),
        coerce=lambda v: int(v) if v not in (None, "", "None") else None,
        description=_l("Required for project owners: they see only this organisation's matters."),
    )
    active = BooleanField(_l("Active"), default=True)
    submit = SubmitField(_l("Save"))

    def validate_organisation_id(self, field: SelectField) -> None:
        if self.role.data == Role.PROJEKTAGARE and not field.data:
            raise ValidationError(_l("Choose the organisation the project owner works for."))


class NewUserForm(UserForm):
    """A new account needs a first password."""

    password = _password_field(_l("Password"))


class ResetPasswordForm(BaseForm):
    """The förbundschef sets a new password for someone who forgot theirs."""

    password = _password_field(_l("New password"))
    submit = SubmitField(_l("Set new password"))


def _account_field(label: object, description: object) -> StringField:
    """A BAS account number for the SIE export: 4 to 6 digits."""
    return StringField(
        label,
        validators=[
            DataRequired(_l("Enter an account number.")),
            single_line,
            Regexp(r"^\d{4,6}$", message=_l("An account number is 4 to 6 digits.")),
        ],
        description=description,
    )


class ForbundForm(BaseForm):
    """The förbund's name, number and settings."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), single_line])
    org_number = StringField(_l("Organisation number"), validators=[Length(max=20), single_line])
    split_unit = SelectField(
        _l("Rounding of cost splits"),
        choices=choices([("1.00", _l("Whole kronor")), ("0.01", _l("Öre"))]),
    )
    registry_format = StringField(
        _l("Diarienummer format"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("{year} and {seq:03d} are replaced, e.g. 2026/014."),
    )
    grant_account = _account_field(
        _l("Account for grants paid (SIE)"),
        _l("BAS account debited for each payment in the SIE file, e.g. 4990."),
    )
    bank_account = _account_field(
        _l("Bank account (SIE)"), _l("BAS account credited for each payment, e.g. 1930.")
    )
    justerare_count = IntegerField(
        _l("Justerare besides the ordförande"),
        default=1,
        validators=[Optional(), NumberRange(1, 5, _l("Enter a number from 1 to 5."))],
        description=_l(
            "How many justerare elected at the meeting justera the protocol together with the"
            " ordförande, as the reglemente says (usually 1)."
        ),
    )
    jav_ersattare_steps_in = BooleanField(
        _l("An ersättare steps in for a jävig ledamot"),
        description=_l(
            "When a ledamot is jävig on an item, a present ersättare of the same party serves"
            " for that item (as most reglementen for samordningsförbund allow). Untick if the"
            " reglemente does not allow it."
        ),
    )
    account_personnel = _account_field(
        _l("Own costs: staff (SIE)"),
        _l("Salaries of the förbund's own insatser, e.g. 7210 Löner till tjänstemän."),
    )
    account_premises = _account_field(_l("Own costs: premises (SIE)"), _l("e.g. 5010 Lokalhyra."))
    account_travel = _account_field(_l("Own costs: travel (SIE)"), _l("e.g. 5800 Resekostnader."))
    account_material = _account_field(
        _l("Own costs: material and IT (SIE)"), _l("e.g. 5400 Förbrukningsinventarier.")
    )
    account_evaluation = _account_field(
        _l("Own costs: evaluation (SIE)"), _l("e.g. 6550 Konsultarvoden.")
    )
    account_other = _account_field(
        _l("Own costs: administration and other (SIE)"),
        _l("e.g. 6990 Övriga externa kostnader."),
    )
    submit = SubmitField(_l("Save"))

    def validate_registry_format(self, field: StringField) -> None:
        try:
            check_format(field.data or "")
        except RegistryError as error:
            raise ValidationError(str(error)) from error


class PoRateForm(BaseForm):
    """One year's PO-pålägg for one kind of employer, as the förbund keeps it."""

    year = IntegerField(
        _l("Year"),
        validators=[
            DataRequired(_l("Enter a year.")),
            NumberRange(1990, 2100, message=_l("Enter a year between 1990 and 2100.")),
        ],
    )
    employer = SelectField(
        _l("Employer"),
        choices=choices(
            [("kommun", _l("Kommun")), ("region", _l("Region")), ("state", _l("State (FK, AF)"))]
        ),
    )
    rate = PercentField(
        _l("PO-pålägg"),
        validators=[InputRequired(_l("Enter the rate in percent, e.g. 44,53."))],
    )
    source = SelectField(
        _l("Source"),
        choices=choices([("forbund", _l("Entered by the förbund")), ("skr", _l("SKR"))]),
        description=_l("A rate for state employers is always the förbund's own."),
    )
    submit = SubmitField(_l("Save rate"))
