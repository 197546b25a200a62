"""Board meetings: the year's list, planning, editing, the agenda, kallelse and protocol."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from forms.base import choices
from forms.meetings import ButtonForm, MeetingForm, NewMeetingForm, ParagraphForm
from models import db
from models.application import Application
from models.meeting import Meeting, Paragraph
from models.meeting_terms import PARAGRAPH_KIND_LABELS, ParagraphKind

from ... import clock
from ...permissions import CHEF_ONLY, OFFICE_READERS, allow, may
from ...services.applications import workflow as applications
from ...services.forbund import forbund_name
from ...services.meetings import agenda, anslag, protocol, protocol_files, quorum
from ...services.meetings import lifecycle as meetings
from ...services.notifications import kallelse as kallelse_mail
from ..query import asked_year
from ..service_call import call_service
from .blueprint import bp
from .common import get_meeting_or_404, meeting_for_page, member_choices, refused_as_locked


@bp.route("/")
@allow(OFFICE_READERS)
def index() -> str:
    """Meetings of a year, with their status."""
    years = meetings.meeting_years()
    year = asked_year() or (years[0] if years else clock.today().year)
    return render_template(
        "meetings/index.html",
        year=year,
        years=sorted(set(years) | {clock.today().year}, reverse=True),
        meetings=meetings.meetings_in_year(year),
        awaiting_anslag=anslag.awaiting_anslag(),
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new() -> str | Response:
    """Plan a meeting; it gets the next number of its year."""
    form = NewMeetingForm()
    form.chair_id.choices = member_choices()
    if form.validate_on_submit():
        details = {
            k: v
            for k, v in form.data.items()
            if k not in ("csrf_token", "submit", "standard_items", "date")
        }

        def plan() -> Meeting:
            meeting = meetings.create_meeting(form.date.data, **details)
            if form.standard_items.data:
                agenda.add_standard_items(meeting)
            return meeting

        return call_service(
            plan,
            success=lambda meeting: _("Meeting %(label)s has been planned.", label=meeting.label),
            then=lambda meeting: url_for("meetings.show", meeting_id=meeting.id),
            failed=lambda _error: render_template("meetings/form.html", form=form, meeting=None),
            field=form.date,
        )
    if not form.is_submitted():
        form.secretary.data = current_user.name
    return render_template("meetings/form.html", form=form, meeting=None)


@bp.route("/<int:meeting_id>")
@allow(OFFICE_READERS)
def show(meeting_id: int) -> str:
    """The meeting: details, attendance and quorum, the agenda with decisions."""
    meeting = meeting_for_page(meeting_id)
    # The add-item form lists every application on the board's table: built only when
    # the page shows it, never for a justerat meeting.
    return _show_page(meeting, _paragraph_form(meeting) if _writable(meeting) else None)


def _writable(meeting: Meeting) -> bool:
    """Whether the page offers changes: the user may edit meetings and it is not justerat."""
    return may("meetings.edit") and not meeting.is_locked


def _show_page(meeting: Meeting, item_form: ParagraphForm | None) -> str:
    writable = _writable(meeting)
    return render_template(
        "meetings/show.html",
        meeting=meeting,
        writable=writable,
        quorum=quorum.status(meeting),
        button=ButtonForm() if writable else None,  # its buttons are for changes only
        item_form=item_form,
        today=clock.today(),
        kallelse_mail=kallelse_mail.status(meeting),
        protocol_files=protocol_files.files(meeting) if meeting.is_locked else [],
        file_labels=protocol_files.FILE_LABELS,
    )


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit(meeting_id: int) -> str | Response:
    """Change date, time, place, chair and secretary before justering."""
    meeting = get_meeting_or_404(meeting_id)
    form = MeetingForm(obj=meeting)
    form.chair_id.choices = member_choices(meeting.date)
    if request.method == "POST" and refused_as_locked(meeting):
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    if form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k not in ("csrf_token", "submit")}
        return call_service(
            lambda: meetings.update_meeting(meeting, data),
            success=lambda _r: _("Meeting %(label)s has been saved.", label=meeting.label),
            then=url_for("meetings.show", meeting_id=meeting.id),
            failed=lambda _error: render_template("meetings/form.html", form=form, meeting=meeting),
            field=form.date,
        )
    return render_template("meetings/form.html", form=form, meeting=meeting)


@bp.route("/<int:meeting_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete(meeting_id: int) -> Response:
    """Remove a planned meeting (the year's last, before the kallelse)."""
    meeting = get_meeting_or_404(meeting_id)
    year, label = meeting.year, meeting.label
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: meetings.delete_meeting(meeting),
            success=_("Meeting %(label)s has been removed.", label=label),
            then=url_for("meetings.index", year=year),
            failed=url_for("meetings.show", meeting_id=meeting_id),
        )
    return redirect(url_for("meetings.show", meeting_id=meeting_id))


def _paragraph_form(meeting: Meeting) -> ParagraphForm:
    form = ParagraphForm()
    form.kind.choices = choices(list(PARAGRAPH_KIND_LABELS.items()))
    # Only applications on the table that no open agenda has yet (this one included).
    on_agenda = {p.application_id for p in meeting.paragraphs} | agenda.on_open_agendas()
    form.application_id.choices = choices(
        [("", "—")]
        + [
            (a.id, f"{a.registry_number or ''} {a.title}".strip())
            for a in _ready_applications()
            if a.id not in on_agenda
        ]
    )
    form.corrects_id.choices = choices(
        [("", "—")] + [(p.id, agenda.titled_label(p)) for p in _correctable(meeting)]
    )
    return form


def _ready_applications() -> list[Any]:
    return list(applications.ready_for_board())


def _correctable(meeting: Meeting) -> list[Paragraph]:
    """Numbered items of earlier, justerade meetings (newest first)."""
    return list(
        db.session.scalars(
            select(Paragraph)
            .join(Meeting, Paragraph.meeting_id == Meeting.id)
            .where(
                Meeting.adjusted_on.is_not(None),
                Paragraph.number.is_not(None),
                Meeting.date <= meeting.date,
                Meeting.id != meeting.id,
            )
            .order_by(Meeting.year.desc(), Paragraph.number.desc())
            .limit(200)
        )
    )


@bp.route("/<int:meeting_id>/items", methods=["POST"])
@allow(CHEF_ONLY)
def add_item(meeting_id: int) -> str | Response:
    """Put an item on the agenda."""
    meeting = get_meeting_or_404(meeting_id)
    if refused_as_locked(meeting):
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    form = _paragraph_form(meeting)
    if form.validate_on_submit():
        application = (
            db.session.get(Application, form.application_id.data)
            if form.application_id.data
            else None
        )
        corrects = (
            db.session.get(Paragraph, form.corrects_id.data) if form.corrects_id.data else None
        )
        title = form.title.data or ""
        underlag = form.underlag.data or ""
        if application is not None and form.kind.data == ParagraphKind.APPLICATION:
            title = title or application.title
            underlag = underlag or application.proposal_text or ""
        if corrects is not None and not title:
            title = agenda.correction_title(corrects)
        return call_service(
            lambda: agenda.add_paragraph(
                meeting,
                kind=form.kind.data,
                title=title,
                underlag=underlag,
                application=application,
                corrects=corrects,
            ),
            success=_("The item has been added to the agenda."),
            then=url_for("meetings.show", meeting_id=meeting.id),
            failed=lambda _error: (_show_page(meeting, form), 400),
        )
    for error in [e for errors in form.errors.values() for e in errors]:
        flash(str(error), "danger")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.route("/<int:meeting_id>/fix", methods=["POST"])
@allow(CHEF_ONLY)
def fix(meeting_id: int) -> Response:
    """Fix the agenda and send the kallelse: the items get their § numbers."""
    meeting = get_meeting_or_404(meeting_id)
    back = url_for("meetings.show", meeting_id=meeting.id)
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: agenda.fix_agenda(meeting),
            success=_(
                "The agenda of meeting %(label)s is fixed; the kallelse can be sent.",
                label=meeting.label,
            ),
            then=back,
            failed=back,
        )
    return redirect(back)


@bp.route("/<int:meeting_id>/kallelse")
@allow(OFFICE_READERS)
def kallelse(meeting_id: int) -> str:
    """The notice with the agenda and all underlag, as the board members read it."""
    meeting = meeting_for_page(meeting_id)
    return render_template(
        "meetings/kallelse.html",
        meeting=meeting,
        forbund=forbund_name(),
        data=protocol.kallelse_data(meeting),
    )
