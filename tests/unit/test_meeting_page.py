"""A meeting's page data read as plain rows (app/services/meeting_page.py) and the board
roster kept per data version (app/services/board_roster.py): the same agenda, counts
and protocol wording as the records give."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import func, select

from app.services import board_roster, meeting_page, protocol, quorum
from models import BoardMember, db
from models.meeting import Meeting, Paragraph

from ..conftest import Statements


def _shape(meeting: Any) -> dict[str, Any]:
    """What the page, kallelse and protocol read of a meeting, as plain values."""
    return {
        "label": meeting.label,
        "locked": meeting.is_locked,
        "chair": meeting.chair.name if meeting.chair else None,
        "justerare": meeting.justerare.name if meeting.justerare else None,
        "paragraphs": [
            (
                p.id,
                p.label,
                p.kind,
                p.title,
                p.underlag,
                p.minutes,
                p.application_id,
                p.application.registry_number if p.application else None,
                p.corrects_id,
                (
                    p.decision.outcome,
                    p.decision.text,
                    p.decision.conditions,
                    p.decision.reasons,
                    p.decision.report_dates,
                    p.decision.delegation_limit,
                    p.decision.grants_money,
                    p.decision.total,
                    [(y.year, y.amount) for y in p.decision.years],
                )
                if p.decision
                else None,
                [(r.member_id, r.member.name, r.reason) for r in p.recusals],
            )
            for p in meeting.paragraphs
        ],
        "attendances": [
            (a.member_id, a.member.name, a.status, a.serving_for_id) for a in meeting.attendances
        ],
    }


def _busiest() -> int:
    return db.session.scalar(
        select(Paragraph.meeting_id)
        .group_by(Paragraph.meeting_id)
        .order_by(func.count().desc(), Paragraph.meeting_id)
        .limit(1)
    )


def test_the_page_reads_what_the_records_give_in_few_statements(app_ctx: Flask, demo: dict) -> None:
    busiest = _busiest()
    expected = _shape(db.session.get(Meeting, busiest))  # lazy loading, the reference
    assert len(expected["paragraphs"]) >= 3 and expected["attendances"]
    assert any(p[9] for p in expected["paragraphs"]), "the demo meeting has decisions"
    db.session.expunge_all()
    board_roster.members()  # the roster is read once per data version, not per page
    with Statements() as sent:
        page = meeting_page.load(busiest)
        shape = _shape(page)
    assert shape == expected
    # the meeting; §, amounts, jäv, attendance (one statement, or four on SQLite): no lazy loads
    assert sent.count <= (5 if db.engine.dialect.name == "sqlite" else 2)
    assert meeting_page.load(10**9) is None


def test_quorum_and_protocol_say_the_same_from_rows_as_from_records(
    app_ctx: Flask, demo: dict
) -> None:
    ids = db.session.scalars(select(Meeting.id).order_by(Meeting.id)).all()
    recused_somewhere = False
    for meeting_id in ids:
        db.session.expunge_all()
        record = db.session.get(Meeting, meeting_id)
        expected = (
            quorum.status(record),
            [quorum.status(record, p) for p in record.paragraphs],
            protocol.protocol_data(record),
        )
        db.session.expunge_all()
        page = meeting_page.load(meeting_id)
        assert (
            quorum.status(page),
            [quorum.status(page, p) for p in page.paragraphs],
            protocol.protocol_data(page),
        ) == expected, page.label
        recused_somewhere |= any(s.recused for s in expected[1])
    assert recused_somewhere, "the demo has jäv on some item"


def test_the_roster_is_read_once_per_data_version(app_ctx: Flask, demo: dict) -> None:
    member = db.session.scalars(select(BoardMember).order_by(BoardMember.id)).first()
    db.session.commit()
    assert board_roster.member(member.id).name == member.name
    with Statements() as sent:
        assert board_roster.member(member.id).organisation.id == member.organisation_id
    assert sent.count == 0
    member.name = "Ny Ledamot"
    db.session.commit()
    assert board_roster.member(member.id).name == "Ny Ledamot"
    seats = board_roster.seats_on(member.term_start)
    assert all(m.is_ledamot and m.serves_on(member.term_start) for m in seats)


def test_the_meeting_union_reads_what_its_four_statements_read(app_ctx: Flask, demo: dict) -> None:
    """One UNION ALL on PostgreSQL, four statements on SQLite: the same rows both ways."""
    from app.services.meeting_page import _statements
    from models.loading import read_union

    for meeting_id in db.session.scalars(select(Meeting.id)):
        params = {"meeting_id": meeting_id}
        combined = read_union(db.session, _statements(), params, combined=True)
        separate = read_union(db.session, _statements(), params, combined=False)
        for name, rows in separate.items():
            assert [tuple(r) for r in combined[name]] == [tuple(r) for r in rows], name
