"""Every workbook of the demo förbund read back and recalculated.

Each formula (=SUM, MAX, +/-, references across sheets) is recomputed by
``tests/exports/recalc.py`` from the cells it refers to and compared with the value
stored beside it; the totals the issue names are formulas, years are plain numbers
and amounts carry the kronor format.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from flask import Flask
from sqlalchemy import select

from app import clock
from exports.workbook import Column, Formula, Sheet, frame_of, workbook_bytes
from models import db
from models.application import Application
from models.grant import Grant
from models.plan import FollowUpPeriod, Plan

from ..conftest import WebClient
from .recalc import assert_recalculates, recalculate


def _urls(app: Flask) -> list[str]:
    """Every workbook's address for the demo's rows."""
    with app.app_context():
        year = clock.today().year
        applications = db.session.scalars(select(Application.id).order_by(Application.id)).all()
        grants = db.session.scalars(select(Grant.id).order_by(Grant.id)).all()
        plans = db.session.scalars(select(Plan.id).order_by(Plan.id)).all()
        periods = db.session.scalars(select(FollowUpPeriod.id).order_by(FollowUpPeriod.id)).all()
    urls = [f"/applications/{i}/budget.xlsx" for i in applications]
    urls += [f"/grants/{i}/budget-outcome.xlsx" for i in grants]
    urls += [f"/plans/{i}/budget.xlsx" for i in plans]
    urls += [f"/plans/{i}/indicators.xlsx" for i in plans]
    urls += [f"/plans/followup/{i}/report.xlsx" for i in periods]
    urls += [f"/money/splits/{y}/kostnadsfordelning.xlsx" for y in range(2015, year + 2)]
    urls += [f"/grants/budget-outcome.xlsx?year={y}" for y in range(2015, year + 2)]
    urls += ["/grants/register.xlsx?year=all", "/grants/register.xlsx"]
    urls += [f"/grants/payments.xlsx?from={year - 12}-01-01&to={year}-12-31"]
    urls += ["/admin/audit.xlsx"]
    return urls


def test_every_workbook_recalculates_to_its_stored_values(app: Flask, demo: dict) -> None:
    chef = WebClient(app.test_client())
    chef.login("chef@example.com")
    total, books = 0, 0
    for url in _urls(app):
        response = chef.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        count, mismatches = recalculate(response.data)
        assert not mismatches, (url, mismatches[:5])
        total += count
        books += 1
    assert books > 20
    assert total > 400


def _values(data: bytes) -> tuple[Any, Any]:
    return (
        openpyxl.load_workbook(io.BytesIO(data)),
        openpyxl.load_workbook(io.BytesIO(data), data_only=True),
    )


def _row(sheet: Any, label: str) -> int:
    for row in sheet.iter_rows():
        if row[0].value == label:
            return row[0].row
    raise AssertionError(f"no row {label!r}")


def test_application_budget_totals_are_formulas(app: Flask, demo: dict) -> None:
    chef = WebClient(app.test_client())
    chef.login("chef@example.com")
    with app.app_context():
        application_id = db.session.scalars(select(Application.id).order_by(Application.id)).first()
    data = chef.get(f"/applications/{application_id}/budget.xlsx").data
    assert_recalculates(data)
    formulas, _ = _values(data)
    sheet = formulas["Budget"]
    total = _row(sheet, "Total kostnad")
    asked = _row(sheet, "Sökt från förbundet")
    assert sheet.cell(total, 2).value == f"=SUM(B3:B{total - 1})"
    assert sheet.cell(asked, 2).value == f"=MAX(0,B{total}-B{total + 1}-B{total + 2})"
    assert (
        sheet.cell(total, 2).number_format == '#,##0 "kr"'
        or sheet.cell(total, 2).number_format == '#,##0.00 "kr"'
    )
    staff = formulas["Personal"]
    assert staff.cell(3, 1).number_format == "0"  # the year: 2027, not 2 027


def test_plan_result_sheet_is_computed_from_the_line_sheets(app: Flask, demo: dict) -> None:
    chef = WebClient(app.test_client())
    chef.login("chef@example.com")
    with app.app_context():
        plan_id = db.session.scalars(select(Plan.id).order_by(Plan.id.desc())).first()
    data = chef.get(f"/plans/{plan_id}/budget.xlsx").data
    assert_recalculates(data)
    formulas, values = _values(data)
    result = formulas["Resultat"]
    income_total = formulas["Intäkter"].max_row
    assert result["B3"].value == f"='Intäkter'!B{income_total}"
    assert result["D3"].value == "=B3-C3"
    assert result["A3"].number_format == "0"
    assert values["Resultat"]["D3"].value == pytest.approx(
        values["Resultat"]["B3"].value - values["Resultat"]["C3"].value
    )


def test_the_recalculator_catches_a_wrong_stored_total() -> None:
    columns = [Column("what", "Vad"), Column("amount", "Belopp", "money")]
    rows = [{"what": "a", "amount": Decimal(1)}, {"what": "b", "amount": Decimal(2)}]
    rows.append({"what": "fel", "amount": Formula("=SUM({col}2:{col}3)", Decimal(4))})
    sheet = Sheet("S", frame_of(rows, columns), columns)
    data = workbook_bytes([sheet], title="t", forbund="f", created=date(2026, 1, 1))
    count, mismatches = recalculate(data)
    assert count == 1
    assert [(m.cell, m.computed) for m in mismatches] == [("B4", Decimal(3))]
