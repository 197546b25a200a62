"""The Utkorg: every mail queued, sent or failed, and whether mail is sent at all."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from forms.mail import SendButtonForm
from models import db
from models.mail import MAIL_KIND_LABELS, MAIL_STATUS_LABELS, MailStatus, OutboxMail

from ...permissions import CHEF_ONLY, allow
from ...services.notifications import delivery
from ..service_call import call_service
from .blueprint import bp

#: Rows shown, newest first; older mails stay in the table (and the audit trail).
SHOWN = 200


@bp.route("/outbox")
@allow(CHEF_ONLY)
def outbox() -> str:
    """The Utkorg: what is queued, sent and failed, with the last error of each."""
    status = request.args.get("status", "")
    query = select(OutboxMail).order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())
    if status in set(MailStatus):
        query = query.where(OutboxMail.status == status)
    url = current_app.config.get("MAIL_URL", "")
    server = ""
    if url:
        try:
            server = delivery.SmtpSettings.from_url(url).describe()
        except delivery.MailConfigError as error:
            server = str(error)
    return render_template(
        "admin/outbox.html",
        mails=db.session.scalars(query.limit(SHOWN)).all(),
        counts=delivery.queue_counts(),
        status=status,
        sending=bool(url),
        server=server,
        kind_labels=MAIL_KIND_LABELS,
        status_labels=MAIL_STATUS_LABELS,
        button=SendButtonForm(),
    )


@bp.route("/outbox/<int:mail_id>/retry", methods=["POST"])
@allow(CHEF_ONLY)
def retry_mail(mail_id: int) -> Response:
    """Put a failed mail back in the queue, to be tried at the next pass."""
    mail = db.get_or_404(OutboxMail, mail_id)
    back = url_for("admin.outbox")
    if not SendButtonForm().validate_on_submit():
        return redirect(back)
    if mail.status != MailStatus.FAILED:
        flash(_("Only a failed mail can be tried again."), "warning")
        return redirect(back)
    return call_service(
        lambda: delivery.requeue(mail),
        success=_("The mail to %(to)s is queued again.", to=mail.recipient),
        then=back,
        failed=back,
    )
