"""PO-pålägg per year and kind of employer: data the förbund keeps, never guessed.

PO-pålägg (personalomkostnadspålägg: employer's fees, pension and insurance on top of
salary) differs by year and by kind of employer. SKR publishes the rates for kommuner
and regioner; for state employers (FK, AF) there is no SKR figure and the förbund
enters its own. The rates live in the table ``po_rate`` (one per year and kind,
kept under Inställningar → PO-pålägg), seeded with SKR's published rates
(:data:`SKR_RATES`: the demo, and a button on the page). A year without a rate has none: the
lookup says so (``None``, "ej angivet") and never reuses an earlier year's figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models import PoRate, db

from .staffing import StaffingError, employer_category

HUNDRED = Decimal(100)
EMPLOYERS = ("kommun", "region", "state")
EMPLOYER_LABELS = {
    "kommun": _l("Kommun"),
    "region": _l("Region"),
    "state": _l("State (FK, AF)"),
}
SOURCES = {"skr": _l("SKR"), "forbund": _l("Entered by the förbund")}
#: SKR's published PO-pålägg in percent (docs/money.md, PO-pålägg).
SKR_RATES: dict[str, dict[int, Decimal]] = {
    "kommun": {
        2019: Decimal("39.15"),
        2020: Decimal("40.15"),
        2021: Decimal("40.15"),
        2022: Decimal("39.25"),
        2023: Decimal("44.53"),
    },
    "region": {
        2019: Decimal("46.45"),
        2021: Decimal("46.15"),
        2022: Decimal("45.22"),
        2023: Decimal("52.28"),
    },
}


class PoRateError(StaffingError):
    """A PO-pålägg that cannot be kept (or is missing where a cost needs it)."""


@dataclass(frozen=True)
class YearRates:
    """One year's row of the settings table: a rate (or None) per kind of employer."""

    year: int
    rates: dict[str, PoRate | None]


def rate_row(employer: str, year: int) -> PoRate | None:
    """The stored rate of a kind of employer ('kommun', 'region', 'state') and year."""
    return db.session.scalar(select(PoRate).where(PoRate.year == year, PoRate.employer == employer))


def rate_for(kind: str, year: int) -> Decimal | None:
    """The PO-pålägg for an organisation kind (units follow their kommun) and year; None when
    the förbund has no rate for that year ("ej angivet") — never an earlier year's."""
    row = rate_row(employer_category(kind), year)
    return row.rate if row is not None else None


def source_label(kind: str, year: int) -> str:
    """Where the year's rate comes from: 'SKR' or 'Entered by the förbund' ('' if none)."""
    row = rate_row(employer_category(kind), year)
    return str(SOURCES[row.source]) if row is not None else ""


def required_rate(kind: str, year: int) -> Decimal:
    """The rate, or a PoRateError saying that the year has none and where to enter it."""
    rate = rate_for(kind, year)
    if rate is None:
        raise PoRateError(
            _l(
                "No PO-pålägg is set for %(employer)s %(year)s. Enter it on the line, or "
                "under Inställningar → PO-pålägg.",
                employer=EMPLOYER_LABELS[employer_category(kind)],
                year=year,
            )
        )
    return rate


def table() -> list[YearRates]:
    """Every year with a rate, newest first, with each kind's rate or None."""
    rows = db.session.scalars(select(PoRate).order_by(PoRate.year.desc(), PoRate.employer)).all()
    years: dict[int, dict[str, PoRate | None]] = {}
    for row in rows:
        years.setdefault(row.year, dict.fromkeys(EMPLOYERS))[row.employer] = row
    return [YearRates(year, rates) for year, rates in years.items()]


def set_rate(year: int, employer: str, rate: Decimal, source: str = "forbund") -> PoRate:
    """Keep a rate (replacing the year's rate of that kind); a state rate is always the
    förbund's own, since SKR publishes none. Flushes; the view commits."""
    if employer not in EMPLOYERS:
        raise PoRateError(_l("Choose kommun, region or state."))
    if not 0 <= rate <= HUNDRED:
        raise PoRateError(_l("PO-pålägg must be between 0 and 100 %."))
    if not 1900 <= year <= 2200:
        raise PoRateError(_l("Enter a year such as 2026."))
    if employer == "state" or source not in SOURCES:
        source = "forbund"
    row = rate_row(employer, year)
    if row is None:
        row = PoRate(year=year, employer=employer, rate=rate, source=source)
        db.session.add(row)
    else:
        row.rate, row.source = rate, source
    db.session.flush()
    return row


def delete_rate(rate_id: int) -> None:
    """Remove a rate: that year then has none for that kind."""
    row = db.session.get(PoRate, rate_id)
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def missing_skr_rates() -> int:
    """How many of SKR's published rates the förbund has no rate for (of that year and kind)."""
    return sum(
        rate_row(employer, year) is None for employer, years in SKR_RATES.items() for year in years
    )


def seed_skr_rates() -> int:
    """Add SKR's published rates where the förbund has none yet; how many were added."""
    added = 0
    for employer, years in SKR_RATES.items():
        for year, rate in years.items():
            if rate_row(employer, year) is None:
                db.session.add(PoRate(year=year, employer=employer, rate=rate, source="skr"))
                added += 1
    db.session.flush()
    return added
