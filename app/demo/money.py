"""Demo money: member contributions 2016–2026 and the cost splits of En väg in and others.

Figures from docs/domain.md (Demo förbund) where the seeds give them (4 000 000 kr a
year, En väg in's 265 000 kr start-up and 161 000 kr yearly running cost shared by AF,
FK, AME and IFO); the rest is invented but plausible. Adds ``context["contribution_years"]``.
"""

from __future__ import annotations

from decimal import Decimal

from ..services.money import contributions, cost_splits
from ..services.money.cost_splits import PartyInput, SplitInput
from ..services.money.splits import KommunKey, Rule

ORDER = 20

#: year → (total, money for insatser); 2025 uses agreed percentages to show that key.
CONTRIBUTIONS = {
    **{year: Decimal(4_000_000) for year in range(2016, 2023)},
    2023: Decimal(4_200_000),
    2024: Decimal(4_200_000),
    2025: Decimal(4_400_000),
    2026: Decimal(4_400_000),
}
PERCENT_YEARS = {2025: {"Ludvika": Decimal(70), "Smedjebacken": Decimal(30)}}


def seed(context: dict) -> None:
    """Contributions for every demo year, then the cost splits."""
    orgs = context["orgs"]
    for year, total in CONTRIBUTIONS.items():
        agreed = PERCENT_YEARS.get(year)
        contributions.set_contribution(
            year,
            total,
            KommunKey.PERCENT if agreed else KommunKey.POPULATION,
            {orgs[short]: pct for short, pct in agreed.items()} if agreed else None,
            note="Enligt förbundsordningen: andelar efter överenskommelse 2025." if agreed else "",
        )
    evi = [PartyInput(orgs[short]) for short in ("AF", "FK", "AME", "IFO")]
    for data in (
        SplitInput(
            name="En väg in – uppstart",
            description=(
                "Gemensam plattform i Ludvika och Smedjebacken, start 2016-10-03: "
                "hyra, möbler, IT och ett gemensamt dokumentationssystem."
            ),
            first_year=2016,
            last_year=2016,
            total=Decimal(265_000),
            rule=Rule.EQUAL,
            parties=evi,
        ),
        SplitInput(
            name="En väg in – drift",
            description="Lokalhyra och licens för dokumentationssystemet.",
            first_year=2017,
            last_year=2026,
            total=Decimal(161_000),
            rule=Rule.EQUAL,
            parties=evi,
        ),
        SplitInput(
            name="Gemensam utbildningsdag om samverkan",
            description="Region Dalarna står för lokal och föreläsare (12 000 kr); "
            "resten delas lika.",
            first_year=2019,
            last_year=2019,
            total=Decimal(48_000),
            rule=Rule.FIXED_REST,
            parties=[PartyInput(orgs["Region"], fixed=Decimal(12_000))]
            + [PartyInput(orgs[s]) for s in ("FK", "AF", "Ludvika", "Smedjebacken")],
        ),
        SplitInput(
            name="Trisam-teamet – lokal",
            description="Lokal för det uppsökande teamet, fördelad efter överenskommelse.",
            first_year=2020,
            last_year=2022,
            total=Decimal(120_000),
            rule=Rule.PERCENT,
            parties=[
                PartyInput(orgs["Ludvika"], percent=Decimal(70)),
                PartyInput(orgs["Smedjebacken"], percent=Decimal(30)),
            ],
        ),
        SplitInput(
            name="Extern utvärdering av En väg in",
            description="Utvärdering inför beslut om implementering.",
            first_year=2024,
            last_year=2024,
            total=Decimal(150_000),
            rule=Rule.STATUTORY,
            parties=[
                PartyInput(orgs[s]) for s in ("FK", "AF", "Region", "Ludvika", "Smedjebacken")
            ],
        ),
        SplitInput(
            name="Informationsmaterial till kommunernas mottagningar",
            description="Tryck och översättning, fördelat efter invånarantal.",
            first_year=2026,
            last_year=2026,
            total=Decimal(30_000),
            rule=Rule.POPULATION,
            parties=[PartyInput(orgs["Ludvika"]), PartyInput(orgs["Smedjebacken"])],
        ),
    ):
        cost_splits.create_split(data)
    context["contribution_years"] = sorted(CONTRIBUTIONS)
