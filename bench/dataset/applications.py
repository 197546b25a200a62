"""Rows of one application of the large data set: budget per year, parties, status
history, its § and decision, and (when granted) the grant, through bench/dataset/grants.py.

Each function takes the running ``Generator`` (its random source, writer and counters).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bench.dataset.grants import grant_rows
from bench.dataset.values import (
    COST_CATEGORIES,
    INSATS_TYPES,
    NAMES,
    PEOPLE,
    PLACES,
    ROLES,
    TEXT_FIELDS,
    D,
    at,
    kr,
    month_add,
)


def application_rows(g: Any, year: int, meeting_id: int, on: date, held: bool, pos: int) -> None:
    """An application with budget per year, its § and decision, and the grant if granted."""
    rng, w = g.rng, g.w
    submitted = max(date(year, 1, 2), on - timedelta(days=rng.randint(20, 60)))
    g.seq[year] = seq = g.seq.get(year, 0) + 1
    start = month_add(on, 1)
    months = rng.choice((6, 12, 12, 18, 24, 24, 36))
    end = month_add(start, months) - timedelta(days=1)
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
    decided = at(on) if outcome else None
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
        submitted_at=at(submitted),
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
            at=at(min(day, on + timedelta(days=7))),
            note="",
        )
    pid = g.paragraph(
        year, meeting_id, on, held, pos, "application", f"{title} ({year}/{seq:03d})", app_id
    )
    if not outcome:
        return
    factor = D(1) if outcome == "granted" else D(rng.choice(("0.6", "0.7", "0.8")))
    amounts = {y: kr(float(requested[y] * factor), 1000) for y in years}
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
        acted_at=at(on + timedelta(days=7)),
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
            amount = kr(rng.randint(10_000, 150_000) * share)
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
            percent, salary = D(rng.choice((25, 50, 75, 100))), kr(rng.randint(360, 540), 1) * 1000
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
            amount = kr(float(cost) * rng.uniform(0.03, 0.1))
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
        requested[y] = kr(float(max(cost - cash, cost / 2)), 1000)
    return budget, requested, staff
