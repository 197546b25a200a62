"""Warnings on likely slips: shown after saving, and the save is kept (issue 24.10)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.money import slips
from models import Application, Grant, db
from models.plan import IndicatorFollowUp, PlanBudgetLine

from ..conftest import WebClient, as_user, html_text
from .test_plans import _write_a_plan, world  # noqa: F401 (a fixture)

D = Decimal
MONTHLY = "Årslönen är under 150 000 kr: är det en månadslön? Ange månadslönen × 12."
ZERO = "Raden är 0 kr: har beloppet fallit bort?"


def _flatan(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Application.id).where(Application.title == "Flåtan – vägen till arbete")
        )


def _staff(demo: dict, salary: str) -> dict[str, Any]:
    return {
        "staff-year": "2027",
        "staff-role": "Handledare",
        "staff-person": "Eva Ek",
        "staff-employer_id": demo["orgs"]["AME"],
        "staff-percent": "50",
        "staff-annual_salary": salary,
        "staff-months": "12",
    }


def test_monthly_salary_on_a_staff_line_is_warned_and_saved(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    flatan = _flatan(app)
    response = owner.post(
        f"/applications/{flatan}/staff", _staff(demo, "31 300"), follow_redirects=True
    )
    text = html_text(response)
    assert "Personalraden har lagts till." in text and MONTHLY in text
    with app.app_context():
        salaries = [s.annual_salary for s in db.session.get(Application, flatan).staff_lines]
    assert D("31300.00") in salaries
    response = owner.post(
        f"/applications/{flatan}/staff", _staff(demo, "375 600"), follow_redirects=True
    )
    assert MONTHLY not in html_text(response)


def test_zero_cost_line_is_warned_and_saved(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    flatan = _flatan(app)
    response = owner.post(
        f"/applications/{flatan}/lines",
        {"line-year": "2027", "line-category": "premises", "line-amount": "0"},
        follow_redirects=True,
    )
    assert ZERO in html_text(response)
    with app.app_context():
        application = db.session.get(Application, flatan)
        assert D("0.00") in [line.amount for line in application.budget_lines]


def test_grant_staff_with_a_monthly_salary_is_warned(app: Flask, web: WebClient, demo: dict):
    web.login("chef@example.com")
    with app.app_context():
        gid = db.session.scalar(
            select(Grant.id).where(Grant.name == "Kvinnocoacher för arbetsåtergång")
        )
    response = web.post(
        f"/grants/{gid}/staff/new",
        {
            "person": "Lena Ås",
            "employer_id": "",
            "percent": "20",
            "start_on": "2026-03-01",
            "end_on": "2026-12-31",
            "annual_salary": "36 000",
            "po_rate": "44,53",
        },
        follow_redirects=True,
    )
    text = html_text(response)
    assert "Lena Ås är sparad." in text and MONTHLY in text


@pytest.mark.usefixtures("world")
def test_plan_zero_line_warned_and_dot_thousands_explained(app: Flask, web: WebClient) -> None:
    web.login("chef@example.com")
    ids = _write_a_plan(web, app)
    response = web.post(
        f"/plans/{ids['plan']}/lines/new",
        {"category": "styrelse", "name": "Arvoden", "amount": "0"},
        follow_redirects=True,
    )
    assert ZERO in html_text(response)
    response = web.post(
        f"/plans/{ids['plan']}/lines/new",
        {"category": "styrelse", "name": "Resor", "amount": "1.000"},
    )
    text = html_text(response)
    assert response.status_code == 400 and 'value="1.000"' in text
    assert (
        "1.000 är tvetydigt: skriv 1 000 för 1 000 kronor; öre skrivs efter decimalkomma, "
        "t.ex. 1,50." in text
    )
    assert "Högst två decimaler" not in text
    with app.app_context():
        amounts = {
            line.name: line.amount
            for line in db.session.scalars(select(PlanBudgetLine).where(PlanBudgetLine.name != ""))
        }
    assert amounts["Arvoden"] == D("0.00") and "Resor" not in amounts


@pytest.mark.usefixtures("world")
def test_indicator_result_ten_times_target(app: Flask, web: WebClient) -> None:
    web.login("chef@example.com")
    ids = _write_a_plan(web, app)  # the indicator's target is 95,5
    response = web.post(f"/plans/{ids['plan']}/followup", {"kind": "tertial1"})
    period_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    url = f"/plans/followup/{period_id}/indicators/{ids['indicator']}"
    response = web.post(url, {"actual": "955", "status": "on_track"}, follow_redirects=True)
    text = html_text(response)
    assert "Uppföljningen är sparad." in text
    assert "Utfallet är tio gånger målvärdet eller mer: kontrollera siffran." in text
    with app.app_context():
        saved = db.session.scalar(select(IndicatorFollowUp.actual))
    assert saved == D("955")
    response = web.post(url, {"actual": "94", "status": "on_track"}, follow_redirects=True)
    assert "tio gånger" not in html_text(response)


def test_the_rules_as_functions(app: Flask) -> None:
    with app.test_request_context():
        assert slips.low_annual_salary(D("149999")) and not slips.low_annual_salary(D("150000"))
        assert slips.zero_amount(D("0")) and not slips.zero_amount(D("0.01"))
        assert slips.result_far_above_target(D("100"), D("10"))
        assert not slips.result_far_above_target(D("99"), D("10"))
        assert not slips.result_far_above_target(D("5"), D("0"))
        assert slips.dot_thousands("12.500") and slips.dot_thousands("1.000 kr")
        for text in ("1 000", "1.5", "1.0000", "1,000", "1.000,50"):
            assert slips.dot_thousands(text) is None, text
