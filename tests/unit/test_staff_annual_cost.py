"""A staff line entered as its annual cost, beside salary × share × PO-pålägg (issue 24.2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.applications import budget
from app.services.money.staffing import StaffingError, cost_from_annual, yearly_staff_cost
from models import Application, StaffLine, db

D = Decimal


def test_annual_cost_is_taken_as_it_stands_to_the_ore() -> None:
    assert cost_from_annual(D("156000")) == D("156000.00")
    assert cost_from_annual(D("156000"), 6) == D("78000.00")
    assert cost_from_annual(D("100000"), 7) == D("58333.33")
    with pytest.raises(StaffingError):
        cost_from_annual(D("-1"))


def test_salary_way_gives_the_old_figure_to_the_ore() -> None:
    # 12 h of 40 at 375 600 kr a year with 38,46 % PO: what the demo showed before
    assert yearly_staff_cost(D("375600"), D("30"), D("38.46")) == D("156016.73")


def test_staff_cost_uses_the_annual_cost_when_given() -> None:
    line = StaffLine(
        year=2016,
        role="Handläggare",
        percent=D("30"),
        annual_salary=D("0"),
        po_rate=D("38.46"),
        months=12,
        annual_cost=D("156000"),
    )
    assert budget.staff_cost(line) == D("156000.00")
    line.annual_cost = None
    line.annual_salary = D("375600")
    assert budget.staff_cost(line) == D("156016.73")


def test_en_vag_in_reproduces_the_forbunds_figures(app: Flask, demo: dict) -> None:
    with app.app_context():
        evi = db.session.scalar(select(Application).where(Application.title == "En väg in"))
        costs = {line.role: budget.staff_cost(line) for line in evi.staff_lines}
        assert costs == {
            "Processledare": D("505379.00"),
            "Handläggare AME": D("156000.00"),
            "Handläggare IFO": D("156000.00"),
        }
        assert {line.role: line.percent for line in evi.staff_lines}["Handläggare AME"] == D("30")
        assert budget.requested_by_year(evi) == {2016: D("512000.00")}
        assert budget.requested_totals([evi.id]) == {evi.id: D("512000.00")}
