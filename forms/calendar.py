"""The button that makes or renews a user's calendar feed address (Mitt konto)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField

from .base import BaseForm


class CalendarFeedForm(BaseForm):
    """No fields: the form token guards the renewal like every other change."""

    submit = SubmitField(_l("Make a new calendar address"))
