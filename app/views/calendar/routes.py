"""A user's iCalendar feed at its secret address, and making or renewing that address."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from forms.calendar import CalendarFeedForm
from models import db

from ...permissions import ALL_ROLES, allow, may, public
from ...services.admin import calendar_feeds
from ...services.meetings import calendar
from .blueprint import bp


@bp.route("/<token>.ics")
@public
def feed(token: str) -> Response:
    """The user's meetings and report due dates; the token in the address is the key.

    An unknown or revoked token and a deactivated user's token answer 404 alike.
    The meetings are in it only if the user's role may open a meeting's page.
    """
    user = calendar_feeds.user_for_token(token)
    if user is None:
        abort(404)
    data = calendar.user_feed(
        user,
        with_meetings=may("meetings.show", user.role),
        meeting_url=lambda meeting: url_for("meetings.show", meeting_id=meeting.id, _external=True),
        report_url=lambda report: url_for(
            "grants.report_show", report_id=report.id, _external=True
        ),
    )
    response = Response(data, mimetype=calendar.ICS_MIMETYPE)
    response.headers["Content-Disposition"] = 'inline; filename="samordna.ics"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/renew", methods=["POST"])
@allow(ALL_ROLES)
def renew() -> BaseResponse:
    """Make a new feed address (the old one stops working) and show it, this once.

    Only the address's hash is kept, so the page answers the post itself instead
    of redirecting: there is nothing to show it from afterwards.
    """
    form = CalendarFeedForm()
    if not form.validate_on_submit():
        flash(
            _(
                "The form's security token was missing or had expired. "
                "Go back, reload the page and try again."
            ),
            "danger",
        )
        return redirect(url_for("auth.account"))
    token = calendar_feeds.renew_feed(current_user._get_current_object())
    db.session.commit()
    address = url_for("calendar.feed", token=token, _external=True)
    response = Response(
        render_template(
            "calendar/renewed.html",
            address=address,
            webcal=address.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1),
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response
