"""Demo förbund, its members (populations from docs/domain.md, Demo förbund), units and one
user per role."""

from __future__ import annotations

from datetime import date

from models import Forbund, Organisation, OrgKind, Role, db

from ..services.admin import accounts
from ..services.money import organisations

ORDER = 10

#: name, short name, kind, member, populations {year: inhabitants}
MEMBERS = [
    ("Försäkringskassan", "FK", OrgKind.FK, {}),
    ("Arbetsförmedlingen", "AF", OrgKind.AF, {}),
    ("Region Dalarna", "Region", OrgKind.REGION, {2015: 281_028}),
    ("Ludvika kommun", "Ludvika", OrgKind.KOMMUN, {2015: 26_000}),
    ("Smedjebackens kommun", "Smedjebacken", OrgKind.KOMMUN, {2015: 10_790}),
]

DEMO_USERS = [
    ("chef@example.com", "Karin Lindqvist", Role.FORBUNDSCHEF, None),
    ("styrelse@example.com", "Erik Sandberg", Role.STYRELSELEDAMOT, None),
    ("ekonom@example.com", "Maria Holm", Role.EKONOM, None),
    ("projektagare@example.com", "Johan Berg", Role.PROJEKTAGARE, "AME Smedjebacken"),
    ("revisor@example.com", "Lena Ek", Role.REVISOR, None),
]
#: IFO Smedjebacken's projektägare: the address its report reminders go to (mail demo).
IFO_CONTACT = ("sara.nystrom@example.com", "Sara Nyström", Role.PROJEKTAGARE, "IFO Smedjebacken")


def seed(context: dict) -> None:
    """Förbund, members, units, populations and the demo users."""
    db.session.add(
        Forbund(id=1, name="Västerbergslagens samordningsförbund", org_number="222000-1234")
    )
    orgs: dict[str, Organisation] = {}
    for position, (name, short, kind, populations) in enumerate(MEMBERS):
        org = Organisation(
            name=name, short_name=short, kind=kind, is_member=True, position=position
        )
        db.session.add(org)
        orgs[short] = org
        for year, inhabitants in populations.items():
            organisations.set_population(
                org, year, inhabitants, reference_date=date(year, 12, 31), source="SCB"
            )
    smedjebacken = orgs["Smedjebacken"]
    for short, name in (("AME", "AME Smedjebacken"), ("IFO", "IFO Smedjebacken")):
        unit = Organisation(name=name, short_name=short, kind=OrgKind.UNIT, parent=smedjebacken)
        db.session.add(unit)
        orgs[short] = unit
    ludvika = orgs["Ludvika"]
    orgs["AME Ludvika"] = Organisation(
        name="Arbetsmarknadsenheten Ludvika", short_name="AME L", kind=OrgKind.UNIT, parent=ludvika
    )
    orgs["ESF"] = Organisation(
        name="Europeiska socialfonden", short_name="ESF", kind=OrgKind.EXTERNAL
    )
    db.session.add_all([orgs["AME Ludvika"], orgs["ESF"]])
    db.session.flush()
    for year in range(2016, 2027):
        # Later years: Ludvika keeps the rounded figure, Smedjebacken drifts a little.
        organisations.set_population(ludvika, year, 26_000, source="Demo (avrundat)")
        organisations.set_population(smedjebacken, year, 10_790 - 15 * (year - 2015), source="Demo")
    users = {}
    for email, name, role, org_name in DEMO_USERS:
        org = db.session.query(Organisation).filter_by(name=org_name).one() if org_name else None
        users[role] = accounts.create_user(
            email, name, role, context["password"], org.id if org else None
        )
    email, name, role, _org = IFO_CONTACT
    accounts.create_user(email, name, role, context["password"], orgs["IFO"].id)
    context.update(orgs=orgs, users=users)
