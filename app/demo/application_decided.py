"""The demo applications the board decided in 2024 and 2026, so every grant has its decision.

Vägen in, Trisam and the förbund's own processledare for 2025–2026 are decided at
meeting 1/2024; Kvinnocoacher for arbetsåtergång at 1/2026 and its supplement at
4/2026 (the meetings demo). Their budgets add up to exactly what the board
grants, so the grant register, the decisions and the protocols agree (``flask
check-records``). The grants take the insatser's short names (the grants demo).
"""

from __future__ import annotations

from typing import Any

from models import Application, ApplicationKind, InsatsType, User

from ..services.applications import workflow
from ..services.grants.lifecycle import forbund_organisation
from .application_builders import application, at, cost, prepare

#: key → (title, owner, parties, period, insats type, {year: {category: amount}}, förslag)
DECIDED: dict[str, tuple[Any, ...]] = {
    "vagen_2025": (
        "Vägen in – arbetsträning 2025–2026",
        "AME",
        ["AF", "FK"],
        ("2025-01-01", "2026-12-31"),
        InsatsType.INDIVIDUAL,
        {
            2025: {"personnel": 552_000, "premises": 36_000, "travel": 14_000, "material": 18_000},
            2026: {"personnel": 570_000, "premises": 36_000, "travel": 14_000, "material": 20_000},
        },
        "2024-10-01",
    ),
    "trisam_2025": (
        "Trisam – samverkansteam 2025–2026",
        "IFO",
        ["FK", "Region"],
        ("2025-01-01", "2026-12-31"),
        InsatsType.STRUCTURAL,
        {
            2025: {"personnel": 440_000, "travel": 10_000, "other": 30_000},
            2026: {"personnel": 460_000, "travel": 10_000, "other": 30_000},
        },
        "2024-10-01",
    ),
    "own_2025": (
        "Processledare – förbundets egen insats",
        "Förbundet",
        ["FK", "AF", "Region", "Ludvika", "Smedjebacken"],
        ("2025-01-01", "2026-12-31"),
        InsatsType.STRUCTURAL,  # the grant is marked as the förbund's own (grants demo)
        {
            2025: {"personnel": 548_000, "travel": 12_000},
            2026: {"personnel": 566_000, "travel": 14_000},
        },
        "2024-10-01",
    ),
    "kvinnocoacher_2026": (
        "Kvinnocoacher för arbetsåtergång 2026",
        "Region",
        ["FK", "AF"],
        ("2026-03-01", "2027-02-28"),
        InsatsType.INDIVIDUAL,
        {2026: {"personnel": 315_000, "travel": 15_000, "material": 20_000}},
        "2026-01-12",
    ),
}


#: key → (contact, purpose)
ABOUT = {
    "vagen_2025": ("Per Ström", "Att deltagarna genom arbetsträning ska komma närmare arbete."),
    "trisam_2025": ("Eva Dahl", "Att vården, socialtjänsten och FK samordnar sig tidigt."),
    "own_2025": (
        "Karin Lindqvist",
        "Att förbundet har en processledare som driver samverkan mellan parterna.",
    ),
    "kvinnocoacher_2026": ("Lena Berg", "Att sjukskrivna kvinnor får stöd tillbaka till arbete."),
}


def _proposal(title: str, budget: dict[int, dict[str, int]]) -> tuple[str, dict[str, str]]:
    years = {year: sum(costs.values()) for year, costs in budget.items()}
    parts = " och ".join(
        f"{amount:,} kr för {year}".replace(",", " ") for year, amount in years.items()
    )
    return f"Styrelsen beviljar {title} {parts}.", {f"y{y}": str(a) for y, a in years.items()}


def decided_round(orgs: dict[str, Any], owner: User, chef: User) -> dict[str, Application]:
    """The applications behind the grants of 2025–2026, proposed for their meetings."""
    parties = {**orgs, "Förbundet": forbund_organisation()}
    made: dict[str, Application] = {}
    for key, (title, owner_key, others, period, kind, budget, day) in DECIDED.items():
        item = application(
            parties,
            chef,
            title=title,
            owner=owner_key,
            parties=others,
            start=period[0],
            end=period[1],
            created=day,
            insats_type=kind,
            contact=ABOUT[key][0],
            text={"purpose": ABOUT[key][1]},
        )
        for year, costs in budget.items():
            for category, amount in costs.items():
                cost(item, year, category, str(amount), "Enligt ansökan")
        workflow.transition(item, "submitted", user=chef, at=at(day))
        text, amounts = _proposal(title, budget)
        prepare(item, chef, day, text, **amounts)
        workflow.transition(item, "proposed", user=chef, at=at(day, 15))
        made[key] = item
    supplement = application(
        orgs,
        chef,
        title="Kvinnocoacher för arbetsåtergång – tilläggsansökan",
        owner="Region",
        parties=["FK", "AF"],
        start="2026-09-01",
        end="2026-12-31",
        created="2026-08-20",
        contact="Lena Berg",
        text={"purpose": "Att tio fler kvinnor ska få en coach under hösten 2026."},
        kind=ApplicationKind.SUPPLEMENT,
        parent=made["kvinnocoacher_2026"],
        insats_type=InsatsType.INDIVIDUAL,
    )
    cost(supplement, 2026, "personnel", "50000", "Coachtid för tio fler deltagare")
    workflow.transition(supplement, "submitted", user=chef, at=at("2026-08-24"))
    prepare(
        supplement,
        chef,
        "2026-09-01",
        "Styrelsen beviljar ytterligare 50 000 kr för 2026 för tio fler deltagare.",
        y2026="50000",
    )
    workflow.transition(supplement, "proposed", user=chef, at=at("2026-09-02"))
    made["kvinnocoacher_supp"] = supplement
    return made
