"""The demo plans' texts and figures (see app/demo/plans.py): vision, goals and indicators
true to docs/domain.md (Demo förbund), budget lines, planned calls, equity history and
follow-up values."""

from __future__ import annotations

from models.plan import FollowUpStatus

ON, RISK, OFF = FollowUpStatus.ON_TRACK, FollowUpStatus.AT_RISK, FollowUpStatus.OFF_TRACK

VISION = (
    "Alla i arbetsför ålder i Ludvika och Smedjebacken som behöver stöd från flera "
    "myndigheter får det samordnat, så att fler når arbete, studier och egen försörjning."
)
FOCUS = "\n".join(
    [
        "En väg in – en samordnad start för individen",
        "Insatser som leder till arbete eller studier",
        "Strukturell samverkan mellan parterna",
        "Uppföljning och lärande",
    ]
)
GOVERNANCE = (
    "Styrelsen har en ledamot och en ersättare från varje medlem. Kansliet består av "
    "förbundschef och en processledare; ekonomitjänsten köps av Ludvika kommun. "
    "Beredningsgruppen med tjänstepersoner från parterna bereder ansökningar."
)
#: goal, focus area, [(indicator, unit, baseline, target, how measured)]
GOALS = [
    (
        "Den som behöver stöd från minst två aktörer får kontakt inom två veckor",
        "En väg in – en samordnad start för individen",
        [
            (
                "Andel individer som får kontakt inom två veckor",
                "%",
                89,
                95,
                "Registreras i dokumentationssystemet vid första kontakt; andel av alla "
                "som anmälts under perioden.",
            ),
            (
                "Individer som tas emot i En väg in",
                "personer",
                46,
                120,
                "Antal nya ärenden under året enligt dokumentationssystemet.",
            ),
        ],
    ),
    (
        "Fler deltagare når arbete eller studier",
        "Insatser som leder till arbete eller studier",
        [
            (
                "Deltagare som når arbete eller studier",
                "%",
                33,
                40,
                "Andel av avslutade deltagare som gått till arbete eller studier, enligt "
                "Uppföljning Finsam (SUS) och insatsernas rapporter.",
            ),
            (
                "Kvinnor som fullföljer Kvinnocoacher för arbetsåtergång",
                "%",
                87,
                85,
                "Andel som fullföljer av dem som påbörjat (27 av 31 i förra omgången).",
            ),
        ],
    ),
    (
        "Parterna samverkar i gemensamma strukturer",
        "Strukturell samverkan mellan parterna",
        [
            (
                "Chefer som anser att samverkan har förbättrats",
                "%",
                62,
                75,
                "Indikatorprojektets enkät till chefer hos parterna, en gång per år.",
            ),
        ],
    ),
    (
        "Förbundets medel används till insatser för individen",
        "Uppföljning och lärande",
        [
            (
                "Andel av medlemsbidragen som går till insatser",
                "%",
                52,
                60,
                "Utbetalt till insatser delat med årets medlemsbidrag, enligt bokslutet.",
            ),
        ],
    ),
]
#: category, specification, amount per plan year
LINES = [
    ("kansli", "Förbundschef, lokaler och ekonomitjänst", {2025: 1_600_000, 2026: 1_500_000}),
    ("styrelse", "Arvoden och utbildning", {2025: 200_000, 2026: 200_000}),
    ("revision", "", {2025: 95_000, 2026: 95_000}),
    ("evaluation", "Extern utvärdering och Indikatorprojektet", {2025: 400_000, 2026: 250_000}),
    ("reserve", "", {2025: 250_000, 2026: 100_000}),
]
#: planned calls per year: name, kind, goal index, amount, participants
PLANNED = {
    2025: [("Utlysning: insatser för unga vuxna", "individual", 1, 300_000, 20)],
    2026: [
        (
            "Utlysning hösten 2026: En dörr in – studiebesök Borlänge",
            "structural",
            2,
            150_000,
            None,
        ),
        (
            "Förstudie: stöd till unga med aktivitetsersättning (70 % av en tjänst)",
            "structural",
            1,
            150_000,
            None,
        ),
    ],
    2027: [
        ("Vägen in – förlängning (ansökan väntas)", "individual", 1, 650_000, 30),
        ("Trisam – fortsättning", "structural", 2, 500_000, None),
        ("Processledare – förbundets egen insats", "structural", 3, 600_000, None),
        ("SAMVERK-modell för unga vuxna (utlysning)", "individual", 1, 400_000, 15),
    ],
}
#: which grant serves which goal
GRANT_GOALS = {
    "Vägen in": 1,
    "Trisam – samverkansteam": 2,
    "Kvinnocoacher för arbetsåtergång": 1,
    "Processledare – förbundets egen insats": 0,
}
#: equity at year end; 2019 is above 20 % of 4 000 000 kr.
EQUITY = {
    2016: 300_000,
    2017: 420_000,
    2018: 610_000,
    2019: 905_000,
    2020: 760_000,
    2021: 590_000,
    2022: 480_000,
    2023: 410_000,
    2024: 330_000,
}
#: (year, period) → [(actual, status, comment)] per indicator in order; budget outcomes.
FOLLOW = {
    (2025, "tertial1"): (
        [
            (86, RISK, "Sjukskrivning i teamet under mars."),
            (38, ON, ""),
            (30, ON, ""),
            (None, ON, "Mäts i december."),
            (None, ON, ""),
            (50, ON, ""),
        ],
        {"kansli": 520_000, "styrelse": 61_000, "revision": 0, "evaluation": 40_000, "reserve": 0},
    ),
    (2025, "delar"): (
        [
            (93, ON, "Ny rutin för bokning av första samtal."),
            (81, ON, ""),
            (34, ON, ""),
            (86, ON, ""),
            (None, ON, "Enkäten skickas i oktober."),
            (51, RISK, "Utlysningen för unga vuxna fick inga ansökningar."),
        ],
        {
            "kansli": 1_040_000,
            "styrelse": 118_000,
            "revision": 45_000,
            "evaluation": 160_000,
            "reserve": 0,
        },
    ),
    (2025, "helar"): (
        [
            (95, ON, "Målet nått."),
            (126, ON, ""),
            (36, RISK, "Under målet 40 %."),
            (87, ON, "27 av 31 fullföljde."),
            (66, RISK, "Förbättring men under målet 75 %."),
            (38, OFF, "Utlysningen gav inga insatser; medlen återgår."),
        ],
        {
            "kansli": 1_590_000,
            "styrelse": 184_000,
            "revision": 95_000,
            "evaluation": 390_000,
            "reserve": 180_000,
        },
    ),
    (2026, "tertial1"): (
        [(94, ON, ""), (44, ON, ""), (37, ON, ""), (None, ON, ""), (None, ON, ""), (47, ON, "")],
        {"kansli": 505_000, "styrelse": 64_000, "revision": 0, "evaluation": 30_000, "reserve": 0},
    ),
    (2026, "delar"): (
        [
            (96, ON, ""),
            (88, ON, ""),
            (39, ON, "Vägen in: 8 till arbete, 3 till studier."),
            (None, RISK, "Insatsen startade i mars; för tidigt att mäta."),
            (None, ON, "Enkäten skickas i oktober."),
            (52, RISK, "Förstudien har inte startat."),
        ],
        {
            "kansli": 1_010_000,
            "styrelse": 131_000,
            "revision": 47_500,
            "evaluation": 120_000,
            "reserve": 0,
        },
    ),
}
SUMMARIES = {
    (2025, "delar"): "Verksamheten följer planen. En väg in når målet om kontakt inom två "
    "veckor efter en svacka under våren. Utlysningen för unga vuxna fick inga ansökningar.",
    (2025, "helar"): "Året gav ett överskott eftersom den planerade utlysningen inte ledde "
    "till någon insats. Eget kapital ligger under den rekommenderade nivån.",
    (2026, "delar"): "Fler deltagare än planerat har gått vidare till arbete. Kvinnocoacher "
    "startade i mars och utökades efter tilläggsansökan.",
}

REVISION_NOTE = (
    "Slutlig budget efter medlemmarnas beslut om bidragen och styrelsens beslut om "
    "Kvinnocoacher för arbetsåtergång; kanslibudgeten sänks."
)
