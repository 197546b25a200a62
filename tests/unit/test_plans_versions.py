"""Versions of the plan: adoption at a board §, the lock, revisions and copies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask

from app.services.plans import content as plan_content
from app.services.plans import followup
from app.services.plans import insatser as plan_insatser
from app.services.plans import lifecycle as plans
from app.services.plans.rules import PlanError, PlanLocked, plan_in_force, versions
from models import db
from models.grant import Grant
from models.meeting import Decision, Meeting, Paragraph
from models.plan import Plan

from .test_plans_world import build_world

D = Decimal


def _full_plan(year: int = 2026) -> Plan:
    plan = plans.create_plan(year, vision="Fler når arbete", focus_areas="En väg in\nSamverkan")
    goal = plan_content.add_goal(plan, title="Kontakt inom två veckor", focus_area="En väg in")
    plan_content.add_indicator(
        goal,
        name="Andel individer som får kontakt inom två veckor",
        unit="%",
        baseline=D(89),
        target=D(95),
        how_measured="Dokumentationssystemet",
    )
    plan_content.add_budget_line(plan, category="kansli", name="", amount=D(1_000_000))
    plan_insatser.add_insats(plan, goal=goal, name="Utlysning", planned_amount=D(100_000))
    return plan


def _paragraph(world, index: int) -> Paragraph:
    return db.session.get(Paragraph, world.paragraphs[index])


def _write_paths(plan: Plan) -> list[Callable[[], object]]:
    goal = plan.goals[0]
    indicator = goal.indicators[0]
    line = next(line for line in plan.budget_lines if not line.derived)
    insats = plan.insatser[0]
    return [
        lambda: plans.update_plan(plan, vision="Ändrad"),
        lambda: plans.delete_plan(plan),
        lambda: plan_content.add_goal(plan, title="Nytt mål"),
        lambda: plan_content.update_goal(goal, title="Ändrat mål"),
        lambda: plan_content.delete_goal(goal),
        lambda: plan_content.add_indicator(goal, name="Ny"),
        lambda: plan_content.update_indicator(indicator, name="Ändrad"),
        lambda: plan_content.delete_indicator(indicator),
        lambda: plan_content.add_budget_line(plan, category="styrelse", name="", amount=D(1)),
        lambda: plan_content.update_budget_line(line, category="kansli", name="", amount=D(2)),
        lambda: plan_content.delete_budget_line(line),
        lambda: plan_insatser.add_insats(plan, name="Ny utlysning", planned_amount=D(5)),
        lambda: plan_insatser.update_insats(insats, name="Ändrad", planned_amount=D(6)),
        lambda: plan_insatser.delete_insats(insats),
    ]


def test_every_write_path_is_refused_once_adopted(app_ctx: Flask) -> None:
    world = build_world()
    plan = _full_plan()
    plans.adopt_plan(plan, _paragraph(world, 0))
    assert plan.is_adopted and plan.adopted_on == date(2025, 11, 20)
    paths = _write_paths(plan)
    assert len(paths) == 14
    for path in paths:
        with pytest.raises(PlanLocked):
            path()
    with pytest.raises(PlanLocked):
        plans.adopt_plan(plan, _paragraph(world, 1))
    db.session.refresh(plan)
    assert plan.vision == "Fler når arbete" and len(plan.goals) == 1
    assert plan.goals[0].indicators[0].name.startswith("Andel")


def test_a_draft_accepts_every_write_path(app_ctx: Flask) -> None:
    build_world()
    plan = _full_plan()
    paths = _write_paths(plan)
    for index in (0, 2, 3, 5, 6, 8, 9, 11, 12, 7, 10, 13, 4, 1):  # deletes last
        paths[index]()
    assert versions(2026) == []


def test_adoption_needs_a_free_plan_item_that_was_not_decided_otherwise(app_ctx: Flask) -> None:
    world = build_world()
    plan = _full_plan()
    with pytest.raises(PlanError):
        plans.adopt_plan(plan, _paragraph(world, 3))  # an information item
    with pytest.raises(PlanError):
        plans.adopt_plan(plan, None)
    referred = _paragraph(world, 0)
    db.session.add(Decision(paragraph=referred, outcome="referred_back"))
    db.session.flush()
    with pytest.raises(PlanError, match="antog den inte"):
        plans.adopt_plan(plan, referred)
    other = plans.create_plan(2027)
    plans.adopt_plan(other, _paragraph(world, 1))
    with pytest.raises(PlanError, match="redan kopplad"):
        plans.adopt_plan(plan, _paragraph(world, 1))
    assert [p.id for p in plans.adoption_paragraphs(2026)] == [world.paragraphs[0]]


def test_a_revision_is_a_new_version_with_its_own_decision(app_ctx: Flask) -> None:
    world = build_world()
    first = _full_plan()
    with pytest.raises(PlanError):
        plans.revise_plan(first)  # a draft is changed directly
    plans.adopt_plan(first, _paragraph(world, 0))
    second = plans.revise_plan(first, "Ny budget efter medlemssamrådet")
    assert (second.version, second.is_adopted, second.copied_from_id) == (2, False, first.id)
    assert [i.key for i in second.indicators()] == [i.key for i in first.indicators()]
    assert second.indicators()[0].baseline == D(89)
    plans.update_plan(second, vision="Reviderad")
    with pytest.raises(PlanError):
        plans.revise_plan(first)  # only the latest version
    assert plan_in_force(2026).id == first.id
    plans.adopt_plan(second, _paragraph(world, 1))
    assert plan_in_force(2026).id == second.id
    assert [p.version for p in versions(2026)] == [2, 1]
    assert first.vision == "Fler når arbete"


def test_a_draft_of_an_older_version_cannot_be_adopted(app_ctx: Flask) -> None:
    world = build_world()
    first = _full_plan()
    plans.adopt_plan(first, _paragraph(world, 0))
    second = plans.revise_plan(first)
    third_try = db.session.get(Plan, second.id)
    assert third_try is second
    with pytest.raises(PlanError):
        plans.create_plan(2026)


def test_copying_last_years_plan_takes_the_latest_value_as_baseline(app_ctx: Flask) -> None:
    world = build_world()
    last = _full_plan(2026)
    plan_insatser.add_insats(last, grant_id=world.grants["En väg in"])  # no money in 2027
    plan_insatser.add_insats(last, grant_id=world.grants["Vägen in"])  # money in 2027
    period = followup.open_period(2026, "delar")
    followup.record_indicator(period, last.indicators()[0], actual=D("93.5"), status="on_track")
    copy = plans.copy_plan(last, 2027)
    assert (copy.year, copy.version, copy.copied_from_id) == (2027, 1, last.id)
    assert copy.indicators()[0].baseline == D("93.50")
    assert copy.indicators()[0].key == last.indicators()[0].key
    assert copy.vision == last.vision and copy.focus_area_list == ["En väg in", "Samverkan"]
    granted = [i.grant_id for i in copy.insatser if i.grant_id]
    assert granted == [db.session.get(Grant, world.grants["Vägen in"]).id]
    assert [line.amount for line in copy.budget_lines] == [D(1_000_000)]
    with pytest.raises(PlanError):
        plans.copy_plan(last, 2027)


def test_a_deleted_draft_leaves_its_copy(app_ctx: Flask) -> None:
    build_world()
    plan = _full_plan(2026)
    copy = plans.copy_plan(plan, 2027)
    plans.delete_plan(plan)
    assert copy.copied_from_id is None and versions(2026) == []


def test_insats_needs_a_grant_an_application_or_a_name(app_ctx: Flask) -> None:
    world = build_world()
    plan = plans.create_plan(2026)
    with pytest.raises(PlanError):
        plan_insatser.add_insats(plan, name="  ")
    plan_insatser.add_insats(plan, grant_id=world.grants["En väg in"])
    with pytest.raises(PlanError):
        plan_insatser.add_insats(plan, grant_id=world.grants["En väg in"])
    other = plans.create_plan(2027)
    goal = plan_content.add_goal(other, title="Annat")
    with pytest.raises(PlanError):
        plan_insatser.add_insats(plan, goal=goal, name="Fel mål")


def test_the_budget_deadline_is_30_november_the_year_before() -> None:
    assert plans.budget_deadline(2027) == date(2026, 11, 30)


def test_an_item_of_a_meeting_not_yet_held_cannot_adopt(app_ctx: Flask) -> None:
    build_world()
    coming = Meeting(year=2099, number=1, date=date(2099, 12, 3))
    item = Paragraph(meeting=coming, year=2099, number=1, kind="plan", title="Plan 2100")
    db.session.add_all([coming, item])
    db.session.flush()
    plan = plans.create_plan(2099)
    assert item not in plans.adoption_paragraphs(2099)
    with pytest.raises(PlanError, match="har inte hållits"):
        plans.adopt_plan(plan, item)
