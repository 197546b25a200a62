"""Decisions: outcomes, the funds check, and what justering sets in motion."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.services.grants import lifecycle as grants
from app.services.meetings import agenda, decisions, delegation, justering, letters, protocol
from app.services.meetings import funds as money_left
from app.services.meetings import lifecycle as meetings
from app.services.meetings.decisions import FundsExceeded
from app.services.meetings.rules import MeetingError
from models import db
from models.grant import Grant
from models.meeting import Meeting, Paragraph

from .test_meetings_support import Board, application, attend, delegate, funds

DAY = date(2026, 3, 12)
D = Decimal


def _held(board: Board, *apps: Any, day: date = DAY) -> Meeting:
    """A fixed, quorate meeting with one item per application."""
    m = meetings.create_meeting(day, place="Ludvika")
    for app_ in apps:
        agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    return m


def _justera(m: Meeting) -> None:
    """Elect the first eligible voter justerare; the chair and they justera on the day."""
    member = justering.eligible_justerare(m)[0]
    justering.elect_justerare(m, [member])
    justering.record_justering(m, on=m.date, signers=[justering.chair_of(m), member])


def test_funds_check_shows_available_granted_this_and_remaining(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "1000000")
    first = application(board.orgs["Ludvika"], "Vägen in", {2026: "600000"})
    second = application(board.orgs["Region"], "Trisam", {2026: "500000"})
    m = _held(board, first, second)
    p1, p2 = m.paragraphs
    decisions.record_decision(p1, outcome="granted", years={2026: D("600000")})
    [line] = decisions.funds_check({2026: D("500000")})
    assert (line.available, line.granted, line.this, line.remaining, line.over) == (
        D("1000000.00"),
        D("600000.00"),
        D("500000"),
        D("-100000.00"),
        True,
    )
    with pytest.raises(FundsExceeded, match="2026: -100\xa0000\xa0kr återstår"):
        decisions.record_decision(p2, outcome="granted", years={2026: D("500000")})
    assert p2.decision is None
    decided = decisions.record_decision(p2, outcome="partly_granted", years={2026: D("400000")})
    assert not decided.over_budget_confirmed  # 600 000 + 400 000 fits exactly
    over = decisions.record_decision(
        p2, outcome="granted", years={2026: D("500000")}, over_budget_confirmed=True
    )
    assert over.over_budget_confirmed and over.total == D("500000.00")
    # The decision itself is not counted twice when it is changed.
    [line] = decisions.funds_check(over.amounts(), exclude=over)
    assert line.granted == D("600000.00")


def test_unknown_funds_need_confirmation_too(app_ctx: Any) -> None:
    board = Board()
    app_ = application(board.orgs["Ludvika"], amounts={2026: "100000"})
    m = _held(board, app_)
    with pytest.raises(FundsExceeded, match="2026: ingen fastställd verksamhetsplan"):
        decisions.record_decision(m.paragraphs[0], outcome="granted", years={2026: D("100000")})


def test_outcome_rules(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "1000000")
    app_ = application(board.orgs["Ludvika"])
    m = _held(board, app_)
    item = m.paragraphs[0]
    with pytest.raises(MeetingError, match="skälen"):
        decisions.record_decision(item, outcome="rejected")
    with pytest.raises(MeetingError, match="vad som ska göras"):
        decisions.record_decision(item, outcome="referred_back", reasons=" ")
    with pytest.raises(MeetingError, match="minst ett år"):
        decisions.record_decision(item, outcome="granted", years={2026: None})
    with pytest.raises(MeetingError):
        decisions.record_decision(item, outcome="noted")  # not offered for applications
    rejected = decisions.record_decision(item, outcome="rejected", reasons="Uppfyller inte kraven.")
    assert rejected.text == "Styrelsen avslår ansökan Vägen in."
    assert app_.status == "proposed"  # nothing happens until justering


def test_no_decisions_before_the_kallelse_or_the_meeting_day(app_ctx: Any) -> None:
    board = Board()
    future = meetings.create_meeting(date(2026, 12, 3))
    item = agenda.add_paragraph(future, kind="information", title="Information")
    with pytest.raises(MeetingError, match="Fastställ dagordningen"):
        decisions.record_decision(item, outcome="noted")
    agenda.fix_agenda(future)
    future.date = date(2099, 12, 3)
    with pytest.raises(MeetingError, match="inte ägt rum"):
        meetings.record_attendance(future, {board.ledamot["FK"].id: ("present", None)})


def test_justering_creates_the_grant_and_moves_the_application(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "2000000")
    funds(2027, "2000000")
    app_ = application(board.orgs["Ludvika"], "En väg in", {2026: "300000", 2027: "320000"})
    m = _held(board, app_)
    item = m.paragraphs[0]
    decisions.record_decision(
        item,
        outcome="granted",
        years={2026: D("250000"), 2027: D("320000")},
        conditions="Lägesrapport efter sex månader.",
        report_dates=[("final", date(2028, 2, 28)), ("status", date(2026, 9, 30))],
    )
    assert grants.granted_in_year(2026) == D("0.00")
    assert money_left.pending_in_year(2026) == D("250000.00")
    _justera(m)
    grant = db.session.scalar(select(Grant).where(Grant.application_id == app_.id))
    assert grant is not None and grant.decision_id == item.decision.id
    assert {y.year: y.amount for y in grant.years} == {2026: D("250000.00"), 2027: D("320000.00")}
    assert grant.conditions == "Lägesrapport efter sex månader."
    assert grants.granted_in_year(2026) == D("250000.00")
    assert money_left.pending_in_year(2026) == D("0.00")  # not counted twice
    assert app_.status == "in_progress"
    assert "§ 1, Sammanträde 1/2026" in [c.note for c in app_.status_changes]
    assert item.decision.acted_at is not None
    assert decisions.decisions_for(app_) == [item.decision]


def test_justering_moves_rejected_referred_and_postponed_applications(app_ctx: Any) -> None:
    board = Board()
    rejected = application(board.orgs["Ludvika"], "Avslag")
    referred = application(board.orgs["Region"], "Återremiss")
    postponed = application(board.orgs["FK"], "Bordläggning")
    m = _held(board, rejected, referred, postponed)
    later = meetings.create_meeting(date(2026, 12, 3))
    p1, p2, p3 = m.paragraphs
    decisions.record_decision(p1, outcome="rejected", reasons="Saknar samverkan.")
    decisions.record_decision(p2, outcome="referred_back", reasons="Komplettera budgeten.")
    decisions.record_decision(p3, outcome="postponed", postponed_to=later)
    _justera(m)
    assert (rejected.status, referred.status, postponed.status) == (
        "rejected",
        "referred_back",
        "postponed",
    )
    moved = [p for p in later.paragraphs if p.application_id == postponed.id]
    assert len(moved) == 1 and moved[0].number is None and moved[0].kind == "application"
    assert db.session.scalar(select(Grant)) is None


def test_an_extension_amends_the_parents_grant(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "2000000")
    parent = application(board.orgs["Ludvika"], "Kvinnocoacher", {2026: "200000"})
    first = _held(board, parent)
    decisions.record_decision(first.paragraphs[0], outcome="granted", years={2026: D("200000")})
    _justera(first)
    extension = application(
        board.orgs["Ludvika"],
        "Kvinnocoacher, tillägg",
        {2026: "50000"},
        kind="supplement",
        parent=parent,
    )
    second = _held(board, extension, day=date(2026, 4, 16))
    decisions.record_decision(second.paragraphs[0], outcome="granted", years={2026: D("50000")})
    _justera(second)
    grant_rows = db.session.scalars(select(Grant)).all()
    assert len(grant_rows) == 1
    assert grant_rows[0].year(2026).amount == D("250000.00")
    assert grants.granted_in_year(2026) == D("250000.00")


def test_justering_needs_a_decision_on_every_application_item(app_ctx: Any) -> None:
    board = Board()
    app_ = application(board.orgs["Ludvika"])
    m = _held(board, app_)
    with pytest.raises(MeetingError, match="§ 1"):
        _justera(m)
    assert not m.is_locked


def test_delegation_within_the_boards_limit(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "2000000")
    m = meetings.create_meeting(DAY)
    item = agenda.add_paragraph(m, kind="delegation", title="Delegationsordning")
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region"])
    with pytest.raises(MeetingError):
        delegation.record_delegated_decision(
            application(board.orgs["AF"], "Tidigt"), year=2026, amount=D("1"), decided_on=DAY
        )
    decisions.record_decision(item, outcome="adopted", delegation_limit=D("50000"))
    assert delegation.current_delegation_limit() is None  # applies after justering
    _justera(m)
    assert delegation.current_delegation_limit() == D("50000.00")

    small = application(board.orgs["Ludvika"], "Förstudie", {2026: "45000"})
    upcoming = meetings.create_meeting(date(2026, 12, 3))
    decided = delegation.record_delegated_decision(
        small, year=2026, amount=D("45000"), decided_on=date(2026, 4, 2)
    )
    assert small.status == "in_progress"
    assert grants.granted_in_year(2026) == D("45000.00")
    report = decided.reported_in
    assert report is not None and report.meeting is upcoming and report.kind == "delegation"
    with pytest.raises(MeetingError, match="högst 50\xa0000\xa0kr"):
        delegation.record_delegated_decision(
            application(board.orgs["AF"], "För stort"),
            year=2026,
            amount=D("50000.01"),
            decided_on=date(2026, 4, 2),
        )
    reports = select(Paragraph).where(
        Paragraph.kind == "delegation", Paragraph.meeting_id == upcoming.id
    )
    assert db.session.scalar(reports) is report
    reported = next(
        item for item in protocol.protocol_data(upcoming).items if item.paragraph_id == report.id
    )
    assert reported.details == ["Delegationsbeslut 2026-04-02: Förstudie, 2026: 45\xa0000\xa0kr"]
    meetings.delete_meeting(upcoming)  # the report waits for the next meeting instead
    assert decided.reported_in is None


def test_a_delegation_decision_is_cited_in_swedish_and_its_letter_names_the_forbundschef(
    app_ctx: Any,
) -> None:
    """The grant keeps where it was decided as the record says it, whatever language the
    förbundschef's menus use; the letter says who decided (not the board)."""
    board = Board()
    delegate(board)
    small = application(board.orgs["Ludvika"], "Förstudie", {2026: "45000"})
    with force_locale("en"):
        decided = delegation.record_delegated_decision(
            small, year=2026, amount=D("45000"), decided_on=date(2026, 4, 2)
        )
    grant = db.session.scalar(select(Grant).where(Grant.application_id == small.id))
    assert grant.decision_reference == "Delegationsbeslut 2026-04-02"
    letter = letters.letter_data(decided)
    assert letter.citation == "Delegationsbeslut 2026-04-02"
    assert letter.decision.startswith("Förbundschefen för ")
    assert "har 2026-04-02, på delegation från styrelsen, behandlat ansökan" in letter.decision
