"""Follow-up of the plan per period (tertial 1, delår, helår) and the delårsrapport.

Indicators get an actual value, a status and a comment; the typed budget lines
(kansli, styrelse …) get what the ekonom records. The budget against outcome
built from these is in ``budget_followup.py``. Once the board adopts the report
(``adopt_period``) the period is locked by ``ensure_period_editable``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload, selectinload

from models import db
from models.meeting import Paragraph
from models.meeting_terms import ParagraphKind
from models.plan import (
    BudgetFollowUp,
    FollowUpPeriod,
    FollowUpStatus,
    Goal,
    Indicator,
    IndicatorFollowUp,
    PeriodKind,
    PlanBudgetLine,
)

from . import lifecycle as plans
from .budget_followup import BudgetFollowUpResult, period_followup
from .rules import PlanError, plan_in_force

#: The last day of each period (month, day).
PERIOD_ENDS = {PeriodKind.TERTIAL1: (4, 30), PeriodKind.DELAR: (8, 31), PeriodKind.HELAR: (12, 31)}
REPORT_KINDS = (ParagraphKind.PLAN, ParagraphKind.REPORT)


class FollowUpError(PlanError):
    """A follow-up rule was broken; ``str()`` is the Swedish message."""


def period_end(year: int, kind: str) -> date:
    """The last day a period covers."""
    month, day = PERIOD_ENDS[PeriodKind(kind)]
    return date(year, month, day)


def periods(year: int) -> list[FollowUpPeriod]:
    """The year's follow-ups, in order."""
    return list(
        db.session.scalars(
            select(FollowUpPeriod)
            .where(FollowUpPeriod.year == year)
            .order_by(FollowUpPeriod.end_date)
        )
    )


def latest_period(year: int) -> FollowUpPeriod | None:
    """The year's most recent follow-up."""
    found = periods(year)
    return found[-1] if found else None


def ensure_period_editable(period: FollowUpPeriod) -> None:
    """Refuse any change to a follow-up whose report the board adopted."""
    if period.is_adopted:
        raise FollowUpError(
            _l("The board has adopted this follow-up; it can no longer be changed.")
        )


def open_period(year: int, kind: str) -> FollowUpPeriod:
    """Start a follow-up of the plan in force (the latest adopted version, else the draft)."""
    if kind not in set(PeriodKind):
        raise FollowUpError(_l("Choose a period."))
    plan = plan_in_force(year)
    if plan is None:
        raise FollowUpError(_l("There is no plan for %(year)s to follow up.", year=year))
    if any(p.kind == kind for p in periods(year)):
        raise FollowUpError(_l("This period has already been started."))
    period = FollowUpPeriod(plan=plan, year=year, kind=kind, end_date=period_end(year, kind))
    db.session.add(period)
    db.session.flush()
    return period


def update_summary(period: FollowUpPeriod, summary: str) -> None:
    """The report's own text."""
    ensure_period_editable(period)
    period.summary = summary or ""
    db.session.flush()


def record_indicator(
    period: FollowUpPeriod,
    indicator: Indicator,
    *,
    actual: Decimal | None,
    status: str,
    comment: str = "",
) -> IndicatorFollowUp:
    """An indicator's value, status and comment for the period (replacing an earlier one)."""
    ensure_period_editable(period)
    if indicator.goal.plan_id != period.plan_id:
        raise FollowUpError(_l("The indicator is not part of the plan being followed up."))
    if status not in set(FollowUpStatus):
        raise FollowUpError(_l("Choose a status."))
    row = next((v for v in period.indicator_values if v.indicator_id == indicator.id), None)
    if row is None:
        row = IndicatorFollowUp(indicator=indicator, status=status)
        period.indicator_values.append(row)
    row.actual, row.status, row.comment = actual, status, comment or ""
    db.session.flush()
    return row


def record_budget(
    period: FollowUpPeriod,
    line: PlanBudgetLine,
    *,
    actual: Decimal,
    forecast: Decimal | None = None,
    comment: str = "",
) -> BudgetFollowUp:
    """Outcome to the period's end (and the year's forecast) of a typed line."""
    ensure_period_editable(period)
    if line.plan_id != period.plan_id or line.derived:
        raise FollowUpError(
            _l("Outcomes are recorded for the plan's typed lines; the others are drawn.")
        )
    row = next((v for v in period.budget_values if v.budget_line_id == line.id), None)
    if row is None:
        row = BudgetFollowUp(budget_line=line, actual=actual)
        period.budget_values.append(row)
    row.actual, row.forecast, row.comment = actual, forecast, comment or ""
    db.session.flush()
    return row


def adopt_period(period: FollowUpPeriod, paragraph: Paragraph | None) -> None:
    """Link the report to the board's § and lock the follow-up."""
    ensure_period_editable(period)
    plans.check_adoption_paragraph(paragraph, REPORT_KINDS)
    period.adopted_paragraph_id = paragraph.id
    period.adopted_on = paragraph.meeting.date
    db.session.flush()


def report_paragraphs(period: FollowUpPeriod) -> list[Paragraph]:
    """Free agenda items where the report can be adopted."""
    return plans.adoption_paragraphs(period.year, REPORT_KINDS)


# --- indicators ---------------------------------------------------------------------------


class GoalHeading(NamedTuple):
    """The goal an indicator row belongs to."""

    id: int
    title: str


class IndicatorFigures(NamedTuple):
    """What the follow-up shows of an indicator."""

    id: int
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None


class RecordedValue(NamedTuple):
    """An indicator's recorded value, status and comment for the period."""

    actual: Decimal | None
    status: str
    comment: str


class IndicatorRow(NamedTuple):
    """One indicator with its follow-up in a period (value None when not yet recorded)."""

    goal: GoalHeading
    indicator: IndicatorFigures
    value: RecordedValue | None


def indicator_rows(period: FollowUpPeriod) -> list[IndicatorRow]:
    """Every indicator of the followed-up plan with its recorded value, goal by goal.

    Read as plain rows in one query (indicators joined to their goal and to the
    period's value, if any): the page, the dashboard and the workbook only show them.
    """
    recorded = and_(
        IndicatorFollowUp.indicator_id == Indicator.id, IndicatorFollowUp.period_id == period.id
    )
    rows = db.session.execute(
        select(
            Goal.id,
            Goal.title,
            Indicator.id,
            Indicator.name,
            Indicator.unit,
            Indicator.baseline,
            Indicator.target,
            IndicatorFollowUp.id,
            IndicatorFollowUp.actual,
            IndicatorFollowUp.status,
            IndicatorFollowUp.comment,
        )
        .select_from(Indicator)
        .join(Goal, Indicator.goal_id == Goal.id)
        .outerjoin(IndicatorFollowUp, recorded)
        .where(Goal.plan_id == period.plan_id)
        .order_by(Goal.position, Goal.id, Indicator.position, Indicator.id)
    )
    return [
        IndicatorRow(
            GoalHeading(row[0], row[1]),
            IndicatorFigures(*row[2:7]),
            RecordedValue(*row[8:11]) if row[7] is not None else None,
        )
        for row in rows
    ]


def status_counts(rows: list[IndicatorRow]) -> dict[str, int]:
    """How many indicators are on track, at risk, off track, and not followed up."""
    counts = {status.value: 0 for status in FollowUpStatus}
    counts["missing"] = 0
    for row in rows:
        counts[row.value.status if row.value else "missing"] += 1
    return counts


def year_outcome(year: int) -> BudgetFollowUpResult | None:
    """The year's latest follow-up (helår when there is one): the outcome for workbooks."""
    period = latest_period(year)
    return period_followup(period) if period is not None else None


def load_period_for_page(period_id: int) -> FollowUpPeriod | None:
    """A period with what its follow-up page shows, or None if there is none: its plan,
    the § that adopted it and its recorded budget figures (the indicators are read as
    rows by ``indicator_rows``)."""
    return db.session.scalar(
        select(FollowUpPeriod)
        .where(FollowUpPeriod.id == period_id)
        .options(
            joinedload(FollowUpPeriod.plan),
            joinedload(FollowUpPeriod.adopted_paragraph).joinedload(Paragraph.meeting),
            selectinload(FollowUpPeriod.budget_values),
        )
    )
