"""Insatser in the plan: grants and applications linked to goals, planned calls with their
amounts, and the year's insatser with money paid and participants reported.

A planned call counts in the budget until a grant is made on it (``insats_is_planned``),
so the insatser line never counts the same money twice; ``insats_rows`` lists every
grant with money in the year plus the planned calls, and their amounts sum to that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from models import Organisation, db
from models.grant import Grant, GrantYear
from models.grant_followup import Outcome, Payment, ProjectReport
from models.plan import InsatsKind, Plan, PlanInsats

from .rules import PlanError, ensure_plan_editable

ZERO = Decimal("0.00")

INSATS_FIELDS = (
    "goal",
    "grant_id",
    "application_id",
    "name",
    "kind",
    "planned_amount",
    "planned_participants",
    "note",
)


def add_insats(plan: Plan, **fields: Any) -> PlanInsats:
    """Link a grant or an application to the plan, or plan a call with an amount."""
    ensure_plan_editable(plan)
    insats = PlanInsats(kind=InsatsKind.INDIVIDUAL)
    _set_insats(plan, insats, fields)
    plan.insatser.append(insats)
    db.session.flush()
    return insats


def update_insats(insats: PlanInsats, **fields: Any) -> None:
    """Change an insats of the plan."""
    ensure_plan_editable(insats.plan)
    _set_insats(insats.plan, insats, fields)
    db.session.flush()


def delete_insats(insats: PlanInsats) -> None:
    """Take an insats out of the plan (the grant itself is untouched)."""
    ensure_plan_editable(insats.plan)
    insats.plan.insatser.remove(insats)
    db.session.flush()


def _set_insats(plan: Plan, insats: PlanInsats, fields: dict[str, Any]) -> None:
    for name in fields:
        if name not in INSATS_FIELDS:
            raise TypeError(f"unknown insats field {name}")
    goal = fields.get("goal", insats.goal)
    if goal is not None and goal.plan_id != plan.id:
        raise PlanError(_l("Choose a goal of this plan."))
    for name, value in fields.items():
        setattr(insats, name, value if value is not None or name not in ("name", "note") else "")
    if not (insats.grant_id or insats.application_id or insats.name.strip()):
        raise PlanError(_l("Choose a grant or an application, or name the planned call."))
    duplicate = [
        other
        for other in plan.insatser
        if other is not insats and insats.grant_id and other.grant_id == insats.grant_id
    ]
    if duplicate:
        raise PlanError(_l("This grant is already part of the plan."))


def grant_for_application(application_id: int) -> Grant | None:
    """The grant made on an application, if the board granted it."""
    return db.session.scalar(
        select(Grant).where(Grant.application_id == application_id).order_by(Grant.id).limit(1)
    )


def insats_is_planned(insats: PlanInsats) -> bool:
    """True while the insats has no grant: its planned amount counts in the budget."""
    if insats.grant_id is not None:
        return False
    return not (insats.application_id and grant_for_application(insats.application_id))


def insats_count(plan: Plan) -> int:
    """How many insatser the plan lists."""
    return db.session.scalar(select(func.count(PlanInsats.id)).where(PlanInsats.plan_id == plan.id))


@dataclass
class InsatsRow:
    """A grant with money in the year, or an insats the plan still plans, with its figures."""

    name: str
    owner: str
    goal: str
    state: str  # "granted" | "planned"
    kind: str
    amount: Decimal
    paid: Decimal = ZERO
    outcome: Decimal = ZERO
    planned_participants: int | None = None
    started: int = 0
    ended: int = 0
    to_work_or_studies: int = 0
    grant_id: int | None = None
    insats_id: int | None = None
    owner_id: int | None = None


def insats_rows(plan: Plan, end: date | None = None) -> list[InsatsRow]:
    """Every grant with money in the plan's year (linked to a goal or not) and the planned
    calls; their amounts sum to the insatser line.

    With ``end`` (a follow-up) each grant also has what was paid, the outcome reported and
    the participants up to that date; the plan itself shows only the amounts, so without
    ``end`` those figures are left at zero and not read.
    """
    year = plan.year
    linked = {i.grant_id: i for i in plan.insatser if i.grant_id}
    by_application = {i.application_id: i for i in plan.insatser if i.application_id}
    # Plain rows, not Grant objects: every grant of the year is listed (hundreds at scale).
    found = db.session.execute(
        select(
            Grant.id,
            Grant.name,
            Grant.application_id,
            Grant.insats_type,
            Grant.owner_id,
            Organisation.name.label("owner_name"),
            GrantYear.amount,
        )
        .join(GrantYear, GrantYear.grant_id == Grant.id)
        .join(Organisation, Organisation.id == Grant.owner_id)
        .where(GrantYear.year == year)
        .order_by(Grant.name, Grant.id)
    ).all()
    paid: dict[int, Decimal] = {}
    outcome: dict[int, Decimal] = {}
    reported: dict[int, tuple[int, int, int]] = {}
    if end is not None:
        start, end = date(year, 1, 1), min(end, date(year, 12, 31))
        ids = select(GrantYear.grant_id).where(GrantYear.year == year)
        paid = _grouped(Payment, Payment.amount, ids, Payment.paid_on.between(start, end))
        outcome = _grouped(Outcome, Outcome.amount, ids, Outcome.year == year)
        reported = _participants(ids, start, end)
    rows = []
    for grant in found:
        amount = grant.amount
        insats = linked.get(grant.id) or by_application.get(grant.application_id or -1)
        started, ended, to_work_or_studies = reported.get(grant.id, (0, 0, 0))
        rows.append(
            InsatsRow(
                name=grant.name,
                owner=grant.owner_name,
                goal=insats.goal.title if insats and insats.goal else "",
                state="granted",
                kind=insats.kind if insats else grant.insats_type,
                amount=amount,
                paid=paid.get(grant.id, ZERO),
                outcome=outcome.get(grant.id, ZERO),
                planned_participants=insats.planned_participants if insats else None,
                started=started,
                ended=ended,
                to_work_or_studies=to_work_or_studies,
                grant_id=grant.id,
                insats_id=insats.id if insats else None,
                owner_id=grant.owner_id,
            )
        )
    for insats in plan.insatser:
        if insats_is_planned(insats):
            application = insats.application
            rows.append(
                InsatsRow(
                    name=insats.name or (application.title if application else ""),
                    owner=application.owner.name if application is not None else "",
                    goal=insats.goal.title if insats.goal else "",
                    state="planned",
                    kind=insats.kind,
                    amount=insats.planned_amount or ZERO,
                    planned_participants=insats.planned_participants,
                    insats_id=insats.id,
                )
            )
    return rows


def _participants(ids: Any, start: date, end: date) -> dict[int, tuple[int, int, int]]:
    """Per grant: participants started, ended and gone to work or studies in the
    submitted reports of periods ending between ``start`` and ``end``, summed in SQL."""
    query = (
        select(
            ProjectReport.grant_id,
            func.sum(ProjectReport.participants_started),
            func.sum(ProjectReport.participants_ended),
            func.sum(ProjectReport.to_work + ProjectReport.to_studies),
        )
        .where(
            ProjectReport.grant_id.in_(ids),
            ProjectReport.submitted_at.is_not(None),
            ProjectReport.period_end.between(start, end),
        )
        .group_by(ProjectReport.grant_id)
    )
    return {g: (int(a or 0), int(b or 0), int(c or 0)) for g, a, b, c in db.session.execute(query)}


def _grouped(model: Any, amount: Any, ids: Any, condition: Any) -> dict[int, Decimal]:
    """Per grant in ``ids`` (a ``SELECT`` of grant ids): the sum of ``amount``."""
    query = (
        select(model.grant_id, func.sum(amount))
        .where(model.grant_id.in_(ids), condition)
        .group_by(model.grant_id)
    )
    return {grant_id: total for grant_id, total in db.session.execute(query)}
