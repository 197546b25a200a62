"""The landing page's figures for each role: the year's budget, granted, paid and remaining,
insatser by status, reports due, the indicators' latest follow-up, and the two charts'
numbers (budget against outcome per line, equity over the years).

The office roles see the förbund's figures; a projektägare sees only the grants of
their own organisation, and nothing of the plan's budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from models import Role, User, db
from models.grant import Grant
from models.grant_followup import Payment, ProjectReport
from models.plan import FollowUpPeriod, Plan

from ..grants import lifecycle as grants
from ..grants.reports import due_reports
from ..meetings.funds import MoneyLeft, money_left_for_insatser
from ..money.contributions import years as contribution_years
from . import budget as plan_budget
from . import equity as plan_equity
from . import followup
from . import insatser as plan_insatser
from .budget import ZERO
from .budget_followup import BudgetFollowUpResult, budget_followup, period_followup
from .rules import plan_in_force


@dataclass(frozen=True)
class EquityPoint:
    """Equity at the end of a year: recorded, or projected from the year's plan."""

    year: int
    equity: Decimal
    forecast: bool
    contributions: Decimal | None
    check: plan_equity.EquityCheck | None
    row_id: int | None = None
    note: str = ""  # what the ekonom wrote with a recorded year ("Enligt årsredovisningen")


def equity_series(
    until: int | None = None, steps: Sequence[tuple[Decimal, Decimal]] | None = None
) -> list[EquityPoint]:
    """Recorded equity for every year in the history, then the plans' projections after it.

    ``steps`` are the equity steps when the caller has read them already.
    """
    if steps is None:
        steps = plan_equity.equity_steps()
    points = []
    history = plan_equity.equity_history()
    recorded = {row.year: row.amount for row in history}
    entered = {c.year: c.total for c in contribution_years()}  # one query, not one a year
    for row in history:
        total = entered.get(row.year)
        check = plan_equity.equity_check(row.amount, total, steps)
        points.append(EquityPoint(row.year, row.amount, False, total, check, row.id, row.note))
    last = max(recorded, default=None)
    plan_years = db.session.scalars(select(func.distinct(Plan.year)).order_by(Plan.year)).all()
    for year in plan_years:
        if (last is not None and year <= last) or (until is not None and year > until):
            continue
        plan = plan_in_force(year)
        budget = plan_budget.budget_for(plan, steps) if plan else None
        if budget is None or budget.equity_end is None:
            continue
        total = budget.contributions or entered.get(year)
        points.append(
            EquityPoint(
                year,
                budget.equity_end,
                True,
                total,
                plan_equity.equity_check(budget.equity_end, total, steps),
            )
        )
    return points


@dataclass
class Dashboard:
    """Everything the landing page shows for one user and year."""

    year: int
    own_only: bool
    granted: Decimal
    paid: Decimal
    budget_total: Decimal | None = None
    insatser_budget: Decimal | None = None  # the adopted plan's, as in the funds check
    plan: Plan | None = None
    status_counts: dict[str, int] = field(default_factory=dict)
    planned_count: int = 0
    reports: list[ProjectReport] = field(default_factory=list)
    period: FollowUpPeriod | None = None
    indicators: list[followup.IndicatorRow] = field(default_factory=list)
    indicator_counts: dict[str, int] = field(default_factory=dict)
    money: BudgetFollowUpResult | None = None
    grant_rows: list[dict[str, Any]] = field(default_factory=list)
    equity: list[EquityPoint] = field(default_factory=list)
    as_of: date | None = None
    money_left: MoneyLeft | None = None

    @property
    def remaining(self) -> Decimal | None:
        """Left to grant: the adopted plan's budget for insatser less what is decided (the
        funds check's figure); for own grants, granted less paid."""
        if self.own_only:
            return self.granted - self.paid
        return self.money_left.left if self.money_left is not None else None

    @property
    def unpaid(self) -> Decimal:
        """Granted for the year but not yet paid."""
        return self.granted - self.paid


def dashboard_for(user: User, year: int, today: date) -> Dashboard:
    """The figures the user's role may see, for ``year``."""
    if user.role == Role.PROJEKTAGARE:
        return _own_dashboard(user.organisation_id, year, today)
    return _office_dashboard(year, today)


def _office_dashboard(year: int, today: date) -> Dashboard:
    board = Dashboard(
        year=year,
        own_only=False,
        granted=grants.granted_in_year(year),
        paid=grants.paid_in_year(year),
    )
    board.status_counts = grants.grants_by_status()
    board.reports = grants.reports_due(today)
    steps = plan_equity.equity_steps()
    board.equity = equity_series(until=year, steps=steps)
    board.money_left = money_left_for_insatser(year)
    board.insatser_budget = board.money_left.budget
    plan = plan_in_force(year)
    if plan is None:
        return board
    board.plan = plan
    budget = plan_budget.budget_for(plan, steps)
    board.budget_total = budget.total_costs
    board.planned_count = sum(1 for i in plan.insatser if plan_insatser.insats_is_planned(i))
    board.period = followup.latest_period(year)
    if board.period is not None:
        board.indicators = followup.indicator_rows(board.period)
        board.indicator_counts = followup.status_counts(board.indicators)
        same_plan = board.period.plan_id == plan.id
        board.money = period_followup(board.period, budget if same_plan else None)
    else:
        board.as_of = min(today, date(year, 12, 31))
        board.money = budget_followup(plan, board.as_of, budget=budget)
    return board


def _own_dashboard(organisation_id: int | None, year: int, today: date) -> Dashboard:
    """A projektägare's own grants: granted and paid for the year, statuses, reports due."""
    own = db.session.scalars(
        select(Grant)
        .where(Grant.owner_id == (organisation_id or -1))
        .options(selectinload(Grant.years))
        .order_by(Grant.name)
    ).all()
    ids = [g.id for g in own]
    paid = (
        dict(
            db.session.execute(
                select(Payment.grant_id, func.sum(Payment.amount))
                .where(Payment.grant_id.in_(ids), Payment.year == year)
                .group_by(Payment.grant_id)
            ).all()
        )
        if ids
        else {}
    )
    rows = []
    for grant in own:
        row = grant.year(year)
        if row is None:
            continue
        rows.append(
            {
                "grant": grant,
                "granted": row.amount,
                "paid": paid.get(grant.id, ZERO),
            }
        )
    board = Dashboard(
        year=year,
        own_only=True,
        granted=sum((r["granted"] for r in rows), ZERO),
        paid=sum((r["paid"] for r in rows), ZERO),
    )
    board.grant_rows = rows
    counts: dict[str, int] = {"active": 0, "closed": 0}
    for grant in own:
        counts[grant.status] = counts.get(grant.status, 0) + 1
    board.status_counts = counts
    board.reports = (
        due_reports(today, organisation_id=organisation_id) if organisation_id is not None else []
    )
    return board
