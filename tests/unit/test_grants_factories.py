"""Small factories for the grants tests (imported by the other test_grants_* modules)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import Flask

from app.services.admin import accounts
from app.services.grants import lifecycle as grants
from models import Forbund, Organisation, OrgKind, Role, User, db
from models.grant import Grant


def org(name: str = "AME Smedjebacken", kind: str = OrgKind.UNIT) -> Organisation:
    """An organisation (units get a kommun as parent)."""
    parent = None
    if kind == OrgKind.UNIT:
        parent = Organisation(name=f"Kommun för {name}", kind=OrgKind.KOMMUN, is_member=True)
        db.session.add(parent)
    organisation = Organisation(name=name, kind=kind, parent=parent)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def user(role: str = Role.EKONOM, organisation: Organisation | None = None) -> User:
    """A user of the role (projektägare need an organisation)."""
    return accounts.create_user(
        f"{role}-{organisation.id if organisation else 0}@example.com",
        role.title(),
        role,
        "ett-langt-losenord",
        organisation.id if organisation else None,
    )


def grant(
    owner: Organisation | None = None,
    years: dict[int, Any] | None = None,
    *,
    name: str = "Vägen in",
    report_dates: list[tuple[str, date]] | None = None,
    by: User | None = None,
    **kwargs: Any,
) -> Grant:
    """A grant without an application, 100 000 kr for 2026 unless told otherwise."""
    if db.session.get(Forbund, 1) is None:
        db.session.add(Forbund(id=1, name="Testförbundet"))
    owner = owner or org()
    amounts = {y: Decimal(str(a)) for y, a in (years or {2026: 100_000}).items()}
    return grants.create_grant(
        name=name,
        owner=owner,
        years=amounts,
        conditions="Lägesrapport varje halvår.",
        report_dates=report_dates or [],
        user=by,
        decision_reference="§ 12, Sammanträde 2/2026",
        **kwargs,
    )


def test_factory_makes_a_grant_with_its_years(app_ctx: Flask) -> None:
    made = grant(years={2025: 1, 2026: 2})
    assert [(y.year, y.amount) for y in made.years] == [
        (2025, Decimal("1.00")),
        (2026, Decimal("2.00")),
    ]
    assert made.period_start == date(2025, 1, 1) and made.period_end == date(2026, 12, 31)
