"""Beslutförhet: more than half of the seats, ersättare serving for absent ledamöter, jäv."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.services.meetings import decisions, jav, protocol_lines, quorum
from app.services.meetings import lifecycle as meetings
from app.services.meetings.rules import MeetingError
from models import Forbund, db
from models.board import BoardMember

from .test_meetings_support import Board, attend, meeting

DAY = date(2026, 3, 12)


def test_more_than_half_of_the_seats_are_needed(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF"])
    status = quorum.status(m)
    assert (status.seats, status.needed, status.present, status.quorate) == (5, 3, 2, False)
    attend(m, board, ["FK", "AF", "Region"])
    assert quorum.status(m).quorate


def test_an_ersattare_serving_fills_an_absent_ledamots_seat(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF"], serving={"Ludvika": "Ludvika"})
    status = quorum.status(m)
    assert status.present == 3 and status.quorate
    serving = [v for v in status.voters if v.serving]
    assert [(v.member.name, v.seat.name) for v in serving] == [
        ("Ersättare Ludvika", "Ledamot Ludvika")
    ]


def test_a_present_ersattare_who_does_not_serve_does_not_count(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF"])
    rows = {a.member_id: (a.status, a.serving_for_id) for a in m.attendances}
    rows[board.ersattare["Region"].id] = ("present", None)
    meetings.record_attendance(m, rows)
    assert quorum.status(m).present == 2


@pytest.mark.parametrize(
    ("serving", "message"),
    [
        ({"Ludvika": "FK"}, "Ludvika kommun"),  # another party's seat
        ({"FK": "FK"}, "närvarande"),  # the ledamot is present
    ],
)
def test_serving_rules(app_ctx: Any, serving: dict[str, str], message: str) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    with pytest.raises(MeetingError, match=message):
        attend(m, board, ["FK", "AF"], serving=serving)
    assert m.attendances == []


def test_an_ersattare_may_serve_only_for_their_own_partys_ledamot(app_ctx: Any) -> None:
    """The one rule the attendance check, the jäv check and the attendance page share."""
    board = Board()
    assert quorum.may_serve_for(board.ersattare["Ludvika"], board.ledamot["Ludvika"])
    assert not quorum.may_serve_for(board.ersattare["Ludvika"], board.ledamot["FK"])
    assert not quorum.may_serve_for(board.ledamot["Ludvika"], board.ledamot["Ludvika"])
    assert not quorum.may_serve_for(board.ersattare["Ludvika"], board.ersattare["Ludvika"])


def test_members_whose_term_has_ended_hold_no_seat(app_ctx: Any) -> None:
    board = Board()
    board.ledamot["AF"].term_end = date(2026, 1, 31)
    m = meeting(DAY, fixed=True)
    assert quorum.status(m).seats == 4
    rows = {board.ledamot["AF"].id: ("present", None)}
    with pytest.raises(MeetingError):
        meetings.record_attendance(m, rows)


def test_jav_takes_a_member_out_of_that_items_quorum(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True, titles=("Ärende med jäv", "Annat ärende"))
    attend(m, board, ["FK", "AF", "Region"])
    jav_item, other = m.paragraphs
    jav.add_recusal(jav_item, board.ledamot["Region"], "Anställd hos projektägaren")
    item_status = quorum.status(m, jav_item)
    assert (item_status.present, item_status.quorate) == (2, False)
    assert [r.name for r in item_status.recused] == ["Ledamot Region"]
    assert quorum.status(m, other).quorate
    with pytest.raises(MeetingError, match="inte beslutför: 2 av 5 platser"):
        decisions.record_decision(jav_item, outcome="noted")
    assert jav_item.decision is None
    decided = decisions.record_decision(other, outcome="noted")
    assert decided.text == "Styrelsen noterar informationen."


def test_jav_of_a_serving_ersattare_counts_too(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF"], serving={"Ludvika": "Ludvika"})
    item = m.paragraphs[0]
    jav.add_recusal(item, board.ersattare["Ludvika"])
    assert quorum.status(m, item).present == 2


def test_no_decision_while_the_board_is_not_quorate(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK"])
    with pytest.raises(MeetingError, match="Styrelsen är inte beslutför: 1 av 5 platser"):
        decisions.record_decision(m.paragraphs[0], outcome="noted")


def test_jav_is_recorded_before_the_decision(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    item = m.paragraphs[0]
    decisions.record_decision(item, outcome="noted")
    with pytest.raises(MeetingError, match="före beslutet"):
        jav.add_recusal(item, board.ledamot["FK"])
    member: BoardMember = board.ledamot["FK"]
    assert not any(r.member_id == member.id for r in item.recusals)


# --- jäv: an ersättare steps in, another member chairs the § --------------------------------


def test_the_partys_present_ersattare_steps_in_for_a_javig_ledamot(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True, titles=("Ludvikas projekt", "Annat ärende"))
    attend(m, board, ["FK", "AF", "Ludvika"])
    rows = {a.member_id: (a.status, a.serving_for_id) for a in m.attendances}
    rows[board.ersattare["Ludvika"].id] = ("present", None)  # present, not serving
    meetings.record_attendance(m, rows)
    item, other = m.paragraphs
    recusal = jav.add_recusal(item, board.ledamot["AF"], "Anställd hos projektägaren")
    assert recusal.replaced_by is None  # AF's ersättare is not here: nobody steps in
    assert quorum.status(m, item).present == 2
    jav.remove_recusal(recusal)
    recusal = jav.add_recusal(item, board.ledamot["Ludvika"], "Kommunalråd i Ludvika kommun")
    assert recusal.replaced_by is board.ersattare["Ludvika"]
    status = quorum.status(m, item)
    assert (status.present, status.seats, status.quorate) == (3, 5, True)
    stepped = [v for v in status.voters if v.stepped_in]
    assert [(v.member.name, v.seat.name) for v in stepped] == [
        ("Ersättare Ludvika", "Ledamot Ludvika")
    ]
    assert quorum.status(m, other).present == 3  # the ersättare steps in on that item only
    assert quorum.status(m).present == 3
    # Ludvika's ledamot is the board's ordförande: while jävig, another member chairs the §.
    jav.set_item_chair(item, board.ledamot["FK"])
    decided = decisions.record_decision(item, outcome="noted")
    assert decided.outcome == "noted"
    assert protocol_lines.stand_in_sentence(recusal) == (
        "Ersättare Ludvika (ersättare) tjänstgör i Ledamot Ludvikas ställe under paragrafen."
    )


def test_without_the_setting_nobody_steps_in_and_the_item_is_refused(app_ctx: Any) -> None:
    board = Board()
    db.session.get(Forbund, 1).jav_ersattare_steps_in = False
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF", "Region"])
    rows = {a.member_id: (a.status, a.serving_for_id) for a in m.attendances}
    rows[board.ersattare["Region"].id] = ("present", None)
    meetings.record_attendance(m, rows)
    item = m.paragraphs[0]
    recusal = jav.add_recusal(item, board.ledamot["Region"], "Anställd i regionen")
    assert recusal.replaced_by is None
    with pytest.raises(
        MeetingError, match="inte beslutför: 2 av 5 platser är besatta, minst 3 krävs"
    ):
        decisions.record_decision(item, outcome="noted")
    with pytest.raises(MeetingError, match="tillåter inte"):
        jav.set_stand_in(recusal, board.ersattare["Region"])


def test_a_chosen_stand_in_must_be_a_present_ersattare_of_the_same_party(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF", "Region"], serving={"Ludvika": "Ludvika"})
    rows = {a.member_id: (a.status, a.serving_for_id) for a in m.attendances}
    rows[board.ersattare["FK"].id] = ("present", None)
    meetings.record_attendance(m, rows)
    item = m.paragraphs[0]
    recusal = jav.add_recusal(item, board.ledamot["Region"], "")
    assert recusal.replaced_by is None  # Region's ersättare is absent
    with pytest.raises(MeetingError, match=r"Försäkringskassan.*Region Dalarna"):
        jav.set_stand_in(recusal, board.ersattare["FK"])
    with pytest.raises(MeetingError, match="inte närvarande"):
        jav.set_stand_in(recusal, board.ersattare["Region"])
    with pytest.raises(MeetingError, match="tjänstgör redan"):
        jav.set_stand_in(recusal, board.ersattare["Ludvika"])
    assert recusal.replaced_by is None


def test_when_the_chair_is_javig_the_vice_chair_leads_the_item(app_ctx: Any) -> None:
    board = Board()
    board.ledamot["Region"].position = "vice_chair"
    m = meeting(DAY, fixed=True, titles=("Ludvikas projekt", "Annat ärende"))
    m.chair = board.ledamot["Ludvika"]
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    item, other = m.paragraphs
    recusal = jav.add_recusal(item, board.ledamot["Ludvika"], "kommunalråd i Ludvika kommun")
    assert item.chair is board.ledamot["Region"]
    assert other.chair is None
    assert protocol_lines.chair_sentence(item) == (
        "Vice ordförande Ledamot Region leder sammanträdet under paragrafen."
    )
    jav.set_item_chair(item, board.ledamot["FK"])  # elected for the item instead
    assert protocol_lines.chair_sentence(item) == "Ledamot FK leder sammanträdet under paragrafen."
    with pytest.raises(MeetingError, match="jävig"):
        jav.set_item_chair(item, board.ledamot["Ludvika"])
    with pytest.raises(MeetingError, match="inte närvarande"):
        jav.set_item_chair(item, board.ledamot["Smedjebacken"])
    assert jav.recusal_sentence(recusal) == (
        "Ledamot Ludvika anmäler jäv och deltar inte i handläggningen av ärendet"
        " (kommunalråd i Ludvika kommun)."
    )
    jav.remove_recusal(recusal)
    assert item.chair is None


def test_a_decision_waits_for_a_chair_when_the_chair_is_javig(app_ctx: Any) -> None:
    board = Board()  # no vice chair in this board
    m = meeting(DAY, fixed=True)
    m.chair = board.ledamot["Ludvika"]
    attend(m, board, ["FK", "AF", "Region", "Ludvika"])
    item = m.paragraphs[0]
    jav.add_recusal(item, board.ledamot["Ludvika"], "")
    assert item.chair is None
    with pytest.raises(MeetingError, match="Ordföranden är jävig i § 1"):
        decisions.record_decision(item, outcome="noted")
    jav.set_item_chair(item, board.ledamot["AF"])
    assert decisions.record_decision(item, outcome="noted").outcome == "noted"


def test_attendance_starts_from_the_roster_and_then_from_what_was_saved(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    members = meetings.board_members(on=DAY)
    start = meetings.attendance_start(m, members)
    assert {start[b.id] for b in board.ledamot.values()} == {("present", None)}
    assert {start[b.id] for b in board.ersattare.values()} == {("present", None)}
    assert m.attendances == [] and quorum.status(m).present == 0  # a start is no record
    attend(m, board, ["FK", "AF", "Region", "Ludvika"], serving={"Smedjebacken": "Smedjebacken"})
    saved = meetings.attendance_start(m, members)
    assert saved[board.ledamot["Smedjebacken"].id] == ("absent", None)
    assert saved[board.ersattare["Smedjebacken"].id] == (
        "present",
        board.ledamot["Smedjebacken"].id,
    )
    assert saved[board.ledamot["FK"].id] == ("present", None)
    assert saved[board.ersattare["FK"].id] == ("absent", None)  # no row saved: absent
