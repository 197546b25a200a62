"""Nothing jams: one open agenda per application, one decision, and justering always possible."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from app.services.meetings import (
    agenda,
    decisions,
    delegation,
    jav,
    justering,
    protocol,
    votes,
)
from app.services.meetings import lifecycle as meetings
from app.services.meetings.rules import MeetingError, MeetingLocked
from models import db
from models.grant import Grant, GrantYear
from models.meeting import Decision, DecisionYear, Meeting, Paragraph

from .test_meetings_support import Board, application, attend, funds, justera

D = Decimal
FIFTH, SIXTH, LATER = date(2026, 10, 1), date(2026, 11, 5), date(2026, 11, 26)


def _fixed(day: date, *apps: Any) -> Meeting:
    m = meetings.create_meeting(day, place="Ludvika")
    agenda.add_standard_items(m)
    for app_ in apps:
        agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    return m


def _item(m: Meeting) -> Paragraph:
    return next(p for p in m.paragraphs if p.kind == "application")


def _grants(app_id: int) -> int:
    return db.session.scalar(select(func.count(Grant.id)).where(Grant.application_id == app_id))


def test_an_application_on_an_open_agenda_is_not_offered_or_added_again(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    fifth = _fixed(FIFTH, vagen)
    sixth = _fixed(SIXTH)
    assert vagen.id in agenda.on_open_agendas()
    with pytest.raises(MeetingError, match=r"redan på dagordningen för sammanträde 1/2026"):
        agenda.add_paragraph(sixth, kind="application", title="Vägen in", application=vagen)
    # Once the first meeting has decided and is justerad, the application has left the table.
    attend(fifth, board, ["FK", "AF", "Region", "Ludvika"])
    decisions.record_decision(_item(fifth), outcome="granted", years={2026: D("900000")})
    justera(fifth, board, FIFTH)
    assert vagen.id not in agenda.on_open_agendas()
    assert vagen.status == "in_progress" and _grants(vagen.id) == 1


def test_the_jam_of_the_issue_is_undone_by_utgar(app_ctx: Any) -> None:
    """2026/001 on 5/2026 § and on 6/2026 (old data), granted at both; 6/2026 justerad first."""
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    fifth = _fixed(FIFTH, vagen)
    sixth = _fixed(SIXTH)
    # Data from before the rule: the same application on a second open agenda.
    agenda.add_paragraph(sixth, kind="other", title="Vägen in")
    extra = sixth.paragraphs[-1]
    extra.kind, extra.application = "application", vagen
    for m in (fifth, sixth):
        attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    first = decisions.record_decision(_item(fifth), outcome="granted", years={2026: D("900000")})
    with pytest.raises(MeetingError, match=r"redan beslutad i § \d+, Sammanträde 1/2026"):
        decisions.record_decision(extra, outcome="granted", years={2026: D("900000")})
    # Old data again: a second decision written past the service.
    second = Decision(outcome="granted", application=vagen, paragraph=extra, text="Beviljas.")
    second.years.append(DecisionYear(year=2026, amount=D("900000")))
    db.session.add(second)
    db.session.flush()
    justera(sixth, board, SIXTH)
    assert _grants(vagen.id) == 1 and first.acted_at is None
    # 5/2026 says exactly what to do first, naming its §.
    label = _item(fifth).label
    assert justering.problems(fifth) == [
        f"{label}: ansökan Vägen in ligger inte längre på styrelsens bord (den har beslutats"
        " eller återkallats på annat håll). Ändra beslutet till ”Utgår” och ange skälet."
    ]
    with pytest.raises(MeetingError, match=f"Före justering: {label}: ansökan Vägen in"):
        justera(fifth, board, FIFTH)
    with pytest.raises(MeetingError, match="kan bara få beslutet ”Utgår” med skäl"):
        decisions.record_decision(_item(fifth), outcome="granted", years={2026: D("1000")})
    with pytest.raises(MeetingError, match="Ange skälet till att ärendet utgår"):
        decisions.record_decision(_item(fifth), outcome="withdrawn")
    decisions.record_decision(
        _item(fifth), outcome="withdrawn", reasons="Ärendet avgjordes vid sammanträde 2/2026."
    )
    justera(fifth, board, SIXTH)
    assert fifth.is_locked and _grants(vagen.id) == 1
    total = db.session.scalar(select(func.sum(GrantYear.amount)).where(GrantYear.year == 2026))
    assert total == D("900000.00")  # counted once
    item = next(i for i in protocol.protocol_data(fifth).items if i.number == label)
    assert item.decision == "Ärendet utgår: Ärendet avgjordes vid sammanträde 2/2026."
    assert item.details == ["Utgår"]  # the reason once, in the decision's sentence


def test_a_decision_can_be_changed_or_withdrawn_until_justering(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    m = _fixed(FIFTH, vagen)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    item = _item(m)
    decisions.record_decision(item, outcome="granted", years={2026: D("900000")})
    decisions.record_decision(item, outcome="partly_granted", years={2026: D("500000")})
    assert item.decision.total == D("500000.00")
    decisions.remove_decision(item)
    assert item.decision is None
    decisions.record_decision(item, outcome="withdrawn", reasons="Sökanden drog tillbaka.")
    justera(m, board, FIFTH)
    assert vagen.status == "proposed" and _grants(vagen.id) == 0  # utgår leaves it on the table
    later = _fixed(LATER, vagen)  # and it can be put on a later agenda
    assert _item(later).application is vagen


def test_an_item_that_utgick_frees_its_application_before_justering(app_ctx: Any) -> None:
    """Set to utgår at 5/2026, the matter can go on the next agenda at once, without waiting
    for 5/2026's justering; 5/2026 cannot then take it back with a decision of its own."""
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    fifth = _fixed(FIFTH, vagen)
    attend(fifth, board, ["FK", "AF", "Region", "Ludvika"])
    decisions.record_decision(_item(fifth), outcome="withdrawn", reasons="Underlag saknas.")
    assert fifth.adjusted_on is None and vagen.id not in agenda.on_open_agendas()
    sixth = _fixed(SIXTH, vagen)
    assert _item(sixth).application is vagen
    with pytest.raises(MeetingError, match=r"står nu på dagordningen för sammanträde 2/2026"):
        decisions.record_decision(_item(fifth), outcome="granted", years={2026: D("900000")})
    with pytest.raises(MeetingError, match=r"beslutet att § \d+ utgår står fast"):
        decisions.remove_decision(_item(fifth))  # nor by taking the utgår away first
    attend(sixth, board, ["FK", "AF", "Region", "Ludvika"])
    decisions.record_decision(_item(sixth), outcome="granted", years={2026: D("900000")})
    justera(fifth, board, FIFTH)
    justera(sixth, board, SIXTH)
    assert _grants(vagen.id) == 1 and vagen.status == "in_progress"


def test_no_delegation_decision_on_an_application_the_board_has_on_its_agenda(
    app_ctx: Any,
) -> None:
    """The board decides what is on its agenda: a delegation decision beside it would grant
    twice and count the money twice."""
    board = Board()
    funds(2026, "3000000")
    limit = _fixed(FIFTH)
    delegation_item = agenda.add_paragraph(limit, kind="delegation", title="Delegationsordning")
    attend(limit, board, ["FK", "AF", "Region", "Ludvika"])
    decisions.record_decision(delegation_item, outcome="adopted", delegation_limit=D("50000"))
    justera(limit, board, FIFTH)
    small = application(board.orgs["Ludvika"], "Förstudie", {2026: "45000"})
    sixth = _fixed(SIXTH, small)
    with pytest.raises(MeetingError, match=r"står på dagordningen för sammanträde 2/2026"):
        delegation.record_delegated_decision(small, year=2026, amount=D("45000"), decided_on=SIXTH)
    attend(sixth, board, ["FK", "AF", "Region", "Ludvika"])
    decisions.record_decision(_item(sixth), outcome="withdrawn", reasons="Beslutas på delegation.")
    decided = delegation.record_delegated_decision(
        small, year=2026, amount=D("45000"), decided_on=SIXTH
    )
    assert decided.acted_at is not None and _grants(small.id) == 1


def test_a_correction_is_a_new_paragraph_never_an_edit(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    m = _fixed(FIFTH, vagen)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    old = _item(m)
    decisions.record_decision(old, outcome="granted", years={2026: D("900000")})
    justera(m, board, FIFTH)
    with pytest.raises(MeetingLocked):
        decisions.record_decision(old, outcome="granted", years={2026: D("800000")})
    with pytest.raises(MeetingLocked):
        agenda.update_paragraph(old, title="Ändrad", underlag="", minutes="")
    later = _fixed(SIXTH)
    fix = agenda.add_paragraph(later, kind="correction", title="Rättelse", corrects=old)
    assert fix.id != old.id and fix.meeting is later and fix.number > old.number
    assert old.decision.total == D("900000.00")


def test_a_meeting_that_was_not_quorate_closes_its_items_with_utgar(app_ctx: Any) -> None:
    """Two of five present: nothing can be decided, but every § can still get "utgår" and the
    protocol be justerat; the application waits, on no open agenda, for the next meeting."""
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    m = _fixed(FIFTH, vagen)
    attend(m, board, ["FK", "Ludvika"])
    with pytest.raises(MeetingError, match="inte beslutför"):
        decisions.record_decision(_item(m), outcome="granted", years={2026: D("900000")})
    decisions.record_decision(
        _item(m), outcome="withdrawn", reasons="Styrelsen var inte beslutför."
    )
    justera(m, board, FIFTH)
    assert m.is_locked and _grants(vagen.id) == 0
    assert vagen.id not in agenda.on_open_agendas() and vagen.status == "proposed"


def test_a_changed_decision_gets_its_own_standard_text(app_ctx: Any) -> None:
    """The form sends the stored text back: the old standard text must not outlive the change."""
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    m = _fixed(FIFTH, vagen)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    shown = decisions.record_decision(_item(m), outcome="granted", years={2026: D("900000")}).text
    assert "900\xa0000" in shown
    changed = decisions.record_decision(
        _item(m), outcome="granted", years={2026: D("500000")}, text=shown
    )
    assert "500\xa0000" in changed.text and "900\xa0000" not in changed.text
    own = "Styrelsen beviljar medel enligt beredningens förslag."
    assert (
        decisions.record_decision(
            _item(m), outcome="granted", years={2026: D("500000")}, text=own
        ).text
        == own
    )


def test_an_omedelbart_justerad_paragraph_takes_no_more_votes_or_notes(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    m = _fixed(FIFTH, vagen)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    decision = decisions.record_decision(_item(m), outcome="granted", years={2026: D("900000")})
    justering.adjust_at_meeting(_item(m))
    with pytest.raises(MeetingLocked, match="omedelbart justerad"):
        votes.add_note(_item(m), board.ledamot["FK"], "En sen anteckning.")
    with pytest.raises(MeetingLocked, match="omedelbart justerad"):
        votes.add_reservation(decision, board.ledamot["AF"])


def test_the_boards_chair_counts_as_the_chair_when_the_meeting_names_none(app_ctx: Any) -> None:
    """The chair field is optional: jäv, the casting vote, justering and the protocol's
    signature all take the board's ordförande then (one answer to "who chairs")."""
    board = Board()
    funds(2026, "3000000")
    vagen = application(board.orgs["Ludvika"], "Vägen in", {2026: "900000"})
    m = _fixed(FIFTH, vagen)
    assert m.chair is None
    attend(m, board, ["FK", "AF", "Region", "Ludvika", "Smedjebacken"])
    jav.add_recusal(_item(m), board.ledamot["Ludvika"], "Kommunalråd i Ludvika")
    assert jav.chair_is_javig(_item(m))
    assert ("Ordförande", "Ledamot Ludvika") in protocol.protocol_data(m).signatures
