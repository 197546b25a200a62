"""Staff time and its cost: tjänstgöringsgrad, PO-pålägg and the 100 % rule.

Pure functions (no Flask, no database) so that application budgets, the money area's
staff-cost calculator and grants' staffing overview all compute staff cost the same way.

* tjänstgöringsgrad = hours per week ÷ full week (40 h): 12 h → 30 %.
* yearly cost = annual full-time salary × grade × (1 + PO-pålägg) × months / 12,
  or, when the förbund's document gives the line as a cost per year ("30 % till
  156 000 kr per år"), that annual cost × months / 12 (``cost_from_annual``).
* a person (or named role) may not be allocated more than 100 % at any moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l

from ..errors import DomainError

FULL_WEEK_HOURS = Decimal(40)
HUNDRED = Decimal(100)
ORE = Decimal("0.01")


class StaffingError(DomainError):
    """A staff line that breaks a rule; ``str()`` is the message for the user."""


def percent_from_hours(hours_per_week: Decimal, full_week: Decimal = FULL_WEEK_HOURS) -> Decimal:
    """Hours per week as percent of full time, to two decimals (12 of 40 h → 30.00)."""
    if full_week <= 0:
        raise StaffingError(_l("A full week must be more than 0 hours."))
    if hours_per_week < 0 or hours_per_week > full_week:
        raise StaffingError(
            _l("Hours per week must be between 0 and %(full)s.", full=_plain(full_week))
        )
    return (Decimal(hours_per_week) * HUNDRED / Decimal(full_week)).quantize(
        ORE, rounding=ROUND_HALF_UP
    )


def employer_category(kind: str) -> str:
    """Which PO table applies to an organisation kind (units follow their kommun)."""
    if kind in ("fk", "af", "state"):
        return "state"
    if kind == "region":
        return "region"
    return "kommun"


def yearly_staff_cost(
    annual_salary: Decimal,
    percent: Decimal,
    po_rate: Decimal,
    months: int | Decimal = 12,
) -> Decimal:
    """Cost for one year of a staff line, to the öre.

    ``annual_salary`` is the full-time salary for a year; ``percent`` the grade
    (30 = 30 %); ``po_rate`` the on-cost in percent; ``months`` the part of the
    year worked (1–12).
    """
    if annual_salary < 0:
        raise StaffingError(_l("The salary cannot be negative."))
    if not 0 <= percent <= HUNDRED:
        raise StaffingError(_l("The share of full time must be between 0 and 100 %."))
    if not 0 <= po_rate <= HUNDRED:
        raise StaffingError(_l("PO-pålägg must be between 0 and 100 %."))
    if not 0 <= Decimal(months) <= 12:
        raise StaffingError(_l("Months must be between 0 and 12."))
    cost = (
        Decimal(annual_salary)
        * Decimal(percent)
        / HUNDRED
        * (1 + Decimal(po_rate) / HUNDRED)
        * Decimal(months)
        / 12
    )
    return cost.quantize(ORE, rounding=ROUND_HALF_UP)


def cost_from_annual(annual_cost: Decimal, months: int | Decimal = 12) -> Decimal:
    """Cost for one year of a staff line entered as its cost per year, to the öre.

    The förbund writes "12 timmar, 30 procent tjänstgöring till 156 000 kronor per
    år": the 156 000 kr is the line's own cost (salary and on-cost for its share),
    so it is taken as it stands, only shortened for a part year.
    """
    if annual_cost < 0:
        raise StaffingError(_l("The annual cost cannot be negative."))
    if not 0 <= Decimal(months) <= 12:
        raise StaffingError(_l("Months must be between 0 and 12."))
    return (Decimal(annual_cost) * Decimal(months) / 12).quantize(ORE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Allocation:
    """Part of one person's (or role's) time given to something for a period."""

    person: str
    percent: Decimal
    start: date
    end: date
    label: str = ""

    def overlaps(self, other: Allocation) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end


def peak_allocation(allocations: Iterable[Allocation]) -> Decimal:
    """The highest total percent at any single day over the given allocations."""
    events: list[tuple[date, int, Decimal]] = []
    for allocation in allocations:
        events.append((allocation.start, 0, allocation.percent))
        # ends are inclusive: the allocation stops counting the day after its end
        events.append((date.fromordinal(allocation.end.toordinal() + 1), -1, -allocation.percent))
    peak = current = Decimal(0)
    for _day, _order, change in sorted(events, key=lambda e: (e[0], e[1])):
        current += change
        peak = max(peak, current)
    return peak


def check_allocation(new: Allocation, existing: Iterable[Allocation]) -> None:
    """Refuse ``new`` if, with the same person's overlapping allocations, it passes 100 %.

    The message names the other allocations so the user can see where the time went.
    """
    if new.end < new.start:
        raise StaffingError(_l("The period ends before it starts."))
    same = [
        a
        for a in existing
        if a.person.strip().casefold() == new.person.strip().casefold() and a.overlaps(new)
    ]
    total = peak_allocation([*same, new])
    if total > HUNDRED:
        others = "; ".join(
            f"{a.label or '–'} {_plain(a.percent)} % ({a.start.isoformat()}–{a.end.isoformat()})"
            for a in same
        )
        raise StaffingError(
            _l(
                "%(person)s would be allocated %(total)s %% of full time; other allocations in "
                "the period: %(others)s.",
                person=new.person,
                total=_plain(total),
                others=others,
            )
        )


def _plain(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f").replace(".", ",")
