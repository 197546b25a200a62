"""What board decisions set in motion once they act.

A decision is valid once the minutes are justerade (docs/domain.md, Justering), so
``act_on_meeting`` runs at justering (``meetings.record_justering``) and, for
every decision of the meeting, creates the grant (``grants.create_grant``, or
``grants.amend_grant`` for an extension or supplement whose parent insats has a
grant), moves the application (``applications.apply_board_outcome``), puts a
postponed item on the chosen later meeting's agenda and queues the decision mail with
the §'s protokollsutdrag and the beslutsmeddelande attached (built here, from the
justerat protocol: the notifications area below cannot build them). A delegation decision
(``delegation.py``) acts at once through ``act``.
"""

from __future__ import annotations

from datetime import date

from flask_babel import force_locale
from sqlalchemy import select

from models import Application, User, db
from models.base import utcnow
from models.grant import Grant
from models.meeting import Decision, Meeting
from models.meeting_terms import Outcome, ParagraphKind

from ..applications import workflow as applications
from ..grants import lifecycle as grants
from ..notifications import messages
from . import protocol_files
from .agenda import add_paragraph
from .rules import MeetingError

#: What the applications area is told for each outcome (withdrawn leaves it as it is).
APPLICATION_STATUS = {
    Outcome.GRANTED: "granted",
    Outcome.PARTLY_GRANTED: "partly_granted",
    Outcome.REJECTED: "rejected",
    Outcome.REFERRED_BACK: "referred_back",
    Outcome.POSTPONED: "postponed",
}


def act_on_meeting(meeting: Meeting, *, user: User | None = None) -> None:
    """At justering: every decision of the meeting takes effect, in § order."""
    for paragraph in sorted(meeting.paragraphs, key=lambda p: p.number or 0):
        if paragraph.decision is not None and paragraph.decision.acted_at is None:
            act(paragraph.decision, user=user, flush=False)
    db.session.flush()


def act(decision: Decision, *, user: User | None = None, flush: bool = True) -> None:
    """Create the grant and move the application, as the decision says."""
    application = decision.application
    if application is not None and decision.outcome in APPLICATION_STATUS:
        note = paragraph_note(decision)
        try:
            applications.apply_board_outcome(
                application, APPLICATION_STATUS[Outcome(decision.outcome)], user=user, note=note
            )
            if decision.grants_money:
                _grant_from(decision, application, user)
        except MeetingError:
            raise
        except ValueError as error:  # the applications' or grants' own rule, told in Swedish
            raise MeetingError(f"{note}: {error}") from error
    decision.acted_at = utcnow()  # before a postponed item moves: it leaves this agenda
    if application is not None and decision.outcome == Outcome.POSTPONED:
        _move_to_later_meeting(decision)
    # "Utgår" decides nothing about the application: no decision letter to the projektägare.
    if (
        application is not None
        and decision.paragraph_id is not None
        and decision.outcome != Outcome.WITHDRAWN
    ):
        messages.queue_decision(
            decision, user=user, attachments=protocol_files.decision_documents(decision)
        )
    if flush:
        db.session.flush()


def paragraph_note(decision: Decision) -> str:
    """Where the decision was made, in Swedish whoever acts: it is stored on the grant."""
    with force_locale("sv"):
        return decision.citation


def _grant_from(decision: Decision, application: Application, user: User | None) -> None:
    reports = [(r["kind"], date.fromisoformat(r["due"])) for r in decision.report_dates or []]
    parent = getattr(application, "parent", None)
    existing = _grant_of(parent) if parent is not None else None
    if existing is not None and getattr(application, "kind", "") in ("extension", "supplement"):
        end = getattr(application, "period_end", None)
        grants.amend_grant(
            existing,
            years=decision.amounts(),
            decision=decision,
            user=user,
            period_end=end if end and end > existing.period_end else None,
            note=str(application.title),
        )
        return
    grants.create_grant(
        name=application.title,
        owner=application.owner,
        years=decision.amounts(),
        conditions=decision.conditions,
        report_dates=reports,
        application=application,
        decision=decision,
        user=user,
    )


def _grant_of(application: Application) -> Grant | None:
    """The grant that followed an earlier application (the parent of an extension)."""
    return db.session.scalar(
        select(Grant).where(Grant.application_id == application.id).order_by(Grant.id).limit(1)
    )


def _move_to_later_meeting(decision: Decision) -> None:
    """Bordläggning: the item goes on the chosen later meeting's agenda."""
    target = decision.postponed_to
    if target is None or target.is_locked:
        return
    paragraph = decision.paragraph
    if any(p.application_id == decision.application_id for p in target.paragraphs):
        return
    try:
        with db.session.begin_nested():
            add_paragraph(
                target,
                kind=ParagraphKind.APPLICATION,
                title=paragraph.title if paragraph else decision.application.title,
                underlag=paragraph.underlag if paragraph else "",
                application=decision.application,
            )
    except MeetingError:
        pass  # e.g. a later meeting already has numbers; the application waits for the next
