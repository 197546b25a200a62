"""An application's co-applicants, planned participants and attachments.

Attachments are served only to those who may read the application, always as
a download (``Content-Disposition: attachment``) with ``nosniff``, so that a
file is never rendered by the browser in Samordna's origin.
"""

from __future__ import annotations

import io

from flask import abort, send_file, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forms.application_budget import AttachmentForm, ParticipantsForm, PartyForm
from forms.applications import DeleteForm
from models import Application, Attachment, Organisation, db

from ...permissions import ALL_ROLES, APPLICATION_WRITERS, allow
from ...services.applications import attachments as files
from ...services.applications import content
from ..service_call import call_service
from .blueprint import bp
from .common import (
    bound_form,
    editable_application_or_refuse,
    get_application_or_403,
    get_child_or_404,
    render_edit,
    user,
)


def _edit_url(application: Application, anchor: str) -> str:
    return url_for("applications.edit", application_id=application.id) + anchor


@bp.route("/<int:application_id>/parties", methods=["POST"])
@allow(APPLICATION_WRITERS)
def add_party(application_id: int) -> Response | tuple[str, int]:
    """Add a co-applicant organisation."""
    application = editable_application_or_refuse(application_id)
    form = bound_form(application, "party_form", PartyForm(prefix="party"))
    if not form.validate_on_submit():
        return render_edit(application, 400, party_form=form)
    organisation = db.session.get(Organisation, form.organisation_id.data) or abort(400)
    return call_service(
        lambda: content.add_party(
            application,
            organisation,
            user=user(),
            contact_name=form.contact_name.data or "",
            contact_email=form.contact_email.data or "",
        ),
        success=_("%(name)s has been added as co-applicant.", name=organisation.name),
        then=_edit_url(application, "#parties"),
        failed=lambda _error: render_edit(application, 400, party_form=form),
    )


@bp.route("/<int:application_id>/parties/<int:party_id>/delete", methods=["POST"])
@allow(APPLICATION_WRITERS)
def delete_party(application_id: int, party_id: int) -> Response:
    """Remove a co-applicant."""
    application = editable_application_or_refuse(application_id)
    party = get_child_or_404(application.parties, party_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    return call_service(
        lambda: content.remove_party(application, party, user=user()),
        success=_("The co-applicant has been removed."),
        then=_edit_url(application, "#parties"),
        failed=_edit_url(application, "#parties"),
    )


@bp.route("/<int:application_id>/participants", methods=["POST"])
@allow(APPLICATION_WRITERS)
def set_participants(application_id: int) -> Response | tuple[str, int]:
    """Planned participants for a year."""
    application = editable_application_or_refuse(application_id)
    form = bound_form(application, "participants_form", ParticipantsForm(prefix="participants"))
    if not form.validate_on_submit():
        return render_edit(application, 400, participants_form=form)
    return call_service(
        lambda: content.set_participants(
            application, form.year.data, form.planned.data, user=user()
        ),
        success=_("The planned participants have been saved."),
        then=_edit_url(application, "#parties"),
        failed=lambda _error: render_edit(application, 400, participants_form=form),
    )


@bp.route("/<int:application_id>/attachments", methods=["POST"])
@allow(APPLICATION_WRITERS)
def upload_attachment(application_id: int) -> Response | tuple[str, int]:
    """Attach a PDF, DOCX or XLSX file (checked by content, at most 10 MB)."""
    application = editable_application_or_refuse(application_id)
    form = AttachmentForm(prefix="file")
    if not form.validate_on_submit():
        return render_edit(application, 400, attachment_form=form)
    upload = form.file.data
    data = upload.stream.read(files.MAX_BYTES + 1)
    return call_service(
        lambda: files.add_attachment(
            application,
            upload.filename or "",
            data,
            user=user(),
            description=form.description.data or "",
        ),
        success=_("The file has been attached."),
        then=_edit_url(application, "#attachments"),
        failed=lambda _error: render_edit(application, 400, attachment_form=form),
        field=form.file,
    )


@bp.route("/<int:application_id>/attachments/<int:attachment_id>")
@allow(ALL_ROLES)
def download_attachment(application_id: int, attachment_id: int) -> Response:
    """The file, as a download, to those who may read the application."""
    application = get_application_or_403(application_id)
    meta = get_child_or_404(application.attachments, attachment_id)
    data = db.session.scalar(db.select(Attachment.content).where(Attachment.id == meta.id))
    if data is None:
        abort(404)
    response = send_file(
        io.BytesIO(data),
        mimetype=meta.content_type,
        as_attachment=True,
        download_name=meta.filename,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:application_id>/attachments/<int:attachment_id>/delete", methods=["POST"])
@allow(APPLICATION_WRITERS)
def delete_attachment(application_id: int, attachment_id: int) -> Response:
    """Remove a draft's attachment."""
    application = editable_application_or_refuse(application_id)
    attachment = get_child_or_404(application.attachments, attachment_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    return call_service(
        lambda: files.remove_attachment(application, attachment, user=user()),
        success=_("The attachment has been removed."),
        then=_edit_url(application, "#attachments"),
        failed=_edit_url(application, "#attachments"),
    )
