"""The grant register workbook (bidragsregister): every grant per year, and totals per year.

Built from the register the grants page shows (``app.services.grants.register.register``,
or anything with the same attributes), free of Flask. A Swedish document:
titles and labels are Swedish whatever the reader's UI language.

* "Bidragsregister": one row per grant and year with decision, owner, period,
  granted, paid, remaining and outcome, and a "Summa" row (SUM formulas).
* "Per år": granted, paid, remaining and outcome per year, with a "Summa" row.
"""

from __future__ import annotations

from typing import Any

from .workbook import Column, Sheet, frame_of

TITLE = "Bidragsregister"
TYPE_SV = {
    "prestudy": "Förstudie",
    "project": "Projekt",
    "individual": "Individinriktad",
    "structural": "Strukturinriktad",
    "implementation": "Implementering",
    "own": "Förbundets egen insats",
}
STATUS_SV = {"active": "Pågående", "closed": "Avslutad"}

REGISTER_COLUMNS = [
    Column("name", "Insats"),
    Column("decision", "Beslut"),
    Column("owner", "Projektägare"),
    Column("type", "Insatstyp"),
    Column("status", "Status"),
    Column("start", "Period från", "date"),
    Column("end", "Period till", "date"),
    Column("year", "År", "year"),
    Column("granted", "Beviljat", "money"),
    Column("paid", "Utbetalt", "money"),
    Column("remaining", "Kvar att betala", "money"),
    Column("outcome", "Utfall", "money"),
    Column("conditions", "Villkor", width=40),
]
YEAR_COLUMNS = [
    Column("year", "År", "year"),
    Column("granted", "Beviljat", "money"),
    Column("paid", "Utbetalt", "money"),
    Column("remaining", "Kvar att betala", "money"),
    Column("outcome", "Utfall", "money"),
]


def register_records(register: Any) -> list[dict[str, Any]]:
    """One record per grant and year, in the register's order."""
    records = []
    for row in register.rows:
        grant = row.grant
        for year, figures in row.years.items():
            records.append(
                {
                    "name": grant.name,
                    "decision": grant.decision_reference,
                    "owner": grant.owner.name,
                    "type": TYPE_SV.get(grant.insats_type, grant.insats_type),
                    "status": STATUS_SV.get(grant.status, grant.status),
                    "start": grant.period_start,
                    "end": grant.period_end,
                    "year": year,
                    "granted": figures.granted,
                    "paid": figures.paid,
                    "remaining": figures.remaining,
                    "outcome": figures.outcome,
                    "conditions": grant.conditions,
                }
            )
    return records


def register_sheets(register: Any, *, year: int | None = None) -> list[Sheet]:
    """The register and its totals per year."""
    suffix = f" {year}" if year else ""
    years = [
        {
            "year": y,
            "granted": t.granted,
            "paid": t.paid,
            "remaining": t.remaining,
            "outcome": t.outcome,
        }
        for y, t in register.totals.items()
    ]
    return [
        Sheet(
            TITLE,
            frame_of(register_records(register), REGISTER_COLUMNS),
            list(REGISTER_COLUMNS),
            heading=TITLE + suffix,
            total_row=True,
        ),
        Sheet(
            "Per år",
            frame_of(years, YEAR_COLUMNS),
            list(YEAR_COLUMNS),
            heading=f"{TITLE}: summa per år{suffix}",
            total_row=True,
            landscape=False,
        ),
    ]
