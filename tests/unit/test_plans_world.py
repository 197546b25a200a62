"""A small förbund for the plans tests (much quicker than the whole demo), and its own checks.

``build_world()`` (inside an app context) makes the members with populations, a unit,
one user per role, the 2026 member contributions (4 000 000 kr by population), two
grants with payments, and a board meeting with free plan and report items. The other
plans test modules import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from flask import Flask

from app.services.admin import accounts
from app.services.grants import lifecycle as grants
from app.services.grants import payments
from app.services.money import contributions
from app.services.money.splits import KommunKey
from models import Forbund, Organisation, OrgKind, Population, Role, db
from models.grant import Grant
from models.meeting import Meeting, Paragraph

D = Decimal
PASSWORD = "samordna-demo"
EMAILS = {
    Role.FORBUNDSCHEF: "chef@example.com",
    Role.STYRELSELEDAMOT: "styrelse@example.com",
    Role.EKONOM: "ekonom@example.com",
    Role.PROJEKTAGARE: "projektagare@example.com",
    Role.REVISOR: "revisor@example.com",
}


@dataclass
class World:
    """Ids of what ``build_world`` made (objects would be detached after commit)."""

    orgs: dict[str, int] = field(default_factory=dict)
    grants: dict[str, int] = field(default_factory=dict)
    paragraphs: list[int] = field(default_factory=list)
    reports: list[int] = field(default_factory=list)


def _org(name: str, short: str, kind: str, position: int, **kwargs: Any) -> Organisation:
    org = Organisation(name=name, short_name=short, kind=kind, position=position, **kwargs)
    db.session.add(org)
    return org


def build_world(year: int = 2026) -> World:
    """The small förbund; the caller commits (or not)."""
    world = World()
    db.session.add(Forbund(id=1, name="Testförbundet", org_number="222000-0000"))
    fk = _org("Försäkringskassan", "FK", OrgKind.FK, 0, is_member=True)
    af = _org("Arbetsförmedlingen", "AF", OrgKind.AF, 1, is_member=True)
    region = _org("Region Dalarna", "Region", OrgKind.REGION, 2, is_member=True)
    ludvika = _org("Ludvika kommun", "Ludvika", OrgKind.KOMMUN, 3, is_member=True)
    smedje = _org("Smedjebackens kommun", "Smedjebacken", OrgKind.KOMMUN, 4, is_member=True)
    ame = _org("AME Smedjebacken", "AME", OrgKind.UNIT, 5, parent=smedje)
    db.session.flush()
    db.session.add_all(
        [
            Population(organisation_id=ludvika.id, year=2015, inhabitants=26_000),
            Population(organisation_id=smedje.id, year=2015, inhabitants=10_790),
        ]
    )
    for org in (fk, af, region, ludvika, smedje, ame):
        world.orgs[org.short_name] = org.id
    for role, email in EMAILS.items():
        accounts.create_user(
            email, role.value, role, PASSWORD, ame.id if role == Role.PROJEKTAGARE else None
        )
    contributions.set_contribution(year, D(4_000_000), KommunKey.POPULATION)
    evi = grants.create_grant(
        name="En väg in",
        owner=ludvika,
        years={year: D(512_000)},
        conditions="",
        report_dates=[("status", date(year, 8, 31))],
        user=None,
        insats_type="structural",
        decision_reference="§ 7, Sammanträde 1/" + str(year),
    )
    vagen = grants.create_grant(
        name="Vägen in",
        owner=ame,
        years={year: D("300000.50"), year + 1: D(100_000)},
        conditions="",
        report_dates=[("status", date(year, 6, 30))],
        user=None,
        insats_type="individual",
        decision_reference="§ 8, Sammanträde 1/" + str(year),
    )
    world.grants = {"En väg in": evi.id, "Vägen in": vagen.id}
    meeting = Meeting(year=year - 1, number=6, date=date(year - 1, 11, 20))
    later = Meeting(year=year, number=3, date=date(year, 10, 1))
    db.session.add_all([meeting, later])
    items = [
        Paragraph(meeting=meeting, year=year - 1, number=50, kind="plan", title="Plan"),
        Paragraph(meeting=later, year=year, number=30, kind="plan", title="Plan, rev."),
        Paragraph(meeting=later, year=year, number=31, kind="report", title="Delårsrapport"),
        Paragraph(meeting=later, year=year, number=32, kind="information", title="Info"),
    ]
    db.session.add_all(items)
    db.session.flush()
    world.paragraphs = [p.id for p in items]
    return world


def pay(grant_id: int, year: int, amount: str, paid_on: date) -> None:
    """A payment (or, negative, a correction) through the grants area's rules."""
    reason = "Rättelse" if D(amount) < 0 else ""
    payments.record_payment(
        db.session.get(Grant, grant_id),
        year=year,
        amount=D(amount),
        paid_on=paid_on,
        user=None,
        reason=reason,
        date_confirmed=True,  # stored only when the date is unusual (before the decision …)
        date_reason="Testens betalningsdag",
    )


def test_the_world_has_contributions_that_sum_and_grants(app_ctx: Flask) -> None:
    build_world()
    parts = contributions.contributions_by_party(2026)
    assert sum(parts.values()) == D(4_000_000)
    assert grants.granted_in_year(2026) == D("812000.50")
