"""A grant's life: from decisions (totals to the krona), amendments with history, closing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select

from app.services.grants import allocations as staffing_overview
from app.services.grants import lifecycle as grants
from app.services.grants import outcomes, payments, reports
from app.services.grants.rules import GrantError
from models import Application, ApplicationStatus, Decision, DecisionYear, db
from models.application import BudgetLine, StaffLine
from models.grant import Grant, GrantChange, GrantStatus

from .test_grants_factories import grant, org

D = Decimal


def delegated(amounts: dict[int, str], text: str = "Beviljas") -> Decision:
    """A delegation decision (no § needed) granting the amounts."""
    decision = Decision(outcome="granted", delegated=True, text=text, decided_on=date(2026, 2, 1))
    decision.years = [DecisionYear(year=y, amount=D(a)) for y, a in amounts.items()]
    db.session.add(decision)
    db.session.flush()
    return decision


def test_totals_per_year_equal_the_decisions_to_the_krona(app_ctx: Flask) -> None:
    owner = org()
    decisions = [
        delegated({2025: "412000.50", 2026: "400000"}),
        delegated({2026: "87999.50"}),
        delegated({2027: "1"}),
    ]
    for number, decision in enumerate(decisions):
        grant(owner, decision.amounts(), name=f"Insats {number}", decision=decision)
    supplement = delegated({2026: "12000.25"})
    first = db.session.scalar(select(Grant).where(Grant.name == "Insats 0"))
    grants.amend_grant(first, years=supplement.amounts(), decision=supplement, user=None)
    for year in (2025, 2026, 2027):
        decided = sum(
            (y.amount for d in [*decisions, supplement] for y in d.years if y.year == year),
            D("0.00"),
        )
        assert grants.granted_in_year(year) == decided
    assert grants.granted_in_year(2026) == D("499999.75")
    assert grants.granted_in_year(2024) == D("0.00")


def test_amendment_keeps_history_of_which_decision_changed_what(app_ctx: Flask) -> None:
    first = delegated({2026: "300000"})
    g = grant(
        years=first.amounts(),
        decision=first,
        period_end=date(2026, 12, 31),
        period_start=date(2026, 1, 1),
    )
    extension = delegated({2026: "50000", 2027: "200000"}, text="Förlängning beviljas")
    grants.amend_grant(
        g,
        years=extension.amounts(),
        decision=extension,
        user=None,
        period_end=date(2027, 6, 30),
        note="Förlängningsansökan 2026/014",
    )
    assert [(y.year, y.amount) for y in g.years] == [(2026, D("350000.00")), (2027, D("200000.00"))]
    assert g.period_end == date(2027, 6, 30)
    rows = db.session.scalars(
        select(GrantChange).where(GrantChange.grant_id == g.id).order_by(GrantChange.id)
    ).all()
    assert [(r.kind, r.decision_id, r.year, r.amount_before, r.amount_after) for r in rows] == [
        ("decision", first.id, 2026, None, D("300000.00")),
        ("amendment", extension.id, 2026, D("300000.00"), D("350000.00")),
        ("amendment", extension.id, 2027, None, D("200000.00")),
        ("amendment", extension.id, None, None, None),
    ]
    assert (rows[-1].period_end_before, rows[-1].period_end_after) == (
        date(2026, 12, 31),
        date(2027, 6, 30),
    )
    assert rows[-1].note == "Förlängningsansökan 2026/014"


def test_amendment_outside_the_period_needs_a_new_end(app_ctx: Flask) -> None:
    g = grant(years={2026: "1000"})
    with pytest.raises(GrantError, match="2027"):
        grants.amend_grant(g, years={2027: D("10")}, decision=None, user=None)


def test_amendment_cannot_reduce_below_what_is_paid(app_ctx: Flask) -> None:
    g = grant(years={2026: "1000"})
    payments.record_payment(g, year=2026, amount=D("800"), paid_on=date(2026, 2, 1), user=None)
    with pytest.raises(GrantError, match="800"):
        grants.amend_grant(g, years={2026: D("-300")}, decision=None, user=None)
    grants.amend_grant(g, years={2026: D("-200")}, decision=None, user=None)
    assert g.year(2026).amount == D("800.00")


def test_grant_from_an_application_copies_budget_and_staff(app_ctx: Flask) -> None:
    owner = org()
    application = Application(
        title="Vägen in",
        owner=owner,
        status=ApplicationStatus.GRANTED,
        insats_type="individual",
        period_start=date(2026, 1, 1),
        period_end=date(2027, 6, 30),
    )
    application.budget_lines = [
        BudgetLine(year=2026, category="premises", amount=D("36000")),
        BudgetLine(year=2026, category="premises", amount=D("4000")),
        BudgetLine(year=2027, category="travel", amount=D("5000")),
    ]
    application.staff_lines = [
        StaffLine(
            year=2026,
            role="Arbetskonsulent",
            person="Sara Nilsson",
            employer=owner,
            percent=D("75"),
            annual_salary=D("456000"),
            po_rate=D("44.53"),
            months=12,
        ),
        StaffLine(
            year=2027,
            role="Arbetskonsulent",
            person="Sara Nilsson",
            employer=owner,
            percent=D("75"),
            annual_salary=D("456000"),
            po_rate=D("44.53"),
            months=6,
        ),
    ]
    db.session.add(application)
    db.session.flush()
    g = grant(owner, {2026: "400000", 2027: "200000"}, application=application)
    assert application.status == ApplicationStatus.IN_PROGRESS
    assert (g.period_start, g.period_end, g.insats_type) == (
        date(2026, 1, 1),
        date(2027, 6, 30),
        "individual",
    )
    # staff lines count as personnel: 456 000 × 75 % × 1,4453 (× 6/12 in 2027)
    assert [(b.year, b.category, b.amount) for b in g.budget_lines] == [
        (2026, "personnel", D("494292.60")),
        (2026, "premises", D("40000.00")),
        (2027, "personnel", D("247146.30")),
        (2027, "travel", D("5000.00")),
    ]
    staff = staffing_overview.active_allocations()
    assert [(a.person, a.percent, a.start_on, a.end_on) for a in staff] == [
        ("Sara Nilsson", D("75.00"), date(2026, 1, 1), date(2026, 12, 31)),
        ("Sara Nilsson", D("75.00"), date(2027, 1, 1), date(2027, 6, 30)),
    ]


def _settled_grant():
    g = grant(years={2025: "100000"}, report_dates=[("final", date(2026, 2, 28))])
    payments.record_payment(g, year=2025, amount=D("100000"), paid_on=date(2025, 1, 10), user=None)
    return g


def test_a_grant_without_a_final_report_says_to_ask_for_one(app_ctx: Flask) -> None:
    g = grant(years={2025: "100000"})
    with force_locale("sv"):
        assert reports.close_problems(g)[0] == (
            "Ingen slutrapport är begärd: lägg till dess datum under Projektrapporter."
        )


def test_closing_needs_the_final_report_and_settled_payments(app_ctx: Flask) -> None:
    g = _settled_grant()
    outcomes.set_outcome(g, year=2025, category="personnel", amount=D("96000"), user=None)
    problems = reports.close_problems(g)
    assert len(problems) == 2 and "lutrapport" in problems[0] and "2025" in problems[1]
    with pytest.raises(GrantError):
        reports.close_grant(g, user=None)
    report = reports.reports_for(g)[0]
    reports.submit_report(
        report, reports.ReportContent(date(2025, 1, 1), date(2025, 12, 31)), user=None
    )
    assert len(reports.close_problems(g)) == 1  # 4 000 kr unspent: repay first
    payments.record_payment(
        g,
        year=2025,
        amount=D("-4000"),
        paid_on=date(2026, 3, 1),
        reason="Återbetalning av outnyttjade medel",
        user=None,
    )
    assert reports.close_problems(g) == []
    reports.close_grant(g, user=None)
    assert g.status == GrantStatus.CLOSED and g.closed_at is not None
    assert grants.grants_by_status() == {"active": 0, "closed": 1}


def test_closed_grant_is_read_only_on_every_write_path(app_ctx: Flask) -> None:
    g = _settled_grant()
    outcomes.set_outcome(g, year=2025, category="personnel", amount=D("100000"), user=None)
    reports.submit_report(
        reports.reports_for(g)[0],
        reports.ReportContent(date(2025, 1, 1), date(2025, 12, 31)),
        user=None,
    )
    staff, _warning = staffing_overview.save_allocation(
        g,
        None,
        person="Anna",
        employer=None,
        percent=D("50"),
        start_on=date(2025, 1, 1),
        end_on=date(2025, 12, 31),
        annual_salary=D("400000"),
        po_rate=D("40"),
    )
    reports.close_grant(g, user=None)
    writes = [
        lambda: payments.record_payment(
            g, year=2025, amount=D("-1"), reason="x", paid_on=date(2026, 1, 1), user=None
        ),
        lambda: outcomes.set_outcome(g, year=2025, category="travel", amount=D("1"), user=None),
        lambda: outcomes.set_budget(g, year=2025, category="travel", amount=D("1")),
        lambda: grants.amend_grant(g, years={2025: D("1")}, decision=None, user=None),
        lambda: outcomes.set_carry_over(g, 2025, carry_over=False, reference=""),
        lambda: reports.add_report(g, kind="status", due_on=date(2026, 6, 1)),
        lambda: reports.submit_report(
            reports.reports_for(g)[0],
            reports.ReportContent(date(2025, 1, 1), date(2025, 12, 31)),
            user=None,
        ),
        lambda: staffing_overview.remove_allocation(staff),
        lambda: reports.close_grant(g, user=None),
    ]
    for write in writes:
        with pytest.raises(GrantError, match="avslutat"):
            write()
