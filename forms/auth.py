"""Log-in and own-account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from models.user import LOCALE_LABELS

from .base import BaseForm, choices

MIN_PASSWORD = 10


class LoginForm(BaseForm):
    """E-mail and password."""

    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Length(max=254, message=_l("An e-mail address has at most 254 characters.")),
        ],
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    submit = SubmitField(_l("Log in"))


class ProfileForm(BaseForm):
    """A user's own language choice."""

    locale = SelectField(_l("Language"), choices=choices(list(LOCALE_LABELS.items())))
    submit = SubmitField(_l("Save"))


class ChangePasswordForm(BaseForm):
    """A user's own new password, confirmed by the current one."""

    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD, message=_l("At least %(num)d characters.", num=MIN_PASSWORD)),
        ],
        description=_l("At least %(num)d characters.", num=MIN_PASSWORD),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[EqualTo("password", message=_l("The passwords do not match."))],
    )
    submit = SubmitField(_l("Change password"))
