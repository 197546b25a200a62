"""A meeting's documents: frozen protocol, anslag, protokollsutdrag, beslutsmeddelande, .ics."""

from __future__ import annotations

from io import BytesIO

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forms.meetings import AnslagForm
from models import db
from models.meeting import Decision

from ...permissions import CHEF_ONLY, OFFICE_READERS, allow
from ...services.meetings import calendar, letters, protocol_files
from ..service_call import call_service
from .blueprint import bp
from .common import get_meeting_or_404, get_paragraph_or_404, meeting_for_page

DOCX_MIMETYPE = protocol_files.DOCX_MIMETYPE


def _docx(content: bytes, name: str) -> Response:
    return send_file(
        BytesIO(content), mimetype=DOCX_MIMETYPE, as_attachment=True, download_name=name
    )


@bp.route("/<int:meeting_id>/protocol")
@allow(OFFICE_READERS)
def protocol_view(meeting_id: int) -> str:
    """The protocol laid out for printing, as the file served says it (with the stored
    files' SHA-256 after justering; the anslagsbevis filled in once the anslag is recorded)."""
    meeting = meeting_for_page(meeting_id)
    stored = protocol_files.files(meeting) if meeting.is_locked else []
    with force_locale("sv"):  # the protocol is a Swedish record, whatever the menus say
        return render_template(
            "meetings/protocol.html",
            meeting=meeting,
            data=protocol_files.served_data(meeting),
            files=stored,
            file_labels=protocol_files.FILE_LABELS,
        )


@bp.route("/<int:meeting_id>/protocol.docx")
@allow(OFFICE_READERS)
def protocol_docx(meeting_id: int) -> Response:
    """The protocol as a Word document: the newest stored file after justering (the one
    with the anslagsbevis once the anslag is recorded), or today's draft."""
    meeting = meeting_for_page(meeting_id)
    content, _sha = protocol_files.document(meeting)
    return _docx(content, protocol_files.filename(meeting))


def _stored_file(meeting_id: int, kind: str, suffix: str) -> Response:
    meeting = meeting_for_page(meeting_id)
    row = next((r for r in protocol_files.files(meeting) if r.kind == kind), None)
    if row is None:
        abort(404)
    stem = protocol_files.filename(meeting).removesuffix(".docx")
    return _docx(row.content, f"{stem}{suffix}.docx")


@bp.route("/<int:meeting_id>/protocol-files/justerat.docx")
@allow(OFFICE_READERS)
def justerat_docx(meeting_id: int) -> Response:
    """The protocol frozen at justering, byte for byte (still there after the anslag)."""
    return _stored_file(meeting_id, protocol_files.PROTOCOL, "")


@bp.route("/<int:meeting_id>/protocol-files/anslagsbevis.docx")
@allow(OFFICE_READERS)
def anslagsbevis_docx(meeting_id: int) -> Response:
    """The protocol with the anslagsbevis filled in, byte for byte (once the anslag is recorded)."""
    return _stored_file(meeting_id, protocol_files.ANSLAG, "-anslagsbevis")


@bp.route("/items/<int:paragraph_id>/protokollsutdrag.docx")
@allow(OFFICE_READERS)
def extract_docx(paragraph_id: int) -> Response:
    """A protokollsutdrag of one §."""
    paragraph = get_paragraph_or_404(paragraph_id)
    return _docx(protocol_files.extract(paragraph), protocol_files.extract_filename(paragraph))


@bp.route("/decisions/<int:decision_id>/beslutsmeddelande.docx")
@allow(OFFICE_READERS)
def decision_letter(decision_id: int) -> Response:
    """The beslutsmeddelande to the projektägare of a board decision on an application."""
    decision = db.session.get(Decision, decision_id)
    if decision is None or decision.application is None or decision.paragraph is None:
        abort(404)
    return _docx(protocol_files.decision_letter(decision), letters.filename(decision))


@bp.route("/<int:meeting_id>/anslag", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def anslag_form(meeting_id: int) -> str | Response:
    """Record when the justerat protocol was posted on the anslagstavla and taken down."""
    meeting = get_meeting_or_404(meeting_id)
    back = url_for("meetings.show", meeting_id=meeting.id)
    if not meeting.is_locked:
        flash(_("The protocol is posted once it is justerat; record justering first."), "danger")
        return redirect(back)
    form = AnslagForm(obj=meeting)
    if form.validate_on_submit():
        return call_service(
            lambda: protocol_files.record_anslag(
                meeting, posted_on=form.posted_on.data, taken_down_on=form.taken_down_on.data
            ),
            success=lambda _r: _("The anslag of protocol %(label)s is saved.", label=meeting.label),
            then=back,
            failed=lambda _error: render_template(
                "meetings/anslag.html", meeting=meeting, form=form
            ),
            field=form.posted_on,
        )
    return render_template("meetings/anslag.html", meeting=meeting, form=form)


@bp.route("/<int:meeting_id>.ics")
@allow(OFFICE_READERS)
def ics(meeting_id: int) -> Response:
    """The meeting as one calendar event (.ics), to add it to one's own calendar."""
    meeting = get_meeting_or_404(meeting_id)
    data = calendar.meeting_calendar(
        meeting, url_for("meetings.show", meeting_id=meeting.id, _external=True)
    )
    response = send_file(
        BytesIO(data),
        mimetype=calendar.ICS_MIMETYPE,
        as_attachment=True,
        download_name=calendar.meeting_filename(meeting),
    )
    response.headers["Cache-Control"] = "no-store"  # like every download of the förbund's data
    return response
