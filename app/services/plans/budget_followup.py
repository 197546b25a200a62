"""The plan's budget against outcome up to a date: what a follow-up period reports.

The insatser line comes from the grants' payments up to the period's end, the
member contributions are accrued month by month, and the typed lines (kansli,
styrelse …) come from what the ekonom recorded for the period (``followup.py``).
The forecast for the year sets the equity at its end against the recommended level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from models import db
from models.grant_followup import Payment
from models.plan import BudgetCategory, BudgetFollowUp, FollowUpPeriod, Plan

from ..money.contributions import party_amounts
from . import budget as plan_budget
from . import equity as plan_equity
from .budget import ZERO, Budget, BudgetRow
from .equity import EquityCheck

ORE = Decimal("0.01")


def months_elapsed(end: date) -> int:
    """Whole months of the year covered up to ``end`` (30 April → 4, 31 December → 12)."""
    next_day = date.fromordinal(end.toordinal() + 1)
    return end.month if next_day.month != end.month else end.month - 1


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
        return plan_equity.equity_check(
            self.equity_forecast, forecast_contributions, self.budget.steps or None
        )

    @property
    def warnings(self) -> list[str]:
        """A negative forecast result or negative forecast equity (``budget_warnings``)."""
        return plan_budget.budget_warnings(
            self.totals("forecast")["result"], self.equity_forecast, self.equity
        )


def accrued(amount: Decimal, months: int) -> Decimal:
    """The share of a yearly amount that belongs to the first ``months`` months."""
    return (amount * months / 12).quantize(ORE, rounding=ROUND_HALF_UP)


def paid_until(year: int, end: date) -> Decimal:
    """Cash paid to insatser from 1 January of ``year`` to ``end`` (by payment date)."""
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
