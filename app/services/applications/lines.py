"""Writing an application's budget: cost lines, staff lines and co-financing lines.

Staff lines follow ``app/services/money/staffing.py``: a share of full time given as
percent or as hours per week (12 h → 30 %), PO-pålägg defaulting to SKR's
figure for the employer's kind and year, and the 100 % rule checked against
the same person's staff lines in every other application for overlapping
periods. After each change the co-financing may not exceed the costs of any year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models import (
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    CoFinancing,
    CoFinancingKind,
    Organisation,
    OrgKind,
    StaffLine,
    User,
    db,
)

from ..money.po_rates import required_rate
from ..money.staffing import (
    Allocation,
    StaffingError,
    check_allocation,
    cost_from_annual,
    percent_from_hours,
    yearly_staff_cost,
)
from . import budget
from .content import _after_change, check_year
from .rules import ApplicationError, ensure_content_editable

#: Applications whose staff no longer claims anyone's time.
NOT_ALLOCATING = (ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED)


def po_rate_for(employer: Organisation, year: int) -> Decimal:
    """The förbund's PO-pålägg for the employer (a unit follows its kommun or region) and
    year; a year without a rate is an error naming it, never an earlier year's rate."""
    kind = (
        employer.parent.kind if employer.kind == OrgKind.UNIT and employer.parent else employer.kind
    )
    return required_rate(str(kind), year)


def _finish(application: Application, user: User | None) -> None:
    budget.check_co_financing(application)  # on the lines in memory: no flush needed
    _after_change(application, user)


def add_budget_line(
    application: Application,
    *,
    user: User | None,
    year: int,
    category: str,
    amount: Decimal,
    description: str = "",
) -> BudgetLine:
    """A cost for a year in a category (premises, travel …)."""
    ensure_content_editable(application, user)
    check_year(application, year)
    if category not in BudgetCategory.__members__.values():
        raise ApplicationError(_l("Choose a cost category."))
    if amount < 0:
        raise ApplicationError(_l("The amount cannot be negative."))
    line = BudgetLine(year=year, category=category, amount=amount, description=description)
    application.budget_lines.append(line)
    _finish(application, user)
    return line


def remove_budget_line(application: Application, line: BudgetLine, *, user: User | None) -> None:
    """Remove a cost line (refused if the co-financing would then exceed the costs)."""
    ensure_content_editable(application, user)
    application.budget_lines.remove(line)
    _finish(application, user)


def _period_in(application: Application, year: int) -> tuple[date, date]:
    start = max(application.period_start, date(year, 1, 1))
    end = min(application.period_end, date(year, 12, 31))
    return start, end


def _label(application: Application, line: StaffLine) -> str:
    return f"{application.registry_number or application.title}: {line.role}"


def existing_allocations(application: Application, person: str, year: int) -> list[Allocation]:
    """The person's other staff lines that year, in applications that still claim time.

    Drafts of other organisations are left out: they are not yet anyone's commitment.
    """
    key = person.strip().casefold()
    rows = db.session.scalars(
        select(StaffLine)
        .join(StaffLine.application)
        .where(
            StaffLine.year == year,
            StaffLine.person != "",
            Application.status.not_in(NOT_ALLOCATING),
        )
        .options(joinedload(StaffLine.application))
    ).all()
    allocations = []
    for line in rows:
        other = line.application
        if line.person.strip().casefold() != key:
            continue
        if other.status == ApplicationStatus.DRAFT and other.owner_id != application.owner_id:
            continue
        start, end = _period_in(other, year)
        if start <= end:
            allocations.append(
                Allocation(line.person, line.percent, start, end, _label(other, line))
            )
    return allocations


def add_staff_line(
    application: Application,
    *,
    user: User | None,
    year: int,
    role: str,
    employer: Organisation,
    annual_salary: Decimal | None = None,
    percent: Decimal | None = None,
    hours_per_week: Decimal | None = None,
    po_rate: Decimal | None = None,
    months: int = 12,
    person: str = "",
    annual_cost: Decimal | None = None,
) -> StaffLine:
    """A person or role for a year; the cost follows from salary, share, PO and months,
    or is the annual cost the förbund's document gives (× months / 12)."""
    ensure_content_editable(application, user)
    check_year(application, year)
    if (percent is None) == (hours_per_week is None):
        raise StaffingError(
            _l("Give the share of full time either in percent or in hours per week.")
        )
    if hours_per_week is not None:
        percent = percent_from_hours(hours_per_week)
    assert percent is not None
    if (annual_salary is None) == (annual_cost is None):
        raise StaffingError(
            _l("Give either the full-time salary or the line's annual cost, not both.")
        )
    if po_rate is None and annual_cost is None:
        po_rate = po_rate_for(employer, year)
    if annual_cost is not None:
        cost_from_annual(annual_cost, months)  # validates the figure
        annual_salary = Decimal("0.00")  # not known: the cost is given as it stands
        po_rate = po_rate if po_rate is not None else Decimal("0.00")  # not used either
    assert annual_salary is not None
    yearly_staff_cost(annual_salary, percent, po_rate, months)  # validates the figures
    if months < 1:
        raise StaffingError(_l("Months must be between 1 and 12."))
    start, end = _period_in(application, year)
    if person.strip():
        check_allocation(
            Allocation(person, percent, start, end, _l("this application")),
            existing_allocations(application, person, year),
        )
    line = StaffLine(
        year=year,
        role=role,
        person=person.strip(),
        employer=employer,
        percent=percent,
        hours_per_week=hours_per_week,
        annual_salary=annual_salary,
        po_rate=po_rate,
        months=months,
        annual_cost=annual_cost,
    )
    application.staff_lines.append(line)
    _finish(application, user)
    return line


def remove_staff_line(application: Application, line: StaffLine, *, user: User | None) -> None:
    """Remove a staff line."""
    ensure_content_editable(application, user)
    application.staff_lines.remove(line)
    _finish(application, user)


def add_co_financing(
    application: Application,
    *,
    user: User | None,
    year: int,
    organisation: Organisation,
    kind: str,
    amount: Decimal,
    description: str = "",
) -> CoFinancing:
    """Money or in-kind resources from a party or an external funder for a year."""
    ensure_content_editable(application, user)
    check_year(application, year)
    if kind not in CoFinancingKind.__members__.values():
        raise ApplicationError(_l("Choose cash or in kind."))
    if amount <= 0:
        raise ApplicationError(_l("The amount must be more than 0 kr."))
    line = CoFinancing(
        year=year, organisation=organisation, kind=kind, amount=amount, description=description
    )
    application.co_financing.append(line)
    _finish(application, user)
    return line


def remove_co_financing(application: Application, line: CoFinancing, *, user: User | None) -> None:
    """Remove a co-financing line."""
    ensure_content_editable(application, user)
    application.co_financing.remove(line)
    _finish(application, user)
