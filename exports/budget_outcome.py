"""Budget against outcome (budget mot utfall): per grant year by year, and per year.

Built from the comparisons the grant pages show
(``app.services.grants.figures.budget_vs_outcome`` and
``app.services.grants.register.register_comparisons``), free of Flask.
Difference is budget minus outcome: positive means under budget. Unspent money
of a finished year is to be repaid (återbetalning) unless the board let it carry over.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .workbook import Column, Formula, Sheet, frame_of

CATEGORY_SV = {
    "personnel": "Personal",
    "premises": "Lokaler",
    "travel": "Resor",
    "material": "Material och IT",
    "evaluation": "Utvärdering",
    "other": "Övriga kostnader",
}
ZERO = Decimal("0.00")

CATEGORY_COLUMNS = [
    Column("year", "År", "year"),
    Column("category", "Kostnadsslag"),
    Column("budget", "Budget", "money"),
    Column("outcome", "Utfall", "money"),
    Column("difference", "Differens", "money"),
]
YEAR_COLUMNS = [
    Column("year", "År", "year"),
    Column("granted", "Beviljat", "money"),
    Column("paid", "Utbetalt", "money"),
    Column("budget", "Budget", "money"),
    Column("outcome", "Utfall", "money"),
    Column("difference", "Differens", "money"),
    Column("to_repay", "Att återbetala", "money"),
    Column("carried_over", "Överfört", "money"),
    Column("carry_reference", "Beslut om överföring"),
]
GRANT_COLUMNS = [
    Column("name", "Insats"),
    Column("owner", "Projektägare"),
    *YEAR_COLUMNS[1:],
]
TOTAL_COLUMNS = [c for c in CATEGORY_COLUMNS if c.key != "year"]


def _money_row(figures: Any) -> dict[str, Any]:
    return {
        "granted": figures.granted,
        "paid": figures.paid,
        "budget": figures.budget,
        "outcome": figures.outcome,
        "difference": Formula("={budget}{row}-{outcome}{row}", figures.budget - figures.outcome),
        "to_repay": figures.to_repay,
        "carried_over": figures.carried_over,
        "carry_reference": figures.carry_over_reference,
    }


def category_records(comparisons: Sequence[Any]) -> list[dict[str, Any]]:
    """Budget, outcome and difference per year and category (rows of ``CATEGORY_COLUMNS``)."""
    return [
        {
            "year": c.figures.year,
            "category": CATEGORY_SV.get(r.category, r.category),
            "budget": r.budget,
            "outcome": r.outcome,
            "difference": Formula("={budget}{row}-{outcome}{row}", r.difference),
        }
        for c in comparisons
        for r in c.rows
    ]


def grant_sheets(name: str, comparisons: Sequence[Any]) -> list[Sheet]:
    """One grant: categories year by year, and the money trail per year."""
    categories = category_records(comparisons)
    years = [{"year": c.figures.year} | _money_row(c.figures) for c in comparisons]
    return [
        Sheet(
            "Per kostnadsslag",
            frame_of(categories, CATEGORY_COLUMNS),
            list(CATEGORY_COLUMNS),
            heading=f"{name}: budget mot utfall",
            total_row=True,
            landscape=False,
        ),
        Sheet(
            "Per år",
            frame_of(years, YEAR_COLUMNS),
            list(YEAR_COLUMNS),
            heading=f"{name}: beviljat, utbetalt och utfall per år",
            total_row=True,
        ),
    ]


def year_sheets(year: int, register: Any, comparisons: Mapping[int, Sequence[Any]]) -> list[Sheet]:
    """Every grant with money in ``year``, and the year's categories over all grants."""
    grants = []
    totals: dict[str, list[Decimal]] = {}
    for row in register.rows:
        figures = row.years.get(year)
        if figures is None:
            continue
        grants.append({"name": row.grant.name, "owner": row.grant.owner.name} | _money_row(figures))
        for comparison in comparisons.get(row.grant.id, []):
            if comparison.figures.year != year:
                continue
            for r in comparison.rows:
                budget, outcome = totals.setdefault(r.category, [ZERO, ZERO])
                totals[r.category] = [budget + r.budget, outcome + r.outcome]
    categories = [
        {
            "category": CATEGORY_SV.get(key, key),
            "budget": b,
            "outcome": o,
            "difference": Formula("={budget}{row}-{outcome}{row}", b - o),
        }
        for key in CATEGORY_SV
        if key in totals
        for b, o in [totals[key]]
    ]
    return [
        Sheet(
            f"Insatser {year}",
            frame_of(grants, GRANT_COLUMNS),
            list(GRANT_COLUMNS),
            heading=f"Budget mot utfall {year} per insats",
            total_row=True,
        ),
        Sheet(
            "Per kostnadsslag",
            frame_of(categories, TOTAL_COLUMNS),
            list(TOTAL_COLUMNS),
            heading=f"Budget mot utfall {year} per kostnadsslag",
            total_row=True,
            landscape=False,
        ),
    ]
