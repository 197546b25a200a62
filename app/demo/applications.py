"""Demo applications from docs/domain.md (Demo förbund), in every state before the decision.

En väg in (2016/001, 512 000 kr for a processledare in 2016), its withdrawn
supplement and its extension for 2017 wait for the 2016 board meetings; the
applications behind the grants of 2025–2026 (``application_decided.py``) wait for
meetings 1/2024, 1/2026 and 4/2026; for 2027 Vägen in,
Trisam and Kvinnocoacher are proposed for the next meeting; SAMVERK is in
preparation, En dörr in awaits a supplement, a förstudie (70 % of one salary)
is submitted and Flåtan (ESF co-financing) is still a draft. Later steps find
them in ``context["applications"]`` by short key.
"""

from __future__ import annotations

from typing import Any

from models import Application, ApplicationKind, Role, User

from ..services.applications import workflow
from ..services.applications.attachments import add_attachment
from ..services.applications.budget import staff_cost
from . import application_texts as texts
from .application_builders import TINY_PDF, D, application, at, co, cost, prepare, staff
from .application_current import current_round
from .application_decided import decided_round

ORDER = 30


def _en_vag_in(orgs: dict[str, Any], owner: User, chef: User) -> dict[str, Application]:
    evi = application(
        orgs,
        owner,
        title="En väg in",
        owner="AME",
        parties=["IFO", "AF", "FK"],
        start="2016-01-01",
        end="2016-12-31",
        created="2016-01-11",
        contact="Johan Berg",
        participants={2016: 60},
        text=texts.EN_VAG_IN,
    )
    evi.sus_registered = True
    staff(
        evi,
        orgs,
        2016,
        role="Processledare",
        person="Anna Lund",
        employer="AME Ludvika",
        percent=D(100),
        annual_salary=D(365_000),
    )
    # "12 timmar, 30 procent tjänstgöring till 156 000 kronor per år" (the tjänsteskrivelse)
    for unit in ("AME", "IFO"):
        line = staff(
            evi,
            orgs,
            2016,
            role=f"Handläggare {unit}",
            employer=unit,
            hours_per_week=D(12),
            annual_cost=D(156_000),
        )
        co(evi, orgs, 2016, unit, "in_kind", staff_cost(line))
    cost(evi, 2016, "premises", "96000", "Lokalhyra för plattformen")
    cost(evi, 2016, "other", "65000", "Licens för det gemensamma dokumentationssystemet")
    cost(evi, 2016, "travel", "4000", "Resor mellan Ludvika och Smedjebacken")
    cost(evi, 2016, "material", "2621", "Dator och telefon till processledaren")
    for org, amount in (("AME", 66_000), ("IFO", 66_000), ("AF", 14_500), ("FK", 14_500)):
        co(evi, orgs, 2016, org, "cash", amount)
    plan = add_attachment(
        evi, "Tidsplan En väg in.pdf", TINY_PDF, user=owner, description="Tidsplan"
    )
    plan.uploaded_at = at("2016-01-20")
    workflow.transition(evi, "submitted", user=owner, at=at("2016-01-25"))
    prepare(
        evi,
        chef,
        "2016-02-01",
        "Styrelsen beviljar En väg in 512 000 kr för 2016 för en processledare.",
        y2016="512000",
    )
    workflow.transition(evi, "proposed", user=chef, at=at("2016-02-10"))

    supplement = application(
        orgs,
        owner,
        title="En väg in – tillägg för extern utvärdering",
        owner="AME",
        parties=["IFO", "AF"],
        start="2016-06-01",
        end="2016-12-31",
        created="2016-05-09",
        kind=ApplicationKind.SUPPLEMENT,
        parent=evi,
        contact="Johan Berg",
        text={
            "purpose": "Att låta en extern utvärderare följa plattformens första halvår.",
            "reasons": "Parterna vill veta tidigt om arbetssättet håller.",
        },
    )
    cost(supplement, 2016, "evaluation", "80000", "Extern utvärderare")
    workflow.transition(supplement, "submitted", user=owner, at=at("2016-05-16"))
    workflow.transition(supplement, "in_preparation", user=chef, at=at("2016-05-23"))
    workflow.transition(
        supplement,
        "withdrawn",
        user=owner,
        at=at("2016-06-20"),
        note="Utvärderingen görs i stället inom Indikatorprojektet.",
    )

    extension = application(
        orgs,
        owner,
        title="En väg in – förlängning 2017",
        owner="AME",
        parties=["IFO", "AF", "FK"],
        start="2017-01-01",
        end="2017-12-31",
        created="2016-10-10",
        kind=ApplicationKind.EXTENSION,
        parent=evi,
        contact="Johan Berg",
        participants={2017: 120},
        text={**texts.EN_VAG_IN, **texts.EN_VAG_IN_EXTENSION},
    )
    staff(
        extension,
        orgs,
        2017,
        role="Samordnare",
        person="Anna Lund",
        employer="AME",
        percent=D(25),
        annual_salary=D(375_600),
    )
    for unit in ("AME", "IFO"):
        line = staff(
            extension,
            orgs,
            2017,
            role=f"Handläggare {unit}",
            employer=unit,
            hours_per_week=D(12),
            annual_cost=D(156_000),
        )
        co(extension, orgs, 2017, unit, "in_kind", staff_cost(line))
    cost(extension, 2017, "premises", "96000", "Lokal för plattformen")
    cost(extension, 2017, "other", "65000", "Licens för dokumentationssystem")
    for org, amount in (("AME", 60_000), ("IFO", 60_000), ("AF", 20_500), ("FK", 20_500)):
        co(extension, orgs, 2017, org, "cash", amount)
    workflow.transition(extension, "submitted", user=owner, at=at("2016-10-17"))
    prepare(
        extension,
        chef,
        "2016-10-24",
        "Styrelsen beviljar förlängning av En väg in med "
        "130 000 kr för 2017 för en samordnare på 25 %.",
        y2017="130000",
    )
    workflow.transition(extension, "proposed", user=chef, at=at("2016-11-01"))
    return {"evi": evi, "evi_supp": supplement, "evi_ext": extension}


def seed(context: dict) -> None:
    """The demo applications; ``context["applications"]`` holds them by short key."""
    orgs, users = context["orgs"], context["users"]
    owner, chef = users[Role.PROJEKTAGARE], users[Role.FORBUNDSCHEF]
    applications = _en_vag_in(orgs, owner, chef)
    applications.update(decided_round(orgs, owner, chef))
    applications.update(current_round(orgs, owner, chef))
    context["applications"] = applications
