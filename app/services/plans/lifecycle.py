"""The verksamhetsplan's lifecycle: drafts, copies, adoption at a board meeting and
new versions.

Every write path calls ``ensure_plan_editable`` (``rules.py``) first: an adopted
version is locked and kept; a revision is a new version (``revise_plan``) with its
own decision.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from models import db
from models.grant import Grant
from models.meeting import Meeting, Paragraph
from models.meeting_terms import ParagraphKind
from models.plan import (
    FollowUpPeriod,
    Goal,
    Indicator,
    IndicatorFollowUp,
    Plan,
    PlanBudgetLine,
    PlanInsats,
)

from ... import clock
from ..meetings.agenda import paragraph_label
from . import budget as plan_budget
from .rules import PlanError, ensure_plan_editable, versions

# --- finding plans ----------------------------------------------------------------------


def load_for_page(plan_id: int) -> Plan | None:
    """The plan with everything its page and print view show, or None if there is none.

    Goals with their indicators, the budget lines and the insatser (each with its
    goal, its grant and owner, its application) come in one query per list, so the
    number of queries does not grow with the plan's size.
    """
    return db.session.scalar(
        select(Plan)
        .where(Plan.id == plan_id)
        .options(
            selectinload(Plan.goals).selectinload(Goal.indicators),
            selectinload(Plan.budget_lines),
            selectinload(Plan.insatser).options(
                joinedload(PlanInsats.goal),
                joinedload(PlanInsats.grant).joinedload(Grant.owner),
                joinedload(PlanInsats.application),
            ),
        )
    )


def latest_version(year: int) -> Plan | None:
    """The newest version of the year's plan (draft or adopted)."""
    found = versions(year)
    return found[0] if found else None


def plans_by_year() -> dict[int, list[Plan]]:
    """All plans grouped by year (latest year first), versions newest first."""
    rows = db.session.scalars(select(Plan).order_by(Plan.year.desc(), Plan.version.desc()))
    grouped: dict[int, list[Plan]] = {}
    for plan in rows:
        grouped.setdefault(plan.year, []).append(plan)
    return grouped


def _check_year(year: int) -> None:
    if not 1990 <= int(year) <= 2100:
        raise PlanError(_l("%(year)s is not a valid year.", year=year))


# --- creating, copying, revising --------------------------------------------------------


def create_plan(year: int, *, title: str = "", vision: str = "", focus_areas: str = "") -> Plan:
    """Start the first version of a year's plan."""
    _check_year(year)
    if versions(year):
        raise PlanError(_l("There is already a plan for %(year)s.", year=year))
    plan = Plan(year=year, version=1, title=title, vision=vision, focus_areas=focus_areas)
    db.session.add(plan)
    db.session.flush()
    return plan


def _copy_content(source: Plan, target: Plan, *, same_year: bool) -> None:
    """Goals, indicators (same keys), typed budget lines and insatser into ``target``."""
    target.title = source.title
    target.vision = source.vision
    target.focus_areas = source.focus_areas
    target.governance = source.governance
    goals: dict[int, Goal] = {}
    for goal in source.goals:
        copy = Goal(
            position=goal.position,
            title=goal.title,
            description=goal.description,
            focus_area=goal.focus_area,
        )
        for indicator in goal.indicators:
            copy.indicators.append(
                Indicator(
                    key=indicator.key,
                    position=indicator.position,
                    name=indicator.name,
                    unit=indicator.unit,
                    baseline=indicator.baseline
                    if same_year
                    else latest_actual(indicator, default=indicator.baseline),
                    target=indicator.target,
                    how_measured=indicator.how_measured,
                )
            )
        target.goals.append(copy)
        goals[goal.id] = copy
    for line in source.budget_lines:
        if not line.derived:
            target.budget_lines.append(
                PlanBudgetLine(
                    category=line.category,
                    name=line.name,
                    amount=line.amount,
                    position=line.position,
                )
            )
    for insats in source.insatser:
        if (
            not same_year
            and insats.grant is not None
            and not _grant_has_year(insats.grant, target.year)
        ):
            continue  # the grant ends before the new year
        target.insatser.append(
            PlanInsats(
                goal=goals.get(insats.goal_id) if insats.goal_id else None,
                grant_id=insats.grant_id,
                application_id=insats.application_id,
                name=insats.name,
                kind=insats.kind,
                planned_amount=insats.planned_amount,
                planned_participants=insats.planned_participants,
                note=insats.note,
            )
        )


def _grant_has_year(grant: Grant, year: int) -> bool:
    return any(row.year == year for row in grant.years)


def latest_actual(indicator: Indicator, default: Decimal | None = None) -> Decimal | None:
    """The indicator's last followed-up value (the next year's baseline), else ``default``."""
    value = db.session.scalar(
        select(IndicatorFollowUp.actual)
        .join(FollowUpPeriod, IndicatorFollowUp.period_id == FollowUpPeriod.id)
        .where(
            IndicatorFollowUp.indicator_id == indicator.id, IndicatorFollowUp.actual.is_not(None)
        )
        .order_by(FollowUpPeriod.end_date.desc())
        .limit(1)
    )
    return value if value is not None else default


def copy_plan(source: Plan, year: int) -> Plan:
    """A new year's first draft, starting from another year's plan.

    Indicators keep their keys, and their latest actual value becomes the new baseline;
    grants that have no money in the new year are left out.
    """
    _check_year(year)
    if versions(year):
        raise PlanError(_l("There is already a plan for %(year)s.", year=year))
    if source.year == year:
        raise PlanError(_l("Make a new version to revise the plan of the same year."))
    plan = Plan(year=year, version=1, copied_from=source)
    db.session.add(plan)
    _copy_content(source, plan, same_year=False)
    plan.title = retitled(source.title, source.year, year)
    db.session.flush()
    return plan


def retitled(title: str, source_year: int, year: int) -> str:
    """The title with the source year, as a whole word, replaced by the new year.

    A copied "Verksamhetsplan 2026" would otherwise head the 2027 plan; other
    numbers ("20260", another year named in the title) are left as they are.
    """
    return re.sub(rf"(?<!\d){source_year}(?!\d)", str(year), title or "")


def revise_plan(plan: Plan, note: str = "") -> Plan:
    """A new version of an adopted plan, to be adopted by its own decision."""
    latest = latest_version(plan.year)
    if latest is not None and latest.id != plan.id:
        raise PlanError(
            _l(
                "Version %(version)s is the latest; revise that one.",
                version=latest.version,
            )
        )
    if not plan.is_adopted:
        raise PlanError(_l("This version is still a draft: change it directly."))
    revision = Plan(
        year=plan.year,
        version=plan.version + 1,
        copied_from=plan,
        revision_note=note,
        equity_start=None,
    )
    db.session.add(revision)
    _copy_content(plan, revision, same_year=True)
    db.session.flush()
    return revision


def update_plan(plan: Plan, **fields: Any) -> None:
    """Change the plan's texts or its typed equity at start."""
    ensure_plan_editable(plan)
    allowed = {"title", "vision", "focus_areas", "governance", "revision_note", "equity_start"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"unknown plan field {name}")
        setattr(plan, name, value if value is not None or name == "equity_start" else "")
    db.session.flush()


def delete_plan(plan: Plan) -> None:
    """Delete a draft version (an adopted one is kept for ever)."""
    ensure_plan_editable(plan)
    if plan.periods:
        raise PlanError(_l("The plan has follow-ups and cannot be deleted."))
    for later in db.session.scalars(select(Plan).where(Plan.copied_from_id == plan.id)):
        later.copied_from = None
    db.session.delete(plan)
    db.session.flush()


# --- adoption ---------------------------------------------------------------------------


def used_paragraph_ids() -> set[int]:
    """Paragraphs already linked to a plan version or a report."""
    plans = db.session.scalars(
        select(Plan.adopted_paragraph_id).where(Plan.adopted_paragraph_id.is_not(None))
    )
    periods = db.session.scalars(
        select(FollowUpPeriod.adopted_paragraph_id).where(
            FollowUpPeriod.adopted_paragraph_id.is_not(None)
        )
    )
    return {int(i) for i in [*plans, *periods]}


def adoption_paragraphs(
    year: int, kinds: tuple[str, ...] = (ParagraphKind.PLAN,)
) -> list[Paragraph]:
    """Free agenda items of the given kinds at held meetings of the year before, the year and
    the year after (a budget is adopted the autumn before; a report the spring after)."""
    used = used_paragraph_ids()
    found = db.session.scalars(
        select(Paragraph)
        .join(Meeting, Paragraph.meeting_id == Meeting.id)
        .where(
            Paragraph.year.between(year - 1, year + 1),
            Paragraph.kind.in_(kinds),
            Meeting.date <= clock.today(),
        )
        .order_by(Paragraph.year, Paragraph.number, Paragraph.position)
    )
    return [p for p in found if p.id not in used]


def check_adoption_paragraph(paragraph: Paragraph | None, kinds: tuple[str, ...]) -> None:
    """The § must be of the right kind, unused, and not decided otherwise."""
    if paragraph is None or paragraph.kind not in kinds:
        raise PlanError(_l("Choose an agenda item about the plan or a report."))
    if paragraph.id in used_paragraph_ids():
        raise PlanError(
            _l(
                "%(label)s is already linked to another plan or report.",
                label=paragraph_label(paragraph),
            )
        )
    if paragraph.meeting.date > clock.today():
        raise PlanError(
            _l(
                "The meeting of %(label)s has not been held yet.",
                label=paragraph_label(paragraph),
            )
        )
    decision = paragraph.decision
    if decision is not None and decision.outcome != "adopted":
        raise PlanError(
            _l("The board did not adopt it at %(label)s.", label=paragraph_label(paragraph))
        )


def adopt_plan(plan: Plan, paragraph: Paragraph | None) -> None:
    """Link the version to the board's § and lock it; drawn figures are kept from now on."""
    ensure_plan_editable(plan)
    check_adoption_paragraph(paragraph, (ParagraphKind.PLAN,))
    latest = latest_version(plan.year)
    if latest is not None and latest.id != plan.id:
        raise PlanError(_l("Only the latest version can be adopted."))
    plan_budget.snapshot_derived(plan)
    plan.adopted_paragraph_id = paragraph.id
    plan.adopted_on = paragraph.meeting.date
    db.session.flush()


def adoption_label(plan: Plan) -> str:
    """'§ 42, Sammanträde 5/2026' for an adopted version; empty for a draft."""
    if plan.adopted_paragraph is None:
        return ""
    return paragraph_label(plan.adopted_paragraph)


def budget_deadline(year: int) -> date:
    """A year's budget is adopted by 30 November the year before (docs/domain.md, Year cycle)."""
    return date(year - 1, 11, 30)
