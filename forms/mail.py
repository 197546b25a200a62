"""E-mail forms: a user's choice of mails, and the buttons of the Utkorg and kallelse."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField
from wtforms.fields import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from models.mail import MAIL_KIND_LABELS, OPTIONAL_KINDS

from .base import BaseForm, choices


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes, one per choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MailPreferencesForm(BaseForm):
    """Which kinds of mail the user receives (the kallelse to the board is always sent)."""

    kinds = MultiCheckboxField(
        _l("Send me e-mail about"),
        choices=choices((kind.value, MAIL_KIND_LABELS[kind]) for kind in OPTIONAL_KINDS),
        validate_choice=True,
    )
    submit = SubmitField(_l("Save"))


class SendButtonForm(BaseForm):
    """A button that queues or requeues mail (with its CSRF token)."""

    submit = SubmitField(_l("Send"))
