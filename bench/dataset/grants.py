"""Rows of one grant of the large data set: its years and history, budget, payments
(never more than granted per year), outcomes, reports and staff."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bench.dataset.values import CATEGORIES, D, at, month_add


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
        closed_at=at(end + timedelta(days=120)) if closed else None,
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
            at=at(on + timedelta(days=7)),
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
                covered_to=min(month_add(quarter, 3) - timedelta(days=1), date(y, 12, 31)),
                reference=f"Faktura {grant}-{k + 1}",
                reason="",
                corrects_id=None,
                created_by_id=g.ekonom,
                created_at=at(paid),
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
            submitted_at=at(due) if done else None,
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
