"""Rows of one year's plan in the large data set: goals, indicators, budget lines,
insatser and the follow-up periods already over."""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.dataset.values import D, kr


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
        amount = kr(rng.randint(50_000, 900_000), 1000)
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
                actual=kr(float(amount) * end.month / 12 * rng.uniform(0.8, 1.1)),
                forecast=kr(float(amount) * rng.uniform(0.9, 1.1)),
            )
