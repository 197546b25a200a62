"""Justering locks the meeting: every service that writes refuses, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.services.meetings import agenda, decisions, jav
from app.services.meetings import lifecycle as meetings
from app.services.meetings.rules import MeetingLocked
from models.meeting import Meeting

from .test_meetings_support import Board, application, attend, funds, justera

DAY = date(2026, 3, 12)


@pytest.fixture
def locked(app_ctx: Any) -> tuple[Board, Meeting]:
    board = Board()
    funds(2026, "1000000")
    app_ = application(board.orgs["Ludvika"], amounts={2026: "100000"})
    m = meetings.create_meeting(DAY, place="Ludvika")
    agenda.add_paragraph(m, kind="information", title="Information")
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region"])
    info, item = m.paragraphs
    jav.add_recusal(info, board.ledamot["AF"], "Jävig")
    decisions.record_decision(item, outcome="granted", years={2026: Decimal("100000")})
    justera(m, board, date(2026, 3, 19))
    return board, m


def _writes(board: Board, m: Meeting) -> dict[str, Callable[[], Any]]:
    info, item = m.paragraphs
    return {
        "update_meeting": lambda: meetings.update_meeting(m, {"place": "Smedjebacken"}),
        "delete_meeting": lambda: meetings.delete_meeting(m),
        "record_attendance": lambda: meetings.record_attendance(
            m, {board.ledamot["FK"].id: ("absent", None)}
        ),
        "record_justering": lambda: meetings.record_justering(m, on=DAY, signers=[]),
        "add_paragraph": lambda: agenda.add_paragraph(m, kind="other", title="Sent"),
        "update_paragraph": lambda: agenda.update_paragraph(
            info, title="Ny", underlag="", minutes=""
        ),
        "move_paragraph": lambda: agenda.move_paragraph(item, -1),
        "remove_paragraph": lambda: agenda.remove_paragraph(info),
        "fix_agenda": lambda: agenda.fix_agenda(m),
        "record_decision": lambda: decisions.record_decision(item, outcome="rejected", reasons="x"),
        "remove_decision": lambda: decisions.remove_decision(item),
        "add_recusal": lambda: jav.add_recusal(item, board.ledamot["FK"]),
        "remove_recusal": lambda: jav.remove_recusal(info.recusals[0]),
    }


def _snapshot(m: Meeting) -> tuple[Any, ...]:
    return (
        m.place,
        m.date,
        [(p.number, p.title, p.position) for p in m.paragraphs],
        [(a.member_id, a.status) for a in m.attendances],
        [(p.decision.outcome, p.decision.total) if p.decision else None for p in m.paragraphs],
        [len(p.recusals) for p in m.paragraphs],
    )


def test_every_write_to_a_justerat_meeting_is_refused(locked: tuple[Board, Meeting]) -> None:
    board, m = locked
    before = _snapshot(m)
    writes = _writes(board, m)
    assert len(writes) == 13
    for name, write in writes.items():
        with pytest.raises(MeetingLocked, match="justerades 2026-03-19"):
            write()
        assert _snapshot(m) == before, name


def test_a_correction_is_a_new_paragraph_at_a_later_meeting(
    locked: tuple[Board, Meeting],
) -> None:
    _board, m = locked
    later = meetings.create_meeting(date(2026, 4, 16))
    fix = agenda.add_paragraph(
        later, kind="correction", title="Rättelse av § 2", corrects=m.paragraphs[1]
    )
    agenda.fix_agenda(later)
    assert fix.number == 3 and fix.corrects is m.paragraphs[1]
