"""Budget arithmetic to the öre, staff lines (12 h → 30 %, PO defaults, the 100 % rule)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.applications import budget, lines
from app.services.applications import workflow as applications
from app.services.applications.budget import BudgetError
from app.services.applications.lines import StaffFigures
from app.services.applications.rules import ApplicationError
from app.services.money.staffing import StaffingError
from models import Application, CoFinancing, Role, StaffLine, User, db

from .test_applications_factories import draft, organisations, submitted, user

D = Decimal


@pytest.fixture
def world(app_ctx: Flask) -> dict:
    orgs = organisations()
    return {"orgs": orgs, "chef": user(Role.FORBUNDSCHEF)}


def _staff(application: Application, *, user: User, **figures: Any) -> StaffLine:
    """A staff line added with these figures."""
    return lines.add_staff_line(application, StaffFigures(**figures), user=user)


def test_en_vag_in_asks_512_000_kr_for_2016(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    evi = draft(
        orgs, chef, parties=("IFO", "AF", "FK"), start=date(2016, 1, 1), end=date(2016, 12, 31)
    )
    leader = _staff(
        evi, user=chef, year=2016, role="Processledare", employer=orgs["AME"],
        percent=D(100), annual_salary=D(365_000),
    )  # fmt: skip
    assert leader.po_rate == D("38.46")  # the förbund's kommun rate for 2016
    assert budget.staff_cost(leader) == D("505379.00")
    for unit in ("AME", "IFO"):
        line = _staff(
            evi, user=chef, year=2016, role="Handläggare", employer=orgs[unit],
            hours_per_week=D(12), annual_salary=D(375_600),
        )  # fmt: skip
        assert line.percent == D("30.00")
        assert budget.staff_cost(line) == D("156016.73")
        lines.add_co_financing(
            evi, user=chef, year=2016, organisation=orgs[unit], kind="in_kind",
            amount=budget.staff_cost(line),
        )  # fmt: skip
    for category, amount in (("premises", 96_000), ("other", 65_000), ("travel", 4_000)):
        lines.add_budget_line(evi, user=chef, year=2016, category=category, amount=D(amount))
    lines.add_budget_line(evi, user=chef, year=2016, category="material", amount=D(2_621))
    for org, amount in (("AME", 66_000), ("IFO", 66_000), ("AF", 14_500), ("FK", 14_500)):
        lines.add_co_financing(
            evi, user=chef, year=2016, organisation=orgs[org], kind="cash", amount=D(amount)
        )
    by_category = budget.cost_by_category(evi)[2016]
    assert by_category["personnel"] == D("817412.46")
    assert by_category["premises"] == D("96000.00")
    assert budget.total_cost_by_year(evi) == {2016: D("985033.46")}
    assert budget.co_financing_by_year(evi) == {2016: D("473033.46")}
    assert budget.co_financing_by_year(evi, "in_kind") == {2016: D("312033.46")}
    assert applications.requested_by_year(evi) == {2016: D("512000.00")}


def test_requested_totals_of_a_list_equal_each_applications_own_figures(world: dict) -> None:
    """The list's amounts, summed in SQL, are what each application's budget gives:
    staff costed to the öre, co-financing taken off per year, never below zero."""
    orgs, chef = world["orgs"], world["chef"]
    two_years = draft(orgs, chef, start=date(2025, 1, 1), end=date(2026, 12, 31))
    lines.add_budget_line(two_years, user=chef, year=2025, category="premises", amount=D(96_000))
    lines.add_budget_line(two_years, user=chef, year=2025, category="travel", amount=D("400.50"))
    _staff(
        two_years, user=chef, year=2026, role="Handläggare", employer=orgs["AME"],
        hours_per_week=D(12), annual_salary=D(375_600), months=7,
    )  # fmt: skip
    _staff(
        two_years, user=chef, year=2026, role="Processledare", employer=orgs["IFO"],
        percent=D(100), annual_salary=D(365_000),
    )  # fmt: skip
    lines.add_co_financing(
        two_years, user=chef, year=2026, organisation=orgs["AF"], kind="cash", amount=D("9999.99")
    )
    empty = draft(orgs, chef, title="Utan budget")
    covered = draft(orgs, chef, title="Helt medfinansierad")
    lines.add_budget_line(covered, user=chef, year=2026, category="travel", amount=D(5_000))
    lines.add_co_financing(
        covered, user=chef, year=2026, organisation=orgs["AF"], kind="in_kind", amount=D(5_000)
    )
    # Co-financing beyond a year's costs (refused by the forms, possible in older data)
    # asks nothing for that year rather than lowering another year's amount.
    lines.add_budget_line(covered, user=chef, year=2026, category="material", amount=D(300))
    db.session.add(
        CoFinancing(
            application=covered, year=2026, organisation=orgs["FK"], kind="cash", amount=D(700)
        )
    )
    db.session.flush()
    db.session.expire_all()
    applications_ = [two_years, empty, covered]
    found = budget.requested_totals([a.id for a in applications_])
    assert found == {a.id: budget.total(budget.requested_by_year(a)) for a in applications_}
    staff = budget.total(budget.staff_cost(s) for s in two_years.staff_lines)
    assert found == {
        two_years.id: D("96400.50") + staff - D("9999.99"),
        empty.id: D("0.00"),
        covered.id: D("0.00"),
    }
    assert staff == D("94999.57") + D("527534.50")  # PO-pålägg 44.53 %: 30 % for 7 months, 100 %
    assert budget.requested_totals([]) == {}


def test_co_financing_beyond_costs_is_refused(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = draft(orgs, chef)
    lines.add_budget_line(application, user=chef, year=2026, category="travel", amount=D(10_000))
    with pytest.raises(BudgetError, match=r"Medfinansieringen för 2026 .* är större än"):
        lines.add_co_financing(
            application, user=chef, year=2026, organisation=orgs["AF"], kind="cash",
            amount=D("10000.01"),
        )  # fmt: skip


def test_removing_a_cost_below_the_co_financing_is_refused(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = draft(orgs, chef)
    line = lines.add_budget_line(
        application, user=chef, year=2026, category="travel", amount=D(10_000)
    )
    lines.add_co_financing(
        application, user=chef, year=2026, organisation=orgs["AF"], kind="cash", amount=D(5_000)
    )
    with pytest.raises(BudgetError):
        lines.remove_budget_line(application, line, user=chef)


def test_year_outside_the_period_is_refused(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = draft(orgs, chef)
    with pytest.raises(ApplicationError, match="utanför perioden"):
        lines.add_budget_line(application, user=chef, year=2027, category="travel", amount=D(1))


def test_staff_line_needs_percent_or_hours_not_both(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = draft(orgs, chef)
    common = {"user": chef, "year": 2026, "role": "Coach", "employer": orgs["AF"]}
    with pytest.raises(StaffingError, match="antingen i procent eller i timmar"):
        _staff(application, annual_salary=D(1), **common)
    with pytest.raises(StaffingError):
        _staff(application, annual_salary=D(1), percent=D(50), hours_per_week=D(20), **common)
    state = _staff(application, annual_salary=D(480_000), percent=D(50), **common)
    assert state.po_rate == D("48.00")  # state employer default
    region = _staff(
        application, user=chef, year=2026, role="Arbetsterapeut", employer=orgs["Region"],
        percent=D(50), annual_salary=D(480_000), months=6,
    )  # fmt: skip
    assert region.po_rate == D("52.28")
    assert budget.staff_cost(region) == D("182736.00")  # 480 000 × 0,5 × 1,5228 × 6/12


def test_overallocation_is_refused_and_names_the_other_allocation(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    first = submitted(orgs, chef, title="Vägen in")
    _staff(
        first, user=chef, year=2026, role="Arbetskonsulent", person="Sara Nilsson",
        employer=orgs["AME"], percent=D(80), annual_salary=D(400_000),
    )  # fmt: skip
    second = draft(orgs, chef, title="Trisam", start=date(2026, 7, 1), end=date(2027, 6, 30))
    with pytest.raises(StaffingError) as refused:
        _staff(
            second, user=chef, year=2026, role="Samordnare", person="sara nilsson ",
            employer=orgs["AME"], percent=D(30), annual_salary=D(400_000),
        )  # fmt: skip
    message = str(refused.value)
    assert "110" in message and "2026/001: Arbetskonsulent" in message and "80 %" in message
    # 20 % fits; and the next year is free
    _staff(
        second, user=chef, year=2026, role="Samordnare", person="Sara Nilsson",
        employer=orgs["AME"], percent=D(20), annual_salary=D(400_000),
    )  # fmt: skip
    _staff(
        second, user=chef, year=2027, role="Samordnare", person="Sara Nilsson",
        employer=orgs["AME"], percent=D(100), annual_salary=D(400_000),
    )  # fmt: skip


def test_withdrawn_applications_release_their_staff(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    first = submitted(orgs, chef)
    _staff(
        first, user=chef, year=2026, role="Coach", person="Per", employer=orgs["AME"],
        percent=D(100), annual_salary=D(1),
    )  # fmt: skip
    applications.transition(first, "withdrawn", user=chef)
    second = draft(orgs, chef, title="Ny")
    _staff(
        second, user=chef, year=2026, role="Coach", person="Per", employer=orgs["AME"],
        percent=D(100), annual_salary=D(1),
    )  # fmt: skip


amounts = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    costs=st.lists(st.tuples(st.sampled_from([2026, 2027]), amounts), max_size=8),
    co=st.lists(st.tuples(st.sampled_from([2026, 2027]), amounts), max_size=5),
    staff=st.lists(
        st.tuples(
            st.sampled_from([2026, 2027]),
            st.decimals(min_value=0, max_value=100, places=2),
            st.integers(min_value=1, max_value=12),
        ),
        max_size=4,
    ),
)
def test_requested_is_costs_minus_co_financing_to_the_ore(
    costs: list, co: list, staff: list
) -> None:
    application = SimpleNamespace(
        period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31),
        budget_lines=[SimpleNamespace(year=y, category="travel", amount=a) for y, a in costs],
        staff_lines=[
            SimpleNamespace(
                year=y, percent=p, annual_salary=D(412_345), po_rate=D("38.46"), months=m
            )
            for y, p, m in staff
        ],
        co_financing=[SimpleNamespace(year=y, kind="cash", amount=a) for y, a in co],
    )
    total = budget.total_cost_by_year(application)
    for year in (2026, 2027):
        expected_cost = sum((a for y, a in costs if y == year), D(0)) + sum(
            (budget.staff_cost(s) for s in application.staff_lines if s.year == year), D(0)
        )
        assert total[year] == expected_cost
        assert total[year] == total[year].quantize(D("0.01"))
        co_total = sum((a for y, a in co if y == year), D(0))
        assert budget.requested_by_year(application)[year] == max(D(0), expected_cost - co_total)
    by_category = budget.cost_by_category(application)
    assert sum(sum(c.values()) for c in by_category.values()) == budget.total(total)
    if any(budget.co_financing_by_year(application)[y] > total[y] for y in total):
        with pytest.raises(BudgetError):
            budget.check_co_financing(application)
    else:
        budget.check_co_financing(application)


def test_a_line_entered_as_its_annual_cost_needs_no_po_rate(world: dict) -> None:
    """The annual cost stands as given: a year with no PO-pålägg set (2031) does not stop it,
    while the salary way for that year still asks for the rate."""
    orgs, chef = world["orgs"], world["chef"]
    later = draft(orgs, chef, parties=("IFO",), start=date(2031, 1, 1), end=date(2031, 12, 31))
    line = _staff(
        later, user=chef, year=2031, role="Handläggare", employer=orgs["AME"],
        hours_per_week=D(12), annual_cost=D(156_000),
    )  # fmt: skip
    assert budget.staff_cost(line) == D("156000.00")
    with pytest.raises(StaffingError, match="2031"):
        _staff(
            later, user=chef, year=2031, role="Processledare", employer=orgs["AME"],
            percent=D(100), annual_salary=D(400_000),
        )  # fmt: skip
