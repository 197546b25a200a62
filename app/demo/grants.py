"""Demo grants: En väg in 2016 (paid, reported, closed) and the insatser running 2025–2026.

Shows every part of the follow-up: quarterly payments and a correction, outcomes
against budget with money to repay and money carried over, a lägesrapport
submitted and one overdue, an amendment, the förbund's own processledare without
an application, and a person allocated above 100 % in the staffing overview.
Every grant comes from a decision at a justerad meeting: the meetings demo
created them at justering (found here by name); the fallback registers one with
a decision reference only if that demo is missing. Payments follow the decisions.
Adds ``context["grants"]`` (name → Grant).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from models import Role, db
from models.grant import Grant

from ..services.grants import allocations as staffing_overview
from ..services.grants import lifecycle as grants
from ..services.grants import outcomes, payments, reports

ORDER = 50
D = Decimal


def _grant(context: dict, name: str, owner: Any, years: dict[int, int], **kwargs: Any) -> Grant:
    """The meetings demo's grant of that name, or a new one from the decision reference."""
    existing = db.session.scalar(select(Grant).where(Grant.name == name))
    if existing is not None:
        return existing
    return grants.create_grant(
        name=name,
        owner=owner,
        years={y: D(a) for y, a in years.items()},
        user=context["users"][Role.EKONOM],
        **kwargs,
    )


def _decision(context: dict, meeting: str, title: str, fallback: str) -> dict[str, Any]:
    """The meetings demo's decision on the item whose title starts with ``title``, if any."""
    found = context.get("meetings", {}).get(meeting)
    for paragraph in getattr(found, "paragraphs", []):
        if paragraph.title.startswith(title) and paragraph.decision is not None:
            return {"decision": paragraph.decision, "decision_reference": ""}
    return {"decision": None, "decision_reference": fallback}


def _reference(context: dict, meeting: str, title: str, fallback: str) -> str:
    decision = _decision(context, meeting, title, fallback)["decision"]
    return grants.decision_label(decision) if decision is not None else fallback


#: Demo payments dated before their decision or far outside the grant's period: each is
#: recorded with the confirmation and the reason the payment form asks for.
UNUSUAL_DATES = {
    "Rekv 2016-01": "Förskott för första kvartalet enligt ordförandens beslut i väntan på "
    "styrelsens sammanträde; styrelsen fastställde beviljandet 2016-02-25.",
}


def _pay(grant: Grant, year: int, rows: list[tuple[date, int, str]], user: Any) -> None:
    for paid_on, amount, reference in rows:
        reason = UNUSUAL_DATES.get(reference, "") if payments.unusual_date(grant, paid_on) else ""
        payments.record_payment(
            grant,
            year=year,
            amount=D(amount),
            paid_on=paid_on,
            reference=reference,
            user=user,
            covered_from=date(year, (paid_on.month - 1) // 3 * 3 + 1, 1),
            covered_to=_quarter_end(year, paid_on.month),
            date_confirmed=bool(reason),
            date_reason=reason,
        )


def _quarter_end(year: int, month: int) -> date:
    last = (month - 1) // 3 * 3 + 3
    return date(year, last, 30 if last in (6, 9) else 31)


def _outcome(grant: Grant, year: int, amounts: dict[str, int], user: Any) -> None:
    for category, amount in amounts.items():
        outcomes.set_outcome(grant, year=year, category=category, amount=D(amount), user=user)


def _budget(grant: Grant, year: int, amounts: dict[str, int], *, replace: bool = False) -> None:
    if not replace and any(line.year == year for line in grant.budget_lines):
        return  # copied from the application when the meetings demo created the grant
    for category, amount in amounts.items():
        outcomes.set_budget(grant, year=year, category=category, amount=D(amount))


def _report(grant: Grant, due: date, submitted: datetime, user: Any, **counts: Any) -> None:
    report = next(r for r in reports.reports_for(grant) if r.due_on == due)
    content = reports.ReportContent(**counts)
    reports.submit_report(report, content, user=user)
    report.submitted_at = submitted


def _staff(
    grant: Grant,
    person: str,
    employer: Any,
    percent: int,
    start: date,
    end: date,
    salary: int,
    po: str,
) -> None:
    staffing_overview.save_allocation(
        grant,
        None,
        person=person,
        employer=employer,
        percent=D(percent),
        start_on=start,
        end_on=end,
        annual_salary=D(salary),
        po_rate=D(po),
    )


def seed(context: dict) -> None:
    """The grants, their payments, outcomes, reports and staff."""
    orgs, users = context["orgs"], context["users"]
    ekonom, owner_user = users[Role.EKONOM], users[Role.PROJEKTAGARE]
    made: dict[str, Grant] = {}

    evi = _grant(
        context,
        "En väg in – processledare 2016",
        orgs["Ludvika"],
        {2016: 512_000},
        conditions="Slutrapport senast 2017-02-28. Medel som inte används återbetalas.",
        report_dates=[("final", date(2017, 2, 28))],
        insats_type="structural",
        period_start=date(2016, 1, 1),
        period_end=date(2016, 12, 31),
        decision_reference="§ 7, Sammanträde 1/2016",
    )
    # The förbund's 512 000 kr pays the processledare, travel and material; premises and the
    # licence are paid by the parties (co-financing), so the ekonom sets them to 0 here.
    _budget(
        evi,
        2016,
        {"personnel": 505_379, "premises": 0, "travel": 4_000, "material": 2_621, "other": 0},
        replace=True,
    )
    _pay(
        evi,
        2016,
        [
            (date(2016, 3, 15), 128_000, "Rekv 2016-01"),
            (date(2016, 4, 15), 128_000, "Rekv 2016-02"),
            (date(2016, 7, 15), 128_000, "Rekv 2016-03"),
            (date(2016, 10, 14), 128_000, "Rekv 2016-04"),
        ],
        ekonom,
    )
    _outcome(evi, 2016, {"personnel": 505_379, "travel": 3_650, "material": 2_971}, ekonom)
    _report(
        evi,
        date(2017, 2, 28),
        datetime(2017, 2, 20, 10, tzinfo=UTC),
        ekonom,
        period_start=date(2016, 1, 1),
        period_end=date(2016, 12, 31),
        participants_started=46,
        participants_ended=12,
        to_work=5,
        to_studies=3,
        to_other_support=3,
        to_other=1,
        outcome_year=2016,
        narrative="En väg in öppnade 2016-10-03 i Ludvika och Smedjebacken. Målet om "
        "kontakt inom två veckor nåddes för 41 av 46 personer.",
    )
    reports.close_grant(evi, user=ekonom)
    made[evi.name] = evi

    vagen = _grant(
        context,
        "Vägen in",
        orgs["AME"],
        {2025: 620_000, 2026: 640_000},
        conditions="Lägesrapport varje år i augusti, slutrapport februari 2027.",
        report_dates=[
            ("status", date(2025, 8, 31)),
            ("status", date(2026, 8, 31)),
            ("final", date(2027, 2, 28)),
        ],
        insats_type="individual",
        decision_reference="§ 31, Sammanträde 5/2024",
    )
    _budget(
        vagen,
        2025,
        {"personnel": 552_000, "premises": 36_000, "travel": 14_000, "material": 18_000},
    )
    _budget(
        vagen,
        2026,
        {"personnel": 570_000, "premises": 36_000, "travel": 14_000, "material": 20_000},
    )
    _pay(
        vagen,
        2025,
        [
            (date(2025, m, 10), 155_000, f"Rekv V-2025-{i}")
            for i, m in enumerate((1, 4, 7, 10), start=1)
        ],
        ekonom,
    )
    _pay(
        vagen,
        2026,
        [
            (date(2026, m, 10), 160_000, f"Rekv V-2026-{i}")
            for i, m in enumerate((1, 4, 7), start=1)
        ],
        ekonom,
    )
    mistake = payments.record_payment(
        vagen,
        year=2026,
        amount=D(16_000),
        paid_on=date(2026, 7, 14),
        reference="Faktura 4471",
        user=ekonom,
    )
    payments.record_payment(
        vagen,
        year=2026,
        amount=D(-16_000),
        paid_on=date(2026, 7, 20),
        reference="Faktura 4471",
        corrects=mistake,
        user=ekonom,
        reason="Fakturan hörde till Trisam, inte Vägen in.",
    )
    _outcome(
        vagen,
        2025,
        {"personnel": 540_000, "premises": 36_000, "travel": 12_500, "material": 18_000},
        owner_user,
    )
    _outcome(vagen, 2026, {"personnel": 398_000, "premises": 27_000, "travel": 8_200}, owner_user)
    for due, started, ended, work, studies, text in (
        (date(2025, 8, 31), 24, 6, 3, 1, "Första halvåret: 24 deltagare har börjat."),
        (date(2026, 8, 31), 31, 17, 8, 3, "Fler har gått vidare till arbete än planerat."),
    ):
        _report(
            vagen,
            due,
            datetime(due.year, 8, 28, 9, tzinfo=UTC),
            owner_user,
            period_start=date(due.year, 1, 1),
            period_end=date(due.year, 6, 30),
            participants_started=started,
            participants_ended=ended,
            to_work=work,
            to_studies=studies,
            to_other_support=1,
            to_other=1,
            narrative=text,
        )
    _staff(
        vagen,
        "Sara Nilsson",
        orgs["AME"],
        75,
        date(2025, 1, 1),
        date(2026, 12, 31),
        456_000,
        "44.53",
    )
    _staff(
        vagen, "Peter Ek", orgs["AME"], 50, date(2025, 1, 1), date(2026, 12, 31), 432_000, "44.53"
    )
    made[vagen.name] = vagen

    trisam = _grant(
        context,
        "Trisam – samverkansteam",
        orgs["IFO"],
        {2025: 480_000, 2026: 500_000},
        conditions="Lägesrapport 30 september varje år.",
        report_dates=[
            ("status", date(2025, 9, 30)),
            ("status", date(2026, 9, 30)),
            ("final", date(2027, 2, 28)),
        ],
        insats_type="structural",
        decision_reference="§ 32, Sammanträde 5/2024",
    )
    for year, personnel in ((2025, 440_000), (2026, 458_000)):
        _budget(trisam, year, {"personnel": personnel, "travel": 10_000, "other": 30_000})
    _pay(
        trisam,
        2025,
        [
            (date(2025, 2, 3), 240_000, "Rekv T-2025-1"),
            (date(2025, 8, 4), 240_000, "Rekv T-2025-2"),
        ],
        ekonom,
    )
    _pay(trisam, 2026, [(date(2026, 2, 2), 250_000, "Rekv T-2026-1")], ekonom)
    # 30 000 kr unused in 2025, which the board lets Trisam use in 2026 (§ 8, 1/2026)
    _outcome(trisam, 2025, {"personnel": 411_000, "travel": 9_000, "other": 30_000}, ekonom)
    outcomes.set_carry_over(
        trisam,
        2025,
        carry_over=True,
        reference=_reference(context, "1/2026", "Trisam – överföring", "§ 8, Sammanträde 1/2026"),
    )
    for due, submitted, text in (
        (
            date(2025, 9, 30),
            datetime(2025, 9, 29, 14, tzinfo=UTC),
            "Teamen i Ludvika och Smedjebacken arbetar med gemensamma rutiner.",
        ),
        (  # noted by the board at § 44, meeting 4/2026
            date(2026, 9, 30),
            datetime(2026, 9, 28, 11, tzinfo=UTC),
            "Rutinerna används nu av alla vårdcentraler i Ludvika och Smedjebacken.",
        ),
    ):
        _report(
            trisam,
            due,
            submitted,
            owner_user,
            period_start=date(due.year, 1, 1),
            period_end=date(due.year, 8, 31),
            participants_started=0,
            participants_ended=0,
            narrative=text,
        )
    _staff(
        trisam,
        "Sara Nilsson",
        orgs["AME"],
        40,
        date(2026, 1, 1),
        date(2026, 12, 31),
        456_000,
        "44.53",
    )
    _staff(
        trisam,
        "Lina Berg",
        orgs["IFO"],
        100,
        date(2025, 1, 1),
        date(2026, 12, 31),
        468_000,
        "44.53",
    )
    made[trisam.name] = trisam

    coach = _grant(
        context,
        "Kvinnocoacher för arbetsåtergång",
        orgs["Region"],
        {2026: 350_000},
        conditions="Lägesrapport i december.",
        report_dates=[("status", date(2026, 12, 15)), ("final", date(2027, 3, 31))],
        insats_type="individual",
        period_start=date(2026, 3, 1),
        period_end=date(2027, 2, 28),
        **_decision(context, "1/2026", "Kvinnocoacher", "§ 4, Sammanträde 1/2026"),
    )
    # The supplement at § 40, 4/2026 added 50 000 kr (the meetings demo amended the grant).
    _budget(coach, 2026, {"personnel": 365_000, "travel": 15_000, "material": 20_000}, replace=True)
    _pay(coach, 2026, [(date(2026, 3, 16), 175_000, "Rekv K-2026-1")], ekonom)
    _staff(
        coach,
        "Maria Sund",
        orgs["Region"],
        50,
        date(2026, 3, 1),
        date(2027, 2, 28),
        480_000,
        "52.28",
    )
    made[coach.name] = coach

    own = _grant(
        context,
        "Processledare – förbundets egen insats",
        grants.forbund_organisation(),
        {2025: 560_000, 2026: 580_000},
        conditions="Förbundet anställer en processledare på heltid.",
        report_dates=[("status", date(2026, 1, 31)), ("final", date(2027, 1, 31))],
        insats_type="own",
        decision_reference="§ 5, Sammanträde 1/2025",
    )
    own.insats_type = "own"  # the förbund employs the processledare itself
    for year, personnel in ((2025, 548_000), (2026, 566_000)):
        _budget(own, year, {"personnel": personnel, "travel": 12_000})
    _pay(
        own,
        2025,
        [
            (date(2025, m, 25), 140_000, f"Lön Q{i} 2025")
            for i, m in enumerate((3, 6, 9, 12), start=1)
        ],
        ekonom,
    )
    _pay(
        own,
        2026,
        [(date(2026, m, 25), 145_000, f"Lön Q{i} 2026") for i, m in enumerate((3, 6, 9), start=1)],
        ekonom,
    )
    _outcome(own, 2025, {"personnel": 548_000, "travel": 12_000}, ekonom)
    _staff(
        own,
        "Karin Åberg",
        grants.forbund_organisation(),
        100,
        date(2025, 1, 1),
        date(2026, 12, 31),
        540_000,
        "44.53",
    )
    made[own.name] = own

    context["grants"] = made
