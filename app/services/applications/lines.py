"""Writing an application's budget: cost lines, staff lines and co-financing lines.

Staff lines follow ``app/services/money/staffing.py``: a share of full time given as
percent or as hours per week (12 h → 30 %), PO-pålägg defaulting to SKR's
figure for the employer's kind and year, and the 100 % rule checked against
the same person's staff lines in every other application for overlapping
periods. After each change the co-financing may not exceed the costs of any year.

Each kind of line is added and updated by the same checks (``_cost_checked``,
``_staff_values``, ``_co_financing_checked``), so an edited line obeys exactly the
rules a new one does. An edit form carries the line's ``line_fingerprint`` as it
was opened; a save over someone else's change is refused, as application edits are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect, select

from models import (
    Application,
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
from .allocations import existing_allocations, period_in
from .content import _after_change, check_year
from .rules import ApplicationError, ensure_content_editable

Line = BudgetLine | StaffLine | CoFinancing


class LineChangedError(ApplicationError):
    """The line was saved by someone else after this user opened it (optimistic locking)."""


def line_fingerprint(line: Line) -> str:
    """A short hash of what the line holds now.

    The lines have no version column of their own: the edit form carries this
    instead, and a save whose fingerprint no longer matches is refused rather than
    silently overwriting the other person's change.
    """
    values = "\n".join(
        f"{attr.key}={getattr(line, attr.key)}" for attr in inspect(line).mapper.column_attrs
    )
    return hashlib.sha256(values.encode()).hexdigest()[:24]


def _check_unchanged(application: Application, line: Line, expected: str | None) -> None:
    """Refuse an edit of another application's line, or one based on an older state.

    The line is read again under a row lock (``SELECT … FOR UPDATE`` on PostgreSQL) before
    its fingerprint is compared, and the lock holds until the save commits: of two saves
    at the same moment the second waits, then sees the first one's line and is refused,
    instead of both passing the check and the last silently winning. SQLite has no row
    locks (the clause is left out) but lets one writer at a time, which serialises them.
    """
    if line.application_id != application.id:
        raise ApplicationError(_l("The line does not belong to this application."))
    if inspect(line).persistent:
        db.session.flush()  # this session's own changes are not lost by reading the row again
        model = type(line)
        locked = db.session.scalar(
            select(model)
            .where(model.id == line.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if locked is None:  # removed by someone else meanwhile: say so (not a 500)
            raise LineChangedError(
                _l(
                    "The line has been removed after you opened it. Your changes have not"
                    " been saved; see the budget."
                )
            )
    if expected and expected != line_fingerprint(line):
        raise LineChangedError(
            _l(
                "The line has been changed after you opened it. Your changes have not been "
                "saved; they are still in the form. See the saved line in the budget, or "
                "save again to replace it with yours."
            )
        )


def po_rate_for(employer: Organisation, year: int) -> Decimal:
    """The förbund's PO-pålägg for the employer (a unit follows its kommun or region) and
    year; a year without a rate is an error naming it, never an earlier year's rate."""
    kind = (
        employer.parent.kind if employer.kind == OrgKind.UNIT and employer.parent else employer.kind
    )
    return required_rate(str(kind), year)


def typed_po_rate(line: StaffLine) -> Decimal | None:
    """The line's PO-pålägg as its edit form shows it: None (an empty box) when it is the
    förbund's rate for the line's employer and year, which is what an empty box gave when
    the line was added. Saved empty again, the default is looked up anew, so a changed
    employer or year takes its own rate instead of silently keeping the old one; a rate
    of the user's own stays as typed. A line given as its annual cost uses no rate."""
    if line.annual_cost is not None:
        return line.po_rate or None  # 0 was stored for "not given"
    try:
        default = po_rate_for(line.employer, line.year)
    except StaffingError:  # the year has no rate (any more): the stored one is the user's
        return line.po_rate
    return None if line.po_rate == default else line.po_rate


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
    line = BudgetLine(**_cost_checked(application, year, category, amount, description))
    application.budget_lines.append(line)
    _finish(application, user)
    return line


def _cost_checked(
    application: Application, year: int, category: str, amount: Decimal, description: str
) -> dict[str, Any]:
    """A cost line's values once they pass the rules for a new or an edited line."""
    check_year(application, year)
    if category not in BudgetCategory.__members__.values():
        raise ApplicationError(_l("Choose a cost category."))
    if amount < 0:
        raise ApplicationError(_l("The amount cannot be negative."))
    return {"year": year, "category": category, "amount": amount, "description": description}


def update_budget_line(
    application: Application,
    line: BudgetLine,
    *,
    user: User | None,
    year: int,
    category: str,
    amount: Decimal,
    description: str = "",
    expected: str | None = None,
) -> BudgetLine:
    """Change a cost line in place (the audit trail and the versions keep what it was)."""
    return _update(
        application,
        line,
        lambda: _cost_checked(application, year, category, amount, description),
        user=user,
        expected=expected,
    )


LineT = TypeVar("LineT", BudgetLine, StaffLine, CoFinancing)


def _update(
    application: Application,
    line: LineT,
    checked: Callable[[], dict[str, Any]],
    *,
    user: User | None,
    expected: str | None,
) -> LineT:
    """What changing any line takes: the right to edit, the line as the user saw it (read
    under a lock), its new values checked as a new line's are, then the budget's rules."""
    ensure_content_editable(application, user)
    _check_unchanged(application, line, expected)
    for name, value in checked().items():
        setattr(line, name, value)
    _finish(application, user)
    return line


def remove_budget_line(application: Application, line: BudgetLine, *, user: User | None) -> None:
    """Remove a cost line (refused if the co-financing would then exceed the costs)."""
    ensure_content_editable(application, user)
    application.budget_lines.remove(line)
    _finish(application, user)


@dataclass(frozen=True)
class StaffFigures:
    """What a staff line is made of, as the form gives it, for adding or changing one.

    The share is ``percent`` or ``hours_per_week`` (one of them); the cost is
    ``annual_salary`` × share × PO-pålägg or ``annual_cost`` as given (one of them);
    ``po_rate`` None takes the förbund's rate for the employer and year.
    """

    year: int
    role: str
    employer: Organisation
    annual_salary: Decimal | None = None
    percent: Decimal | None = None
    hours_per_week: Decimal | None = None
    po_rate: Decimal | None = None
    months: int = 12
    person: str = ""
    annual_cost: Decimal | None = None


def add_staff_line(
    application: Application, figures: StaffFigures, *, user: User | None
) -> StaffLine:
    """A person or role for a year; the cost follows from salary, share, PO and months,
    or is the annual cost the förbund's document gives (× months / 12)."""
    ensure_content_editable(application, user)
    line = StaffLine(**_staff_values(application, figures))
    application.staff_lines.append(line)
    _finish(application, user)
    return line


def update_staff_line(
    application: Application,
    line: StaffLine,
    figures: StaffFigures,
    *,
    user: User | None,
    expected: str | None = None,
) -> StaffLine:
    """Change a staff line in place, checked as a new one is (its own old share does not
    count against the person's 100 %)."""
    return _update(
        application,
        line,
        lambda: _staff_values(application, figures, editing=line),
        user=user,
        expected=expected,
    )


def _staff_values(
    application: Application, figures: StaffFigures, editing: StaffLine | None = None
) -> dict[str, Any]:
    """A staff line's values once they pass the rules for a new or an edited line."""
    f = figures
    check_year(application, f.year)
    if (f.percent is None) == (f.hours_per_week is None):
        raise StaffingError(
            _l("Give the share of full time either in percent or in hours per week.")
        )
    percent = f.percent if f.hours_per_week is None else percent_from_hours(f.hours_per_week)
    assert percent is not None
    if (f.annual_salary is None) == (f.annual_cost is None):
        raise StaffingError(
            _l("Give either the full-time salary or the line's annual cost, not both.")
        )
    annual_salary, po_rate = f.annual_salary, f.po_rate
    if po_rate is None and f.annual_cost is None:
        po_rate = po_rate_for(f.employer, f.year)
    if f.annual_cost is not None:
        cost_from_annual(f.annual_cost, f.months)  # validates the figure
        annual_salary = Decimal("0.00")  # not known: the cost is given as it stands
        po_rate = po_rate if po_rate is not None else Decimal("0.00")  # not used either
    assert annual_salary is not None and po_rate is not None
    yearly_staff_cost(annual_salary, percent, po_rate, f.months)  # validates the figures
    if f.months < 1:
        raise StaffingError(_l("Months must be between 1 and 12."))
    start, end = period_in(application, f.year)
    if f.person.strip():
        check_allocation(
            Allocation(f.person, percent, start, end, _l("this application")),
            existing_allocations(application, f.person, f.year, exclude=editing),
        )
    return {
        "year": f.year,
        "role": f.role,
        "person": f.person.strip(),
        "employer": f.employer,
        "percent": percent,
        "hours_per_week": f.hours_per_week,
        "annual_salary": annual_salary,
        "po_rate": po_rate,
        "months": f.months,
        "annual_cost": f.annual_cost,
    }


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
    line = CoFinancing(
        **_co_financing_checked(application, year, organisation, kind, amount, description)
    )
    application.co_financing.append(line)
    _finish(application, user)
    return line


def _co_financing_checked(
    application: Application,
    year: int,
    organisation: Organisation,
    kind: str,
    amount: Decimal,
    description: str,
) -> dict[str, Any]:
    """A co-financing line's values once they pass the rules for a new or an edited line."""
    check_year(application, year)
    if kind not in CoFinancingKind.__members__.values():
        raise ApplicationError(_l("Choose cash or in kind."))
    if amount <= 0:
        raise ApplicationError(_l("The amount must be more than 0 kr."))
    return {
        "year": year,
        "organisation": organisation,
        "kind": kind,
        "amount": amount,
        "description": description,
    }


def update_co_financing(
    application: Application,
    line: CoFinancing,
    *,
    user: User | None,
    year: int,
    organisation: Organisation,
    kind: str,
    amount: Decimal,
    description: str = "",
    expected: str | None = None,
) -> CoFinancing:
    """Change a co-financing line in place (refused if it would exceed the year's costs)."""
    return _update(
        application,
        line,
        lambda: _co_financing_checked(application, year, organisation, kind, amount, description),
        user=user,
        expected=expected,
    )


def remove_co_financing(application: Application, line: CoFinancing, *, user: User | None) -> None:
    """Remove a co-financing line."""
    ensure_content_editable(application, user)
    application.co_financing.remove(line)
    _finish(application, user)
