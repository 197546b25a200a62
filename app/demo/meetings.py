"""Demo board: the register (2015–2019 and 2023–2027 terms), meetings in 2016, 2024 and 2026.

2016: meeting 1/2016 grants En väg in 512 000 kr for a processledare (§ 7, with
jäv), 2/2016 sets the delegationsordning, 3/2016 decides on the extension; all
justerade, so the grant exists. 1/2024 grants Vägen in, Trisam and the förbund's
own processledare for 2025–2026. 2026: meetings 1–4/2026 justerade with a full
agenda (§ 1–45, Kvinnocoacher granted at § 4 and its supplement at § 40,
Trisam's carry-over at § 8, the annual and interim reports; in 4/2026 the chair is
jävig on Vägen in and the vice ordförande chairs that §, Medlemssamråd is decided after
an omröstning with a reservation, and a protokollsanteckning is made), and 5/2026 on
2026-12-03 with its kallelse sent: the proposed applications and
the verksamhetsplan 2027, not yet held.
Adds ``context["meetings"]`` ("1/2016" → Meeting) and ``context["paragraphs"]``.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from models import Role, db
from models.board import BoardMember, BoardPosition, BoardRole
from models.grant import Grant
from models.meeting import Decision, Meeting, Paragraph

from ..clock import today
from ..services.meetings import (
    agenda,
    anslag,
    decisions,
    jav,
    justering,
    protocol_files,
    votes,
)
from ..services.meetings import lifecycle as meetings

ORDER = 40
D = Decimal
OTHERS = "Karin Lindqvist, förbundschef\nMaria Holm, ekonom"
KEPT = "Protokollet förvaras på förbundets kansli, Ludvika."

#: party → [(name, role, position)] per term
TERMS = {
    (date(2015, 4, 1), date(2019, 3, 31)): {
        "FK": [("Birgitta Holm", "ledamot", ""), ("Lars Ek", "ersattare", "")],
        "AF": [("Tomas Lund", "ledamot", ""), ("Karin Dahl", "ersattare", "")],
        "Region": [("Ulla Sjöberg", "ledamot", "vice_chair"), ("Bengt Åkesson", "ersattare", "")],
        "Ludvika": [("Stefan Wallin", "ledamot", "chair"), ("Eva Norén", "ersattare", "")],
        "Smedjebacken": [("Margareta Falk", "ledamot", ""), ("Nils Bergström", "ersattare", "")],
    },
    (date(2023, 4, 1), date(2027, 3, 31)): {
        "FK": [("Helena Berg", "ledamot", ""), ("Jonas Wikström", "ersattare", "")],
        "AF": [("Mats Olsson", "ledamot", ""), ("Sofia Lindberg", "ersattare", "")],
        "Region": [("Anna Berglund", "ledamot", "vice_chair"), ("Gunnar Hedlund", "ersattare", "")],
        "Ludvika": [("Per Nilsson", "ledamot", "chair"), ("Ingrid Mattsson", "ersattare", "")],
        "Smedjebacken": [("Erik Sandberg", "ledamot", ""), ("Leila Karimi", "ersattare", "")],
    },
}

OPEN = [
    ("other", "Mötets öppnande", "Ordföranden förklarar sammanträdet öppnat."),
    ("other", "Upprop och beslutförhet", "Styrelsen konstaterar att den är beslutför."),
    ("other", "Godkännande av dagordningen", "Dagordningen godkänns."),
    # The minutes of Val av justerare are written from the election ("Till justerare valdes …").
    ("other", "Val av justerare", "", {"standard": "justerare"}),
    (
        "other",
        "Föregående protokoll",
        "Protokollet från föregående sammanträde läggs till handlingarna.",
    ),
]
CLOSE = [
    ("other", "Nästa sammanträde", "Nästa sammanträde hålls enligt sammanträdesplanen."),
    ("other", "Mötets avslutande", "Ordföranden tackar och förklarar sammanträdet avslutat."),
]
INFO = ("information", "Information från förbundschefen", "Styrelsen noterar informationen.")


def _email(name: str) -> str:
    ascii_name = name.lower().translate(str.maketrans("åäöé ", "aaoe."))
    return f"{ascii_name}@example.com"


def _board(context: dict) -> dict[tuple[int, str], BoardMember]:
    """The register; (term start year, "Party:role") → member."""
    orgs, users = context["orgs"], context["users"]
    found: dict[tuple[int, str], BoardMember] = {}
    for (start, end), parties in TERMS.items():
        for party, people in parties.items():
            for name, role, position in people:
                member = BoardMember(
                    name=name,
                    organisation=orgs[party],
                    role=BoardRole(role),
                    position=BoardPosition(position),
                    term_start=start,
                    term_end=end,
                    email=_email(name),
                )
                if name == users[Role.STYRELSELEDAMOT].name:
                    member.user = users[Role.STYRELSELEDAMOT]
                db.session.add(member)
                found[(start.year, f"{party}:{role}")] = member
    db.session.flush()
    return found


def _attend(m: Meeting, board: dict, term: int, absent: str | None, extra: str | None) -> None:
    """All ledamöter; ``absent`` party's ersättare serves; ``extra`` ersättare just listens."""
    rows: dict[int, tuple[str, int | None]] = {}
    for (year, key), member in board.items():
        if year != term:
            continue
        party, role = key.split(":")
        if role == "ledamot":
            rows[member.id] = ("absent" if party == absent else "present", None)
        elif party == absent:
            rows[member.id] = ("present", board[(term, f"{party}:ledamot")].id)
        elif party == extra:
            rows[member.id] = ("present", None)
    meetings.record_attendance(m, rows)


def _meeting(
    context: dict,
    board: dict,
    day: date,
    items: list[tuple[Any, ...]],
    *,
    term: int,
    absent: str | None = None,
    extra: str | None = None,
    justerare: str = "Smedjebacken",
    held: bool = True,
) -> Meeting:
    """Plan, fix, hold and justera a meeting; items are (kind, title, decision[, extra]).

    ``justerare`` is the party whose voter (its ledamot, or the ersättare serving for an
    absent one) the meeting elects justerare; the chair and that justerare justera.
    """
    chair = next(m for (y, _k), m in board.items() if y == term and m.position == "chair")
    party_role = "ersattare" if justerare == absent else "ledamot"
    checker = board[(term, f"{justerare}:{party_role}")]
    m = meetings.create_meeting(
        day,
        place="Kommunhuset, Ludvika" if day.year > 2020 else "Folkets hus, Ludvika",
        start_time=time(13, 0),
        end_time=time(15, 30),
        secretary="Karin Lindqvist",
        others_present=OTHERS,
        kept_at=KEPT,
    )
    m.chair = chair
    paragraphs: list[tuple[Paragraph, tuple[Any, ...]]] = []
    for spec in items:
        kind, title, text = spec[0], spec[1], spec[2]
        options = spec[3] if len(spec) > 3 else {}
        application = context["applications"].get(options.get("application", ""))
        procedural = (
            spec in OPEN or spec in CLOSE or "standard" in options or options.get("procedural")
        )
        paragraph = agenda.add_paragraph(
            m,
            kind=kind,
            title=title,
            underlag=options.get("underlag", "") or getattr(application, "proposal_text", ""),
            application=application,
            # The standard items' sentences are written by the protocol from the data.
            minutes=options.get("minutes", ""),
            standard=options.get("standard", ""),
        )
        if not procedural:
            paragraphs.append((paragraph, (kind, title, text, *spec[3:])))
        if "key" in options:
            context["paragraphs"][options["key"]] = paragraph
    agenda.fix_agenda(m)
    context["meetings"][m.label] = m
    if not held:
        return m
    _attend(m, board, term, absent, extra)
    justering.elect_justerare(m, [checker])
    chef = context["users"][Role.FORBUNDSCHEF]
    for paragraph, spec in paragraphs:
        options = spec[3] if len(spec) > 3 else {}
        for party in options.get("jav", []):
            jav.add_recusal(
                paragraph, board[(term, f"{party}:ledamot")], options.get("jav_reason", "")
            )
        outcome = options.get("outcome", "noted" if paragraph.kind == "information" else "adopted")
        decision = decisions.record_decision(
            paragraph,
            outcome=outcome,
            text=spec[2],
            years={y: D(a) for y, a in options.get("years", {}).items()},
            conditions=options.get("conditions", ""),
            reasons=options.get("reasons", ""),
            report_dates=options.get("reports", []),
            # The demo's history is seeded before its plans (plans.py runs later and adopts
            # them at these meetings), so the funds check finds no adopted plan: the board
            # confirms, and the protocol notes the decision was taken outside the plan.
            over_budget_confirmed=options.get("confirmed", True),
            delegation_limit=D(options["limit"]) if "limit" in options else None,
            user=chef,
        )
        _conduct(decision, options, {k: m for (y, k), m in board.items() if y == term})
    justering.record_justering(
        m, on=day + timedelta(days=7), signers=[chair, checker], place="Ludvika", user=chef
    )
    _post(m)
    return m


def _post(m: Meeting) -> None:
    """The justerat protocol goes up on the anslagstavla two days later for 22 days."""
    assert m.adjusted_on is not None
    posted = m.adjusted_on + timedelta(days=2)
    if posted > today():
        return
    down = posted + anslag.APPEAL_PERIOD + timedelta(days=1)
    protocol_files.record_anslag(
        m, posted_on=posted, taken_down_on=down if down <= today() else None
    )


def _conduct(decision: Decision, options: dict, board: dict[str, BoardMember]) -> None:
    """The omröstning, reservations and protokollsanteckningar an item's options ask for."""
    if "votes" in options:
        cast = {board[f"{party}:ledamot"].id: vote for party, vote in options["votes"].items()}
        votes.record_votes(decision, cast)
    for party, reason in options.get("reservations", []):
        votes.add_reservation(decision, board[f"{party}:ledamot"], reason)
    for party, text in options.get("notes", []):
        votes.add_note(decision.paragraph, board[f"{party}:ledamot"], text)


def _standard(*middle: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    return [*OPEN, *middle, *CLOSE]


def _year_2016(context: dict, board: dict) -> None:
    evi = _meeting(
        context,
        board,
        date(2016, 2, 25),
        _standard(
            INFO,
            (
                "application",
                "En väg in – processledare 2016",
                "",
                {
                    "application": "evi",
                    "key": "evi_2016",
                    "outcome": "granted",
                    "years": {2016: 512_000},
                    # Samordna holds no verksamhetsplan for 2016, so the funds check has no
                    # budget to go by and the board confirms (docs/meetings.md, Medelskontroll).
                    "confirmed": True,
                    "jav": ["Smedjebacken"],
                    "jav_reason": "Ledamot i Smedjebackens arbetsmarknadsnämnd "
                    "(AME är projektägare).",
                    # The slutrapport's date is written once, in the villkor; the decision
                    # (and the grant) take it from there (services/meetings/report_terms.py).
                    "conditions": "Slutrapport senast 2017-02-28. "
                    "Medel som inte används återbetalas.",
                    "minutes": "Förbundschefen föredrar ärendet. En väg in blir en gemensam "
                    "plattform i Ludvika och Smedjebacken för personer 16–64 år som behöver stöd "
                    "från minst två aktörer, med målet att få kontakt inom två veckor.",
                },
            ),
        ),
        term=2015,
        absent="AF",
        extra="Ludvika",
    )
    _name_grant(evi, "En väg in – processledare 2016")
    _meeting(
        context,
        board,
        date(2016, 5, 26),
        _standard(
            (
                "report",
                "Årsredovisning 2015",
                "Styrelsen godkänner årsredovisningen för 2015 och "
                "överlämnar den till medlemmarna.",
                {"key": "annual_report_2015"},
            ),
            (
                "delegation",
                "Delegationsordning",
                "Styrelsen delegerar till förbundschefen att bevilja medel upp till 50 000 kr "
                "per insats och år. Besluten anmäls till styrelsen.",
                {"limit": 50_000, "key": "delegation_2016"},
            ),
            INFO,
        ),
        term=2015,
        justerare="Region",
    )
    _meeting(
        context,
        board,
        date(2016, 11, 24),
        _standard(
            (
                "application",
                "En väg in – förlängning 2017",
                "",
                {
                    "application": "evi_ext",
                    "outcome": "rejected",
                    "reasons": "Parterna har åtagit sig att föra över En väg in i ordinarie "
                    "verksamhet från 2017; samordnarrollen finansieras av AME och IFO.",
                },
            ),
            (
                "plan",
                "Verksamhetsplan med budget 2017",
                "Styrelsen fastställer verksamhetsplan med budget för 2017.",
                {"key": "plan_2017"},
            ),
            INFO,
        ),
        term=2015,
        absent="FK",
        justerare="FK",
    )


def _granted(key: str, title: str, years: dict[int, int], conditions: str, reports: list) -> tuple:
    """An application item the board grants, with its amounts, conditions and reports."""
    return (
        "application",
        title,
        "",
        {
            "application": key,
            "outcome": "granted",
            "years": years,
            "conditions": conditions,
            "reports": reports,
        },
    )


def _year_2024(context: dict, board: dict) -> None:
    """Meeting 1/2024 grants the insatser of 2025–2026 (the grants demo follows them)."""
    _meeting(
        context,
        board,
        date(2024, 10, 24),
        _standard(
            _granted(
                "vagen_2025",
                "Vägen in – arbetsträning 2025–2026",
                {2025: 620_000, 2026: 640_000},
                "Lägesrapport varje år i augusti, slutrapport februari 2027.",
                [
                    ("status", date(2025, 8, 31)),
                    ("status", date(2026, 8, 31)),
                    ("final", date(2027, 2, 28)),
                ],
            ),
            _granted(
                "trisam_2025",
                "Trisam – samverkansteam 2025–2026",
                {2025: 480_000, 2026: 500_000},
                "Lägesrapport 30 september varje år.",
                [
                    ("status", date(2025, 9, 30)),
                    ("status", date(2026, 9, 30)),
                    ("final", date(2027, 2, 28)),
                ],
            ),
            _granted(
                "own_2025",
                "Processledare – förbundets egen insats",
                {2025: 560_000, 2026: 580_000},
                "Förbundet anställer en processledare på heltid.",
                [("status", date(2026, 1, 31)), ("final", date(2027, 1, 31))],
            ),
            INFO,
        ),
        term=2023,
        justerare="AF",
    )


def _year_2026(context: dict, board: dict) -> None:
    opening = [
        *OPEN[:2],
        (
            "other",
            "Val av justerare och godkännande av dagordningen",
            "Dagordningen godkänns.",
            {"standard": "justerare"},
        ),
    ]
    _meeting(
        context,
        board,
        date(2026, 2, 12),
        [
            *opening,
            (
                "application",
                "Kvinnocoacher för arbetsåtergång – ansökan om medel",
                "Styrelsen beviljar "
                "Region Dalarna 350 000 kr för 2026 för Kvinnocoacher för arbetsåtergång, "
                "2026-03-01–2027-02-28.",
                {
                    "application": "kvinnocoacher_2026",
                    "outcome": "granted",
                    "years": {2026: 350_000},
                    "conditions": "Lägesrapport i december, slutrapport mars 2027.",
                    "reports": [("status", date(2026, 12, 15)), ("final", date(2027, 3, 31))],
                },
            ),
            (
                "other",
                "Föregående protokoll",
                "Protokollet läggs till handlingarna.",
                {"procedural": True},
            ),
            (
                "delegation",
                "Anmälan av delegationsbeslut",
                "Inga delegationsbeslut har fattats sedan förra sammanträdet. Anmälan noteras.",
            ),
            INFO,
            (
                "other",
                "Trisam – överföring av outnyttjade medel 2025",
                "Styrelsen beslutar att "
                "30 000 kr av 2025 års medel till Trisam får användas under 2026.",
            ),
            (
                "plan",
                "Verksamhetsplan med budget 2026 – slutlig fastställelse",
                "Styrelsen fastställer verksamhetsplan med budget för 2026.",
                {"key": "plan_2026"},
            ),
            *CLOSE,
        ],
        term=2023,
        absent="Region",
        extra="Ludvika",
    )
    _meeting(
        context,
        board,
        date(2026, 4, 23),
        _standard(
            (
                "report",
                "Årsredovisning 2025",
                "Styrelsen godkänner årsredovisningen 2025 och "
                "överlämnar den till revisorerna och medlemmarna.",
                {"key": "annual_report_2025"},
            ),
            ("information", "Revisionsberättelse 2025", "Styrelsen noterar informationen."),
            (
                "information",
                "Uppföljning Finsam: deltagare 2025",
                "Styrelsen noterar informationen.",
            ),
            INFO,
        ),
        term=2023,
        justerare="FK",
    )
    _meeting(
        context,
        board,
        date(2026, 6, 11),
        _standard(
            (
                "report",
                "Tertialrapport januari–april 2026",
                "Styrelsen godkänner tertialrapporten.",
                {"key": "tertial_2026"},
            ),
            (
                "information",
                "Indikatorprojektet: enkät till chefer",
                "Styrelsen noterar informationen.",
            ),
            (
                "other",
                "Sammanträdesplan hösten 2026",
                "Styrelsen fastställer sammanträden 2026-10-01 och 2026-12-03.",
            ),
            ("information", "Dialogmöte med medlemmarna", "Styrelsen noterar informationen."),
            INFO,
        ),
        term=2023,
        absent="AF",
        justerare="Region",
    )
    _meeting(
        context,
        board,
        date(2026, 10, 1),
        _standard(
            (
                "application",
                "Kvinnocoacher för arbetsåtergång – tilläggsansökan",
                "Styrelsen beviljar ytterligare 50 000 kr för 2026 för tio fler deltagare.",
                {
                    "application": "kvinnocoacher_supp",
                    "outcome": "granted",
                    "years": {2026: 50_000},
                },
            ),
            (
                "report",
                "Delårsrapport per 31 augusti 2026",
                "Styrelsen godkänner delårsrapporten.",
                {"key": "delar_2026"},
            ),
            (
                "information",
                "Ekonomisk uppföljning per september",
                "Styrelsen noterar informationen.",
            ),
            (
                "information",
                "Vägen in: lägesrapport",
                "Styrelsen noterar lägesrapporten.",
                {
                    # The chair is jävig: the vice ordförande, Anna Berglund, chairs the §.
                    "jav": ["Ludvika"],
                    "jav_reason": "kommunalråd i Ludvika kommun, som är projektägare",
                },
            ),
            ("information", "Trisam: lägesrapport", "Styrelsen noterar lägesrapporten."),
            (
                "information",
                "Utlysning av medel 2027",
                "Styrelsen noterar informationen.",
                {
                    "notes": [
                        (
                            "Smedjebacken",
                            "Smedjebackens kommun vill att utlysningen 2027 också når"
                            " föreningslivet och studieförbunden.",
                        )
                    ]
                },
            ),
            INFO,
            (
                "other",
                "Medlemssamråd 2026",
                "Styrelsen utser ordföranden och förbundschefen att företräda förbundet.",
                {
                    "votes": {
                        "FK": "yes",
                        "AF": "no",
                        "Region": "yes",
                        "Ludvika": "yes",
                        "Smedjebacken": "yes",
                    },
                    "reservations": [
                        (
                            "AF",
                            "Förbundet bör företrädas av hela presidiet, så att både"
                            " kommunerna och staten hörs på medlemssamrådet.",
                        )
                    ],
                },
            ),
        ),
        term=2023,
        extra="Smedjebacken",
    )
    _meeting(
        context,
        board,
        date(2026, 12, 3),
        _standard(
            *[
                ("application", app.title, "", {"application": key, "key": key})
                for key, app in context["applications"].items()
                if app.status == "proposed" and app.period_start.year >= 2027
            ],
            ("plan", "Verksamhetsplan med budget 2027", "", {"key": "plan_2027"}),
            INFO,
        ),
        term=2023,
        held=False,
    )


#: application key → the name the ekonom gives its grant (the grants demo finds it so)
GRANT_NAMES = {
    "vagen_2025": "Vägen in",
    "trisam_2025": "Trisam – samverkansteam",
    "kvinnocoacher_2026": "Kvinnocoacher för arbetsåtergång",
}


def _name_application_grant(application: Any, name: str) -> None:
    if application is None:
        return
    grant = db.session.scalar(select(Grant).where(Grant.application_id == application.id))
    if grant is not None:
        grant.name = name


def _name_grant(meeting: Meeting, name: str) -> None:
    """Give the grant its purpose's name, as the ekonom does (the grants demo finds it so)."""
    for paragraph in meeting.paragraphs:
        if paragraph.decision is not None and paragraph.decision.grants_money:
            grant = db.session.scalar(
                select(Grant).where(Grant.decision_id == paragraph.decision.id)
            )
            if grant is not None:
                grant.name = name


def seed(context: dict) -> None:
    """The board register and the meetings of 2016 and 2026."""
    context.setdefault("meetings", {})
    context.setdefault("paragraphs", {})
    context.setdefault("applications", {})
    board = _board(context)
    _year_2016(context, board)
    _year_2024(context, board)
    _year_2026(context, board)
    for key, name in GRANT_NAMES.items():
        _name_application_grant(context["applications"].get(key), name)
    db.session.flush()
