"""Rows of one year's money in the large data set: member contributions (50 % FK,
25 % region, 25 % the kommuner), equity and two cost splits."""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.dataset.values import D, kr


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
        total_split = kr(rng.randint(20_000, 200_000), 1000)
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
