"""Omröstning, reservations and protokollsanteckningar: who may, and what the protocol says."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.services.meetings import decisions, jav, justering, protocol, protocol_lines, quorum, votes
from app.services.meetings import lifecycle as meetings
from app.services.meetings.rules import MeetingError
from models import db
from models.meeting_votes import DecisionReservation, DecisionVote

from .test_meetings_support import Board, attend, meeting

DAY = date(2026, 3, 12)


def _held(board: Board) -> Any:
    """Meeting 1/2026 with FK, AF, Region and Smedjebacken present, Ludvika's seat empty."""
    m = meeting(DAY, fixed=True, titles=("Medlemssamråd",))
    m.chair = board.ledamot["FK"]
    attend(m, board, ["FK", "AF", "Region", "Smedjebacken"])
    return m


def _ids(board: Board, **choices: str) -> dict[int, str]:
    return {board.ledamot[party].id: vote for party, vote in choices.items()}


def test_an_omrostning_is_counted_and_stated_in_the_protocol(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    item = m.paragraphs[0]
    decision = decisions.record_decision(item, outcome="adopted", text="Styrelsen beslutar så.")
    votes.record_votes(
        decision, _ids(board, FK="yes", AF="no", Region="yes", Smedjebacken="abstain")
    )
    assert votes.tally(decision) == (2, 1, 1)
    assert protocol_lines.vote_lines(decision) == [
        "Omröstning begärs. 2 röster ja, 1 nej, 1 avstår."
        " Styrelsen har beslutat enligt ja-linjen (ja för beslutet ovan).",
        "Ja: Ledamot FK, Ledamot Region",
        "Nej: Ledamot AF",
        "Avstår: Ledamot Smedjebacken",
    ]
    details = protocol.protocol_data(m).items[0].details
    assert "Nej: Ledamot AF" in details
    votes.record_votes(decision, {})  # all empty: no omröstning
    assert decision.votes == [] and protocol_lines.vote_lines(decision) == []


def test_every_member_with_a_vote_votes_and_only_they(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    item = m.paragraphs[0]
    decision = decisions.record_decision(item, outcome="adopted")
    with pytest.raises(MeetingError, match="saknas: Ledamot Smedjebacken"):
        votes.record_votes(decision, _ids(board, FK="yes", AF="yes", Region="yes"))
    with pytest.raises(MeetingError, match="Ledamot Ludvika har ingen rösträtt i § 1"):
        votes.record_votes(
            decision,
            _ids(board, FK="yes", AF="yes", Region="yes", Smedjebacken="yes", Ludvika="no"),
        )
    with pytest.raises(MeetingError, match=r"ger inte bifall till beslutet.*1 ja, 2 nej"):
        votes.record_votes(
            decision, _ids(board, FK="yes", AF="no", Region="no", Smedjebacken="abstain")
        )
    assert decision.votes == []


def test_a_javig_member_does_not_vote_and_the_stand_in_does(app_ctx: Any) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF", "Region"])
    rows = {a.member_id: (a.status, a.serving_for_id) for a in m.attendances}
    rows[board.ersattare["Region"].id] = ("present", None)
    meetings.record_attendance(m, rows)
    item = m.paragraphs[0]
    recusal = jav.add_recusal(item, board.ledamot["Region"], "anställd i regionen.")
    decision = decisions.record_decision(item, outcome="adopted")
    stand_in = board.ersattare["Region"].id
    with pytest.raises(MeetingError, match="Ledamot Region är jävig i § 1 och deltar inte"):
        votes.record_votes(decision, _ids(board, FK="yes", AF="yes", Region="yes"))
    votes.record_votes(decision, {**_ids(board, FK="yes", AF="no"), stand_in: "yes"})
    assert votes.tally(decision) == (2, 1, 0)
    notes = protocol.protocol_data(m).items[0].notes
    assert notes[:2] == [
        "Ledamot Region anmäler jäv och deltar inte i handläggningen av ärendet"
        " (anställd i regionen).",
        "Ersättare Region (ersättare) tjänstgör i Ledamot Regions ställe under paragrafen.",
    ]
    assert protocol_lines.stand_in_sentence(recusal) in notes


def test_equal_votes_are_decided_by_the_chairs_casting_vote(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    decision = decisions.record_decision(m.paragraphs[0], outcome="adopted")
    votes.record_votes(
        decision, _ids(board, FK="yes", AF="no", Region="abstain", Smedjebacken="abstain")
    )
    assert protocol_lines.vote_lines(decision)[0] == (
        "Omröstning begärs. 1 röst ja, 1 nej, 2 avstår. Lika röstetal; ordförandens"
        " utslagsröst avgör."
        " Styrelsen har beslutat enligt ja-linjen (ja för beslutet ovan)."
    )
    with pytest.raises(MeetingError, match="ger inte bifall"):
        votes.record_votes(
            decision, _ids(board, FK="no", AF="yes", Region="abstain", Smedjebacken="abstain")
        )


def test_reservations_by_those_who_took_part_and_did_not_vote_yes(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    item = m.paragraphs[0]
    decision = decisions.record_decision(item, outcome="adopted")
    with pytest.raises(MeetingError, match="Ledamot Ludvika har ingen rösträtt"):
        votes.add_reservation(decision, board.ledamot["Ludvika"])  # absent
    votes.record_votes(decision, _ids(board, FK="yes", AF="no", Region="yes", Smedjebacken="yes"))
    with pytest.raises(MeetingError, match="Ledamot FK röstade ja och kan inte reservera sig"):
        votes.add_reservation(decision, board.ledamot["FK"])
    votes.add_reservation(decision, board.ledamot["AF"], "Pengarna behövs i utlysningen 2027.")
    with pytest.raises(MeetingError, match="har redan reserverat sig"):
        votes.add_reservation(decision, board.ledamot["AF"])
    with pytest.raises(MeetingError, match="har reserverat sig mot beslutet och kan inte"):
        votes.record_votes(
            decision, _ids(board, FK="yes", AF="yes", Region="yes", Smedjebacken="yes")
        )
    data = protocol.protocol_data(m).items[0]
    assert (
        "Ledamot AF reserverar sig mot beslutet. Skriftlig reservation bifogas protokollet"
        " (Bilaga: reservation)." in data.details
    )
    assert data.appendices == [
        ("Bilaga: reservation – Ledamot AF, § 1", "Pengarna behövs i utlysningen 2027.")
    ]


def test_protokollsanteckningar_by_present_members(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    item = m.paragraphs[0]
    with pytest.raises(MeetingError, match="Ledamot Ludvika är inte närvarande"):
        votes.add_note(item, board.ledamot["Ludvika"], "Jag vill anteckna…")
    with pytest.raises(MeetingError, match="Skriv protokollsanteckningen"):
        votes.add_note(item, board.ledamot["AF"], "  ")
    note = votes.add_note(item, board.ledamot["AF"], "AF följer frågan i sin egen styrelse.")
    assert protocol.protocol_data(m).items[0].details == [
        "Protokollsanteckning av Ledamot AF: AF följer frågan i sin egen styrelse."
    ]
    votes.remove_note(note)
    assert item.protocol_notes == []


def test_all_of_it_is_locked_at_justering(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    item = m.paragraphs[0]
    decision = decisions.record_decision(item, outcome="adopted")
    reservation = votes.add_reservation(decision, board.ledamot["Region"])
    note = votes.add_note(item, board.ledamot["AF"], "Anteckning.")
    justering.elect_justerare(m, [board.ledamot["AF"]])
    chair = justering.chair_of(m)
    justering.record_justering(m, on=date(2026, 3, 19), signers=[chair, board.ledamot["AF"]])
    for attempt in (
        lambda: votes.record_votes(decision, _ids(board, FK="yes")),
        lambda: votes.add_reservation(decision, board.ledamot["AF"]),
        lambda: votes.remove_reservation(reservation),
        lambda: votes.add_note(item, board.ledamot["FK"], "Sent."),
        lambda: votes.remove_note(note),
    ):
        with pytest.raises(MeetingError, match="justerades 2026-03-19"):
            attempt()


def test_a_stand_in_who_leaves_no_longer_counts_and_removing_a_decision_removes_its_votes(
    app_ctx: Any,
) -> None:
    board = Board()
    m = meeting(DAY, fixed=True)
    attend(m, board, ["FK", "AF", "Region"])
    rows = {a.member_id: (a.status, a.serving_for_id) for a in m.attendances}
    rows[board.ersattare["Region"].id] = ("present", None)
    meetings.record_attendance(m, rows)
    item = m.paragraphs[0]
    jav.add_recusal(item, board.ledamot["Region"], "")
    assert len(protocol_lines.jav_lines(item)) == 2
    decision = decisions.record_decision(item, outcome="adopted")
    votes.record_votes(
        decision, {**_ids(board, FK="yes", AF="yes"), board.ersattare["Region"].id: "no"}
    )
    votes.add_reservation(decision, board.ersattare["Region"], "Skäl.")
    decisions.remove_decision(item)
    assert db.session.scalars(select(DecisionVote)).all() == []
    assert db.session.scalars(select(DecisionReservation)).all() == []
    rows[board.ersattare["Region"].id] = ("absent", None)
    meetings.record_attendance(m, rows)
    assert quorum.status(m, item).present == 2
    assert protocol_lines.jav_lines(item) == [
        "Ledamot Region anmäler jäv och deltar inte i handläggningen av ärendet."
    ]
