"""Grant workbooks read back: every amount against the database, formats and SUM formulas."""

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
from app.services.grants import figures as grant_figures
from app.services.grants import lifecycle as grants
from app.services.grants import payments
from app.services.grants import register as grant_register
from models import db
from models.grant import Grant

from ..conftest import WebClient

D = Decimal
MONEY = '#,##0 "kr"'
MONEY_ORE = '#,##0.00 "kr"'


def money(value: Any) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def load(data: bytes) -> tuple[Any, Any]:
    """The workbook twice: formulas, and the values stored with them."""
    return (
        openpyxl.load_workbook(io.BytesIO(data)),
        openpyxl.load_workbook(io.BytesIO(data), data_only=True),
    )


def table(sheet: Any, header_row: int = 2) -> tuple[list[str], list[list[Any]]]:
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    return list(rows[0]), [list(r) for r in rows[1:]]


@pytest.fixture
def ekonom(web: WebClient, demo: dict) -> WebClient:
    web.login("ekonom@example.com")
    return web


def test_register_workbook_matches_the_database_and_filter(app: Flask, ekonom: WebClient) -> None:
    response = ekonom.get("/grants/register.xlsx?year=all")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith("bidragsregister.xlsx")
    formulas, values = load(response.data)
    assert formulas.sheetnames == ["Bidragsregister", "Per år"]
    header, rows = table(values["Bidragsregister"])
    assert header[:4] == ["Insats", "Beslut", "Projektägare", "Insatstyp"]
    col = {name: header.index(name) for name in header}
    data, total = rows[:-1], rows[-1]
    with app.app_context():
        register = grant_register.register(grant_register.RegisterFilter())
        expected = [
            (r.grant.name, year, f.granted, f.paid, f.remaining, f.outcome)
            for r in register.rows
            for year, f in r.years.items()
        ]
        granted = {y: grants.granted_in_year(y) for y in register.totals}
    got = [
        (
            r[col["Insats"]],
            r[col["År"]],
            money(r[col["Beviljat"]]),
            money(r[col["Utbetalt"]]),
            money(r[col["Kvar att betala"]]),
            money(r[col["Utfall"]]),
        )
        for r in data
    ]
    assert got == expected
    assert total[0] == "Summa"
    assert money(total[col["Beviljat"]]) == sum(granted.values())
    sheet = formulas["Bidragsregister"]
    letter = openpyxl.utils.get_column_letter(col["Beviljat"] + 1)
    last = 2 + len(data)
    assert sheet[f"{letter}{last + 1}"].value == f"=SUM({letter}3:{letter}{last})"
    assert sheet[f"{letter}3"].number_format == MONEY
    assert (
        sheet[f"{openpyxl.utils.get_column_letter(col['Period från'] + 1)}3"].number_format
        == "yyyy-mm-dd"
    )
    _header, years = table(values["Per år"])
    assert {r[0]: money(r[1]) for r in years[:-1]} == granted

    response = ekonom.get("/grants/register.xlsx?year=2016")  # the register's filter
    assert response.headers["Content-Disposition"].endswith("bidragsregister-2016.xlsx")
    _formulas, values = load(response.data)
    _header, rows = table(values["Bidragsregister"])
    assert [r[0] for r in rows[:-1]] == ["En väg in – processledare 2016"]
    assert values["Bidragsregister"]["A1"].value == "Bidragsregister 2016"


def test_register_workbook_without_a_year_is_the_current_year_like_the_page(
    app: Flask, ekonom: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook follows the register's filter, whose default is the current year."""
    monkeypatch.setattr(clock, "today", lambda: date(2025, 6, 1))
    response = ekonom.get("/grants/register.xlsx")
    assert response.headers["Content-Disposition"].endswith("bidragsregister-2025.xlsx")
    _formulas, values = load(response.data)
    assert values["Bidragsregister"]["A1"].value == "Bidragsregister 2025"
    header, rows = table(values["Bidragsregister"])
    col = {name: header.index(name) for name in header}
    data, total = rows[:-1], rows[-1]
    assert sorted(r[col["Insats"]] for r in data) == [
        "Processledare – förbundets egen insats",
        "Trisam – samverkansteam",
        "Vägen in",
    ]
    assert {r[col["År"]] for r in data} == {2025}
    with app.app_context():
        assert money(total[col["Beviljat"]]) == grants.granted_in_year(2025) == D("1660000.00")
    _header, years = table(values["Per år"])
    assert {r[0]: money(r[1]) for r in years[:-1]} == {2025: D("1660000.00")}


def test_payments_workbook_for_a_period_with_money_formats(app: Flask, ekonom: WebClient) -> None:
    response = ekonom.get("/grants/payments.xlsx?from=2026-07-01&to=2026-07-31")
    assert response.headers["Content-Disposition"].endswith(
        "utbetalningar-2026-07-01-2026-07-31.xlsx"
    )
    formulas, values = load(response.data)
    header, rows = table(values["Utbetalningar"])
    with app.app_context():
        expected = payments.payments_between(date(2026, 7, 1), date(2026, 7, 31))
        want = [(p.paid_on, p.grant.name, p.amount, p.reference, p.reason) for p in expected]
    amount = header.index("Belopp")
    got = [
        (
            r[0].date(),
            r[1],
            money(r[amount]),
            r[header.index("Referens")] or "",
            r[header.index("Orsak till rättelse")] or "",
        )
        for r in rows[:-1]
    ]
    assert got == want
    assert any(p[2] < 0 for p in got)  # the correction is in the list
    assert money(rows[-1][amount]) == sum(p[2] for p in want)
    letter = openpyxl.utils.get_column_letter(amount + 1)
    assert formulas["Utbetalningar"][f"{letter}{len(rows) + 2}"].value.startswith("=SUM(")
    _h, per_grant = table(values["Per insats"])
    assert money(per_grant[-1][3]) == sum(p[2] for p in want)

    response = ekonom.get("/grants/payments.xlsx?from=2016-01-01&to=2016-12-31")
    sheet = load(response.data)[1]["Utbetalningar"]
    assert sheet["E3"].number_format in (MONEY, MONEY_ORE) and sheet["E3"].value == 128000


def test_budget_against_outcome_per_grant_and_per_year(app: Flask, ekonom: WebClient) -> None:
    with app.app_context():
        grant = db.session.scalar(select(Grant).where(Grant.name == "Vägen in"))
        comparisons = grant_figures.budget_vs_outcome(grant)
        want = [
            (c.figures.year, r.budget, r.outcome, r.difference) for c in comparisons for r in c.rows
        ]
        years = [
            (
                c.figures.year,
                c.figures.granted,
                c.figures.paid,
                c.figures.outcome,
                c.figures.to_repay,
            )
            for c in comparisons
        ]
        gid = grant.id
    response = ekonom.get(f"/grants/{gid}/budget-outcome.xlsx")
    formulas, values = load(response.data)
    _header, rows = table(values["Per kostnadsslag"])
    assert [(r[0], money(r[2]), money(r[3]), money(r[4])) for r in rows[:-1]] == want
    assert rows[0][1] == "Personal"
    header, per_year = table(values["Per år"])
    got = [
        (r[0], money(r[1]), money(r[2]), money(r[4]), money(r[header.index("Att återbetala")]))
        for r in per_year[:-1]
    ]
    assert got == years
    assert got[0][4] == D("13500.00")  # 2025: paid 620 000, outcome 606 500
    assert formulas["Per år"]["B2"].value == "Beviljat"

    response = ekonom.get("/grants/budget-outcome.xlsx?year=2025")
    _formulas, values = load(response.data)
    header, rows = table(values["Insatser 2025"])
    with app.app_context():
        outcome_total = grants.outcome_in_year(2025)
        granted_total = grants.granted_in_year(2025)
    assert money(rows[-1][header.index("Utfall")]) == outcome_total
    assert money(rows[-1][header.index("Beviljat")]) == granted_total
    _h, categories = table(values["Per kostnadsslag"])
    assert money(categories[-1][2]) == outcome_total
