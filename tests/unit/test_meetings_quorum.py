"""Beslutförhet: more than half of the seats, ersättare serving for absent ledamöter, jäv."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.services.meetings import decisions, quorum
from app.services.meetings import lifecycle as meetings
from app.services.meetings.rules import MeetingError
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
    quorum.add_recusal(jav_item, board.ledamot["Region"], "Anställd hos projektägaren")
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
    quorum.add_recusal(item, board.ersattare["Ludvika"])
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
        quorum.add_recusal(item, board.ledamot["FK"])
    member: BoardMember = board.ledamot["FK"]
    assert not any(r.member_id == member.id for r in item.recusals)
