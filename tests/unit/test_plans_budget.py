"""The plan's budget: lines drawn from contributions and grants to the öre, equity steps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.grants import lifecycle as grants
from app.services.money import contributions
from app.services.plans import content as plan_content
from app.services.plans import equity as plan_equity
from app.services.plans import insatser as plan_insatser
from app.services.plans import lifecycle as plans
from app.services.plans.budget import BudgetError, budget_for
from app.services.plans.equity import (
    EquityError,
    equity_check,
    recommended_limit,
    recommended_max_percent,
    set_equity_steps,
)
from models import Organisation, db
from models.meeting import Paragraph
from models.plan import BudgetCategory

from .test_plans_world import build_world

D = Decimal


def _plan_with_lines(year: int = 2026):
    plan = plans.create_plan(year)
    plan_content.add_budget_line(plan, category="kansli", name="Förbundschef", amount=D("1200000"))
    plan_content.add_budget_line(plan, category="styrelse", name="", amount=D("180000.25"))
    plan_content.add_budget_line(plan, category="revision", name="", amount=D("90000"))
    plan_content.add_budget_line(plan, category="other_income", name="Ränta", amount=D("1500.75"))
    plan_insatser.add_insats(plan, name="Utlysning unga vuxna", planned_amount=D("250000"))
    return plan


def test_budget_lines_sum_to_the_ore_with_contributions_and_grants(app_ctx: Flask) -> None:
    build_world()
    plan = _plan_with_lines()
    budget = budget_for(plan)
    by_party = {
        org.id: amount for org, amount in contributions.contributions_by_party(2026).items()
    }
    drawn = {r.organisation_id: r.amount for r in budget.income if r.category == "contribution"}
    assert drawn == by_party
    assert budget.contributions == contributions.contribution_total(2026) == D("4000000")
    assert budget.total_income == D("4001500.75")
    insatser = budget.category_total(BudgetCategory.INSATSER)
    assert insatser == grants.granted_in_year(2026) + D(250000) == D("1062000.50")
    assert budget.total_costs == D("1062000.50") + D("1200000") + D("180000.25") + D("90000")
    assert budget.result == budget.total_income - budget.total_costs == D("1469500.00")
    assert budget.equity_used == D(0)


def test_a_deficit_is_equity_used_and_equity_at_end_follows(app_ctx: Flask) -> None:
    build_world()
    plan_equity.set_equity_year(2025, D("900000"))
    plan = _plan_with_lines()
    plan_content.add_budget_line(plan, category="evaluation", name="", amount=D("3000000"))
    budget = budget_for(plan)
    assert budget.result == D("-1530500.00")
    assert budget.equity_used == D("1530500.00")
    assert budget.equity_start == D("900000")
    assert budget.equity_end == D("-630500.00")


def test_an_application_granted_later_is_not_counted_twice(app_ctx: Flask) -> None:
    world = build_world()
    plan = plans.create_plan(2026)
    plan_insatser.add_insats(plan, grant_id=world.grants["En väg in"])
    before = budget_for(plan).category_total(BudgetCategory.INSATSER)
    assert before == D("812000.50")  # all grants of the year, linked or not


def test_drawn_lines_cannot_be_typed(app_ctx: Flask) -> None:
    build_world()
    plan = plans.create_plan(2026)
    for category in ("contribution", "insatser", "nonsense"):
        with pytest.raises(BudgetError):
            plan_content.add_budget_line(plan, category=category, name="", amount=D(1))


@pytest.mark.parametrize(
    ("contributions_total", "limit", "percent"),
    [
        ("0", "0", "20"),
        ("4000000", "800000", "20"),
        ("14999999", "2999999.80", "20"),
        ("15000000", "3000000", "20"),  # no cliff: 20 % of the first 15 mkr
        ("15000000.01", "3000000.00", "20"),  # 3 000 000,0015
        ("20000000", "3750000", "18.75"),  # 3 000 000 + 15 % of 5 mkr
        ("30000000", "5250000", "17.5"),
        ("45000000", "6750000", "15"),  # + 10 % of 15 mkr
    ],
)
def test_the_recommended_level_is_marginal_per_step(
    app_ctx: Flask, contributions_total: str, limit: str, percent: str
) -> None:
    total = D(contributions_total)
    assert recommended_limit(total).quantize(D("0.01")) == D(limit)
    assert recommended_max_percent(total) == D(percent)


def test_a_bigger_forbund_never_gets_a_lower_limit_at_15_mkr(app_ctx: Flask) -> None:
    """The cliff of issue 24: 2 999 999,80 kr at 14 999 999 kr, 2 250 000 kr at 15 mkr."""
    below = equity_check(D("0"), D("14999999"))
    at = equity_check(D("0"), D("15000000"))
    assert (below.limit, at.limit) == (D("2999999.80"), D("3000000.00"))
    assert at.limit >= below.limit


STEPS = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=60_000_000).map(D),
        st.integers(min_value=0, max_value=10_000).map(lambda p: D(p) / 100),
    ),
    max_size=4,
    unique_by=lambda step: step[0],
).map(lambda rest: [(D(0), D(20)), *rest])
AMOUNTS = st.integers(min_value=0, max_value=10_000_000_000).map(lambda ore: D(ore) / 100)


@settings(max_examples=300, deadline=None)
@given(steps=STEPS, first=AMOUNTS, second=AMOUNTS)
def test_the_limit_never_decreases_as_contributions_grow(
    steps: list[tuple[Decimal, Decimal]], first: Decimal, second: Decimal
) -> None:
    """Any steps the board may set (percentages 0–100): more money, never a lower limit."""
    low, high = sorted((first, second))
    assert recommended_limit(low, steps) <= recommended_limit(high, steps)
    assert recommended_limit(low, steps) <= low  # at most 100 % of the contributions


@pytest.mark.parametrize(
    ("total", "equity", "above"),
    [
        ("14999999.99", "2999999.99", False),  # 20 % of 14 999 999,99 is 2 999 999,998
        ("14999999.99", "3000000.00", True),
        ("15000000", "3000000", False),  # exactly 20 % of the first 15 mkr
        ("15000000", "3000000.01", True),
        ("30000000", "5250000", False),  # 3 000 000 + 2 250 000
        ("30000000", "5250000.01", True),
        ("29999999.99", "5249999.99", False),  # limit 5 249 999,9985
        ("29999999.99", "5250000.00", True),
    ],
)
def test_equity_warning_at_the_step_boundaries(
    app_ctx: Flask, total: str, equity: str, above: bool
) -> None:
    check = equity_check(D(equity), D(total))
    assert check is not None and check.above is above


def test_equity_check_figures(app_ctx: Flask) -> None:
    check = equity_check(D("905000"), D("4000000"))
    assert (check.share_percent, check.max_percent, check.limit) == (
        D("22.63"),
        D("20.00"),
        D("800000.00"),
    )
    assert check.above
    assert equity_check(D("1"), None) is None


def test_the_steps_are_a_setting(app_ctx: Flask) -> None:
    set_equity_steps([(D("0"), D("25")), (D("10000000"), D("12.5"))])
    assert plan_equity.equity_steps() == ((D("0.00"), D("25.00")), (D("10000000.00"), D("12.50")))
    assert recommended_max_percent(D("9999999")) == D("25")
    # 25 % of the first 10 mkr and 12,5 % of the next 5 mkr: 3 125 000 kr, 20,83 %.
    assert recommended_limit(D("15000000")) == D("3125000")
    assert recommended_max_percent(D("15000000")) == D("20.83")
    assert equity_check(D("1000000"), D("4000000")).above is False
    with pytest.raises(EquityError):
        set_equity_steps([(D("100"), D("20"))])
    with pytest.raises(EquityError):
        set_equity_steps([(D("0"), D("20")), (D("0"), D("15"))])
    with pytest.raises(EquityError):
        set_equity_steps([(D("0"), D("120"))])


def test_the_budget_warns_above_the_level(app_ctx: Flask) -> None:
    build_world()
    plan_equity.set_equity_year(2025, D("700000"))
    plan = plans.create_plan(2026)  # no costs typed beyond the grants
    budget = budget_for(plan)
    assert budget.equity_end == D("700000") + D("4000000") - D("812000.50")
    assert budget.equity.above and budget.equity.max_percent == D("20")


def test_adoption_keeps_the_drawn_figures(app_ctx: Flask) -> None:
    world = build_world()
    plan = _plan_with_lines()
    draft_total = budget_for(plan).total_costs
    plans.adopt_plan(plan, db.session.get(Paragraph, world.paragraphs[0]))
    contributions.set_contribution(2026, D(5_000_000), "population")
    grants.create_grant(
        name="Ny insats",
        owner=db.session.get(Organisation, world.orgs["AME"]),
        years={2026: D(99_000)},
        conditions="",
        report_dates=[],
        user=None,
        insats_type="individual",
        decision_reference="§ 9",
    )
    kept = budget_for(plan)
    assert kept.total_costs == draft_total
    assert kept.contributions == D(4_000_000)
    other = plans.create_plan(2027)
    assert budget_for(other).year == 2027


def test_equity_at_start_comes_from_the_history_or_last_years_plan(app_ctx: Flask) -> None:
    build_world()
    plan_equity.set_equity_year(2024, D("500000"))
    last = plans.create_plan(2025)
    plan_content.add_budget_line(last, category="kansli", name="", amount=D("100000"))
    this = plans.create_plan(2026)
    assert budget_for(last).equity_start == D("500000")
    assert budget_for(this).equity_start == D("400000")  # 500 000 − 100 000, no income 2025
    plan_equity.set_equity_year(2025, D("450000"))
    assert budget_for(this).equity_start == D("450000")
    plans.update_plan(this, equity_start=D("10"))
    assert budget_for(this).equity_start == D("10")
