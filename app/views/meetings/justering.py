"""Justering: electing the justerare, the justering that locks the meeting, omedelbar justering."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forms.meetings import ButtonForm, JusterareForm, JusteringForm
from models import db
from models.board import BoardMember
from models.meeting import Meeting

from ... import clock
from ...permissions import CHEF_ONLY, allow
from ...services.meetings import justering as rules
from ..service_call import call_service
from .blueprint import bp
from .common import get_meeting_or_404, get_paragraph_or_404, refused_as_locked


def _roster(meeting: Meeting) -> list[tuple[int, str]]:
    """The ordförande and the elected justerare: who can be ticked as having justerat."""
    chair = rules.chair_of(meeting)
    people = [chair] if chair is not None else []
    people += rules.elected_justerare(meeting)
    return [
        (m.id, _("%(name)s (ordförande)", name=m.name) if m is chair else m.name) for m in people
    ]


@bp.route("/<int:meeting_id>/justering", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def justering(meeting_id: int) -> str | Response | tuple[str, int]:
    """Record the justering: who justerade and when; the protocol becomes final."""
    meeting = get_meeting_or_404(meeting_id)
    if request.method == "POST" and refused_as_locked(meeting):
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    form = JusteringForm()
    form.signers.choices = _roster(meeting)
    if request.method == "GET":
        form.adjusted_on.data = clock.today()
        form.signers.data = [value for value, _label in form.signers.choices]
        form.adjusted_place.data = meeting.place

    def page() -> str:
        return render_template(
            "meetings/justering.html",
            meeting=meeting,
            form=form,
            problems=rules.problems(meeting),
            needed=rules.justerare_needed(),
            elected=rules.elected_justerare(meeting),
            paragraph=rules.justerare_paragraph(meeting),
        )

    if form.validate_on_submit():
        signers = [db.session.get(BoardMember, i) for i in form.signers.data]
        return call_service(
            lambda: rules.record_justering(
                meeting,
                on=form.adjusted_on.data,
                signers=[m for m in signers if m is not None],
                place=form.adjusted_place.data or "",
                user=current_user,
            ),
            success=lambda _r: _(
                "The protocol of meeting %(label)s is justerat; its decisions now apply.",
                label=meeting.label,
            ),
            then=url_for("meetings.show", meeting_id=meeting.id),
            failed=lambda _error: (page(), 400),
            field=form.signers,
        )
    if form.is_submitted():  # refused by the form: the same page, what was ticked kept
        return page(), 400
    return page()


@bp.route("/items/<int:paragraph_id>/justerare", methods=["POST"])
@allow(CHEF_ONLY)
def elect_justerare(paragraph_id: int) -> Response:
    """Val av justerare: record whom the meeting elected."""
    paragraph = get_paragraph_or_404(paragraph_id)
    meeting = paragraph.meeting
    back = url_for("meetings.item", paragraph_id=paragraph.id)
    if refused_as_locked(meeting):
        return redirect(back)
    form = JusterareForm()
    form.members.choices = [(m.id, m.name) for m in rules.eligible_justerare(meeting)]
    if form.validate_on_submit():
        members = [db.session.get(BoardMember, i) or abort(404) for i in form.members.data]
        return call_service(
            lambda: rules.elect_justerare(meeting, members),
            success=_("Elected justerare: %(names)s.", names=", ".join(m.name for m in members)),
            then=back,
            failed=back,
        )
    for error in [e for errors in form.errors.values() for e in errors]:
        flash(str(error), "danger")
    return redirect(back)


@bp.route("/items/<int:paragraph_id>/adjust-now", methods=["POST"])
@allow(CHEF_ONLY)
def adjust_now(paragraph_id: int) -> Response:
    """Omedelbar justering of one §: its decision takes effect at once and the § locks."""
    paragraph = get_paragraph_or_404(paragraph_id)
    back = url_for("meetings.item", paragraph_id=paragraph.id)
    if refused_as_locked(paragraph.meeting):
        return redirect(back)
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: rules.adjust_at_meeting(paragraph, user=current_user),
            success=_(
                "%(label)s is omedelbart justerad; its decision applies now.", label=paragraph.label
            ),
            then=back,
            failed=back,
        )
    return redirect(back)
