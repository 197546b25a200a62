"""Rows of the large data set per area, for bench/dataset.py (which owns the run).

Each function takes the running ``Generator`` (its random source, writer and
counters) and queues the rows of one application (with its decision and grant),
one year's plan and follow-up, or one year's contributions and cost splits.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from bench.dataset import (
    CATEGORIES,
    COST_CATEGORIES,
    NAMES,
    PEOPLE,
    PLACES,
    ROLES,
    TEXT_FIELDS,
)

D = Decimal
INSATS_TYPES = ("prestudy", "project", "project", "individual", "individual", "structural")


def _month_add(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _kr(value: float, unit: int = 100) -> Decimal:
    return D(max(unit, round(value / unit) * unit))


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def application_rows(g: Any, year: int, meeting_id: int, on: date, held: bool, pos: int) -> None:
    """An application with budget per year, its § and decision, and the grant if granted."""
    rng, w = g.rng, g.w
    submitted = max(date(year, 1, 2), on - timedelta(days=rng.randint(20, 60)))
    g.seq[year] = seq = g.seq.get(year, 0) + 1
    start = _month_add(on, 1)
    months = rng.choice((6, 12, 12, 18, 24, 24, 36))
    end = _month_add(start, months) - timedelta(days=1)
    years = list(range(start.year, end.year + 1))
    owner = rng.choice(g.owners)
    title = f"{rng.choice(NAMES)} {rng.choice(PLACES)} {year}"
    insats = rng.choice(INSATS_TYPES)
    parents = g.__dict__.setdefault("app_ids", [])
    parent = rng.choice(parents) if parents and rng.random() < 0.15 else None
    app_id = w.reserve("application")
    texts = {f: g.text(rng.randint(2, 4)) for f in TEXT_FIELDS}
    budget, requested, lines = _budget(g, app_id, owner, years, start, end, insats, submitted)
    if held and g.grants_left > 0 and rng.random() < g.grants_left / max(1, g.apps_left):
        outcome = "granted" if rng.random() < 0.87 else "partly_granted"
    elif held:
        outcome = rng.choices(("rejected", "referred_back", "postponed"), (70, 15, 15))[0]
    else:
        outcome = None
    g.apps_left -= 1 if held else 0
    status = outcome or "proposed"
    if outcome in ("granted", "partly_granted"):
        if end < g.today:
            status = "closed"
        elif start <= g.today:
            status = "in_progress"
    decided = _at(on) if outcome else None
    w.add(
        "application",
        id=app_id,
        registry_year=year,
        registry_seq=seq,
        registry_number=f"{year}/{seq:03d}",
        title=title,
        kind="extension" if parent else "new",
        parent_id=parent,
        insats_type=insats,
        owner_id=owner,
        contact_name=rng.choice(PEOPLE),
        contact_email=f"kontakt{app_id}@example.se",
        contact_phone="0240-123 45",
        period_start=start,
        period_end=end,
        status=status,
        submitted_at=_at(submitted),
        decided_at=decided,
        assessment=g.text(2),
        proposal_text="Förbundschefen föreslår att styrelsen beviljar medel enligt ansökan.",
        sus_registered=insats == "individual",
        created_by_id=g.chef,
        updated_by_id=g.chef,
        version=1,
        _day=submitted,
        **texts,
    )
    parents.append(app_id)
    for org in rng.sample([m for m in g.members if m != owner], rng.randint(1, 2)):
        w.add(
            "application_party",
            application_id=app_id,
            organisation_id=org,
            contact_name=rng.choice(PEOPLE),
            contact_email="",
        )
    for y in years:
        w.add("application_proposed_amount", application_id=app_id, year=y, amount=requested[y])
        if insats == "individual":
            w.add(
                "application_participants",
                application_id=app_id,
                year=y,
                planned=rng.randint(10, 60),
            )
    steps = [
        (None, "submitted", submitted),
        ("submitted", "in_preparation", submitted + timedelta(days=3)),
        ("in_preparation", "proposed", on - timedelta(days=10)),
    ]
    if outcome:
        steps.append(("proposed", outcome, on + timedelta(days=7)))
    for before, after, day in steps:
        w.add(
            "status_change",
            application_id=app_id,
            from_status=before,
            to_status=after,
            user_id=g.chef,
            at=_at(min(day, on + timedelta(days=7))),
            note="",
        )
    pid = g.paragraph(
        year, meeting_id, on, held, pos, "application", f"{title} ({year}/{seq:03d})", app_id
    )
    if not outcome:
        return
    factor = D(1) if outcome == "granted" else D(rng.choice(("0.6", "0.7", "0.8")))
    amounts = {y: _kr(float(requested[y] * factor), 1000) for y in years}
    grants = outcome in ("granted", "partly_granted")
    decision = w.add(
        "decision",
        paragraph_id=pid,
        application_id=app_id,
        outcome=outcome,
        text="Styrelsen beslutar enligt förslaget.",
        reasons="" if grants else g.text(1),
        report_dates=[{"kind": "final", "due": (end + timedelta(days=60)).isoformat()}]
        if grants
        else [],
        decided_on=on,
        acted_at=_at(on + timedelta(days=7)),
        _day=on,
    )
    if grants:
        for y in years:
            w.add("decision_year", decision_id=decision, year=y, amount=amounts[y])
        reference = f"§ {g.paragraph_no[year]}, Sammanträde {g.meeting_no[year]}/{year}"
        grant_rows(
            g,
            app_id,
            decision,
            reference,
            title,
            owner,
            insats,
            start,
            end,
            amounts,
            budget,
            lines,
            on,
        )


def _budget(
    g: Any,
    app_id: int,
    owner: int,
    years: list[int],
    start: date,
    end: date,
    insats: str,
    day: date,
) -> tuple[Any, dict[int, Decimal], list[Any]]:
    """Cost, staff and co-financing lines per year; budget per (year, category) and request."""
    rng, w = g.rng, g.w
    budget: dict[tuple[int, str], Decimal] = defaultdict(D)
    requested: dict[int, Decimal] = {}
    staff = []
    for y in years:
        first, last = max(start, date(y, 1, 1)), min(end, date(y, 12, 31))
        months = max(1, (last.year - first.year) * 12 + last.month - first.month + 1)
        share = months / 12
        cost = D(0)
        for category in rng.sample(COST_CATEGORIES, rng.randint(3, 5)):
            amount = _kr(rng.randint(10_000, 150_000) * share)
            w.add(
                "budget_line",
                application_id=app_id,
                year=y,
                category=category,
                description=category.capitalize(),
                amount=amount,
            )
            budget[(y, category)] += amount
            cost += amount
        for i in range(rng.randint(1, 3)):
            person, role = PEOPLE[(app_id + i) % len(PEOPLE)], ROLES[i % len(ROLES)]
            percent, salary = D(rng.choice((25, 50, 75, 100))), _kr(rng.randint(360, 540), 1) * 1000
            po = D("31.42")
            w.add(
                "staff_line",
                application_id=app_id,
                year=y,
                role=role,
                person=person,
                employer_id=owner,
                percent=percent,
                hours_per_week=None,
                annual_salary=salary,
                po_rate=po,
                months=months,
            )
            staff_cost = (percent / 100 * salary * (1 + po / 100) * months / 12).quantize(D(1))
            budget[(y, "personnel")] += staff_cost
            cost += staff_cost
            staff.append((person, percent, salary, po, owner))
        cash = D(0)
        for org in rng.sample(g.members, rng.randint(1, 2)) + (
            [g.esf] if rng.random() < 0.1 else []
        ):
            kind = "cash" if org == g.esf or rng.random() < 0.5 else "in_kind"
            amount = _kr(float(cost) * rng.uniform(0.03, 0.1))
            cash += amount if kind == "cash" else 0
            w.add(
                "co_financing",
                application_id=app_id,
                year=y,
                organisation_id=org,
                kind=kind,
                description="Medfinansiering",
                amount=amount,
            )
        requested[y] = _kr(float(max(cost - cash, cost / 2)), 1000)
    return budget, requested, staff


def grant_rows(
    g: Any,
    app_id: int,
    decision: int,
    reference: str,
    name: str,
    owner: int,
    insats: str,
    start: date,
    end: date,
    amounts: dict[int, Decimal],
    budget: dict[tuple[int, str], Decimal],
    staff: list[Any],
    on: date,
) -> None:
    """The grant, its years and history, payments (≤ granted per year), outcomes, reports."""
    rng, w, today = g.rng, g.w, g.today
    g.grants_left -= 1
    closed = end + timedelta(days=120) < today
    grant = w.add(
        "funding_grant",
        name=name,
        owner_id=owner,
        application_id=app_id,
        decision_id=decision,
        insats_type=insats,
        period_start=start,
        period_end=end,
        conditions="Lägesrapport varje år och slutrapport.",
        decision_reference=reference,
        status="closed" if closed else "active",
        closed_at=_at(end + timedelta(days=120)) if closed else None,
        closed_by_id=g.ekonom if closed else None,
        created_by_id=g.ekonom,
        _day=on,
    )
    for y, amount in amounts.items():
        g.grants_by_year[y].append((grant, name))
        w.add("grant_year", grant_id=grant, year=y, amount=amount, carry_over=False, _day=on)
        w.add(
            "grant_change",
            grant_id=grant,
            decision_id=decision,
            decision_reference=reference,
            kind="decision",
            year=y,
            amount_before=None,
            amount_after=amount,
            note="",
            user_id=g.ekonom,
            at=_at(on + timedelta(days=7)),
        )
    for (y, category), amount in sorted(budget.items()):
        w.add("grant_budget", grant_id=grant, year=y, category=category, amount=amount, _day=on)
    started = [y for y in amounts if max(start, date(y, 1, 1)) <= today]
    quota = g.quota("payments")
    n_years = max(1, len(started))
    per_year = [quota // n_years + (i < quota % n_years) for i in range(len(started))]
    made = 0
    for y, n in zip(started, per_year, strict=True):
        first, last = max(start, date(y, 1, 1)), min(end, date(y, 12, 31), today)
        span = (last - first).days
        if n == 0 or span < 0:
            continue
        if min(end, date(y, 12, 31)) < today:
            share = rng.uniform(0.85, 1.0)
        else:
            share = 0.9 * (today - date(y, 1, 1)).days / 365
        total = int(amounts[y] * D(str(round(share, 3))))
        if total < 1000:
            continue
        cuts = sorted(rng.sample(range(1, total), n - 1)) if total > n else []
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)] or [total]
        for k, amount in enumerate(parts):
            paid = first + timedelta(days=span * (k + 1) // (len(parts) + 1))
            quarter = date(y, (paid.month - 1) // 3 * 3 + 1, 1)
            w.add(
                "payment",
                grant_id=grant,
                year=y,
                paid_on=paid,
                amount=D(amount),
                covered_from=quarter,
                covered_to=min(_month_add(quarter, 3) - timedelta(days=1), date(y, 12, 31)),
                reference=f"Faktura {grant}-{k + 1}",
                reason="",
                corrects_id=None,
                created_by_id=g.ekonom,
                created_at=_at(paid),
            )
            made += 1
    g.made["payments"] += made
    slots = [(y, c) for y in started for c in CATEGORIES if (y, c) in budget]
    chosen = sorted(rng.sample(slots, min(g.quota("outcomes"), len(slots))))
    g.made["outcomes"] += len(chosen)
    for y, category in chosen:
        w.add(
            "outcome",
            grant_id=grant,
            year=y,
            category=category,
            comment="",
            amount=(budget[(y, category)] * D(str(round(rng.uniform(0.6, 1.1), 2)))).quantize(
                D("0.01")
            ),
            reported_by_id=g.ekonom,
            _day=date(y, 12, 31),
        )
    for kind, due, y in [("status", date(y + 1, 1, 31), y) for y in started[:-1]] + [
        ("final", end + timedelta(days=60), end.year)
    ]:
        done = due < today and rng.random() < 0.9
        w.add(
            "project_report",
            grant_id=grant,
            kind=kind,
            due_on=due,
            period_start=start,
            period_end=min(end, date(y, 12, 31)),
            participants_started=rng.randint(5, 40) if done else 0,
            participants_ended=0,
            to_work=rng.randint(0, 5) if done else 0,
            to_studies=0,
            to_other_support=0,
            to_other=0,
            outcome_year=y,
            narrative=g.text(3) if done else "",
            submitted_at=_at(due) if done else None,
            _day=due if done else on,
        )
    person, percent, salary, po, employer = staff[0]
    w.add(
        "staff_allocation",
        grant_id=grant,
        person=person,
        employer_id=employer,
        percent=percent,
        start_on=start,
        end_on=end,
        annual_salary=salary,
        po_rate=po,
        _day=on,
    )


def plan_rows(g: Any, year: int, paragraphs: dict[tuple[str, str], tuple[int, date]]) -> None:
    """The year's plan (when the demo has none): goals, indicators, lines, insatser, follow-up."""
    if year in g.plan_years:
        return
    rng, w = g.rng, g.w
    adopted = paragraphs.get(("plan", f"Verksamhetsplan {year}"))
    focus = ("Unga till arbete", "Hälsa och arbete", "Samverkan och struktur")
    plan = w.add(
        "plan",
        year=year,
        version=1,
        title=f"Verksamhetsplan {year}",
        vision="Alla som behöver samordnat stöd får det.",
        focus_areas="\n".join(focus),
        governance=g.text(2),
        adopted_paragraph_id=adopted[0] if adopted else None,
        adopted_on=adopted[1] if adopted else None,
        _day=date(year, 1, 15),
    )
    goals, indicators = [], []
    for i in range(5):
        goal = w.add(
            "plan_goal",
            plan_id=plan,
            position=i,
            title=f"Mål {i + 1}: {g.text(1)}",
            description=g.text(2),
            focus_area=focus[i % 3],
        )
        goals.append(goal)
        for j in range(3):
            indicators.append(
                w.add(
                    "indicator",
                    goal_id=goal,
                    key=f"{rng.getrandbits(128):032x}",
                    position=j,
                    name=f"Andel deltagare i steg {j + 1}",
                    unit="%",
                    baseline=D(rng.randint(10, 40)),
                    target=D(rng.randint(40, 70)),
                    how_measured="SUS",
                )
            )
    lines = []
    for i, (category, name) in enumerate(
        (
            ("other_income", "Räntor"),
            ("kansli", "Kansli"),
            ("styrelse", "Styrelse"),
            ("revision", "Revision"),
            ("evaluation", "Utvärdering"),
            ("reserve", "Reserv"),
            ("other_cost", "Övrigt"),
        )
    ):
        amount = _kr(rng.randint(50_000, 900_000), 1000)
        lines.append(
            (
                w.add(
                    "plan_budget_line",
                    plan_id=plan,
                    category=category,
                    name=name,
                    amount=amount,
                    derived=False,
                    position=i,
                ),
                amount,
            )
        )
    active = g.grants_by_year.get(year, [])
    for grant, name in rng.sample(active, min(12, len(active))):
        w.add(
            "plan_insats",
            plan_id=plan,
            goal_id=rng.choice(goals),
            grant_id=grant,
            name=name,
            kind="individual",
            note="",
        )
    for kind, end in (
        ("tertial1", date(year, 4, 30)),
        ("delar", date(year, 8, 31)),
        ("helar", date(year, 12, 31)),
    ):
        if (year, kind) in g.periods or end > g.today:
            continue
        found = paragraphs.get(("report", f"Uppföljning {kind} {year}"))
        period = w.add(
            "follow_up_period",
            plan_id=plan,
            year=year,
            kind=kind,
            end_date=end,
            summary=g.text(3),
            adopted_paragraph_id=found[0] if found else None,
            adopted_on=found[1] if found else None,
            _day=end,
        )
        for indicator in indicators:
            w.add(
                "indicator_follow_up",
                period_id=period,
                indicator_id=indicator,
                actual=D(rng.randint(10, 70)),
                comment="",
                status=rng.choices(("on_track", "at_risk", "off_track"), (6, 3, 1))[0],
            )
        for line, amount in lines:
            w.add(
                "follow_up_budget",
                period_id=period,
                budget_line_id=line,
                comment="",
                actual=_kr(float(amount) * end.month / 12 * rng.uniform(0.8, 1.1)),
                forecast=_kr(float(amount) * rng.uniform(0.9, 1.1)),
            )


def contribution_rows(g: Any, year: int) -> None:
    """Member contributions (50 % FK, 25 % region, 25 % the kommuner) and two cost splits."""
    rng, w = g.rng, g.w
    total = D(4_000_000 + 100_000 * (year - 2007))
    if year not in g.contribution_years:
        cy = w.add(
            "contribution_year",
            year=year,
            total=total,
            kommun_key="equal",
            insatser_budget=total * D("0.8"),
            note="",
            _day=date(year, 1, 1),
        )
        kinds = dict(g.member_kinds)
        kommuner = [m for m in g.members if kinds[m] == "kommun"]
        for member in g.members:
            share = {"fk": D("0.5"), "region": D("0.25")}.get(kinds[member], D(0))
            amount = total * share if kinds[member] != "kommun" else total / 4 / len(kommuner)
            w.add(
                "contribution_share",
                year_id=cy,
                organisation_id=member,
                key_percent=None,
                amount=amount.quantize(D("0.01")),
            )
    if year not in g.equity_years:
        w.add(
            "equity_year",
            year=year,
            amount=total * D(str(round(rng.uniform(0.1, 0.3), 2))),
            note="Enligt årsredovisningen",
            _day=date(year + 1, 3, 1),
        )
    for name in ("Gemensam lokal", "Utbildningsdag"):
        total_split = _kr(rng.randint(20_000, 200_000), 1000)
        split = w.add(
            "cost_split",
            name=f"{name} {year}",
            description="",
            first_year=year,
            last_year=year,
            total=total_split,
            rule="equal",
            kommun_key="population",
            unit=D(1),
            _day=date(year, 2, 1),
        )
        each = (total_split / len(g.members)).quantize(D(1))
        for i, member in enumerate(g.members):
            amount = each if i else total_split - each * (len(g.members) - 1)
            w.add("cost_split_party", split_id=split, organisation_id=member, position=i)
            w.add(
                "cost_split_part",
                split_id=split,
                organisation_id=member,
                year=year,
                position=i,
                amount=amount,
            )
