"""Hostile input to every form of the plan pages (the site-wide crawler stops at 80 pages,
before it reaches most of them): never a 5xx, nothing rendered unescaped."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.plans import content as plan_content
from app.services.plans import followup
from app.services.plans import insatser as plan_insatser
from app.services.plans import lifecycle as plans
from models import db
from models.plan import FollowUpPeriod, Goal, Indicator, Plan, PlanBudgetLine, PlanInsats

from ..conftest import WebClient
from ..unit.test_plans_world import build_world
from .test_fuzz_forms import FormCollector, fuzz_form


@pytest.fixture
def pages(app: Flask) -> list[str]:
    """A draft plan with one of everything, a follow-up, and the URLs of their form pages."""
    with app.app_context():
        world = build_world()
        plan = plans.create_plan(2026)
        goal = plan_content.add_goal(plan, title="Mål")
        indicator = plan_content.add_indicator(goal, name="Indikator")
        line = plan_content.add_budget_line(plan, category="kansli", name="", amount=1000)
        insats = plan_insatser.add_insats(plan, name="Utlysning")
        period = followup.open_period(2026, "delar")
        db.session.commit()
        ids = {
            "plan": plan.id,
            "goal": goal.id,
            "indicator": indicator.id,
            "line": line.id,
            "insats": insats.id,
            "period": period.id,
        }
        assert world.paragraphs
    p, g, i, li, s, f = (ids[k] for k in ("plan", "goal", "indicator", "line", "insats", "period"))
    return [
        "/plans/new",
        f"/plans/{p}",
        f"/plans/{p}/edit",
        f"/plans/{p}/goals/new",
        f"/plans/goals/{g}/edit",
        f"/plans/goals/{g}/indicators/new",
        f"/plans/indicators/{i}/edit",
        f"/plans/{p}/lines/new",
        f"/plans/lines/{li}/edit",
        f"/plans/{p}/insatser/new",
        f"/plans/insatser/{s}/edit",
        f"/plans/{p}/adopt",
        f"/plans/followup/{f}",
        f"/plans/followup/{f}/indicators/{i}",
        f"/plans/followup/{f}/lines/{li}",
        f"/plans/followup/{f}/summary",
        f"/plans/followup/{f}/adopt",
        "/plans/equity",
        "/plans/equity/steps",
    ]


def _forms(web: WebClient, urls: list[str]) -> list[tuple[str, dict[str, Any]]]:
    found: dict[tuple[str, tuple[str, ...]], tuple[str, dict[str, Any]]] = {}
    for url in urls:
        response = web.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        parser = FormCollector()
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            action = urljoin(url, form["action"] or url)
            if "/delete" in action:
                continue  # removing things is tested elsewhere; here it would end the walk
            found.setdefault((action, tuple(sorted(form["fields"]))), (action, form))
    return list(found.values())


@pytest.mark.parametrize("email", ["chef@example.com", "ekonom@example.com"])
def test_plan_forms_survive_hostile_input(
    app: Flask, web: WebClient, pages: list[str], email: str
) -> None:
    web.login(email)
    forms = _forms(web, pages)
    assert len(forms) >= (14 if email.startswith("chef") else 2)
    for action, form in forms:
        fuzz_form(web, action, form)
    with app.app_context():  # the plan is still there and still sound
        assert db.session.scalar(select(Plan.id)) is not None
        for model in (Goal, Indicator, PlanBudgetLine, PlanInsats, FollowUpPeriod):
            db.session.scalars(select(model)).all()
