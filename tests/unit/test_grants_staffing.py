"""Who works where: each person's total across active grants and the 100 % warning."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask

from app.services.grants import allocations as overview
from models.grant import GrantStatus

from .test_grants_factories import grant, org

D = Decimal


def allocate(g, person: str, percent: str, start: date, end: date, salary: str = "456000"):
    return overview.save_allocation(
        g,
        None,
        person=person,
        employer=g.owner,
        percent=D(percent),
        start_on=start,
        end_on=end,
        annual_salary=D(salary),
        po_rate=D("44.53"),
    )


def test_a_person_above_100_percent_across_grants_is_warned(app_ctx: Flask) -> None:
    a = grant(org("AME"), {2025: "1", 2026: "1"}, name="Vägen in")
    b = grant(org("IFO"), {2026: "1"}, name="Trisam")
    _row, warning = allocate(a, "Sara Nilsson", "75", date(2025, 1, 1), date(2026, 12, 31))
    assert warning is None
    _row, warning = allocate(b, " sara  nilsson ", "40", date(2026, 7, 1), date(2026, 12, 31))
    assert warning is not None and "115" in warning and "Vägen in" in warning
    [sara] = overview.overview()
    assert sara.over and sara.peak == D("115.00")
    assert [(s.start, s.end, s.total, s.over) for s in sara.segments] == [
        (date(2025, 1, 1), date(2026, 6, 30), D("75.00"), False),
        (date(2026, 7, 1), date(2026, 12, 31), D("115.00"), True),
    ]


def test_exactly_100_percent_is_no_warning_and_closed_grants_do_not_count(app_ctx: Flask) -> None:
    a, b = grant(name="A"), grant(org("IFO"), name="B")
    allocate(a, "Lina Berg", "60", date(2026, 1, 1), date(2026, 12, 31))
    _row, warning = allocate(b, "Lina Berg", "40", date(2026, 1, 1), date(2026, 12, 31))
    assert warning is None
    c = grant(org("Region"), name="C")
    allocate(c, "Lina Berg", "50", date(2026, 1, 1), date(2026, 12, 31))
    assert overview.overview()[0].over
    c.status = GrantStatus.CLOSED
    people = overview.overview()
    assert [(p.person, p.peak, p.over) for p in people] == [("Lina Berg", D("100.00"), False)]


def test_cost_per_year_uses_the_shared_staff_cost_rule(app_ctx: Flask) -> None:
    g = grant(years={2025: "1", 2026: "1"})
    row, _warning = allocate(
        g, "Peter Ek", "50", date(2025, 7, 1), date(2026, 3, 31), salary="432000"
    )
    # 432 000 × 50 % × 1,4453 × 6/12 and × 3/12
    assert overview.cost_by_year(row) == {2025: D("156092.40"), 2026: D("78046.20")}


def test_allocation_rules(app_ctx: Flask) -> None:
    g = grant()
    with pytest.raises(overview.AllocationError):
        allocate(g, "  ", "50", date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(overview.AllocationError):
        allocate(g, "A", "101", date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(overview.AllocationError):
        allocate(g, "A", "50", date(2026, 2, 1), date(2026, 1, 31))
