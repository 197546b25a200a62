"""The kallelse by e-mail: to every ledamot and ersättare serving on the meeting day.

The meeting page shows who was sent it and when, and offers a reviderad kallelse
when the meeting or its agenda changed after the last one was sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from models import Meeting, User
from models.mail import MailKind, OutboxMail

from ..errors import DomainError
from . import recipients
from .messages import link, render
from .outbox import queue, sent_for, split_by_size


class KallelseError(DomainError):
    """The kallelse cannot be sent (agenda not fixed, meeting justerat, no addresses)."""


def _kallelse_attachments(meeting: Meeting) -> tuple[list[dict[str, Any]], list[Any]]:
    """The applications' files that fit in ``MAIL_ATTACHMENT_MAX_BYTES``; the rest are linked."""
    files = [
        attachment
        for paragraph in meeting.paragraphs
        if paragraph.application is not None
        for attachment in paragraph.application.attachments
    ]
    fit, linked = split_by_size(files, lambda attachment: attachment.size)
    attached = [{"attachment_id": a.id, "filename": a.filename} for a in fit]
    return attached, linked


def queue_kallelse(
    meeting: Meeting, *, user: User | None, revised: bool = False
) -> list[OutboxMail]:
    """Send the kallelse (or a reviderad kallelse) to every ledamot and ersättare serving
    on the meeting day; the agenda and underlag in the mail, the files attached or linked."""
    word = "Reviderad kallelse" if revised else "Kallelse"
    subject = f"{word} till styrelsens sammanträde {meeting.label}"
    attached, linked = _kallelse_attachments(meeting)
    items = [
        {
            "label": f"§ {p.number}" if p.number else f"{index}.",
            "title": p.title,
            "underlag": p.underlag,
            "application": p.application,
            "link": link("applications.show", application_id=p.application_id)
            if p.application_id
            else "",
        }
        for index, p in enumerate(meeting.paragraphs, start=1)
    ]
    message = render(
        MailKind.KALLELSE,
        subject,
        meeting=meeting,
        revised=revised,
        items=items,
        attached=attached,
        linked=linked,
        kallelse_link=link("meetings.kallelse", meeting_id=meeting.id),
    )
    message.attachments = [{"attachment_id": a["attachment_id"]} for a in attached]
    return queue(
        message, recipients.board_roster(meeting.date), related=("meeting", meeting.id), user=user
    )


@dataclass(frozen=True)
class KallelseStatus:
    """Who was sent the kallelse and when, and whether a reviderad kallelse is due."""

    mails: list[OutboxMail]
    last_sent: datetime | None
    changed_since: bool


def status(meeting: Meeting) -> KallelseStatus:
    """The kallelse mails of ``meeting``, newest first, and whether it changed since."""
    mails = sent_for("meeting", meeting.id, MailKind.KALLELSE)
    last = max((m.created_at for m in mails), default=None)
    changed = last is not None and (meeting.last_changed or last) > last
    return KallelseStatus(mails=mails, last_sent=last, changed_since=changed)


def send_kallelse(meeting: Meeting, *, user: User | None) -> list[OutboxMail]:
    """The förbundschef sends the kallelse; a second sending is a reviderad kallelse."""
    if not meeting.agenda_fixed:
        raise KallelseError(_l("Fix the agenda before the kallelse is sent."))
    if meeting.is_locked:
        raise KallelseError(_l("The protocol is justerat; no kallelse is sent any more."))
    revised = bool(sent_for("meeting", meeting.id, MailKind.KALLELSE))
    rows = queue_kallelse(meeting, user=user, revised=revised)
    if not rows:
        raise KallelseError(
            _l("No ledamot or ersättare with an e-mail address serves on the meeting day.")
        )
    return rows
