"""Building blocks for the demo applications: drafts and lines built in memory, then moved
through the real state machine (one flush per application keeps the demo quick).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from models import (
    Application,
    ApplicationKind,
    ApplicationParty,
    ApplicationStatus,
    BudgetLine,
    CoFinancing,
    InsatsType,
    ParticipantPlan,
    StaffLine,
    User,
    db,
)

from ..services.applications import content, lines, workflow
from ..services.money.staffing import percent_from_hours

D = Decimal
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def application(
    orgs: dict[str, Any],
    user: User,
    *,
    title: str,
    owner: str,
    parties: list[str],
    start: str,
    end: str,
    created: str,
    insats_type: str = InsatsType.PROJECT,
    kind: str = ApplicationKind.NEW,
    parent: Application | None = None,
    contact: str = "",
    participants: dict[int, int] | None = None,
    text: dict[str, str] | None = None,
) -> Application:
    """A draft built in memory (one flush per application keeps the demo quick)."""
    application = Application(
        title=title,
        kind=kind,
        insats_type=insats_type,
        owner=orgs[owner],
        parent=parent,
        contact_name=contact,
        period_start=date.fromisoformat(start),
        period_end=date.fromisoformat(end),
        status=ApplicationStatus.DRAFT,
        created_by_id=user.id,
        updated_by_id=user.id,
        created_at=at(created),
        updated_at=at(created),
        **(text or {}),
    )
    workflow.start(application, user, at(created))
    application.parties = [ApplicationParty(organisation=orgs[key]) for key in parties]
    application.participants = [
        ParticipantPlan(year=year, planned=planned)
        for year, planned in (participants or {}).items()
    ]
    db.session.add(application)
    db.session.flush()  # owner_id is what the access rules compare
    return application


def staff(
    app: Application,
    orgs: dict[str, Any],
    year: int,
    *,
    role: str,
    employer: str,
    annual_salary: Decimal | None = None,
    percent: Decimal | None = None,
    hours_per_week: Decimal | None = None,
    months: int = 12,
    person: str = "",
    annual_cost: Decimal | None = None,
) -> StaffLine:
    """A staff line from salary (× share × PO) or, as the förbund's documents give some,
    from its cost per year (``annual_cost``)."""
    organisation = orgs[employer]
    line = StaffLine(
        year=year,
        role=role,
        person=person,
        employer=organisation,
        percent=percent if percent is not None else percent_from_hours(hours_per_week),
        hours_per_week=hours_per_week,
        annual_salary=annual_salary if annual_salary is not None else D(0),
        po_rate=lines.po_rate_for(organisation, year),
        months=months,
        annual_cost=annual_cost,
    )
    app.staff_lines.append(line)
    return line


def cost(app: Application, year: int, category: str, amount: str, text: str) -> None:
    app.budget_lines.append(
        BudgetLine(year=year, category=category, amount=D(amount), description=text)
    )


def co(
    app: Application,
    orgs: dict[str, Any],
    year: int,
    org: str,
    kind: str,
    amount: Any,
    text: str = "",
) -> None:
    if not text:
        text = "Personaltid 12 h/vecka" if kind == "in_kind" else "Andel av driftskostnad"
    app.co_financing.append(
        CoFinancing(
            year=year, organisation=orgs[org], kind=kind, amount=D(amount), description=text
        )
    )


def prepare(app: Application, chef: User, day: str, proposal: str, **amounts: Any) -> None:
    workflow.transition(app, "in_preparation", user=chef, at=at(day))
    content.save_proposal(
        app,
        user=chef,
        assessment="Insatsen uppfyller förbundets kriterier: minst två parter, tydlig målgrupp "
        "och en plan för hur arbetet fortsätter.",
        proposal_text=proposal,
        conditions=amounts.pop("conditions", "Lägesrapport 31 augusti och slutrapport."),
        amounts={int(y[1:]): D(v) for y, v in amounts.items()},
        at=at(day, 14),
    )
