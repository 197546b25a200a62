"""The förbundschef's delegation: the limit the board set, and grants decided under it.

The board sets the limit with a decision on a delegation item; it applies once
that meeting is justerat. A delegation decision acts at once (the grant is made
and the application moves) and is reported to the board's next open meeting.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from models import Application, User, db
from models.meeting import Decision, DecisionYear, Meeting, Paragraph
from models.meeting_terms import Outcome

from ...clock import today
from ...formatting import sek
from .agenda import attach_delegation_reports, open_agenda_item
from .decisions import ZERO, check_funds, default_text
from .effects import act
from .report_terms import with_villkor
from .rules import MeetingError
from .villkor import ensure_one_final_report


def current_delegation_limit() -> Decimal | None:
    """How much the förbundschef may grant alone per insats and year (latest justerat decision)."""
    return db.session.scalar(
        select(Decision.delegation_limit)
        .where(Decision.delegation_limit.is_not(None), Decision.acted_at.is_not(None))
        .order_by(Decision.decided_on.desc(), Decision.id.desc())
        .limit(1)
    )


def delegated_decisions() -> list[Decision]:
    """Every delegation decision, newest first, with its amounts, application and the
    § it was reported in."""
    return list(
        db.session.scalars(
            select(Decision)
            .where(Decision.delegated.is_(True))
            .options(
                selectinload(Decision.years),
                joinedload(Decision.application),
                joinedload(Decision.reported_in).joinedload(Paragraph.meeting),
            )
            .order_by(Decision.decided_on.desc(), Decision.id.desc())
        )
    )


def record_delegated_decision(
    application: Application,
    *,
    year: int,
    amount: Decimal,
    decided_on: date,
    conditions: str = "",
    report_dates: list[tuple[str, date]] | None = None,
    text: str = "",
    user: User | None = None,
) -> Decision:
    """The förbundschef grants within the delegation; it acts at once and is reported later."""
    limit = current_delegation_limit()
    if limit is None:
        raise MeetingError(_l("The board has not delegated any grants to the förbundschef."))
    if amount is None or amount <= 0:
        raise MeetingError(_l("Enter the amount granted for at least one year."))
    if decided_on > today():
        raise MeetingError(_l("A delegation decision cannot be dated in the future."))
    if year not in getattr(application, "years", [year]):
        raise MeetingError(_l("%(year)s is outside the application's period.", year=year))
    held = open_agenda_item(application)
    if held is not None:  # decided there, or the money would be counted at both
        raise MeetingError(
            _l(
                "The application %(title)s is on the agenda of meeting %(meeting)s (%(item)s);"
                " the board decides it there. Take the item off the agenda (before the"
                " kallelse) or let the meeting decide that it utgår first.",
                title=application.title,
                meeting=held.meeting.label,
                item=held.label,
            )
        )
    earlier = (
        db.session.scalar(
            select(func.sum(DecisionYear.amount))
            .join(Decision, DecisionYear.decision_id == Decision.id)
            .where(
                Decision.delegated.is_(True),
                Decision.application_id == application.id,
                DecisionYear.year == year,
            )
        )
        or ZERO
    )
    if earlier + amount > limit:
        raise MeetingError(
            _l(
                "The delegation allows at most %(limit)s per insats and year; %(earlier)s is"
                " already granted under delegation. Put the matter before the board.",
                limit=sek(limit),
                earlier=sek(earlier),
            )
        )
    ensure_one_final_report(conditions, report_dates or [])
    check_funds({year: amount}, confirmed=False)
    decision = Decision(
        delegated=True,
        outcome=Outcome.GRANTED,
        conditions=conditions.strip(),
        # Report dates the villkor state are the decision's too (written once, not retyped).
        report_dates=[
            {"kind": k, "due": d.isoformat()}
            for k, d in with_villkor(conditions.strip(), report_dates or [])
        ],
        decided_on=decided_on,
        decided_by_id=getattr(user, "id", None),
    )
    decision.years.append(DecisionYear(year=year, amount=amount))
    decision.application = application
    decision.text = text.strip() or default_text(decision)
    db.session.add(decision)
    db.session.flush()
    act(decision, user=user)
    upcoming = db.session.scalar(
        select(Meeting)
        .where(Meeting.agenda_fixed_at.is_(None), Meeting.date >= decided_on)
        .order_by(Meeting.date, Meeting.id)
        .limit(1)
    )
    if upcoming is not None:
        attach_delegation_reports(upcoming)
    return decision
