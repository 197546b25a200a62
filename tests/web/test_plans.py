"""The plan pages: writing a plan, the lock after adoption on every write route, roles."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.formatting import sek
from app.services.grants import lifecycle as grant_service
from app.services.meetings.agenda import paragraph_label
from models import Organisation, db
from models.meeting import Paragraph
from models.plan import (
    EquityStep,
    EquityYear,
    FollowUpPeriod,
    Goal,
    Indicator,
    Plan,
    PlanBudgetLine,
    PlanInsats,
)

from ..conftest import WebClient, html_text
from ..unit.test_plans_world import build_world

D = Decimal


@pytest.fixture
def world(app: Flask) -> Any:
    with app.app_context():
        made = build_world()
        db.session.commit()
    return made


def page_text(response: Any) -> str:
    """The page's visible text, tags removed and whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text(response))).strip()


def _plan_id(app: Flask, year: int = 2026) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Plan.id).where(Plan.year == year).order_by(Plan.version.desc())
        )


def _count(app: Flask, model: Any) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _write_a_plan(web: WebClient, app: Flask) -> dict[str, int]:
    assert web.post("/plans/new", {"year": "2026", "copy_from": ""}).status_code == 302
    plan_id = _plan_id(app)
    web.post(
        f"/plans/{plan_id}/edit",
        {
            "title": "VP 2026",
            "vision": "Fler i arbete",
            "focus_areas": "En väg in\nSamverkan",
            "governance": "",
            "equity_start": "500 000",
        },
    )
    response = web.post(
        f"/plans/{plan_id}/goals/new",
        {"title": "Kontakt inom två veckor", "focus_area": "En väg in"},
    )
    assert response.status_code == 302 and "/indicators/new" in response.headers["Location"]
    with app.app_context():
        goal_id = db.session.scalar(select(Goal.id))
    web.post(
        f"/plans/goals/{goal_id}/indicators/new",
        {
            "name": "Andel individer som får kontakt inom två veckor",
            "unit": "%",
            "baseline": "89",
            "target": "95,5",
            "how_measured": "Dokumentationssystemet",
        },
    )
    web.post(
        f"/plans/{plan_id}/lines/new",
        {"category": "kansli", "name": "Lokaler", "amount": "1 200 000"},
    )
    web.post(
        f"/plans/{plan_id}/insatser/new",
        {
            "name": "Utlysning",
            "kind": "individual",
            "goal_id": str(goal_id),
            "planned_amount": "250 000",
            "grant_id": "",
            "application_id": "",
        },
    )
    with app.app_context():
        ids = {
            "plan": plan_id,
            "goal": goal_id,
            "indicator": db.session.scalar(select(Indicator.id)),
            "line": db.session.scalar(select(PlanBudgetLine.id)),
            "insats": db.session.scalar(select(PlanInsats.id)),
        }
    return ids


def test_chef_writes_a_plan_with_goal_indicator_line_and_insats(
    app: Flask, web: WebClient, world: Any
) -> None:
    web.login("chef@example.com")
    ids = _write_a_plan(web, app)
    with app.app_context():
        plan = db.session.get(Plan, ids["plan"])
        indicator = db.session.get(Indicator, ids["indicator"])
        assert (plan.vision, plan.equity_start) == ("Fler i arbete", D(500000))
        assert (indicator.baseline, indicator.target, indicator.unit) == (D(89), D("95.5"), "%")
        assert plan.insatser[0].planned_amount == D(250000)
    text = page_text(web.get(f"/plans/{ids['plan']}"))
    assert "Andel individer som får kontakt inom två veckor" in text
    assert "Summa intäkter 4 000 000 kr" in text
    # 812 000,50 granted + 250 000 planned + 1 200 000 office
    assert "Summa kostnader 2 262 000,50 kr" in text
    assert "Årets resultat 1 737 999,50 kr" in text
    assert "Eget kapital vid årets slut 2 237 999,50 kr" in text
    assert "Eget kapital ligger över den rekommenderade nivån" in text


def test_bad_input_gets_a_message_beside_the_field_and_keeps_what_was_typed(
    app: Flask, web: WebClient, world: Any
) -> None:
    web.login("chef@example.com")
    ids = _write_a_plan(web, app)
    response = web.post(
        f"/plans/{ids['plan']}/lines/new",
        {"category": "styrelse", "name": "Arvoden", "amount": "12,3,4"},
    )
    text = html_text(response)
    assert response.status_code == 400
    assert "Använd bara ett decimalkomma" in text and 'value="Arvoden"' in text
    response = web.post(
        f"/plans/goals/{ids['goal']}/indicators/new", {"name": "Deltagare", "target": "fyrtio"}
    )
    assert "Ange ett tal, t.ex. 75 eller 12,5." in html_text(response)
    response = web.post("/plans/new", {"year": "2026", "copy_from": ""})
    assert response.status_code == 400
    assert "Det finns redan en plan för 2026." in html_text(response)
    assert 'value="2026"' in html_text(response)


def test_every_write_route_is_refused_for_an_adopted_plan(
    app: Flask, web: WebClient, world: Any
) -> None:
    web.login("chef@example.com")
    ids = _write_a_plan(web, app)
    response = web.post(f"/plans/{ids['plan']}/adopt", {"paragraph_id": str(world.paragraphs[0])})
    assert response.status_code == 302
    before = {m: _count(app, m) for m in (Goal, Indicator, PlanBudgetLine, PlanInsats, Plan)}
    posts = [
        (f"/plans/{ids['plan']}/edit", {"title": "Ändrad", "vision": "x", "focus_areas": ""}),
        (f"/plans/{ids['plan']}/delete", {}),
        (f"/plans/{ids['plan']}/adopt", {"paragraph_id": str(world.paragraphs[1])}),
        (f"/plans/{ids['plan']}/goals/new", {"title": "Nytt mål"}),
        (f"/plans/goals/{ids['goal']}/edit", {"title": "Ändrat"}),
        (f"/plans/goals/{ids['goal']}/delete", {}),
        (f"/plans/goals/{ids['goal']}/indicators/new", {"name": "Ny"}),
        (f"/plans/indicators/{ids['indicator']}/edit", {"name": "Ändrad"}),
        (f"/plans/indicators/{ids['indicator']}/delete", {}),
        (f"/plans/{ids['plan']}/lines/new", {"category": "revision", "amount": "1"}),
        (f"/plans/lines/{ids['line']}/edit", {"category": "kansli", "amount": "2"}),
        (f"/plans/lines/{ids['line']}/delete", {}),
        (f"/plans/{ids['plan']}/insatser/new", {"name": "Ny", "kind": "individual"}),
        (f"/plans/insatser/{ids['insats']}/edit", {"name": "Ändrad", "kind": "individual"}),
        (f"/plans/insatser/{ids['insats']}/delete", {}),
    ]
    for url, data in posts:
        response = web.post(url, data, follow_redirects=True)
        assert response.status_code in (200, 400), url
        assert "är antagen" in html_text(response), url
    after = {m: _count(app, m) for m in before}
    assert after == before
    assert before[PlanBudgetLine] == 7  # the typed line and the 6 kept at adoption
    with app.app_context():
        plan = db.session.get(Plan, ids["plan"])
        assert plan.title == "VP 2026" and plan.adopted_paragraph_id == world.paragraphs[0]
    for url in (f"/plans/{ids['plan']}/edit", f"/plans/goals/{ids['goal']}/edit"):
        assert web.get(url).status_code == 302  # the forms are not even offered


def test_a_new_version_gets_its_own_decision(app: Flask, web: WebClient, world: Any) -> None:
    web.login("chef@example.com")
    ids = _write_a_plan(web, app)
    web.post(f"/plans/{ids['plan']}/adopt", {"paragraph_id": str(world.paragraphs[0])})
    response = web.post(f"/plans/{ids['plan']}/revise", {"revision_note": "Ny budget"})
    assert response.status_code == 302
    second = _plan_id(app)
    assert second != ids["plan"]
    text = page_text(web.get(f"/plans/{second}"))
    assert "version 2" in text and "Utkast, ännu inte antaget." in text
    assert "§ 50" in text  # version 1's decision in the history
    response = web.post(f"/plans/{second}/adopt", {"paragraph_id": str(world.paragraphs[0])})
    assert response.status_code == 400  # that § is taken by version 1
    response = web.post(f"/plans/{second}/adopt", {"paragraph_id": str(world.paragraphs[1])})
    assert response.status_code == 302
    with app.app_context():
        cited = [paragraph_label(db.session.get(Paragraph, world.paragraphs[n])) for n in (0, 1)]
        adopted_on = [db.session.get(Plan, n).adopted_on.isoformat() for n in (ids["plan"], second)]
    text = page_text(web.get(f"/plans/{second}"))
    assert f"Antagen av styrelsen vid {cited[1]} den {adopted_on[1]}." in text
    history = text[text.index("Versioner") :]
    assert (
        f"Version 2 Antagen {cited[1]}, {adopted_on[1]} Ny budget "
        f"Version 1 Antagen {cited[0]}, {adopted_on[0]}"
    ) in history


@pytest.mark.parametrize("email", ["styrelse@example.com", "revisor@example.com"])
def test_readers_read_and_write_nothing(app: Flask, web: WebClient, world: Any, email: str) -> None:
    chef = WebClient(app.test_client())
    chef.login("chef@example.com")
    ids = _write_a_plan(chef, app)
    web.login(email)
    assert web.get(f"/plans/{ids['plan']}").status_code == 200
    assert web.get(f"/plans/{ids['plan']}/print").status_code == 200
    for url in (
        f"/plans/{ids['plan']}/edit",
        f"/plans/{ids['plan']}/goals/new",
        "/plans/new",
        "/plans/equity",
        f"/plans/{ids['plan']}/followup",
    ):
        assert web.post(url, {"title": "x", "year": "2030"}).status_code == 403, url
    assert "Ny plan" not in html_text(web.get("/plans/"))


def test_projektagare_has_no_plan_pages(app: Flask, web: WebClient, world: Any) -> None:
    web.login("projektagare@example.com")
    assert web.get("/plans/").status_code == 403
    assert web.get("/plans/equity").status_code == 403


def test_follow_up_by_chef_and_ekonom(app: Flask, web: WebClient, world: Any) -> None:
    chef = WebClient(app.test_client())
    chef.login("chef@example.com")
    ids = _write_a_plan(chef, app)
    response = chef.post(f"/plans/{ids['plan']}/followup", {"kind": "tertial1"})
    period_url = response.headers["Location"]
    period_id = int(period_url.rstrip("/").split("/")[-1])
    response = chef.post(
        f"/plans/followup/{period_id}/indicators/{ids['indicator']}",
        {"actual": "91,5", "status": "at_risk", "comment": "Sjukskrivning"},
    )
    assert response.status_code == 302
    text = page_text(chef.get(period_url))
    assert "⚠ Risk för avvikelse" in text and "91,5 %" in text and "Sjukskrivning" in text
    web.login("ekonom@example.com")
    line_url = f"/plans/followup/{period_id}/lines/{ids['line']}"
    assert web.post(line_url, {"actual": "400 000,25", "forecast": ""}).status_code == 302
    assert (
        web.post(
            f"/plans/followup/{period_id}/indicators/{ids['indicator']}", {"status": "on_track"}
        ).status_code
        == 403
    )
    text = page_text(web.get(f"/plans/followup/{period_id}/report"))
    assert "400 000,25 kr" in text and "Delårsrapport 2026" in text
    response = chef.post(
        f"/plans/followup/{period_id}/adopt", {"paragraph_id": str(world.paragraphs[2])}
    )
    assert response.status_code == 302
    response = web.post(line_url, {"actual": "1"}, follow_redirects=True)
    assert "Styrelsen har antagit uppföljningen" in html_text(response)


def test_equity_history_and_steps(app: Flask, web: WebClient, world: Any) -> None:
    web.login("ekonom@example.com")
    response = web.post("/plans/equity", {"year": "2019", "amount": "905 000", "note": "Bokslut"})
    assert response.status_code == 302
    response = web.post("/plans/equity", {"year": "2019", "amount": "abc"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(EquityYear.amount).where(EquityYear.year == 2019)) == D(
            905000
        )
    page = web.get("/plans/equity").get_data(as_text=True)
    row = page.split('data-year="2019"', 1)[1].split("</tr>", 1)[0]
    assert "Bokslut" in row  # the note the ekonom wrote is shown with the year
    assert web.get("/plans/equity/steps").status_code == 403
    chef = WebClient(app.test_client())
    chef.login("chef@example.com")
    data = {
        "steps-0-from_amount": "0",
        "steps-0-max_percent": "25",
        "steps-1-from_amount": "10 000 000",
        "steps-1-max_percent": "12,5",
    }
    assert chef.post("/plans/equity/steps", data).status_code == 302
    with app.app_context():
        assert _count(app, EquityStep) == 2
    response = chef.post("/plans/equity/steps", {"steps-0-from_amount": "100"})
    assert response.status_code == 400
    assert "Ange både belopp och procentsats för varje steg." in html_text(response)


def test_workbooks_download_with_sensible_names(app: Flask, web: WebClient, world: Any) -> None:
    chef = WebClient(app.test_client())
    chef.login("chef@example.com")
    ids = _write_a_plan(chef, app)
    chef.post(f"/plans/{ids['plan']}/followup", {"kind": "delar"})
    web.login("revisor@example.com")
    response = web.get(f"/plans/{ids['plan']}/budget.xlsx")
    assert response.status_code == 200
    assert "verksamhetsplan-budget-2026-v1.xlsx" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert web.get(f"/plans/{ids['plan']}/indicators.xlsx").status_code == 200
    with app.app_context():
        period_id = db.session.scalar(select(FollowUpPeriod.id))
    response = web.get(f"/plans/followup/{period_id}/report.xlsx")
    assert "delarsrapport-2026-delar.xlsx" in response.headers["Content-Disposition"]


def test_paragraph_choices_are_free_plan_items_only(app: Flask, web: WebClient, world: Any) -> None:
    web.login("chef@example.com")
    ids = _write_a_plan(web, app)
    text = web.get(f"/plans/{ids['plan']}/adopt").get_data(as_text=True)
    with app.app_context():
        info = db.session.get(Paragraph, world.paragraphs[3])
        assert f'value="{info.id}"' not in text
    assert f'value="{world.paragraphs[0]}"' in text
    response = web.post(f"/plans/{ids['plan']}/adopt", {"paragraph_id": str(world.paragraphs[3])})
    assert response.status_code == 400


def test_plan_page_shows_insatser_fifty_at_a_time_with_the_total_of_all(
    app: Flask, web: WebClient, world: Any
) -> None:
    """A year with 60 more grants: two pages of insatser, each with the total of all 62."""
    with app.app_context():
        owner = db.session.scalar(select(Organisation).order_by(Organisation.id))
        for n in range(60):
            grant_service.create_grant(
                name=f"Insats {n:02d}",
                owner=owner,
                years={2026: D("1000.25")},
                conditions="",
                report_dates=[],
                user=None,
            )
        db.session.commit()
    web.login("chef@example.com")
    assert web.post("/plans/new", {"year": "2026", "copy_from": ""}).status_code == 302
    plan_id = _plan_id(app)
    expected = D(512_000) + D("300000.50") + 60 * D("1000.25")
    seen: list[str] = []
    for number in (1, 2):
        response = web.get(f"/plans/{plan_id}?page={number}")
        assert response.status_code == 200, response.status_code
        html = html_text(response)
        table = html[html.index('data-testid="insatser-table"') :]
        table = table[: table.index("</table>")]
        seen += re.findall(r"<tr>\s*<td>(?:<a [^>]*>)?([^<]+)<", table)
        total = re.search(r'data-testid="insatser-total">([^<]+)<', html)
        assert total and total.group(1) == sek(expected).replace("\xa0", " ")
        assert "av 62 insatser" in page_text(response)
    assert len(seen) == 62 and len(set(seen)) == 62  # every insats once over the two pages


def test_copying_a_plan_to_a_new_year_updates_the_year_in_its_title(
    app: Flask, web: WebClient, world: Any
) -> None:
    web.login("chef@example.com")
    assert web.post("/plans/new", {"year": "2026", "copy_from": ""}).status_code == 302
    source_id = _plan_id(app, 2026)
    web.post(
        f"/plans/{source_id}/edit",
        {
            "title": "Verksamhetsplan 2026 (mål till 20260)",
            "vision": "",
            "focus_areas": "",
            "governance": "",
            "equity_start": "",
        },
    )
    response = web.post("/plans/new", {"year": "2027", "copy_from": str(source_id)})
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.get(Plan, _plan_id(app, 2027))
        assert copy.title == "Verksamhetsplan 2027 (mål till 20260)"
        assert db.session.get(Plan, source_id).title == "Verksamhetsplan 2026 (mål till 20260)"
