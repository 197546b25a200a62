"""Decisions on agenda items and the funds check.

When decisions act: the board decides at the meeting, but (docs/domain.md, Justering) a
decision is valid once the minutes are justerade. So a decision is recorded at
the meeting and shown as "gäller efter justering"; what it sets in motion at
justering lives in ``effects.py``. A delegation decision by the
förbundschef (``delegation.py``) acts at once.

The funds check: for every year a decision grants money, the adopted plan's budget
for insatser, what is already decided (grants plus decisions still waiting for
justering), this decision and what remains — the one figure of ``funds.py``, which
the dashboard and the plan show too. Granting beyond what remains — or when no plan
is adopted for the year — needs an explicit confirmation, which the protocol shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import Application, User, db
from models.meeting import Decision, DecisionYear, Meeting, Paragraph
from models.meeting_terms import APPLICATION_OUTCOMES, GRANTING, Outcome, ParagraphKind

from ...formatting import sek
from . import jav, quorum
from .agenda import open_agenda_item
from .funds import money_left_for_insatser
from .report_terms import with_villkor
from .rules import MeetingError, ensure_held, ensure_not_locked, ensure_paragraph_open
from .villkor import ensure_one_final_report
from .votes import decided_as

ZERO = Decimal("0.00")

OTHER_OUTCOMES = (Outcome.ADOPTED, Outcome.NOTED, Outcome.WITHDRAWN)


#: Application states the board can decide on (proposed, or postponed earlier).
ON_THE_TABLE = ("proposed", "postponed")


class FundsExceeded(MeetingError):
    """The decision grants more than remains of a year's money and was not confirmed."""


@dataclass(frozen=True)
class FundsLine:
    """One year of the funds check: ``available`` is the adopted plan's budget for
    insatser (None without an adopted plan, version ``plan_version``), ``granted`` what
    is already decided for the year."""

    year: int
    available: Decimal | None
    granted: Decimal
    this: Decimal
    plan_version: int | None = None

    @property
    def remaining(self) -> Decimal | None:
        """What is left after this decision; None when no plan is adopted for the year."""
        if self.available is None:
            return None
        return self.available - self.granted - self.this

    @property
    def over(self) -> bool:
        """True when this decision goes beyond the year's money (or it is unknown)."""
        return self.this > 0 and (self.remaining is None or self.remaining < 0)


def outcomes_for(paragraph: Paragraph) -> tuple[Outcome, ...]:
    """The outcomes an item can have."""
    if paragraph.kind == ParagraphKind.APPLICATION:
        return APPLICATION_OUTCOMES
    return OTHER_OUTCOMES


def funds_check(years: Mapping[int, Decimal], exclude: Decision | None = None) -> list[FundsLine]:
    """Money for insatser, already decided, this decision and what remains, per year."""
    lines = []
    for year in sorted(years):
        left = money_left_for_insatser(year, exclude)
        this = Decimal(years[year] or 0)
        lines.append(FundsLine(year, left.budget, left.decided, this, left.plan_version))
    return lines


def check_funds(
    years: Mapping[int, Decimal], *, confirmed: bool, exclude: Decision | None = None
) -> list[FundsLine]:
    """Refuse granting beyond what remains unless explicitly confirmed."""
    lines = funds_check(years, exclude)
    over = [line for line in lines if line.over]
    if over and not confirmed:
        parts = [
            str(
                _l("%(year)s: %(remaining)s remains", year=line.year, remaining=sek(line.remaining))
                if line.remaining is not None
                else _l("%(year)s: no adopted verksamhetsplan", year=line.year)
            )
            for line in over
        ]
        raise FundsExceeded(
            _l(
                "The decision goes beyond the money for insatser (%(details)s). Tick the"
                " confirmation to decide it anyway; the protocol will say so.",
                details="; ".join(parts),
            )
        )
    return lines


class DecisionConflict(MeetingError):
    """Two decisions on the same item were saved at the same moment; the later one lost."""


def _clean_years(years: Mapping[int, Decimal | None] | None) -> dict[int, Decimal]:
    cleaned = {int(y): Decimal(a) for y, a in (years or {}).items() if a is not None and a > 0}
    for year in cleaned:
        if not 1990 <= year <= 2100:
            raise MeetingError(_l("%(year)s is not a valid year.", year=year))
    return cleaned


def record_decision(
    paragraph: Paragraph,
    *,
    outcome: str,
    text: str = "",
    reasons: str = "",
    conditions: str = "",
    years: Mapping[int, Decimal | None] | None = None,
    report_dates: list[tuple[str, date]] | None = None,
    over_budget_confirmed: bool = False,
    postponed_to: Meeting | None = None,
    delegation_limit: Decimal | None = None,
    user: User | None = None,
) -> Decision:
    """Record (or change, before justering) the board's decision on an item."""
    meeting = paragraph.meeting
    ensure_not_locked(meeting)
    ensure_paragraph_open(paragraph)
    ensure_held(meeting)
    if outcome != Outcome.WITHDRAWN:  # "utgår" is no decision on the matter: a meeting that
        quorum.ensure_quorate(meeting, paragraph)  # was not quorate can still close its §§
        jav.ensure_chaired(paragraph)
    if outcome not in outcomes_for(paragraph):
        raise MeetingError(_l("Choose one of the decisions offered for this item."))
    if outcome != Outcome.WITHDRAWN:
        _ensure_on_the_table(paragraph)
    amounts = _clean_years(years) if outcome in GRANTING else {}
    decision = paragraph.decision or Decision()  # linked to the item last (autoflush)
    # The form shows the stored text; sent back unchanged it was the standard text of the
    # old decision, so the changed decision gets its own (never a stale amount in the record).
    if decision.outcome and text.strip() == default_text(decision, title=paragraph.title):
        text = ""
    if outcome in GRANTING:
        if not amounts:
            raise MeetingError(_l("Enter the amount granted for at least one year."))
        check_funds(amounts, confirmed=over_budget_confirmed, exclude=decision)
    if outcome == Outcome.REJECTED and not reasons.strip():
        raise MeetingError(_l("Give the reasons for rejecting the application."))
    if outcome == Outcome.REFERRED_BACK and not reasons.strip():
        raise MeetingError(_l("Say what is to be done before the matter returns to the board."))
    if outcome == Outcome.WITHDRAWN and not reasons.strip():
        raise MeetingError(_l("Give the reason the item utgår; the protocol says it."))
    if (
        outcome == Outcome.POSTPONED
        and postponed_to is not None
        and (postponed_to.is_locked or postponed_to.date <= meeting.date)
    ):
        raise MeetingError(_l("An item is postponed to a later meeting that is not justerat."))
    ensure_one_final_report(conditions, report_dates or [], outcome)
    if delegation_limit is not None and paragraph.kind != ParagraphKind.DELEGATION:
        raise MeetingError(_l("A delegation limit is set on a delegation item."))
    before = decided_as(paragraph.decision)
    if before is not None and before != (outcome, amounts):
        decision.votes.clear()  # the omröstning was on the decision as it stood (ja for it)
    decision.application = paragraph.application
    decision.outcome = outcome
    decision.reasons = (
        reasons.strip()
        if outcome in (Outcome.REJECTED, Outcome.REFERRED_BACK, Outcome.WITHDRAWN)
        else ""
    )
    decision.conditions = conditions.strip() if outcome in GRANTING else ""
    # The report dates the villkor state count as typed: the förbundschef writes them once.
    decision.report_dates = (
        [
            {"kind": kind, "due": due.isoformat()}
            for kind, due in with_villkor(decision.conditions, report_dates or [])
        ]
        if outcome in GRANTING
        else []
    )
    over = any(line.over for line in funds_check(amounts, decision))
    decision.over_budget_confirmed = bool(over_budget_confirmed) and over
    decision.postponed_to = postponed_to if outcome == Outcome.POSTPONED else None
    decision.delegation_limit = delegation_limit if outcome == Outcome.ADOPTED else None
    decision.decided_on = meeting.date
    decision.decided_by_id = getattr(user, "id", None)
    existing = {y.year: y for y in decision.years}
    for year, row in existing.items():
        if year not in amounts:
            decision.years.remove(row)
    for year, amount in amounts.items():
        if year in existing:
            existing[year].amount = amount
        else:
            decision.years.append(DecisionYear(year=year, amount=amount))
    decision.text = text.strip() or default_text(decision, title=paragraph.title)
    if decision.paragraph is None:
        db.session.add(decision)
        decision.paragraph = paragraph
    label = paragraph.label  # read now: after a failed flush the session reads nothing
    try:
        db.session.flush()
    except IntegrityError as error:  # the caller rolls back, as for every MeetingError
        raise DecisionConflict(
            _l(
                "Someone else recorded a decision on %(label)s at the same moment, so yours "
                "was not saved. Reload the page to see it, and change it if needed.",
                label=label,
            )
        ) from error
    return decision


def _ensure_on_the_table(paragraph: Paragraph) -> None:
    """An application is decided only while on the table, and only once (at one §)."""
    application = paragraph.application
    if application is None:
        return
    if application.status not in ON_THE_TABLE:
        raise MeetingError(
            _l(
                "The application %(title)s is no longer on the board's table (it was decided or"
                " withdrawn elsewhere). %(label)s can only get the decision 'utgår' with a"
                " reason.",
                title=application.title,
                label=paragraph.label,
            )
        )
    earlier = paragraph.decision
    elsewhere = open_agenda_item(application, besides=paragraph.meeting)
    if earlier is not None and earlier.outcome == Outcome.WITHDRAWN and elsewhere is not None:
        # This § utgick and the matter went on to another agenda: it is decided there.
        raise MeetingError(
            _l(
                "The application %(title)s is now on the agenda of meeting %(meeting)s"
                " (%(item)s) and is decided there. %(label)s can only get the decision"
                " 'utgår' with a reason.",
                title=application.title,
                meeting=elsewhere.meeting.label,
                item=elsewhere.label,
                label=paragraph.label,
            )
        )
    other = db.session.scalar(
        select(Decision)
        .where(
            Decision.application_id == application.id,
            Decision.acted_at.is_(None),
            Decision.outcome != Outcome.WITHDRAWN,
            Decision.delegated.is_(False),
            Decision.paragraph_id != paragraph.id,
        )
        .limit(1)
    )
    if other is not None and other.paragraph is not None:
        raise MeetingError(
            _l(
                "The application %(title)s is already decided at %(label)s; an application is"
                " decided once. Change or withdraw that decision first.",
                title=application.title,
                label=other.paragraph.citation,
            )
        )


def remove_decision(paragraph: Paragraph) -> None:
    """Take back a decision recorded by mistake (before justering)."""
    ensure_not_locked(paragraph.meeting)
    ensure_paragraph_open(paragraph)
    decision = paragraph.decision
    if decision is None:
        return
    if decision.outcome == Outcome.WITHDRAWN and paragraph.application is not None:
        elsewhere = open_agenda_item(paragraph.application, besides=paragraph.meeting)
        if elsewhere is not None:  # without its utgår the § would hold the matter again
            raise MeetingError(
                _l(
                    "The matter has gone on to the agenda of meeting %(meeting)s (%(item)s);"
                    " the decision that %(label)s utgår stands.",
                    meeting=elsewhere.meeting.label,
                    item=elsewhere.label,
                    label=paragraph.label,
                )
            )
    paragraph.decision = None
    db.session.flush()


def default_text(decision: Decision, title: str = "") -> str:
    """The decision in the protocol's words (Swedish), when none was written."""
    title = getattr(decision.application, "title", "") or title
    with force_locale("sv"):
        if decision.grants_money:
            amounts = ", ".join(f"{y.year}: {sek(y.amount)}" for y in decision.years)
            values = {"total": sek(decision.total), "title": title, "amounts": amounts}
            if decision.outcome == Outcome.GRANTED:
                return _("The board grants %(total)s to %(title)s (%(amounts)s).", **values)
            return _("The board grants %(title)s in part, %(total)s (%(amounts)s).", **values)
        if decision.outcome == Outcome.REJECTED:
            return _("The board rejects the application %(title)s.", title=title)
        if decision.outcome == Outcome.REFERRED_BACK:
            return _("The board refers %(title)s back for further preparation.", title=title)
        if decision.outcome == Outcome.POSTPONED:
            return _("The board postpones %(title)s to a later meeting.", title=title)
        if decision.outcome == Outcome.NOTED:
            return _("The board notes the information.")
        if decision.outcome == Outcome.WITHDRAWN:
            if decision.reasons:
                return _(
                    "The item is withdrawn from the agenda: %(reason)s", reason=decision.reasons
                )
            return _("The item is withdrawn from the agenda.")
        return _("The board decides in accordance with the proposal.")


def decisions_for(application: Application) -> list[Decision]:
    """Every decision on an application, oldest first, each linking to its meeting and §."""
    return list(
        db.session.scalars(
            select(Decision)
            .where(Decision.application_id == application.id)
            .order_by(Decision.decided_on, Decision.id)
        )
    )
