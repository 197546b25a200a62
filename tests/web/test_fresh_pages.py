"""Every page shows what is committed when it is asked for: a write made through the
UI, a service or straight in the database is on the very next page."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, select, update

from app.services.money import contributions
from app.services.plans import content as plan_content
from app.services.plans import equity as plan_equity
from app.services.plans import followup
from app.services.plans import lifecycle as plans
from models import Application, db
from models.meeting import Paragraph

from ..conftest import WebClient, as_user, html_text
from ..unit.test_plans_world import build_world, pay

D = Decimal
YEAR = 2026


@pytest.fixture
def world(app: Flask) -> dict[str, Any]:
    """The small förbund with the 2026 plan adopted, its first tertial opened and a
    second version of the plan in draft (a draft draws its figures live)."""
    with app.app_context():
        made = build_world(YEAR)
        plan = plans.create_plan(YEAR)
        plan_content.add_budget_line(plan, category="kansli", name="", amount=D(1_000_000))
        plans.adopt_plan(plan, db.session.get(Paragraph, made.paragraphs[0]))
        period = followup.open_period(YEAR, "tertial1")
        draft = plans.revise_plan(plan)
        db.session.commit()
        return {"world": made, "period": period.id, "draft": draft.id}


def _text(response: Any) -> str:
    """The page's visible text, tags removed and whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text(response))).strip()


def _pages(web: WebClient, world: dict[str, Any]) -> tuple[str, str]:
    """The text of the follow-up page and of the draft plan's page."""
    return (
        _text(web.get(f"/plans/followup/{world['period']}")),
        _text(web.get(f"/plans/{world['draft']}")),
    )


def test_a_payment_shows_on_the_follow_up_at_the_next_request(
    app: Flask, web: WebClient, world: dict[str, Any]
) -> None:
    web.login("chef@example.com")
    followup_page, _plan = _pages(web, world)
    assert "Insatser (beviljade och planerade) 812 000,50 kr 0 kr" in followup_page
    with app.app_context():
        pay(world["world"].grants["En väg in"], YEAR, "123456", date(YEAR, 2, 1))
        db.session.commit()
    followup_page, _plan = _pages(web, world)
    assert "Insatser (beviljade och planerade) 812 000,50 kr 123 456 kr" in followup_page


def test_a_contribution_shows_on_the_follow_up_and_the_plan_at_the_next_request(
    app: Flask, web: WebClient, world: dict[str, Any]
) -> None:
    web.login("chef@example.com")
    followup_page, plan_page = _pages(web, world)
    assert "Medlemsbidrag, Försäkringskassan 2 000 000 kr 666 666,67 kr" in followup_page
    assert "Medlemsbidrag, Försäkringskassan (hämtat) 2 000 000 kr" in plan_page
    with app.app_context():
        contributions.set_contribution(YEAR, D(5_000_000), "population")
        db.session.commit()
    followup_page, plan_page = _pages(web, world)
    # the adopted plan keeps its budget; the outcome and forecast follow the new total
    assert "Medlemsbidrag, Försäkringskassan 2 000 000 kr 833 333,33 kr" in followup_page
    assert "Medlemsbidrag, Försäkringskassan (hämtat) 2 500 000 kr" in plan_page


def test_recorded_equity_shows_on_the_follow_up_and_the_plan_at_the_next_request(
    app: Flask, web: WebClient, world: dict[str, Any]
) -> None:
    web.login("chef@example.com")
    for page in _pages(web, world):
        assert "Eget kapital vid årets början Okänt" in page
    with app.app_context():
        plan_equity.set_equity_year(YEAR - 1, D(600_000))
        db.session.commit()
    for page in _pages(web, world):
        assert "Eget kapital vid årets början 600 000 kr" in page


TITLE = "SAMVERK – gemensam kompetensutveckling"


def _application_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(Application.id).where(Application.title == TITLE))


def test_a_write_outside_the_app_shows_at_the_next_request(app: Flask, demo: dict) -> None:
    """A change by a service, or by another process on its own connection (another
    worker, an edit in psql), is on the next page."""
    chef = as_user(app, "chef@example.com")
    application = _application_id(app)
    assert TITLE in html_text(chef.get(f"/applications/{application}"))
    assert TITLE in html_text(chef.get("/applications/"))
    with app.app_context():
        db.session.get(Application, application).title = "Samverk 2.0"
        db.session.commit()
    assert "Samverk 2.0" in html_text(chef.get(f"/applications/{application}"))
    assert "Samverk 2.0" in html_text(chef.get("/applications/"))
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with other.begin() as connection:
            connection.execute(
                update(Application).where(Application.id == application).values(title="Nytt namn")
            )
    finally:
        other.dispose()
    assert "Nytt namn" in html_text(chef.get(f"/applications/{application}"))
    assert "Nytt namn" in html_text(chef.get("/applications/"))


def test_a_message_after_a_save_is_shown_once(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    base = f"/applications/{_application_id(app)}"
    proposal = {"assessment": "Bra.", "proposal_text": "Bevilja.", "conditions": ""}
    assert chef.post(f"{base}/proposal", proposal).status_code == 302
    chef.get(f"{base}/proposal")  # the message of the proposal's save is shown there
    assert chef.post(f"{base}/step", {"to": "proposed", "note": ""}).status_code == 302
    alert = re.compile(r'<div class="alert alert-success"')
    first = chef.get(base).get_data(as_text=True)
    assert alert.search(first) and "Föreslagen" in html_text(chef.get(base))
    assert not alert.search(chef.get(base).get_data(as_text=True))
