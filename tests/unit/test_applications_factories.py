"""Small factories for the applications tests (imported by the other test_applications_*)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.demo import po_rates as demo_po_rates
from app.services.admin import accounts
from app.services.applications import content as application_content
from app.services.applications import lines as application_lines
from app.services.applications import workflow as applications
from models import Application, Forbund, Organisation, OrgKind, Role, User, db


def organisations() -> dict[str, Organisation]:
    """FK, AF, a region, two kommuner, AME and IFO (units of Smedjebacken) and ESF."""
    if db.session.get(Forbund, 1) is None:
        db.session.add(Forbund(id=1, name="Testförbundet"))
    demo_po_rates.seed({})  # PO-pålägg is data: SKR's rates and the demo's own years
    found: dict[str, Organisation] = {}
    for key, name, kind in (
        ("FK", "Försäkringskassan", OrgKind.FK),
        ("AF", "Arbetsförmedlingen", OrgKind.AF),
        ("Region", "Region Dalarna", OrgKind.REGION),
        ("Ludvika", "Ludvika kommun", OrgKind.KOMMUN),
        ("Smedjebacken", "Smedjebackens kommun", OrgKind.KOMMUN),
        ("ESF", "Europeiska socialfonden", OrgKind.EXTERNAL),
    ):
        found[key] = Organisation(
            name=name, short_name=key, kind=kind, is_member=kind != "external"
        )
    for key, name in (("AME", "AME Smedjebacken"), ("IFO", "IFO Smedjebacken")):
        found[key] = Organisation(
            name=name, short_name=key, kind=OrgKind.UNIT, parent=found["Smedjebacken"]
        )
    db.session.add_all(found.values())
    db.session.flush()
    return found


def user(role: str = Role.FORBUNDSCHEF, organisation: Organisation | None = None) -> User:
    """A user of the role (projektägare need an organisation)."""
    return accounts.create_user(
        f"{role}-{organisation.id if organisation else 0}@example.com",
        f"{role.title()} Testsson",
        role,
        "ett-langt-losenord",
        organisation.id if organisation else None,
    )


def draft(
    orgs: dict[str, Organisation],
    by: User | None,
    *,
    owner: str = "AME",
    parties: tuple[str, ...] = ("AF",),
    start: date = date(2026, 1, 1),
    end: date = date(2026, 12, 31),
    **fields: Any,
) -> Application:
    """A draft with a contact, a purpose and co-applicants, without budget."""
    values: dict[str, Any] = {
        "title": "En väg in",
        "contact_name": "Johan Berg",
        "purpose": "Att samordna stödet.",
        "period_start": start,
        "period_end": end,
    }
    values.update(fields)
    application = application_content.new_application(owner=orgs[owner], user=by, **values)
    for key in parties:
        application_content.add_party(application, orgs[key], user=by)
    return application


def cost(
    application: Application, by: User | None, amount: str = "100000", year: int = 2026
) -> Any:
    """A premises cost line."""
    return application_lines.add_budget_line(
        application, user=by, year=year, category="premises", amount=Decimal(amount)
    )


def submitted(
    orgs: dict[str, Organisation], by: User | None, at: datetime | None = None, **kw: Any
) -> Application:
    """A submitted application with one cost line of 100 000 kr."""
    application = draft(orgs, by, **kw)
    cost(application, by)
    applications.submit(application, user=by, at=at or datetime(2026, 3, 2, 9, tzinfo=UTC))
    return application


def proposed(orgs: dict[str, Organisation], chef: User, **kw: Any) -> Application:
    """A submitted application with a proposal, on the board's table."""
    application = submitted(orgs, chef, **kw)
    applications.transition(application, "in_preparation", user=chef)
    application_content.save_proposal(
        application,
        user=chef,
        assessment="Bra.",
        proposal_text="Styrelsen beviljar 100 000 kr.",
        conditions="",
        amounts={},
    )
    applications.transition(application, "proposed", user=chef)
    return application
