"""Follow-up of the plan per period (tertial 1, delår, helår) and the delårsrapport.

Indicators get an actual value, a status and a comment. The budget is followed up
line by line: the insatser line from the grants' payments up to the period's end,
the member contributions accrued month by month, and the typed lines (kansli,
styrelse …) from what the ekonom records. Once the board adopts the report
(``adopt_period``) the period is locked by ``ensure_period_editable``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload, selectinload

from models import db
from models.meeting import Paragraph, ParagraphKind
from models.plan import (
    BudgetCategory,
    BudgetFollowUp,
    FollowUpPeriod,
    FollowUpStatus,
    Goal,
    Indicator,
    IndicatorFollowUp,
    PeriodKind,
    Plan,
    PlanBudgetLine,
)

from ..money.contributions import party_amounts
from . import budget as plan_budget
from . import lifecycle as plans
from .budget import ZERO, Budget, BudgetRow, EquityCheck

ORE = Decimal("0.01")
#: The last day of each period (month, day).
PERIOD_ENDS = {PeriodKind.TERTIAL1: (4, 30), PeriodKind.DELAR: (8, 31), PeriodKind.HELAR: (12, 31)}
REPORT_KINDS = (ParagraphKind.PLAN, ParagraphKind.REPORT)


class FollowUpError(plans.PlanError):
    """A follow-up rule was broken; ``str()`` is the Swedish message."""


def period_end(year: int, kind: str) -> date:
    """The last day a period covers."""
    month, day = PERIOD_ENDS[PeriodKind(kind)]
    return date(year, month, day)


def months_elapsed(end: date) -> int:
    """Whole months of the year covered up to ``end`` (30 April → 4, 31 December → 12)."""
    next_day = date.fromordinal(end.toordinal() + 1)
    return end.month if next_day.month != end.month else end.month - 1


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
    plan = plans.plan_in_force(year)
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


def adopt_period(period: FollowUpPeriod, paragraph: Any) -> None:
    """Link the report to the board's § and lock the follow-up."""
    ensure_period_editable(period)
    plans.check_adoption_paragraph(paragraph, REPORT_KINDS)
    period.adopted_paragraph_id = paragraph.id
    period.adopted_on = paragraph.meeting.date
    db.session.flush()


def report_paragraphs(period: FollowUpPeriod) -> list[Any]:
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

    One statement of plain rows: the page, the dashboard and the workbook only show
    them, and loading the goals, indicators and values as records took three
    statements and a third of the follow-up page's build.
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


# --- the budget against outcome -----------------------------------------------------------


@dataclass(frozen=True)
class FollowRow:
    """A budget line with its outcome to the period's end and the year's forecast."""

    category: str
    name: str
    budget: Decimal
    outcome: Decimal | None
    forecast: Decimal
    line_id: int | None = None
    derived: bool = False
    comment: str = ""

    @property
    def used_percent(self) -> Decimal | None:
        """Outcome as a share of the year's budget."""
        if not self.budget or self.outcome is None:
            return None
        return (self.outcome * 100 / self.budget).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def deviation(self) -> Decimal:
        """Forecast less budget (positive: more than budgeted)."""
        return self.forecast - self.budget


@dataclass
class BudgetFollowUpResult:
    """The budget followed up to a date; totals derived here only."""

    year: int
    end: date
    months: int
    income: list[FollowRow]
    costs: list[FollowRow]
    budget: Budget
    missing: list[FollowRow] = field(default_factory=list)

    @staticmethod
    def _sum(rows: list[FollowRow], attribute: str) -> Decimal:
        return sum((getattr(r, attribute) or ZERO for r in rows), ZERO)

    def totals(self, attribute: str) -> dict[str, Decimal]:
        """Income, costs and result for 'budget', 'outcome' or 'forecast'."""
        income = self._sum(self.income, attribute)
        costs = self._sum(self.costs, attribute)
        return {"income": income, "costs": costs, "result": income - costs}

    @property
    def equity_forecast(self) -> Decimal | None:
        """Equity at the year's end if the forecast holds."""
        start = self.budget.equity_start
        return None if start is None else start + self.totals("forecast")["result"]

    @property
    def equity(self) -> EquityCheck | None:
        """The forecast end-of-year equity against the recommended level."""
        if self.equity_forecast is None:
            return None
        forecast_contributions = self._sum(
            [r for r in self.income if r.category == BudgetCategory.CONTRIBUTION], "forecast"
        )
        return plan_budget.equity_check(
            self.equity_forecast, forecast_contributions, self.budget.steps or None
        )


def accrued(amount: Decimal, months: int) -> Decimal:
    """The share of a yearly amount that belongs to the first ``months`` months."""
    return (amount * months / 12).quantize(ORE, rounding=ROUND_HALF_UP)


def paid_until(year: int, end: date) -> Decimal:
    """Cash paid to insatser from 1 January of ``year`` to ``end`` (by payment date)."""
    from models.grant_followup import Payment

    end = min(end, date(year, 12, 31))
    total = db.session.scalar(
        select(func.sum(Payment.amount)).where(Payment.paid_on.between(date(year, 1, 1), end))
    )
    return total if total is not None else ZERO


def budget_followup(
    plan: Plan, end: date, period: FollowUpPeriod | None = None, budget: Budget | None = None
) -> BudgetFollowUpResult:
    """The plan's budget against outcome up to ``end``: drawn lines from their registers,
    typed lines from the period's recorded figures. ``budget`` is the plan's budget when
    the caller has built it already."""
    if budget is None:
        budget = plan_budget.budget_for(plan)
    months = months_elapsed(end) if end.year == plan.year else 12
    recorded = {v.budget_line_id: v for v in period.budget_values} if period else {}
    live = {party.organisation_id: party.amount for party in party_amounts(plan.year)}
    income = [_follow(row, months, end, recorded, live, plan) for row in budget.income]
    costs = [_follow(row, months, end, recorded, live, plan) for row in budget.costs]
    result = BudgetFollowUpResult(plan.year, end, months, income, costs, budget)
    result.missing = [r for r in income + costs if r.outcome is None]
    return result


def _follow(
    row: BudgetRow,
    months: int,
    end: date,
    recorded: dict[int, BudgetFollowUp],
    live_contributions: dict[int, Decimal],
    plan: Plan,
) -> FollowRow:
    if row.category == BudgetCategory.CONTRIBUTION:
        year_amount = live_contributions.get(row.organisation_id or 0, row.amount)
        return FollowRow(
            row.category,
            row.name,
            row.amount,
            accrued(year_amount, months),
            year_amount,
            derived=True,
        )
    if row.category == BudgetCategory.INSATSER:
        forecast = plan_budget.live_insatser_amount(plan)
        outcome = paid_until(plan.year, end)
        return FollowRow(row.category, row.name, row.amount, outcome, forecast, derived=True)
    value = recorded.get(row.line_id or 0)
    if value is None:
        return FollowRow(row.category, row.name, row.amount, None, row.amount, row.line_id)
    forecast = value.forecast if value.forecast is not None else row.amount
    return FollowRow(
        row.category,
        row.name,
        row.amount,
        value.actual,
        forecast,
        row.line_id,
        comment=value.comment,
    )


def period_followup(period: FollowUpPeriod, budget: Budget | None = None) -> BudgetFollowUpResult:
    """The budget follow-up of a recorded period."""
    return budget_followup(period.plan, period.end_date, period, budget)


def year_outcome(year: int) -> BudgetFollowUpResult | None:
    """The year's latest follow-up (helår when there is one): the outcome for workbooks."""
    period = latest_period(year)
    return period_followup(period) if period is not None else None


def load_period(period_id: int) -> FollowUpPeriod | None:
    """A period with its plan, the § that adopted it and its recorded budget figures (the
    indicators are read as rows by ``indicator_rows``)."""
    return db.session.scalar(
        select(FollowUpPeriod)
        .where(FollowUpPeriod.id == period_id)
        .options(
            joinedload(FollowUpPeriod.plan),
            joinedload(FollowUpPeriod.adopted_paragraph).joinedload(Paragraph.meeting),
            selectinload(FollowUpPeriod.budget_values),
        )
    )
