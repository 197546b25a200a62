"""Mitt konto, e-post: which kinds of mail the user receives."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forms.mail import MailPreferencesForm
from models.mail import OPTIONAL_KINDS

from ...permissions import ALL_ROLES, allow
from ...services.notifications import outbox
from ..service_call import call_service
from .blueprint import bp


@bp.route("/account/mail", methods=["GET", "POST"])
@allow(ALL_ROLES)
def mail_preferences() -> str | Response:
    """Choose the kinds of mail to receive; the kallelse to board members always goes out."""
    user = current_user._get_current_object()
    form = MailPreferencesForm()
    if form.validate_on_submit():
        return call_service(
            lambda: outbox.set_preferences(user, form.kinds.data or []),
            success=_("Your choice of e-mail has been saved."),
            then=url_for("auth.mail_preferences"),
            failed=url_for("auth.mail_preferences"),
        )
    if not form.is_submitted():
        off = outbox.preferences(user)
        form.kinds.data = [kind.value for kind in OPTIONAL_KINDS if kind not in off]
    return render_template("auth/mail_preferences.html", form=form)
