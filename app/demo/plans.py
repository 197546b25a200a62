"""Demo verksamhetsplaner: 2025 adopted and followed up (tertial 1, delår, helår), 2026 in two
adopted versions (a preliminary budget in October 2025, the final one at § 9 in February
2026) with tertial 1 and delår, and a 2027 draft copied from 2026 whose budget is to be
adopted by 30 November. Equity history 2016–2025, with 2019 above the recommended level.

Vision, goals and indicators follow docs/domain.md, Demo förbund (En väg in's contact
within two weeks, participants reaching work or studies, structural cooperation); the
texts and figures are in ``plans_data.py``. Plans and reports are adopted at the
meetings demo's items (``context["paragraphs"]``: plan_2026, annual_report_2025,
tertial_2026, delar_2026); for 2024 and 2025, which that demo does not hold, two held and
justerade meetings are made here through the meetings area's services. Adds
``context["plans"]`` (year → Plan).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from models import Role, db
from models.plan import (
    BudgetFollowUp,
    EquityYear,
    Goal,
    Indicator,
    IndicatorFollowUp,
    Plan,
    PlanBudgetLine,
    PlanInsats,
)

from ..services.meetings import agenda, decisions, justering
from ..services.meetings import lifecycle as meetings
from ..services.money import contributions
from ..services.money.splits import KommunKey
from ..services.plans import equity as plan_equity
from ..services.plans import followup
from ..services.plans import lifecycle as plans
from .plans_data import (
    EQUITY,
    FOCUS,
    FOLLOW,
    GOALS,
    GOVERNANCE,
    GRANT_GOALS,
    LINES,
    PLANNED,
    REVISION_NOTE,
    SUMMARIES,
    VISION,
)

ORDER = 60
D = Decimal


def seed(context: dict) -> None:
    """Equity history, the 2025 and 2026 plans with their follow-ups, and the 2027 draft.

    Rows are built directly and flushed once per plan (the services' one-row flushes
    would make the demo slow); adoption, follow-up periods and the copy use the services.
    """
    db.session.add_all(
        EquityYear(year=year, amount=D(amount), note="Enligt årsredovisningen")
        for year, amount in EQUITY.items()
    )
    found = _paragraphs(context)
    made: dict[int, Plan] = {}
    plan_2025 = _plan(context, 2025, decided_by=_day(found.get("plan_2025")))
    _adopt(plan_2025, found.get("plan_2025"))
    for kind in ("tertial1", "delar", "helar"):
        _follow_up(
            plan_2025,
            kind,
            found.get({"delar": "delar_2025", "helar": "annual_report_2025"}.get(kind, "")),
        )
    result = followup.year_outcome(2025).totals("outcome")["result"]
    plan_equity.set_equity_year(2025, D(EQUITY[2024]) + result, note="Enligt årsredovisningen")
    made[2025] = plan_2025

    # Version 1 lists only what was granted when it was adopted (Kvinnocoacher came later).
    first = _plan(context, 2026, preliminary=True, decided_by=_day(found.get("plan_2026_v1")))
    _adopt(first, found.get("plan_2026_v1"))
    plan_2026 = first
    if first.is_adopted and found.get("plan_2026"):
        plan_2026 = plans.revise_plan(first, REVISION_NOTE)
        _add_grants(context, plan_2026, plan_2026.goals)
        _final_budget(plan_2026)
        _adopt(plan_2026, found.get("plan_2026"))
    for kind, key in (("tertial1", "tertial_2026"), ("delar", "delar_2026")):
        _follow_up(plan_2026, kind, found.get(key))
    made[2026] = plan_2026

    if contributions.contribution_total(2027) is None:
        contributions.set_contribution(
            2027,
            D(4_500_000),
            KommunKey.POPULATION,
            note="Förslag till medlemmarna, ej beslutat.",
        )
    draft = plans.copy_plan(plan_2026, 2027)
    for name, kind, goal, amount, people in PLANNED[2027]:
        draft.insatser.append(
            PlanInsats(
                goal=draft.goals[goal],
                name=name,
                kind=kind,
                planned_amount=D(amount),
                planned_participants=people,
            )
        )
    db.session.flush()
    made[2027] = draft
    context["plans"] = made


def _final_budget(plan: Plan) -> None:
    """Version 2 of 2026: the office budget lowered when Kvinnocoacher was granted."""
    for line in plan.budget_lines:
        if line.category == "kansli":
            line.amount = D(1_500_000)
    db.session.flush()


def _paragraphs(context: dict) -> dict[str, Any]:
    """The board items to adopt at: the meetings demo's, plus two meetings of our own
    (November 2024 for the 2025 plan; October 2025 for the interim report and the first
    version of the 2026 plan) when the meetings demo has none for those years."""
    found = dict(context.get("paragraphs") or {})
    if "plan_2025" in found or not context.get("meetings"):
        return found
    found["plan_2025"] = _board_meeting(
        context,
        date(2024, 11, 21),
        [
            (
                "plan",
                "Verksamhetsplan med budget 2025",
                "Styrelsen fastställer verksamhetsplan med budget för 2025.",
            )
        ],
    )[0]
    found["delar_2025"], found["plan_2026_v1"] = _board_meeting(
        context,
        date(2025, 10, 16),
        [
            ("report", "Delårsrapport per 31 augusti 2025", "Styrelsen godkänner delårsrapporten."),
            (
                "plan",
                "Verksamhetsplan med budget 2026",
                "Styrelsen fastställer verksamhetsplan med preliminär budget för 2026.",
            ),
        ],
    )
    return found


def _board_meeting(context: dict, day: date, items: list[tuple[str, str, str]]) -> list[Any]:
    """A held and justerad meeting with the standard items and ``items`` (kind, title, text)."""
    chef = context["users"][Role.FORBUNDSCHEF]
    serving = [m for m in meetings.board_members(on=day) if m.is_ledamot]
    chair = next(m for m in serving if m.position == "chair")
    checker = next(m for m in serving if m is not chair)
    meeting = meetings.create_meeting(
        day,
        place="Kommunhuset, Ludvika",
        secretary="Karin Lindqvist",
        others_present="Karin Lindqvist, förbundschef\nMaria Holm, ekonom",
        kept_at="Protokollet förvaras på förbundets kansli, Ludvika.",
    )
    meeting.chair = chair
    agenda.add_standard_items(meeting)
    added = [agenda.add_paragraph(meeting, kind=kind, title=title) for kind, title, _t in items]
    agenda.fix_agenda(meeting)
    meetings.record_attendance(meeting, {m.id: ("present", None) for m in serving})
    justering.elect_justerare(meeting, [checker])
    for paragraph, (_kind, _title, text) in zip(added, items, strict=True):
        decisions.record_decision(paragraph, outcome="adopted", text=text, user=chef)
    justering.record_justering(
        meeting,
        on=date.fromordinal(day.toordinal() + 7),
        signers=[chair, checker],
        place="Ludvika",
        user=chef,
    )
    context.setdefault("meetings", {})[meeting.label] = meeting
    return added


def _day(paragraph: Any) -> date | None:
    return paragraph.meeting.date if paragraph is not None else None


def _add_grants(
    context: dict, plan: Plan, goals: list[Goal], decided_by: date | None = None
) -> None:
    """The plan's granted insatser: those decided (by ``decided_by``) with money that year."""
    listed = {insats.grant_id for insats in plan.insatser}
    for name, goal_index in GRANT_GOALS.items():
        grant = context.get("grants", {}).get(name)
        if grant is None or grant.year(plan.year) is None or grant.id in listed:
            continue
        decided = grant.decision.decided_on if grant.decision is not None else None
        if decided_by is not None and (decided is None or decided > decided_by):
            continue
        plan.insatser.append(
            PlanInsats(
                goal=goals[goal_index],
                grant_id=grant.id,
                kind="structural" if goal_index in (0, 2) else "individual",
            )
        )
    db.session.flush()


def _plan(
    context: dict, year: int, preliminary: bool = False, decided_by: date | None = None
) -> Plan:
    plan = Plan(
        year=year,
        version=1,
        title=f"Verksamhetsplan med budget {year}",
        vision=VISION,
        focus_areas=FOCUS,
        governance=GOVERNANCE,
    )
    db.session.add(plan)
    goals = []
    for position, (title, area, indicators) in enumerate(GOALS, start=1):
        goal = Goal(title=title, focus_area=area, position=position)
        for number, (name, unit, baseline, target, how) in enumerate(indicators, start=1):
            goal.indicators.append(
                Indicator(
                    key=f"demo-{position}-{number}",
                    position=number,
                    name=name,
                    unit=unit,
                    baseline=D(baseline),
                    target=D(target),
                    how_measured=how,
                )
            )
        plan.goals.append(goal)
        goals.append(goal)
    for position, (category, name, amounts) in enumerate(LINES, start=1):
        amount = D(amounts[year]) + (D(120_000) if preliminary and category == "kansli" else 0)
        plan.budget_lines.append(
            PlanBudgetLine(category=category, name=name, amount=amount, position=position)
        )
    _add_grants(context, plan, goals, decided_by)
    for name, kind, goal, amount, people in PLANNED[year]:
        plan.insatser.append(
            PlanInsats(
                goal=goals[goal],
                name=name,
                kind=kind,
                planned_amount=D(amount),
                planned_participants=people,
            )
        )
    db.session.flush()
    return plan


def _adopt(target: Any, paragraph: Any) -> None:
    """Adopt a plan version or a follow-up at a board §, when the demo has one."""
    if paragraph is None:
        return
    if isinstance(target, Plan):
        plans.adopt_plan(target, paragraph)
    else:
        followup.adopt_period(target, paragraph)


def _follow_up(plan: Plan, kind: str, paragraph: Any = None) -> None:
    period = followup.open_period(plan.year, kind)
    values, outcomes = FOLLOW[(plan.year, kind)]
    for indicator, (actual, status, comment) in zip(plan.indicators(), values, strict=False):
        period.indicator_values.append(
            IndicatorFollowUp(
                indicator=indicator,
                actual=D(actual) if actual is not None else None,
                status=status,
                comment=comment,
            )
        )
    for line in plan.budget_lines:
        if not line.derived and line.category in outcomes:
            actual = D(outcomes[line.category])
            period.budget_values.append(
                BudgetFollowUp(
                    budget_line=line, actual=actual, forecast=actual if kind == "helar" else None
                )
            )
    period.summary = SUMMARIES.get((plan.year, kind), "")
    db.session.flush()
    _adopt(period, paragraph)
