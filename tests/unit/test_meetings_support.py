"""Small factories for the meeting tests (board, applications on the table, meetings).

Imported by the other test_meetings_* modules; the one test here checks the board
they build.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.services.meetings import agenda, decisions, justering
from app.services.meetings import lifecycle as meetings
from models import ContributionYear, Forbund, Organisation, OrgKind, db
from models.application import Application, BudgetLine
from models.board import BoardMember, BoardPosition, BoardRole
from models.meeting import Meeting, Paragraph
from models.meeting_terms import AttendanceStatus
from models.plan import Plan, PlanBudgetLine

TERM = (date(2023, 4, 1), date(2027, 3, 31))
PARTIES = [
    ("Försäkringskassan", "FK", OrgKind.FK),
    ("Arbetsförmedlingen", "AF", OrgKind.AF),
    ("Region Dalarna", "Region", OrgKind.REGION),
    ("Ludvika kommun", "Ludvika", OrgKind.KOMMUN),
    ("Smedjebackens kommun", "Smedjebacken", OrgKind.KOMMUN),
]


class Board:
    """Five parties, each with a ledamot and an ersättare: ``board.ledamot["FK"]``."""

    def __init__(self) -> None:
        if db.session.get(Forbund, 1) is None:
            db.session.add(Forbund(id=1, name="Testförbundet", org_number="222000-0000"))
        self.orgs: dict[str, Organisation] = {}
        self.ledamot: dict[str, BoardMember] = {}
        self.ersattare: dict[str, BoardMember] = {}
        for position, (name, short, kind) in enumerate(PARTIES):
            org = Organisation(
                name=name, short_name=short, kind=kind, is_member=True, position=position
            )
            db.session.add(org)
            self.orgs[short] = org
            self.ledamot[short] = BoardMember(
                name=f"Ledamot {short}",
                organisation=org,
                role=BoardRole.LEDAMOT,
                position=BoardPosition.CHAIR if short == "Ludvika" else "",
                term_start=TERM[0],
                term_end=TERM[1],
            )
            self.ersattare[short] = BoardMember(
                name=f"Ersättare {short}",
                organisation=org,
                role=BoardRole.ERSATTARE,
                term_start=TERM[0],
                term_end=TERM[1],
            )
            db.session.add_all([self.ledamot[short], self.ersattare[short]])
        db.session.flush()


def application(
    owner: Organisation,
    title: str = "Vägen in",
    amounts: dict[int, str] | None = None,
    status: str = "proposed",
    **extra: Any,
) -> Application:
    """An application on the board's table asking ``amounts`` per year."""
    amounts = amounts or {2026: "300000"}
    years = sorted(amounts)
    app = Application(
        title=title,
        owner=owner,
        period_start=date(years[0], 1, 1),
        period_end=date(years[-1], 12, 31),
        status=status,
        proposal_text=f"Förbundschefen föreslår att {title} beviljas.",
        **extra,
    )
    db.session.add(app)
    for year, amount in amounts.items():
        app.budget_lines.append(BudgetLine(year=year, category="other", amount=Decimal(amount)))
    db.session.flush()
    return app


def funds(year: int, insatser: str, total: str = "4000000") -> ContributionYear:
    """The year's contribution, and an adopted plan whose budget for insatser is ``insatser``.

    The funds check reads the adopted plan (app/services/meetings/funds.py). The plan is
    adopted at a § of a meeting twenty years earlier, made straight from the models, so
    the tests' own meetings keep their numbers and dates.
    """
    row = ContributionYear(year=year, total=Decimal(total))
    adopting = Meeting(year=year - 20, number=1, date=date(year - 20, 11, 20))
    item = Paragraph(meeting=adopting, year=year - 20, number=1, kind="plan", title="Budget")
    plan = Plan(year=year, version=1, title=f"Verksamhetsplan {year}")
    plan.budget_lines.append(
        PlanBudgetLine(category="insatser", name="", amount=Decimal(insatser), derived=True)
    )
    db.session.add_all([row, adopting, item, plan])
    db.session.flush()
    plan.adopted_paragraph_id = item.id
    plan.adopted_on = adopting.date
    db.session.flush()
    return row


def meeting(
    day: date, *, fixed: bool = False, titles: tuple[str, ...] = ("Information",)
) -> Meeting:
    """A meeting with plain items; ``fixed`` gives the § numbers."""
    result = meetings.create_meeting(day, place="Ludvika")
    for title in titles:
        agenda.add_paragraph(result, kind="information", title=title)
    if fixed:
        agenda.fix_agenda(result)
    return result


def attend(
    meeting_: Meeting, board: Board, present: list[str], serving: dict[str, str] | None = None
) -> None:
    """Ledamöter of ``present`` parties attend; ``serving`` maps ersättare party → seat party."""
    rows: dict[int, tuple[str, int | None]] = {}
    for short, member in board.ledamot.items():
        rows[member.id] = (
            AttendanceStatus.PRESENT if short in present else AttendanceStatus.ABSENT,
            None,
        )
    for short, seat in (serving or {}).items():
        rows[board.ersattare[short].id] = (AttendanceStatus.PRESENT, board.ledamot[seat].id)
    meetings.record_attendance(meeting_, rows)


def justera_by_name(m: Meeting, on: date | None = None, party: str = "FK") -> None:
    """``justera`` for a test that kept no ``Board``: the members are found by name."""
    members = {a.member.name: a.member for a in m.attendances}
    justering.elect_justerare(m, [members[f"Ledamot {party}"]])
    justering.record_justering(
        m, on=on or m.date, signers=[members["Ledamot Ludvika"], members[f"Ledamot {party}"]]
    )


def justera(m: Meeting, board: Board, on: date | None = None, party: str = "FK") -> None:
    """Elect ``party``'s ledamot justerare and record the justering by the chair and them."""
    justering.elect_justerare(m, [board.ledamot[party]])
    justering.record_justering(
        m, on=on or m.date, signers=[board.ledamot["Ludvika"], board.ledamot[party]]
    )


def delegate(board: Board, limit: str = "50000", day: date = date(2026, 3, 12)) -> Meeting:
    """A justerad meeting whose delegation item lets the förbundschef grant ``limit`` per
    insats and year (with the money for 2026 in an adopted plan)."""
    funds(2026, "2000000")
    m = meetings.create_meeting(day)
    item = agenda.add_paragraph(m, kind="delegation", title="Delegationsordning")
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region"])
    decisions.record_decision(item, outcome="adopted", delegation_limit=Decimal(limit))
    member = justering.eligible_justerare(m)[0]
    justering.elect_justerare(m, [member])
    justering.record_justering(m, on=m.date, signers=[justering.chair_of(m), member])
    return m


def test_board_has_a_ledamot_and_an_ersattare_per_party(app_ctx: Any) -> None:
    board = Board()
    members = meetings.board_members(on=date(2026, 5, 1))
    assert len(members) == 10
    assert [m.role for m in members[:2]] == ["ledamot", "ersattare"]
    assert meetings.board_members(on=date(2027, 4, 1)) == []
    assert board.ledamot["Ludvika"].position == "chair"
