"""Meeting numbers per year and § numbers that run on through the year without gaps."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.services.meetings import agenda
from app.services.meetings import lifecycle as meetings
from app.services.meetings.rules import MeetingError
from models import db
from models.meeting import Paragraph

from .test_meetings_support import Board, application, meeting


def _numbers(m: Any) -> list[tuple[int | None, str]]:
    return [(p.number, p.title) for p in m.paragraphs]


def test_meetings_are_numbered_per_year(app_ctx: Any) -> None:
    first = meetings.create_meeting(date(2026, 2, 5))
    second = meetings.create_meeting(date(2026, 3, 12))
    other_year = meetings.create_meeting(date(2025, 11, 20))
    third = meetings.create_meeting(date(2026, 3, 12))
    assert [first.label, second.label, third.label] == ["1/2026", "2/2026", "3/2026"]
    assert other_year.label == "1/2025"


def test_a_meeting_cannot_come_before_an_earlier_numbered_one(app_ctx: Any) -> None:
    meetings.create_meeting(date(2026, 4, 1))
    with pytest.raises(MeetingError, match="1/2026"):
        meetings.create_meeting(date(2026, 3, 1))
    second = meetings.create_meeting(date(2026, 5, 1))
    with pytest.raises(MeetingError, match="1/2026"):
        meetings.update_meeting(second, {"date": date(2026, 3, 31)})
    with pytest.raises(MeetingError, match="2026"):
        meetings.update_meeting(second, {"date": date(2027, 1, 10)})


def test_items_move_and_go_freely_before_the_kallelse_then_numbers_run_on(app_ctx: Any) -> None:
    first = meeting(date(2026, 2, 5), titles=("A", "B", "C"))
    c = first.paragraphs[2]
    agenda.move_paragraph(c, -1)  # A, C, B
    agenda.remove_paragraph(first.paragraphs[2])  # B goes
    assert _numbers(first) == [(None, "A"), (None, "C")]
    agenda.fix_agenda(first)
    assert _numbers(first) == [(1, "A"), (2, "C")]

    second = meeting(date(2026, 3, 12), titles=("X", "Y"))
    agenda.add_paragraph(second, kind="other", title="Z")
    agenda.remove_paragraph(second.paragraphs[0])
    agenda.move_paragraph(second.paragraphs[1], -1)  # Z, Y
    agenda.fix_agenda(second)
    assert _numbers(second) == [(3, "Z"), (4, "Y")]
    late = agenda.add_paragraph(second, kind="other", title="Extra ärende")
    assert late.number == 5 and second.paragraphs[-1] is late

    next_year = meeting(date(2027, 2, 4), titles=("Nytt år",), fixed=True)
    assert _numbers(next_year) == [(1, "Nytt år")]
    all_2026 = db.session.scalars(
        select(Paragraph.number).where(Paragraph.year == 2026).order_by(Paragraph.number)
    ).all()
    assert all_2026 == [1, 2, 3, 4, 5]


def test_numbered_items_are_never_moved_or_removed(app_ctx: Any) -> None:
    first = meeting(date(2026, 2, 5), titles=("A", "B"), fixed=True)
    with pytest.raises(MeetingError, match="utgår"):
        agenda.remove_paragraph(first.paragraphs[0])
    with pytest.raises(MeetingError, match="§ 2"):
        agenda.move_paragraph(first.paragraphs[1], -1)
    with pytest.raises(MeetingError):
        agenda.fix_agenda(first)
    assert _numbers(first) == [(1, "A"), (2, "B")]


def test_agendas_are_fixed_in_meeting_order(app_ctx: Any) -> None:
    first = meeting(date(2026, 2, 5), titles=("A",))
    second = meeting(date(2026, 3, 12), titles=("B",))
    with pytest.raises(MeetingError, match="1/2026"):
        agenda.fix_agenda(second)
    agenda.fix_agenda(first)
    agenda.fix_agenda(second)
    # Once meeting 2 has numbers, meeting 1 takes no more items (they would break the order).
    with pytest.raises(MeetingError, match="2/2026"):
        agenda.add_paragraph(first, kind="other", title="För sent")
    assert [p.number for p in first.paragraphs + second.paragraphs] == [1, 2]


def test_an_empty_agenda_cannot_be_fixed(app_ctx: Any) -> None:
    empty = meetings.create_meeting(date(2026, 2, 5))
    with pytest.raises(MeetingError):
        agenda.fix_agenda(empty)


def test_standard_items_open_and_close_the_agenda(app_ctx: Any) -> None:
    m = meetings.create_meeting(date(2026, 2, 5))
    agenda.add_standard_items(m)
    agenda.add_paragraph(m, kind="information", title="Information från kansliet")
    agenda.fix_agenda(m)
    titles = [p.title for p in m.paragraphs]
    assert titles[0] == "Mötets öppnande"
    assert titles[-3:] == ["Information från kansliet", "Nästa sammanträde", "Mötets avslutande"]
    assert [p.number for p in m.paragraphs] == list(range(1, 9))


def test_paragraph_label_cites_meeting_and_year(app_ctx: Any) -> None:
    meeting(date(2026, 2, 5), titles=("A", "B"), fixed=True)
    second = meeting(date(2026, 3, 12), titles=("C",), fixed=True)
    assert agenda.paragraph_label(second.paragraphs[0]) == "§ 3, Sammanträde 2/2026"


def test_plan_paragraphs_are_the_years_plan_items(app_ctx: Any) -> None:
    m = meeting(date(2026, 2, 5), titles=("A",))
    plan = agenda.add_paragraph(m, kind="plan", title="Verksamhetsplan 2027")
    meeting(date(2025, 2, 5), titles=("Old",))
    assert agenda.plan_paragraphs(2026) == [plan]
    assert agenda.plan_paragraphs(2025) == []


def test_application_items_need_an_application_once(app_ctx: Any) -> None:
    board = Board()
    app_ = application(board.orgs["Ludvika"])
    m = meetings.create_meeting(date(2026, 2, 5))
    with pytest.raises(MeetingError):
        agenda.add_paragraph(m, kind="application", title="Utan ansökan")
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    with pytest.raises(MeetingError, match="redan"):
        agenda.add_paragraph(m, kind="application", title="Igen", application=app_)


def test_a_correction_refers_to_a_justerat_earlier_paragraph(app_ctx: Any) -> None:
    first = meeting(date(2026, 2, 5), titles=("A",), fixed=True)
    second = meetings.create_meeting(date(2026, 3, 12))
    with pytest.raises(MeetingError, match="inte justerad"):
        agenda.add_paragraph(
            second, kind="correction", title="Rättelse", corrects=first.paragraphs[0]
        )
    first.adjusted_on = date(2026, 2, 10)
    first.adjusted_by = "Ordföranden"
    fix = agenda.add_paragraph(
        second, kind="correction", title="Rättelse av § 1", corrects=first.paragraphs[0]
    )
    assert fix.corrects is first.paragraphs[0]
    with pytest.raises(MeetingError):
        agenda.add_paragraph(second, kind="other", title="Fel", corrects=first.paragraphs[0])


def test_only_the_years_last_unfixed_meeting_can_be_removed(app_ctx: Any) -> None:
    first = meeting(date(2026, 2, 5), titles=("A",))
    second = meeting(date(2026, 3, 12), titles=("B",))
    with pytest.raises(MeetingError, match="sista"):
        meetings.delete_meeting(first)
    meetings.delete_meeting(second)
    agenda.fix_agenda(first)
    with pytest.raises(MeetingError, match="paragrafnummer"):
        meetings.delete_meeting(first)
    assert [m.label for m in meetings.meetings_in_year(2026)] == ["1/2026"]
