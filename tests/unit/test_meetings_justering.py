"""Justering as a reglemente has it: elected justerare, who justerade, omedelbar justering."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from app.services.meetings import agenda, decisions, justering, protocol
from app.services.meetings import lifecycle as meetings
from app.services.meetings.rules import MeetingError, MeetingLocked
from models import Forbund, db
from models.grant import Grant
from models.meeting import Meeting, Paragraph

from .test_meetings_support import Board, application, attend, funds

D = Decimal
DAY = date(2026, 3, 12)


def _held(board: Board, *apps: Any) -> Meeting:
    m = meetings.create_meeting(DAY, place="Ludvika")
    m.chair = board.ledamot["Ludvika"]
    agenda.add_standard_items(m)
    for app_ in apps:
        agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Ludvika"], serving={"Region": "Region"})
    return m


def _val(m: Meeting) -> Paragraph:
    paragraph = justering.justerare_paragraph(m)
    assert paragraph is not None
    return paragraph


def test_justerare_are_elected_among_those_present_with_a_vote(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    assert _val(m).title == "Val av justerare" and _val(m).standard == "justerare"
    eligible = justering.eligible_justerare(m)
    # The chair (Ludvika) justerar anyway; Region's ersättare serves and may be elected.
    assert [x.name for x in eligible] == ["Ledamot FK", "Ledamot AF", "Ersättare Region"]
    with pytest.raises(MeetingError, match="Ledamot Ludvika är ordförande och justerar ändå"):
        justering.elect_justerare(m, [board.ledamot["Ludvika"]])
    with pytest.raises(MeetingError, match="Ledamot Smedjebacken är inte närvarande med rösträtt"):
        justering.elect_justerare(m, [board.ledamot["Smedjebacken"]])
    justering.elect_justerare(m, [board.ersattare["Region"], board.ledamot["FK"]])
    assert justering.elected_justerare(m) == [board.ersattare["Region"], board.ledamot["FK"]]
    justering.elect_justerare(m, [board.ledamot["AF"]])
    assert justering.elected_justerare(m) == [board.ledamot["AF"]]
    val = next(i for i in protocol.protocol_data(m).items if i.paragraph_id == _val(m).id)
    assert val.standard == [
        "Till justerare valdes Ledamot AF att jämte ordföranden justera protokollet."
    ]
    assert protocol.protocol_data(m).justerare == "Ledamot AF"


def test_the_minutes_name_several_justerare_and_never_a_placeholder(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    agenda.update_paragraph(_val(m), title="Val av justerare", underlag="", minutes="")
    val = next(i for i in protocol.protocol_data(m).items if i.paragraph_id == _val(m).id)
    assert val.standard == ["Ingen justerare har valts ännu."]
    justering.elect_justerare(m, [board.ledamot["FK"], board.ledamot["AF"]])
    val = next(i for i in protocol.protocol_data(m).items if i.paragraph_id == _val(m).id)
    assert val.standard == [
        "Till justerare valdes Ledamot FK och Ledamot AF att jämte ordföranden justera protokollet."
    ]
    assert all("{" not in i.minutes + i.decision for i in protocol.protocol_data(m).items)


def test_justering_needs_the_chair_and_enough_elected_justerare(app_ctx: Any) -> None:
    board = Board()
    m = _held(board)
    chair, fk, af = board.ledamot["Ludvika"], board.ledamot["FK"], board.ledamot["AF"]
    with pytest.raises(MeetingError, match="har valt 0 justerare; förbundets regler kräver 1"):
        justering.record_justering(m, on=DAY, signers=[chair, fk])
    justering.elect_justerare(m, [fk])
    with pytest.raises(MeetingError, match="Ordföranden kan inte justera ensam"):
        justering.record_justering(m, on=DAY, signers=[chair])
    with pytest.raises(MeetingError, match="inte Ledamot AF"):
        justering.record_justering(m, on=DAY, signers=[chair, af])
    with pytest.raises(MeetingError, match="kryssa i ordföranden"):
        justering.record_justering(m, on=DAY, signers=[fk])
    db.session.get(Forbund, 1).justerare_count = 2
    with pytest.raises(MeetingError, match="har valt 1 justerare; förbundets regler kräver 2"):
        justering.record_justering(m, on=DAY, signers=[chair, fk])
    justering.elect_justerare(m, [fk, af])
    with pytest.raises(MeetingError, match="2 vald justerare måste också justera"):
        justering.record_justering(m, on=DAY, signers=[chair, fk])
    justering.record_justering(m, on=date(2026, 3, 19), signers=[chair, fk, af], place="Ludvika")
    assert m.is_locked and m.adjusted_by == "Ledamot Ludvika, Ledamot FK, Ledamot AF"
    assert justering.signers_of(m) == [chair, fk, af]
    assert protocol.protocol_data(m).adjusted == (
        "Justerat 2026-03-19 av Ledamot Ludvika, Ledamot FK, Ledamot AF, Ludvika"
    )
    with pytest.raises(MeetingLocked):
        justering.elect_justerare(m, [fk])


def test_omedelbar_justering_acts_at_once_and_locks_only_that_paragraph(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "2000000")
    first = application(board.orgs["Ludvika"], "Vägen in", {2026: "300000"})
    second = application(board.orgs["Region"], "Trisam", {2026: "200000"})
    m = _held(board, first, second)
    p1, p2 = [p for p in m.paragraphs if p.kind == "application"]
    with pytest.raises(MeetingError, match="Registrera beslutet"):
        justering.adjust_at_meeting(p1)
    decisions.record_decision(p1, outcome="granted", years={2026: D("300000")})
    justering.adjust_at_meeting(p1)
    grant = db.session.scalar(select(Grant).where(Grant.application_id == first.id))
    assert grant is not None and grant.granted_total == D("300000.00")
    assert first.status == "in_progress" and not m.is_locked and p1.is_locked
    with pytest.raises(MeetingLocked, match="förklarades omedelbart justerad"):
        decisions.record_decision(p1, outcome="granted", years={2026: D("1")})
    with pytest.raises(MeetingLocked):
        decisions.remove_decision(p1)
    with pytest.raises(MeetingLocked):
        agenda.update_paragraph(p1, title="Ny", underlag="", minutes="")
    item = next(i for i in protocol.protocol_data(m).items if i.paragraph_id == p1.id)
    assert "Paragrafen förklaras omedelbart justerad." in item.notes
    assert "Beslutet gäller efter justering." not in item.notes
    # The rest stays open; justering later skips the decision that has acted.
    decisions.record_decision(p2, outcome="rejected", reasons="Uppfyller inte kraven.")
    justering.elect_justerare(m, [board.ledamot["FK"]])
    justering.record_justering(m, on=DAY, signers=[board.ledamot["Ludvika"], board.ledamot["FK"]])
    grants = db.session.scalars(select(Grant).where(Grant.application_id == first.id)).all()
    assert len(grants) == 1 and second.status == "rejected"
