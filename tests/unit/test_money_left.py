"""One figure for the money left for insatser (app/services/meetings/funds.py): the funds
check at a decision, the dashboard's "Kvar att bevilja" and the plan agree, and the
figure is the adopted plan's budget for insatser less what is decided for the year."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.formatting import sek
from app.services.grants import lifecycle as grants
from app.services.meetings import agenda, decisions
from app.services.meetings import funds as money_left
from app.services.meetings import lifecycle as meetings
from app.services.meetings.decisions import FundsExceeded
from app.services.plans import content as plan_content
from app.services.plans import dashboard
from app.services.plans.budget import budget_for, budget_warnings
from app.services.plans.rules import plan_in_force
from models import Role, User, db
from models.audit import AuditEntry

from ..conftest import as_user, html_text
from .test_meetings_support import Board, application, attend, funds, justera_by_name


def _text(response: Any) -> str:
    """The page's text with tags and runs of white space made single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text(response))).replace("\xa0", " ")


D = Decimal


def test_the_demo_funds_check_uses_the_adopted_plan_not_the_set_aside(
    app_ctx: Any, demo: dict
) -> None:
    """2026: the plan (version 2, adopted at § 9) budgets 2 420 000 kr for insatser, the
    contributions once set aside 3 500 000 kr; the check goes by the plan."""
    left = money_left.money_left_for_insatser(2026)
    in_force = plan_in_force(2026)
    assert (left.plan_id, left.plan_version) == (in_force.id, 2)
    assert left.budget == D("2420000.00")
    assert left.granted == grants.granted_in_year(2026)
    assert left.pending == money_left.pending_in_year(2026)
    assert left.left == D("2420000.00") - left.granted - left.pending
    [line] = decisions.funds_check({2026: left.left})
    assert (line.available, line.granted, line.remaining, line.over) == (
        D("2420000.00"),
        left.decided,
        D("0.00"),
        False,
    )
    [line] = decisions.funds_check({2026: left.left + D("0.01")})
    assert line.remaining == D("-0.01") and line.over
    with pytest.raises(FundsExceeded, match="-0,01\xa0kr återstår"):
        decisions.check_funds({2026: left.left + D("0.01")}, confirmed=False)


def test_the_demo_dashboard_shows_the_same_figure(app_ctx: Any, demo: dict) -> None:
    chef = db.session.get(User, demo["users"][Role.FORBUNDSCHEF])
    board = dashboard.dashboard_for(chef, 2026, date(2026, 12, 4))
    left = money_left.money_left_for_insatser(2026)
    assert board.insatser_budget == left.budget == D("2420000.00")
    assert board.remaining == left.left


def test_without_an_adopted_plan_there_is_no_figure_and_granting_needs_confirmation(
    app_ctx: Any, demo: dict
) -> None:
    left = money_left.money_left_for_insatser(2027)  # the demo's 2027 plan is a draft
    assert (left.budget, left.left, left.plan_id) == (None, None, None)
    assert left.source == "Ingen fastställd verksamhetsplan för 2027"
    with pytest.raises(FundsExceeded, match="2027: ingen fastställd verksamhetsplan"):
        decisions.check_funds({2027: D("1000")}, confirmed=False)
    chef = db.session.get(User, demo["users"][Role.FORBUNDSCHEF])
    board = dashboard.dashboard_for(chef, 2027, date(2026, 12, 4))
    assert (board.insatser_budget, board.remaining) == (None, None)
    assert board.money_left.source == "Ingen fastställd verksamhetsplan för 2027"


def test_grants_pending_and_delegation_decisions_are_each_counted_once(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "1000000")
    first = application(board.orgs["Ludvika"], "Vägen in", {2026: "300000"})
    second = application(board.orgs["Region"], "Trisam", {2026: "200000"})
    m = meetings.create_meeting(date(2026, 3, 12), place="Ludvika")
    for app_ in (first, second):
        agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    p1, p2 = m.paragraphs
    decisions.record_decision(p1, outcome="granted", years={2026: D("300000")})
    left = money_left.money_left_for_insatser(2026)
    assert (left.granted, left.pending, left.left) == (D(0), D("300000.00"), D("700000.00"))
    decisions.record_decision(p2, outcome="granted", years={2026: D("200000")})
    justera_by_name(m, m.date)
    left = money_left.money_left_for_insatser(2026)
    # Justering turned both decisions into grants: counted as grants, no longer as pending.
    assert (left.granted, left.pending, left.left) == (
        D("500000.00"),
        D("0.00"),
        D("500000.00"),
    )
    # A decision changed is not counted against itself.
    [line] = decisions.funds_check({2026: D("300000")}, exclude=p1.decision)
    assert line.granted == D("200000.00") and line.remaining == D("500000.00")


def test_the_board_cannot_push_the_year_below_zero_without_confirming(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "400000")
    app_ = application(board.orgs["Ludvika"], "Vägen in", {2026: "500000"})
    m = meetings.create_meeting(date(2026, 3, 12), place="Ludvika")
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    item = m.paragraphs[0]
    with pytest.raises(FundsExceeded, match="-100\xa0000\xa0kr återstår"):
        decisions.record_decision(item, outcome="granted", years={2026: D("500000")})
    decided = decisions.record_decision(
        item, outcome="granted", years={2026: D("500000")}, over_budget_confirmed=True
    )
    assert decided.over_budget_confirmed
    assert money_left.money_left_for_insatser(2026).left == D("-100000.00")


# --- the plan's warnings: a negative result and negative equity -------------------------


def test_the_demo_2027_draft_warns_when_equity_goes_negative(app_ctx: Any, demo: dict) -> None:
    """Issue 23 H: the 2027 draft at −1 041 000 kr (−23,1 %) showed no warning."""
    draft = plan_in_force(2027)
    assert not draft.is_adopted
    plan_content.add_budget_line(draft, category="evaluation", name="Utvärdering", amount=D(0))
    start = budget_for(draft)
    extra = start.equity_end + D("1041000")  # costs that take the year's end to −1 041 000
    draft.budget_lines[-1].amount = extra
    db.session.flush()
    budget = budget_for(draft)
    assert budget.equity_end == D("-1041000.00")
    assert budget.equity.share_percent == D("-23.13")
    assert budget.warnings == [
        f"Årets resultat är negativt: {sek(budget.result)}, som tas ur det egna kapitalet.",
        "Eget kapital vid årets slut blir negativt: -1\xa0041\xa0000\xa0kr (-23,1\xa0%)."
        " Förbundet skulle använda pengar det inte har; sänk kostnaderna eller öka intäkterna.",
    ]
    db.session.commit()
    page = _text(as_user(app_ctx, "styrelse@example.com").get(f"/plans/{draft.id}"))
    assert "Eget kapital vid årets slut blir negativt: -1 041 000 kr (-23,1 %)" in page
    assert "Årets resultat är negativt" in page
    assert "Ingen fastställd verksamhetsplan för 2027" in page


def test_a_negative_result_alone_warns_but_positive_years_do_not(app_ctx: Any) -> None:
    assert budget_warnings(D("-1"), D("5"), None) == [
        "Årets resultat är negativt: -1\xa0kr, som tas ur det egna kapitalet."
    ]
    assert budget_warnings(D("0"), D("0"), None) == []
    assert budget_warnings(D("10"), None, None) == []


def test_the_plan_page_shows_the_money_left_of_the_funds_check(app_ctx: Any, demo: dict) -> None:
    plan = plan_in_force(2026)
    left = money_left.money_left_for_insatser(2026)
    page = _text(as_user(app_ctx, "styrelse@example.com").get(f"/plans/{plan.id}"))
    assert "Kvar att bevilja för insatser 2026" in page
    assert f"Kvar att bevilja {sek(left.left)}".replace("\xa0", " ") in page
    assert "Fastställd verksamhetsplan 2026, version 2" in page


# --- the equity steps: a setting in Inställningar, audited ------------------------------


def test_the_equity_steps_show_in_settings_and_a_change_is_audited(app: Flask, demo: dict) -> None:
    """A web test outside an app context: Flask-WTF keeps its token on ``g``."""
    chef = as_user(app, "chef@example.com")
    page = _text(chef.get("/admin/settings"))
    assert "Rekommenderad nivå för eget kapital" in page
    assert "från 0 kr upp till 15 000 000 kr 20 %" in page
    assert "från 15 000 000 kr upp till 30 000 000 kr 15 %" in page
    assert "över 30 000 000 kr 10 %" in page
    assert "Ändra stegen" in page
    data = {
        "steps-0-from_amount": "0",
        "steps-0-max_percent": "25",
        "steps-1-from_amount": "10 000 000",
        "steps-1-max_percent": "12,5",
    }
    assert chef.post("/plans/equity/steps", data).status_code == 302
    page = _text(chef.get("/admin/settings"))
    assert "från 0 kr upp till 10 000 000 kr 25 %" in page
    assert "över 10 000 000 kr 12,5 %" in page
    with app.app_context():
        audited = db.session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "equity_step")
        ).all()
        # The demo runs on the default steps: the two new rows are inserted, by the chef.
        assert [entry.action for entry in audited] == ["insert", "insert"]
        assert {entry.user_id for entry in audited} == {demo["users"][Role.FORBUNDSCHEF]}
    ekonom = as_user(app, "ekonom@example.com")
    assert ekonom.post("/plans/equity/steps", data).status_code == 403
