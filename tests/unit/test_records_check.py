"""The records check (flask check-records): the demo passes, and each kind of problem is found."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select

from app.services.admin import records_check
from app.services.admin.records_problems import grant_decisions
from app.services.admin.records_text import amounts_by_year, amounts_in, citations_in
from models import Application, db
from models.grant import Grant, GrantYear
from models.grant_followup import Payment, ProjectReport
from models.meeting import Decision, Meeting
from models.money import CostSplit

D = Decimal


@pytest.fixture
def checked(app: Flask, demo: dict) -> Iterator[None]:
    """The demo in a request context (links are built with url_for), in Swedish."""
    with app.test_request_context("/"), force_locale("sv"):
        yield
        db.session.rollback()


def _grant(name: str) -> Grant:
    return db.session.scalar(select(Grant).where(Grant.name == name))


def _plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _messages(kind: str) -> list[str]:
    return [_plain(p.message) for p in records_check.all_problems() if p.kind == kind]


def test_swedish_amounts_and_citations_are_read_from_text() -> None:
    text = "Styrelsen beviljar Region Dalarna 350 000 kr för 2026 (2027: 1 660 000,50 kr)."
    assert amounts_in(text) == [D("350000.00"), D("1660000.50")]
    assert amounts_by_year(text) == {2026: D("350000.00")}
    assert citations_in("§ 31, Sammanträde 5/2024 och § 8, Sammanträde 1/2026") == [
        (31, 5, 2024),
        (8, 1, 2026),
    ]


def test_the_demo_has_no_problems(checked: None) -> None:
    assert records_check.all_problems() == []


def test_the_command_says_0_problem_on_the_demo(demo: dict, runner) -> None:
    result = runner.invoke(args=["check-records"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 problem hittades."


def test_the_command_lists_problems_with_full_links_and_exits_1(
    app: Flask, demo: dict, runner
) -> None:
    with app.app_context():
        grant = _grant("Vägen in")
        grant.decision_reference = "§ 31, Sammanträde 5/2024"
        grant_id = grant.id
        db.session.commit()
    result = runner.invoke(args=["check-records", "--base-url", "https://samordna.example.se"])
    assert result.exit_code == 1
    assert (
        "Vägen in: beslutet hänvisar till § 31, Sammanträde 5/2024, men det finns inget "
        "sammanträde 5/2024." in result.output
    )
    assert f"https://samordna.example.se/grants/{grant_id}" in result.output
    assert "Vägen in" in _plain(result.output)
    assert result.output.strip().endswith("1 problem hittades.")


def test_grant_totals_against_the_decisions(checked: None) -> None:
    grant = _grant("Trisam – samverkansteam")
    grant.year(2026).amount = D("510000.00")
    db.session.flush()
    problems = [p for p in records_check.all_problems() if p.kind == "grant_totals"]
    assert [_plain(p.message) for p in problems] == [
        "Trisam – samverkansteam 2026: registret visar 510 000 kr men besluten "
        "(§ 7, Sammanträde 1/2024) beviljar 500 000 kr."
    ]
    assert problems[0].url == f"/grants/{grant.id}"


def test_a_grant_without_a_decision_with_amounts(checked: None) -> None:
    grant = _grant("Vägen in")
    grant.decision_id = None
    for change in grant.changes:
        change.decision_id = None
    db.session.flush()
    db.session.expire_all()
    assert (
        "Vägen in: inget beslut med belopp ligger bakom de 1 260 000 kr som står i registret."
        in _messages("grant_totals")
    )


def test_a_grant_citing_a_paragraph_that_decides_something_else(checked: None) -> None:
    grant = _grant("Kvinnocoacher för arbetsåtergång")
    grant.decision_reference = "§ 5, Sammanträde 1/2026"
    db.session.flush()
    assert _messages("citation") == [
        "Kvinnocoacher för arbetsåtergång hänvisar till § 5, Sammanträde 1/2026, som beslutar "
        "om något annat (Föregående protokoll)."
    ]


def test_a_carry_over_that_differs_from_the_protocol(checked: None) -> None:
    grant = _grant("Trisam – samverkansteam")
    db.session.add(
        Payment(grant_id=grant.id, year=2025, paid_on=date(2025, 12, 1), amount=D("-20000"))
    )
    db.session.flush()
    assert _messages("citation") == [
        "Trisam – samverkansteam 2025: § 8, Sammanträde 1/2026 låter 30 000 kr föras över, "
        "men de beviljade medlen för över 10 000 kr."
    ]


def test_an_application_decided_twice(checked: None) -> None:
    evi = db.session.scalar(select(Application).where(Application.title == "En väg in"))
    db.session.add(
        Decision(
            application_id=evi.id,
            outcome="granted",
            delegated=True,
            decided_on=date(2016, 6, 1),
            text="Förbundschefen beviljar 40 000 kr.",
        )
    )
    db.session.flush()
    assert _messages("decided_twice") == [
        f"Ansökan {evi.registry_number} En väg in har beviljats genom 2 beslut: "
        "§ 7, Sammanträde 1/2016; Delegationsbeslut 2016-06-01."
    ]


def test_a_meeting_justerad_without_an_elected_justerare(checked: None) -> None:
    meeting = db.session.scalar(select(Meeting).where(Meeting.year == 2016, Meeting.number == 2))
    meeting.elected.clear()
    db.session.flush()
    problems = [p for p in records_check.all_problems() if p.kind == "justerare"]
    assert [p.message for p in problems] == [
        "Sammanträde 2/2016 är justerat men ingen justerare har valts."
    ]
    assert problems[0].url == f"/meetings/{meeting.id}"


def test_a_payment_dated_before_its_decision(checked: None) -> None:
    grant = _grant("Kvinnocoacher för arbetsåtergång")
    db.session.add(
        Payment(
            grant_id=grant.id,
            year=2026,
            paid_on=date(2026, 1, 20),
            amount=D("10000"),
            reference="Rekv K-0",
        )
    )
    db.session.flush()
    assert _messages("payment_date") == [
        "Kvinnocoacher för arbetsåtergång: utbetalningen Rekv K-0 på 10 000 kr den 2026-01-20 "
        "är daterad före beslutet (§ 4, Sammanträde 1/2026, 2026-02-12)."
    ]
    # One the ekonom confirmed with a reason (docs/grants.md) is recorded, not a problem.
    db.session.add(
        Payment(
            grant_id=grant.id,
            year=2026,
            paid_on=date(2026, 1, 21),
            amount=D("5000"),
            reference="Rekv K-00",
            date_confirmed=True,
            date_reason="Förskott enligt styrelsens beslut.",
        )
    )
    db.session.flush()
    assert [m for m in _messages("payment_date") if "K-00" in m] == []


def test_a_report_noted_in_a_protocol_but_not_received(checked: None) -> None:
    grant = _grant("Trisam – samverkansteam")
    report = db.session.scalar(
        select(ProjectReport).where(
            ProjectReport.grant_id == grant.id, ProjectReport.due_on == date(2026, 9, 30)
        )
    )
    report.submitted_at = None
    db.session.flush()
    assert _messages("report_noted") == [
        "§ 44, Sammanträde 4/2026 noterar en rapport om Trisam – samverkansteam (Trisam: "
        "lägesrapport), men ingen sådan rapport från Trisam – samverkansteam hade kommit in "
        "den 2026-10-01."
    ]


def test_a_protocol_text_against_its_decision(checked: None) -> None:
    grant = _grant("Kvinnocoacher för arbetsåtergång")
    decision = grant.decision
    decision.text = "Styrelsen beviljar Region Dalarna 400 000 kr för 2026."
    db.session.flush()
    assert _messages("protocol_text") == [
        "§ 4, Sammanträde 1/2026: protokollets text nämner 400 000 kr men beslutet beviljar "
        "2026: 350 000 kr."
    ]


def test_a_grant_in_the_text_without_amounts(checked: None) -> None:
    decision = _grant("Kvinnocoacher för arbetsåtergång").decision
    for row in list(decision.years):
        decision.years.remove(row)
    db.session.flush()
    assert (
        "§ 4, Sammanträde 1/2026 beviljar 350 000 kr i protokollets text, men beslutet har inga "
        "belopp per år (inga beviljade medel följer av det)."
    ) in _messages("protocol_text")


def test_the_demo_grants_are_all_backed_by_decisions(checked: None) -> None:
    grants = db.session.scalars(select(Grant)).all()
    assert len(grants) == 5
    assert all(g.decision is not None and g.decision.paragraph.meeting.is_locked for g in grants)
    decided = sum((d.total for g in grants for d in records_check_decisions(g)), D(0))
    assert decided == sum((g.granted_total for g in grants), D(0)) == D("4292000.00")
    assert not db.session.scalars(select(GrantYear).where(GrantYear.amount < 0)).all()


def records_check_decisions(grant: Grant) -> list[Decision]:
    return grant_decisions(grant)


def test_en_vag_in_reproduces_the_tjansteskrivelse(checked: None) -> None:
    """Start-up 265 000 kr and running 161 000 kr a year, shared by AF, FK, AME and IFO."""
    splits = {
        s.name: s
        for s in db.session.scalars(select(CostSplit).where(CostSplit.name.like("En väg in –%")))
    }
    start = splits["En väg in – uppstart"]
    assert "hyra, möbler, IT och ett gemensamt dokumentationssystem" in start.description
    assert sorted(p.amount for p in start.parts) == [D("66250.00")] * 4
    running = [p.amount for p in splits["En väg in – drift"].parts if p.year == 2017]
    assert sorted(running) == [D("40250.00")] * 4
    evi = db.session.scalar(select(Application).where(Application.title == "En väg in"))
    assert "Processägare är AME Ludvika" in evi.organisation_text
    leader = next(line for line in evi.staff_lines if line.role == "Processledare")
    assert leader.employer.name == "Arbetsmarknadsenheten Ludvika"
    assert _grant("En väg in – processledare 2016").granted_total == D("512000.00")
