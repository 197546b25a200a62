"""The mails, one function per kind: who receives it, what it says, and queueing it.

Each ``queue_*`` function is the single call another area makes on a change
(submission, komplettering, justering, payment; the kallelse is in ``kallelse``).
Mails are always in Swedish: the text and HTML parts come from ``templates/mail/<kind>.txt/.html``,
rendered under the Swedish locale whatever the sender's language.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale

from models import Application, Decision, Payment, ProjectReport, User
from models.mail import MailKind, OutboxMail
from models.meeting_terms import OUTCOME_LABELS

from ..forbund import forbund_name
from . import recipients
from .outbox import Message, Recipient, queue, split_by_size

DEFAULT_BASE_URL = "http://127.0.0.1:5000"
#: The reports by their Swedish names, as the mails call them.
REPORT_NAMES = {"status": "lägesrapport", "final": "slutrapport"}


def link(endpoint: str, **values: Any) -> str:
    """An absolute link into Samordna (``BASE_URL``), also from the command line."""
    base = urlsplit(current_app.config.get("BASE_URL") or DEFAULT_BASE_URL)
    adapter = current_app.url_map.bind(
        base.netloc, url_scheme=base.scheme or "https", script_name=base.path or "/"
    )
    return adapter.build(endpoint, values, force_external=True)


def render(kind: str, subject: str, **context: Any) -> Message:
    """The text and HTML parts of ``kind`` in Swedish, with the förbund's name."""
    context.update(forbund=forbund_name(), subject=subject)
    with force_locale("sv"):
        text = render_template(f"mail/{kind}.txt", **context)
        html = render_template(f"mail/{kind}.html", **context)
    return Message(kind=kind, subject=subject, text=text, html=html)


# --- applications -----------------------------------------------------------------------


def queue_application_received(application: Application, *, user: User | None) -> list[OutboxMail]:
    """Tell the projektägare's contact that the application is registered, with its dnr."""
    subject = f"Ansökan mottagen: {application.title} (dnr {application.registry_number})"
    message = render(
        MailKind.APPLICATION_RECEIVED,
        subject,
        application=application,
        application_link=link("applications.show", application_id=application.id),
    )
    return queue(
        message,
        recipients.application_contact(application),
        related=("application", application.id),
        user=user,
    )


def queue_supplement_request(
    application: Application, missing: str, *, user: User | None
) -> list[OutboxMail]:
    """Ask the projektägare's contact for a komplettering, saying what is missing."""
    subject = f"Komplettering begärs: {application.title} (dnr {application.registry_number})"
    message = render(
        MailKind.SUPPLEMENT_REQUEST,
        subject,
        application=application,
        missing=missing.strip(),
        application_link=link("applications.show", application_id=application.id),
    )
    return queue(
        message,
        recipients.application_contact(application),
        related=("application", application.id),
        user=user,
    )


def decision_attachments(
    documents: Sequence[tuple[str, str, bytes]],
) -> tuple[list[dict[str, Any]], list[str]]:
    """The documents that fit in ``MAIL_ATTACHMENT_MAX_BYTES`` as outbox entries (the
    content kept in the row, base64), and the names of those left to the link."""
    fit, left = split_by_size(documents, lambda document: len(document[2]))
    attached = [
        {
            "filename": name,
            "content_type": mimetype,
            "content_base64": base64.b64encode(content).decode("ascii"),
        }
        for name, mimetype, content in fit
    ]
    return attached, [name for name, _mimetype, _content in left]


def queue_decision(
    decision: Decision,
    *,
    user: User | None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> list[OutboxMail]:
    """After justering: the board's decision to the projektägare's contact, with the
    documents the meetings area built (protokollsutdrag, beslutsmeddelande) attached as
    ``(filename, mimetype, content)`` and a link to the application where they are kept."""
    application = decision.application
    if application is None:
        return []
    paragraph = decision.paragraph
    meeting = paragraph.meeting if paragraph is not None else None
    with force_locale("sv"):
        outcome = str(OUTCOME_LABELS.get(decision.outcome, decision.outcome))
    subject = f"Beslut om ansökan: {application.title} (dnr {application.registry_number})"
    attached, left = decision_attachments(attachments)
    message = render(
        MailKind.DECISION,
        subject,
        application=application,
        decision=decision,
        outcome=outcome,
        meeting=meeting,
        paragraph=paragraph,
        attached=[a["filename"] for a in attached],
        left=left,
        application_link=link("applications.show", application_id=application.id),
    )
    message.attachments = attached
    return queue(
        message,
        recipients.application_contact(application),
        related=("application", application.id),
        user=user,
    )


# --- grants -----------------------------------------------------------------------------


def queue_payment_notice(payment: Payment, *, user: User | None) -> list[OutboxMail]:
    """Tell the projektägare that money has been paid out (corrections are not announced)."""
    if payment.amount <= 0:
        return []
    grant = payment.grant
    subject = f"Utbetalning till {grant.name}"
    message = render(
        MailKind.PAYMENT_NOTICE,
        subject,
        grant=grant,
        payment=payment,
        grant_link=link("grants.show", grant_id=grant.id),
    )
    return queue(
        message, recipients.grant_contact(grant), related=("payment", payment.id), user=user
    )


def queue_report_reminder(report: ProjectReport, step: str, today: date) -> list[OutboxMail]:
    """Remind the projektägare's contact and the förbundschef of a report; once per step."""
    grant = report.grant
    name = REPORT_NAMES.get(report.kind, "rapport")
    days = (report.due_on - today).days
    if days > 0:
        subject = f"Påminnelse: {name} för {grant.name} ska lämnas senast {report.due_on}"
    elif days == 0:
        subject = f"Påminnelse: {name} för {grant.name} ska lämnas i dag"
    else:
        subject = f"Försenad {name} för {grant.name}: skulle ha lämnats {report.due_on}"
    message = render(
        MailKind.REPORT_REMINDER,
        subject,
        report=report,
        grant=grant,
        report_name=name,
        days=days,
        overdue_days=-days,
        grant_link=link("grants.show", grant_id=grant.id),
    )
    to: list[Recipient] = [*recipients.grant_contact(grant), *recipients.forbundschefer()]
    return queue(
        message, to, related=("project_report", report.id), key=f"report:{report.id}:{step}"
    )
