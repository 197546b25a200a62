"""Plain figures for the plan's workbooks (``exports/plan_budget.py``, ``followup.py``,
``interim_report.py``): the budget and outcome of the plan's year and the years before,
the indicators per period matched across versions by key, and the delårsrapport."""

from __future__ import annotations

from exports.followup import IndicatorLine, PeriodValue
from exports.interim_report import InsatsFigures, MoneyLine, ReportFigures
from exports.plan_budget import LineAmount, YearFigures
from models.plan import FollowUpPeriod, IndicatorFollowUp, Plan

from . import budget as plan_budget
from . import equity as plan_equity
from .budget_followup import budget_followup, period_followup
from .followup import indicator_rows, latest_period, periods
from .insatser import insats_rows
from .rules import plan_in_force


def budget_years(plan: Plan, span: int = 3) -> list[YearFigures]:
    """The plan's year and the years before it that have a plan: budget and outcome lines."""
    found = []
    for year in range(plan.year - span + 1, plan.year + 1):
        version = plan if year == plan.year else plan_in_force(year)
        if version is None:
            continue
        period = latest_period(year)
        money = budget_followup(version, period.end_date, period) if period else None
        budget = money.budget if money else plan_budget.budget_for(version)
        outcome_rows = (money.income + money.costs) if money else []
        lines = []
        for index, row in enumerate(budget.income + budget.costs):
            outcome = outcome_rows[index].outcome if money else None
            lines.append(
                LineAmount(row in budget.income, row.category, row.name, row.amount, outcome)
            )
        check = budget.equity
        found.append(
            YearFigures(
                year=year,
                lines=lines,
                outcome_label=f"t.o.m. {period.end_date.isoformat()}" if period else "",
                equity_start=budget.equity_start,
                equity_end=budget.equity_end,
                equity_outcome=plan_equity.equity_at_end(year),
                contributions=budget.contributions or None,
                share_percent=check.share_percent if check else None,
                max_percent=check.max_percent if check else None,
            )
        )
    return found


def indicator_lines(plan: Plan) -> tuple[list[str], list[IndicatorLine]]:
    """The plan's indicators with their values per period of the year (matched by key)."""
    year_periods = periods(plan.year)
    by_key: dict[tuple[str, str], IndicatorFollowUp] = {}
    for period in year_periods:
        for value in period.indicator_values:
            by_key[(period.kind, value.indicator.key)] = value
    lines = []
    for goal in plan.goals:
        for indicator in goal.indicators:
            line = IndicatorLine(
                goal.title,
                indicator.name,
                indicator.unit,
                indicator.baseline,
                indicator.target,
                indicator.how_measured,
            )
            for period in year_periods:
                value = by_key.get((period.kind, indicator.key))
                if value is not None:
                    line.values[period.kind] = PeriodValue(
                        value.actual, value.status, value.comment
                    )
            lines.append(line)
    return [p.kind for p in year_periods], lines


def report_figures(period: FollowUpPeriod, period_title: str) -> ReportFigures:
    """The delårsrapport's figures as plain data for its workbook."""
    money = period_followup(period)
    figures = ReportFigures(period.year, period_title, period.end_date)
    for rows, income in ((money.income, True), (money.costs, False)):
        figures.money += [
            MoneyLine(income, r.category, r.name, r.budget, r.outcome, r.forecast, r.comment)
            for r in rows
        ]
    for row in indicator_rows(period):
        line = IndicatorLine(
            row.goal.title,
            row.indicator.name,
            row.indicator.unit,
            row.indicator.baseline,
            row.indicator.target,
        )
        if row.value is not None:
            line.values[period.kind] = PeriodValue(
                row.value.actual, row.value.status, row.value.comment
            )
        figures.indicators.append(line)
    figures.insatser = [
        InsatsFigures(
            r.name,
            r.owner,
            r.goal,
            r.state,
            r.amount,
            r.paid,
            r.outcome,
            r.planned_participants,
            r.started,
            r.ended,
            r.to_work_or_studies,
        )
        for r in insats_rows(period.plan, period.end_date)
    ]
    check = money.equity
    figures.equity = [
        ("Eget kapital vid årets början", money.budget.equity_start),
        ("Eget kapital vid årets slut, prognos", money.equity_forecast),
        ("Högsta rekommenderade nivå", check.limit if check else None),
    ]
    figures.percents = [
        ("Eget kapital i % av medlemsbidragen, prognos", check.share_percent if check else None),
        ("Högsta rekommenderade andel", check.max_percent if check else None),
    ]
    return figures
