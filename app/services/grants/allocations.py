"""Who works where: staff allocations in grants and each person's total over time.

Allocations are copied from the application's staff lines when a grant is
registered and can be edited afterwards. Across all active grants each person's
(or named role's) allocations are added up day by day with the shared rules in
app/services/money/staffing.py; a total above 100 % is shown as a warning, not refused,
because the overview must show reality (e.g. someone double-booked by two owners).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models import Application, Organisation, StaffLine, db
from models.grant import Grant, GrantStatus
from models.grant_followup import StaffAllocation

from ..money.staffing import HUNDRED, Allocation, StaffingError, check_allocation, peak_allocation
from ..money.staffing import yearly_staff_cost as staff_cost
from .rules import ZERO, GrantError, ensure_grant_open


class AllocationError(GrantError):
    """A staff allocation that breaks a rule."""


#: The dates an allocation may span: the same years as grants and decisions, and
#: far enough from ``date.max`` that a day after the end can still be counted.
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


def _key(person: str) -> str:
    return " ".join(person.split()).casefold()


def _add_months(start: date, months: Decimal) -> date:
    """The last day of a span of ``months`` whole months starting at ``start``."""
    whole = max(int(months), 1)
    month_index = start.month - 1 + whole
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def copy_from_application(grant: Grant, application: Application) -> list[StaffAllocation]:
    """One allocation per staff line of the application, within the grant's period."""
    created = []
    for line in getattr(application, "staff_lines", []) or []:
        year = int(line.year)
        start = max(date(year, 1, 1), grant.period_start)
        months = Decimal(getattr(line, "months", 12) or 12)
        end = min(_add_months(start, months), date(year, 12, 31), grant.period_end)
        if end < start:
            continue
        employer = getattr(line, "employer", None)
        allocation = StaffAllocation(
            grant_id=grant.id,
            person=_line_person(line),
            employer_id=getattr(employer, "id", None) or getattr(line, "employer_id", None),
            percent=Decimal(line.percent),
            start_on=start,
            end_on=end,
            annual_salary=Decimal(getattr(line, "annual_salary", 0) or 0),
            po_rate=Decimal(getattr(line, "po_rate", 0) or 0),
        )
        db.session.add(allocation)
        created.append(allocation)
    db.session.flush()
    return created


def _line_person(line: StaffLine) -> str:
    for name in ("person", "name", "role"):
        value = getattr(line, name, None)
        if value:
            return str(value)[:200]
    return str(_l("Unnamed role"))


def save_allocation(
    grant: Grant,
    allocation: StaffAllocation | None,
    *,
    person: str,
    employer: Organisation | None,
    percent: Decimal,
    start_on: date,
    end_on: date,
    annual_salary: Decimal,
    po_rate: Decimal,
) -> tuple[StaffAllocation, str | None]:
    """Add or change an allocation; returns it and a warning if someone passes 100 %."""
    ensure_grant_open(grant)
    if not person.strip():
        raise AllocationError(_l("Enter a name or a role."))
    if end_on < start_on:
        raise AllocationError(_l("The period ends before it starts."))
    if start_on < EARLIEST or end_on > LATEST:
        raise AllocationError(_l("The period must lie between 1990 and 2100."))
    if not ZERO < percent <= HUNDRED:
        raise AllocationError(_l("The share of full time must be between 0 and 100 %."))
    try:
        staff_cost(annual_salary, percent, po_rate)
    except StaffingError as error:
        raise AllocationError(str(error)) from error
    if allocation is None:
        allocation = StaffAllocation(grant_id=grant.id)
        db.session.add(allocation)
    allocation.person = " ".join(person.split())
    allocation.employer_id = employer.id if employer else None
    allocation.percent, allocation.start_on, allocation.end_on = percent, start_on, end_on
    allocation.annual_salary, allocation.po_rate = annual_salary, po_rate
    db.session.flush()
    return allocation, over_allocation_warning(allocation)


def remove_allocation(allocation: StaffAllocation) -> None:
    """Take a person off a grant (the audit trail keeps the row)."""
    ensure_grant_open(allocation.grant)
    db.session.delete(allocation)
    db.session.flush()


def _as_allocation(row: StaffAllocation) -> Allocation:
    return Allocation(
        person=row.person,
        percent=row.percent,
        start=row.start_on,
        end=row.end_on,
        label=row.grant.name,
    )


def active_allocations() -> list[StaffAllocation]:
    """Allocations in grants that are not closed."""
    return list(
        db.session.scalars(
            select(StaffAllocation)
            .join(Grant, Grant.id == StaffAllocation.grant_id)
            .options(joinedload(StaffAllocation.grant), joinedload(StaffAllocation.employer))
            .where(Grant.status == GrantStatus.ACTIVE)
            .order_by(StaffAllocation.person, StaffAllocation.start_on)
        )
    )


def over_allocation_warning(allocation: StaffAllocation) -> str | None:
    """The shared 100 % rule's message when this allocation makes its person pass 100 %."""
    others = [
        _as_allocation(a)
        for a in active_allocations()
        if a.id != allocation.id and _key(a.person) == _key(allocation.person)
    ]
    try:
        check_allocation(_as_allocation(allocation), others)
    except StaffingError as error:
        return str(error)
    return None


def cost_by_year(row: StaffAllocation) -> dict[int, Decimal]:
    """Staff cost per calendar year over the allocation's period (part months pro rata)."""
    months: dict[int, Decimal] = defaultdict(lambda: ZERO)
    day = row.start_on.replace(day=1)
    while day <= row.end_on:
        last = calendar.monthrange(day.year, day.month)[1]
        first_day, last_day = max(day, row.start_on), min(day.replace(day=last), row.end_on)
        covered = (last_day - first_day).days + 1
        months[day.year] += Decimal(covered) / Decimal(last)
        day = day.replace(day=last) + timedelta(days=1)
    return {
        year: staff_cost(row.annual_salary, row.percent, row.po_rate, min(m, Decimal(12)))
        for year, m in sorted(months.items())
    }


@dataclass(frozen=True)
class Segment:
    """A stretch of days with the same total allocation for one person."""

    start: date
    end: date
    total: Decimal

    @property
    def over(self) -> bool:
        """More than full time."""
        return self.total > HUNDRED


def segments(rows: list[StaffAllocation]) -> list[Segment]:
    """The person's total percent over time, as consecutive stretches where it is above 0."""
    changes: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        changes[row.start_on] += row.percent
        changes[row.end_on + timedelta(days=1)] -= row.percent
    result, current, since = [], ZERO, None
    for day in sorted(changes):
        if since is not None and current > 0:
            result.append(Segment(since, day - timedelta(days=1), current))
        current += changes[day]
        since = day
    return [s for s in result if s.total != 0]


@dataclass
class PersonOverview:
    """One person's allocations across active grants and their total over time."""

    person: str
    rows: list[StaffAllocation] = field(default_factory=list)

    @property
    def peak(self) -> Decimal:
        """The highest total on any single day."""
        return peak_allocation(_as_allocation(r) for r in self.rows)

    @property
    def over(self) -> bool:
        """Above 100 % at some point: the overview warns."""
        return self.peak > HUNDRED

    @property
    def segments(self) -> list[Segment]:
        """Total percent over time."""
        return segments(self.rows)

    @property
    def cost_by_year(self) -> dict[int, Decimal]:
        """Staff cost per year over all the person's allocations."""
        total: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for row in self.rows:
            for year, cost in cost_by_year(row).items():
                total[year] += cost
        return dict(sorted(total.items()))


def overview() -> list[PersonOverview]:
    """Everyone allocated in an active grant, those above 100 % first."""
    people: dict[str, PersonOverview] = {}
    for row in active_allocations():
        people.setdefault(_key(row.person), PersonOverview(row.person)).rows.append(row)
    return sorted(people.values(), key=lambda p: (not p.over, p.person.casefold()))
