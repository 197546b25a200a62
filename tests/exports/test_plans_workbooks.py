"""The plan's workbooks read back: budget × years with SUM totals, indicators, the report."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from flask import Flask

from app.services.money import contributions
from app.services.plans import budget_followup, followup
from app.services.plans import content as plan_content
from app.services.plans import equity as plan_equity
from app.services.plans import figures as plan_figures
from app.services.plans import insatser as plan_insatser
from app.services.plans import lifecycle as plans
from exports.followup import indicator_sheet
from exports.interim_report import report_sheets
from exports.plan_budget import budget_sheets
from exports.workbook import workbook_bytes
from models import db

from ..conftest import WebClient
from ..unit.test_plans_world import build_world, pay

D = Decimal
KR = '#,##0 "kr"'
KR_ORE = '#,##0.00 "kr"'


def _kr(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(float(value))).quantize(Decimal("0.01"))


def _book(sheets: list[Any]) -> tuple[Any, Any]:
    data = workbook_bytes(sheets, title="Test", forbund="Testförbundet", created=date(2026, 11, 1))
    return (
        openpyxl.load_workbook(io.BytesIO(data)),
        openpyxl.load_workbook(io.BytesIO(data), data_only=True),
    )


def _rows(sheet: Any) -> dict[str, list[Any]]:
    """First-column label → the rest of the row (from row 3: heading, then titles)."""
    return {row[0].value: row[1:] for row in sheet.iter_rows(min_row=3) if row[0].value}


@pytest.fixture
def two_years(app_ctx: Flask) -> Any:
    world = build_world(2026)
    contributions.set_contribution(2025, D(3_900_000), "population")
    plan_equity.set_equity_year(2024, D("600000"))
    last = plans.create_plan(2025)
    goal = plan_content.add_goal(last, title="Kontakt inom två veckor")
    plan_content.add_indicator(
        goal, name="Andel med kontakt inom två veckor", unit="%", baseline=D(89), target=D("95.5")
    )
    kansli = plan_content.add_budget_line(last, category="kansli", name="", amount=D("1100000"))
    plan_content.add_budget_line(last, category="revision", name="", amount=D("90000.50"))
    helar = followup.open_period(2025, "helar")
    followup.record_budget(helar, kansli, actual=D("1054321.25"))
    followup.record_indicator(helar, last.indicators()[0], actual=D(96), status="on_track")
    this = plans.copy_plan(last, 2026)
    plan_insatser.add_insats(this, name="Utlysning", planned_amount=D("200000"))
    pay(world.grants["En väg in"], 2026, "128000", date(2026, 2, 1))
    delar = followup.open_period(2026, "delar")
    line = next(x for x in this.budget_lines if x.category == "kansli")
    followup.record_budget(
        delar, line, actual=D("700000"), forecast=D("1150000"), comment='=HYPERLINK("x")'
    )
    followup.record_indicator(
        delar, this.indicators()[0], actual=D("93.5"), status="at_risk", comment="Sjukskrivning"
    )
    return {"world": world, "last": last, "this": this, "helar": helar, "delar": delar}


def test_budget_workbook_lines_by_year_with_sum_formulas(two_years: Any) -> None:
    years = plan_figures.budget_years(two_years["this"])
    formulas, values = _book(budget_sheets(years))
    assert formulas.sheetnames == ["Intäkter", "Kostnader", "Resultat"]
    costs, cost_values = formulas["Kostnader"], values["Kostnader"]
    titles = [c.value for c in costs[2]]
    assert titles == [
        "Rad",
        "Budget 2025",
        "Utfall 2025 (t.o.m. 2025-12-31)",
        "Budget 2026",
        "Utfall 2026 (t.o.m. 2026-08-31)",
    ]
    rows = _rows(cost_values)
    assert [_kr(c.value) for c in rows["Insatser (beviljade och planerade)"]] == [
        D(0),
        D(0),
        D("1012000.50"),
        D("128000"),
    ]
    assert [_kr(c.value) for c in rows["Kansli och administration"]] == [
        D("1100000"),
        D("1054321.25"),
        D("1100000"),
        D("700000"),
    ]
    assert [_kr(c.value) for c in rows["Revision"]] == [D("90000.50"), None, D("90000.50"), None]
    total = rows["Summa kostnader"]
    assert [_kr(c.value) for c in total] == [
        D("1190000.50"),
        D("1054321.25"),
        D("2202001.00"),
        D("828000"),
    ]
    last_row = costs.max_row
    assert costs.cell(last_row, 2).value == f"=SUM(B3:B{last_row - 1})"
    assert costs.cell(3, 2).number_format == KR_ORE and costs.cell(3, 5).number_format == KR
    income = _rows(values["Intäkter"])
    parties = contributions.contributions_by_party(2026)
    assert sum(_kr(income[f"Medlemsbidrag {org.name}"][2].value) for org in parties) == D(4_000_000)
    assert _kr(income["Summa intäkter"][0].value) == D(3_900_000)
    result = values["Resultat"]
    header = [c.value for c in result[2]]
    row_2026 = dict(zip(header, [c.value for c in result[4]], strict=True))
    assert row_2026["År"] == 2026
    assert _kr(row_2026["Resultat, budget"]) == D(4_000_000) - D("2202001.00")
    assert _kr(row_2026["Eget kapital vid årets början"]) == D("600000") + D(3_900_000) - D(
        "1190000.50"
    )
    assert (
        result.cell(4, header.index("Eget kapital i % av medlemsbidragen") + 1).number_format
        == "0.0 %"
    )


def test_indicator_workbook_values_and_status_words(two_years: Any) -> None:
    kinds, lines = plan_figures.indicator_lines(two_years["this"])
    assert kinds == ["delar"]
    formulas, values = _book([indicator_sheet(2026, kinds, lines)])
    sheet = values["Indikatorer"]
    titles = [c.value for c in sheet[2]]
    assert titles[:7] == [
        "Mål",
        "Indikator",
        "Enhet",
        "Utgångsvärde",
        "Målvärde",
        "Delår: värde",
        "Delår: status",
    ]
    row = [c.value for c in sheet[3]]
    assert row[1] == "Andel med kontakt inom två veckor"
    assert (row[3], row[4], row[5], row[6]) == (96, 95.5, 93.5, "Risk för avvikelse")
    assert row[7] == "Sjukskrivning"
    assert formulas["Indikatorer"].cell(3, 6).number_format == "#,##0.00"


def test_report_workbook_figures_match_the_follow_up(two_years: Any) -> None:
    period = two_years["delar"]
    money = budget_followup.period_followup(period)
    formulas, values = _book(report_sheets(plan_figures.report_figures(period, "Delår")))
    assert formulas.sheetnames == [
        "Intäkter",
        "Kostnader",
        "Indikatorer",
        "Insatser",
        "Eget kapital",
    ]
    costs = _rows(values["Kostnader"])
    assert _kr(costs["Summa kostnader"][0].value) == money.totals("budget")["costs"]
    assert _kr(costs["Summa kostnader"][1].value) == money.totals("outcome")["costs"]
    kansli = costs["Kansli och administration"]
    assert [_kr(c.value) for c in kansli[:4]] == [D(1100000), D(700000), D(1150000), D(50000)]
    assert kansli[4].value == '=HYPERLINK("x")'  # text, never a formula
    written = _rows(formulas["Kostnader"])["Kansli och administration"][4]
    assert (written.value, written.data_type) == ('=HYPERLINK("x")', "s")
    insatser = _rows(values["Insatser"])
    assert _kr(insatser["En väg in"][4].value) == D(128000)
    last = formulas["Insatser"].max_row
    assert formulas["Insatser"].cell(last, 5).value.startswith("=SUM(E")
    assert _kr(values["Insatser"].cell(last, 5).value) == money.costs[0].budget
    indicators = values["Indikatorer"]
    assert [c.value for c in indicators[3]][5:7] == [93.5, "Risk för avvikelse"]
    equity = _rows(values["Eget kapital"])
    assert _kr(equity["Eget kapital vid årets slut, prognos"][0].value) == money.equity_forecast


def test_workbook_from_the_web_matches(app: Flask, two_years: Any) -> None:
    db.session.commit()
    client = app.test_client()
    web = WebClient(client)
    web.login("ekonom@example.com")
    response = web.get(f"/plans/{two_years['this'].id}/budget.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data), data_only=True)
    assert _kr(_rows(book["Kostnader"])["Kansli och administration"][3].value) == D(700000)
