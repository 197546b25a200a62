"""Follow-up per period: values flow from payments and contributions; statuses; the lock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.grants import reports
from app.services.money import contributions
from app.services.plans import budget_followup, followup
from app.services.plans import content as plan_content
from app.services.plans import insatser as plan_insatser
from app.services.plans import lifecycle as plans
from app.services.plans.followup import FollowUpError
from models import db
from models.grant import Grant, GrantYear
from models.meeting import Paragraph
from models.plan import FollowUpPeriod, Indicator, PlanBudgetLine

from .test_plans_world import build_world, pay

D = Decimal


def _plan(world):
    plan = plans.create_plan(2026)
    goal = plan_content.add_goal(plan, title="Fler når arbete eller studier")
    plan_content.add_indicator(
        goal, name="Deltagare som når arbete eller studier", unit="%", baseline=D(33), target=D(40)
    )
    plan_content.add_indicator(goal, name="Individer som tas emot", unit="personer", target=D(120))
    plan_content.add_budget_line(plan, category="kansli", name="Förbundschef", amount=D("1200000"))
    plan_content.add_budget_line(plan, category="styrelse", name="", amount=D("180000"))
    plan_insatser.add_insats(plan, goal=goal, name="Utlysning", planned_amount=D("100000"))
    return plan


def test_insatser_outcome_flows_from_payments_by_date(app_ctx: Flask) -> None:
    world = build_world()
    _plan(world)
    pay(world.grants["En väg in"], 2026, "128000", date(2026, 1, 15))
    pay(world.grants["En väg in"], 2026, "128000", date(2026, 4, 30))
    pay(world.grants["Vägen in"], 2026, "75000.25", date(2026, 5, 2))
    pay(world.grants["Vägen in"], 2026, "-5000", date(2026, 6, 1))  # a correction
    pay(world.grants["En väg in"], 2026, "128000", date(2026, 9, 1))
    t1 = followup.open_period(2026, "tertial1")
    delar = followup.open_period(2026, "delar")
    first, second = budget_followup.period_followup(t1), budget_followup.period_followup(delar)
    insats_t1 = next(r for r in first.costs if r.category == "insatser")
    insats_delar = next(r for r in second.costs if r.category == "insatser")
    assert insats_t1.outcome == D("256000.00")
    assert insats_delar.outcome == D("326000.25")
    assert insats_delar.budget == D("912000.50")  # granted 812 000,50 + planned 100 000
    assert insats_delar.forecast == D("912000.50")
    assert budget_followup.paid_until(2026, date(2026, 12, 31)) == D("454000.25")


def test_contributions_are_accrued_per_party_to_the_ore(app_ctx: Flask) -> None:
    world = build_world()
    plan = _plan(world)
    period = followup.open_period(2026, "tertial1")
    money = budget_followup.period_followup(period)
    parties = contributions.contributions_by_party(2026)
    rows = [r for r in money.income if r.category == "contribution"]
    assert [r.budget for r in rows] == list(parties.values())
    for row, amount in zip(rows, parties.values(), strict=True):
        assert row.outcome == (amount * 4 / 12).quantize(D("0.01"))
    assert sum(r.outcome for r in rows) == money.totals("outcome")["income"]
    assert money.months == 4 and plan.year == 2026


def test_typed_lines_take_the_recorded_outcome_and_forecast(app_ctx: Flask) -> None:
    world = build_world()
    plan = _plan(world)
    period = followup.open_period(2026, "delar")
    kansli = next(line for line in plan.budget_lines if line.category == "kansli")
    followup.record_budget(
        period, kansli, actual=D("810000.40"), forecast=D("1250000"), comment="Vikarie under hösten"
    )
    money = budget_followup.period_followup(period)
    row = next(r for r in money.costs if r.category == "kansli")
    assert (row.outcome, row.forecast, row.deviation) == (D("810000.40"), D(1250000), D(50000))
    assert row.used_percent == D("67.5")
    styrelse = next(r for r in money.costs if r.category == "styrelse")
    assert styrelse.outcome is None and styrelse.forecast == D(180000)
    assert len(money.missing) == 1
    followup.record_budget(period, kansli, actual=D("820000"))
    assert next(
        r for r in budget_followup.period_followup(period).costs if r.category == "kansli"
    ).forecast == D(1200000)
    kept = PlanBudgetLine(plan=plan, category="insatser", amount=D(1), derived=True)
    db.session.add(kept)
    db.session.flush()
    with pytest.raises(FollowUpError):
        followup.record_budget(period, kept, actual=D(1))


def test_indicator_follow_up_status_and_lock(app_ctx: Flask) -> None:
    world = build_world()
    plan = _plan(world)
    plans.adopt_plan(plan, db.session.get(Paragraph, world.paragraphs[0]))
    period = followup.open_period(2026, "delar")
    first, second = plan.indicators()
    followup.record_indicator(
        period, first, actual=D("36.5"), status="at_risk", comment="Under målet"
    )
    rows = followup.indicator_rows(period)
    assert [r.value.actual if r.value else None for r in rows] == [D("36.50"), None]
    assert followup.status_counts(rows) == {
        "on_track": 0,
        "at_risk": 1,
        "off_track": 0,
        "missing": 1,
    }
    followup.record_indicator(period, first, actual=D(41), status="on_track")
    assert len(period.indicator_values) == 1 and period.indicator_values[0].status == "on_track"
    with pytest.raises(FollowUpError):
        followup.record_indicator(period, second, actual=None, status="great")
    with pytest.raises(FollowUpError):
        followup.open_period(2026, "delar")
    followup.adopt_period(period, db.session.get(Paragraph, world.paragraphs[2]))
    assert period.adopted_on == date(2026, 10, 1)
    kansli = next(line for line in plan.budget_lines if line.category == "kansli")
    for action in (
        lambda: followup.record_indicator(period, second, actual=D(1), status="on_track"),
        lambda: followup.record_budget(period, kansli, actual=D(1)),
        lambda: followup.update_summary(period, "Ändrad"),
        lambda: followup.adopt_period(period, db.session.get(Paragraph, world.paragraphs[1])),
    ):
        with pytest.raises(FollowUpError):
            action()


def test_a_period_follows_the_plan_in_force(app_ctx: Flask) -> None:
    world = build_world()
    with pytest.raises(FollowUpError):
        followup.open_period(2026, "tertial1")
    first = _plan(world)
    plans.adopt_plan(first, db.session.get(Paragraph, world.paragraphs[0]))
    draft = plans.revise_plan(first)
    period = followup.open_period(2026, "tertial1")
    assert period.plan_id == first.id and period.end_date == date(2026, 4, 30)
    with pytest.raises(FollowUpError):
        followup.record_indicator(period, draft.indicators()[0], actual=D(1), status="on_track")
    with pytest.raises(FollowUpError):
        followup.open_period(2026, "quarter")


def test_months_elapsed() -> None:
    assert budget_followup.months_elapsed(date(2026, 4, 30)) == 4
    assert budget_followup.months_elapsed(date(2026, 8, 31)) == 8
    assert budget_followup.months_elapsed(date(2026, 12, 31)) == 12
    assert budget_followup.months_elapsed(date(2026, 11, 23)) == 10
    assert budget_followup.accrued(D("1000000"), 4) == D("333333.33")


def test_insatser_rows_sum_to_the_line_with_participants(app_ctx: Flask) -> None:
    world = build_world()
    plan = _plan(world)
    pay(world.grants["Vägen in"], 2026, "100000", date(2026, 3, 1))
    grant = db.session.get(Grant, world.grants["Vägen in"])
    report = reports.reports_for(grant)[0]
    reports.submit_report(
        report,
        reports.ReportContent(
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            participants_started=24,
            participants_ended=6,
            to_work=3,
            to_studies=1,
        ),
        user=None,
    )
    report.submitted_at = datetime(2026, 7, 1, tzinfo=UTC)
    rows = plan_insatser.insats_rows(plan, date(2026, 8, 31))
    assert (
        sum(r.amount for r in rows)
        == budget_followup.period_followup(followup.open_period(2026, "delar")).costs[0].budget
    )
    vagen = next(r for r in rows if r.name == "Vägen in")
    assert (vagen.paid, vagen.started, vagen.ended, vagen.to_work_or_studies) == (
        D(100000),
        24,
        6,
        4,
    )
    assert plan_insatser.insats_rows(plan, date(2026, 4, 30))[1].started == 0
    assert [r.state for r in rows] == ["granted", "granted", "planned"]
    # The plan page lists the same insatser and amounts; paid and participants belong
    # to a follow-up (a date) and are not read for it.
    planned = plan_insatser.insats_rows(plan)
    assert [(r.name, r.state, r.amount, r.grant_id) for r in planned] == [
        (r.name, r.state, r.amount, r.grant_id) for r in rows
    ]
    assert {(r.paid, r.outcome, r.started, r.ended, r.to_work_or_studies) for r in planned} == {
        (0, 0, 0, 0, 0)
    }


def test_the_years_figures_follow_a_payment_at_once(app_ctx: Flask, demo: dict) -> None:
    """A year's payments to a date, and its contributions by party, as the follow-ups and
    the plan read them; a payment counts as soon as it is made, before and after commit."""
    year, end = db.session.execute(
        select(FollowUpPeriod.year, FollowUpPeriod.end_date).order_by(
            FollowUpPeriod.end_date.desc()
        )
    ).first()
    paid = budget_followup.paid_until(year, end)
    assert paid > 0
    by_party = contributions.contributions_by_party(year)
    assert [(p.organisation_id, p.name, p.amount) for p in contributions.party_amounts(year)] == [
        (org.id, org.name, amount) for org, amount in by_party.items()
    ]
    grant_id = db.session.scalar(select(GrantYear.grant_id).where(GrantYear.year == year).limit(1))
    pay(grant_id, year, "1000.50", date(year, 1, 2))
    assert budget_followup.paid_until(year, end) == paid + D("1000.50")  # flushed, not committed
    db.session.commit()
    assert budget_followup.paid_until(year, end) == paid + D("1000.50")


def test_indicator_rows_are_the_plans_indicators_in_order_with_their_values(
    app_ctx: Flask, demo: dict
) -> None:
    period = db.session.scalars(select(FollowUpPeriod)).first()
    goal = period.plan.goals[0]
    goal.indicators.append(Indicator(name="Ännu inte följd", unit="%", position=99))
    db.session.flush()  # a value not yet recorded reads as None
    shown = []
    for period in db.session.scalars(select(FollowUpPeriod)):
        values = {v.indicator_id: v for v in period.indicator_values}
        expected = [
            (goal.id, goal.title, indicator.id, indicator.name, indicator.unit)
            + (indicator.baseline, indicator.target)
            + ((v.actual, v.status, v.comment) if (v := values.get(indicator.id)) else (None,))
            for goal in period.plan.goals
            for indicator in goal.indicators
        ]
        rows = followup.indicator_rows(period)
        assert [(*r.goal, *r.indicator, *(r.value or (None,))) for r in rows] == expected
        shown += rows
    assert any(r.value for r in shown) and any(r.value is None for r in shown)
