"""The dashboard on each role's landing page: the year's figures, charts readable without colour."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask

from app.services.grants import lifecycle as grant_service
from app.services.grants.reports import due_reports
from app.services.money import contributions
from app.services.plans import content as plan_content
from app.services.plans import equity as plan_equity
from app.services.plans import followup
from app.services.plans import insatser as plan_insatser
from app.services.plans import lifecycle as plans
from models import Organisation, db
from models.meeting import Paragraph

from ..conftest import WebClient, html_text
from ..unit.test_plans_world import build_world, pay

D = Decimal
YEAR = date.today().year


def page_text(response: Any) -> str:
    """The page's visible text, tags removed and whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text(response))).strip()


def kpi(body: str, name: str) -> str:
    """The text of one figure card."""
    match = re.search(rf'data-kpi="{name}">([^<]*)<', body)
    assert match, name
    return match.group(1).replace("\xa0", " ")


@pytest.fixture
def world(app: Flask) -> Any:
    """The small förbund this year with a plan in force, a follow-up and equity history."""
    with app.app_context():
        made = build_world(YEAR)
        plan = plans.create_plan(YEAR)
        goal = plan_content.add_goal(plan, title="Kontakt inom två veckor")
        indicator = plan_content.add_indicator(
            goal, name="Andel med kontakt inom två veckor", unit="%", target=D(95)
        )
        plan_content.add_budget_line(plan, category="kansli", name="", amount=D(1_000_000))
        plan_insatser.add_insats(plan, name="Utlysning", planned_amount=D(200_000))
        plans.adopt_plan(plan, db.session.get(Paragraph, made.paragraphs[0]))
        pay(made.grants["Vägen in"], YEAR, "150000", date(YEAR, 1, 20))
        pay(made.grants["En väg in"], YEAR, "100000", date(YEAR, 2, 10))
        period = followup.open_period(YEAR, "tertial1")
        followup.record_indicator(
            period, indicator, actual=D(91), status="off_track", comment="Underbemannat"
        )
        for year, amount in ((YEAR - 3, "300000"), (YEAR - 2, "905000"), (YEAR - 1, "400000")):
            plan_equity.set_equity_year(year, D(amount))
            contributions.set_contribution(year, D(4_000_000), "population")
        db.session.commit()
    return made


@pytest.mark.parametrize(
    "email",
    ["chef@example.com", "ekonom@example.com", "styrelse@example.com", "revisor@example.com"],
)
def test_office_roles_see_the_years_figures(web: WebClient, world: Any, email: str) -> None:
    web.login(email)
    response = web.get("/")
    body = html_text(response)
    # insatser budget kept at adoption: granted 812 000,50 + planned 200 000
    assert kpi(body, "budget") == "1 012 000,50 kr"
    assert kpi(body, "granted") == "812 000,50 kr"
    assert kpi(body, "paid") == "250 000 kr"
    assert kpi(body, "remaining") == "200 000 kr"
    text = page_text(response)
    assert "Aktiva" not in text and "Pågående insatser 2" in text
    assert "✖ Avviker Andel med kontakt inom två veckor: 91 %" in text
    assert "Beviljat men inte utbetalt: 562 000,50 kr" in text


def test_projektagare_sees_only_their_own_grants(web: WebClient, world: Any) -> None:
    web.login("projektagare@example.com")
    response = web.get("/")
    body, text = html_text(response), page_text(response)
    assert kpi(body, "granted") == "300 000,50 kr"  # Vägen in (AME) only
    assert kpi(body, "paid") == "150 000 kr"
    assert kpi(body, "remaining") == "150 000,50 kr"
    assert 'data-kpi="budget"' not in body
    assert "Vägen in" in text and "En väg in" not in text
    assert "Eget kapital" not in text and "Andel med kontakt" not in text


def _reports_listed(response: Any) -> list[str]:
    body = html_text(response)
    listed = body[body.index('data-testid="reports-due"') :]
    return re.findall(r"<li>([^<]*)", listed[: listed.index("</ul>")])


def test_reports_due_lists_the_earliest_eight_and_counts_the_rest(
    app: Flask, web: WebClient, world: Any
) -> None:
    """Twelve more reports due: the dashboard names the eight due first and counts the
    others; a projektägare's list holds only their own organisation's."""
    today = date.today()
    with app.app_context():
        ame = db.session.get(Organisation, world.orgs["AME"])
        for n in range(12):
            grant_service.create_grant(
                name=f"Rapportinsats {n:02d}",
                owner=ame,
                years={YEAR: D(1000)},
                conditions="",
                report_dates=[("status", today - timedelta(days=40 + n))],
                user=None,
            )
        db.session.commit()
        every = due_reports(today)
        own = due_reports(today, organisation_id=ame.id)
        expected = [f"{r.grant.name}: {r.due_on.isoformat()}" for r in every]
        expected_own = [f"{r.grant.name}: {r.due_on.isoformat()}" for r in own]
    added = [line for line in expected if line.startswith("Rapportinsats")]
    assert len(added) == 12 and added[0].startswith("Rapportinsats 11")  # due first
    assert len(every) > len(own) > 8
    web.login("chef@example.com")
    response = web.get("/")
    assert _reports_listed(response) == [f"{line} " for line in expected[:8]]
    assert f"och {len(every) - 8} till" in page_text(response)
    owner = WebClient(app.test_client())
    owner.login("projektagare@example.com")
    response = owner.get("/")
    assert _reports_listed(response) == [f"{line} " for line in expected_own[:8]]
    assert f"och {len(own) - 8} till" in page_text(response)


def test_charts_are_svg_with_title_desc_patterns_and_a_table(web: WebClient, world: Any) -> None:
    web.login("chef@example.com")
    body = web.get("/dashboard/").get_data(as_text=True)
    charts = re.findall(r"<svg.*?</svg>", body, re.S)
    assert len(charts) == 2
    for svg in charts:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert "aria-labelledby=" in svg
        assert "style=" not in svg and "<script" not in svg
        assert "<pattern" in svg  # hatching: the series differ by more than colour
    assert "▲" in charts[1]  # the year above the recommended level is marked
    assert 'data-testid="line-table"' in body and 'data-testid="dashboard-equity"' in body
    text = page_text(web.get("/dashboard/"))
    assert f"{YEAR - 2} 905 000 kr 800 000 kr ▲ Över nivån" in text
    # the table beside the line chart: the insatser line's budget and payments to 30 April
    assert "Insatser (beviljade och planerade) 1 012 000,50 kr 250 000 kr" in text


def test_another_year_can_be_chosen(web: WebClient, world: Any) -> None:
    web.login("ekonom@example.com")
    response = web.get(f"/dashboard/?year={YEAR + 1}")
    assert response.status_code == 200
    assert kpi(html_text(response), "granted") == "100 000 kr"
    assert kpi(html_text(response), "budget") == "Ingen plan"
    assert web.get("/dashboard/?year=abc").status_code == 200


def test_user_text_in_charts_is_escaped(app: Flask, web: WebClient, world: Any) -> None:
    with app.app_context():
        plan = plans.create_plan(YEAR + 1)
        plan_content.add_budget_line(
            plan, category="styrelse", name='<script>alert(1)</script>"', amount=D(1)
        )
        db.session.commit()
    web.login("chef@example.com")
    body = web.get(f"/dashboard/?year={YEAR + 1}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
