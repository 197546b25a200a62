"""Changing a cost, staff or co-financing line in place (issue 24: edit, don't re-type).

"Ändra" beside a line in the budget opens a page of its own with the form that
adds such a line, filled with the line's values as they were entered (a staff
line given as an annual cost comes back as one). Saving goes through the same
checks as adding (``services.applications.lines``) and returns to the budget
section; bad input shows this page again with what was typed and the message
beside the field. A line someone else saved meanwhile is not overwritten (409).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from forms.application_budget import BudgetLineEditForm, CoFinancingEditForm, StaffLineEditForm
from models import Application, BudgetLine, CoFinancing, StaffLine

from ...permissions import APPLICATION_WRITERS, allow
from ...services.applications import lines
from ...services.errors import DomainError
from ..service_call import call_service
from .blueprint import bp
from .budget import (
    budget_url,
    co_financing_values,
    cost_slips,
    cost_values,
    staff_figures,
    staff_slips,
)
from .common import (
    bound_form,
    co_financing_name,
    cost_name,
    editable_application_or_refuse,
    get_child_or_404,
    staff_name,
    user,
)


@dataclass(frozen=True)
class LineKind:
    """What differs between the three kinds of line: where they are, their form, the service."""

    collection: str  # the application's list of such lines
    key: str  # the form's name on the edit page (its choices are filled the same way)
    prefix: str
    form: type[Any]
    heading: Callable[[str], str]  # the page's heading, given the line's name
    name: Callable[[Any], str]  # the line's name, as on its buttons
    initial: Callable[[Any], dict[str, Any]]
    values: Callable[[Any], dict[str, Any]]
    update: Callable[..., Any]
    done: Any  # the success message (lazy)
    slips: Callable[[Any], list[str]]


def _cost_initial(line: BudgetLine) -> dict[str, Any]:
    return {
        "year": line.year,
        "category": line.category,
        "description": line.description,
        "amount": line.amount,
    }


def _staff_initial(line: StaffLine) -> dict[str, Any]:
    """The staff line as it was entered: hours or percent, salary × PO or an annual cost,
    the PO box empty where it holds the förbund's rate (so that it follows the employer)."""
    by_annual_cost = line.annual_cost is not None
    return {
        "year": line.year,
        "role": line.role,
        "person": line.person,
        "employer_id": line.employer_id,
        "percent": line.percent if line.hours_per_week is None else None,
        "hours_per_week": line.hours_per_week,
        "cost_basis": "annual" if by_annual_cost else "salary",
        "annual_salary": None if by_annual_cost else line.annual_salary,
        "annual_cost": line.annual_cost,
        "po_rate": lines.typed_po_rate(line),  # empty where it was the default
        "months": line.months,
    }


def _co_financing_initial(line: CoFinancing) -> dict[str, Any]:
    return {
        "year": line.year,
        "organisation_id": line.organisation_id,
        "kind": line.kind,
        "description": line.description,
        "amount": line.amount,
    }


COST = LineKind(
    "budget_lines",
    "line_form",
    "line",
    BudgetLineEditForm,
    lambda name: _("Change the cost %(name)s", name=name),
    cost_name,
    _cost_initial,
    cost_values,
    lines.update_budget_line,
    _l("The cost has been saved."),
    cost_slips,
)
STAFF = LineKind(
    "staff_lines",
    "staff_form",
    "staff",
    StaffLineEditForm,
    lambda name: _("Change the staff line %(name)s", name=name),
    staff_name,
    _staff_initial,
    lambda form: {"figures": staff_figures(form)},
    lines.update_staff_line,
    _l("The staff line has been saved."),
    staff_slips,
)
CO_FINANCING = LineKind(
    "co_financing",
    "cofin_form",
    "cofin",
    CoFinancingEditForm,
    lambda name: _("Change the co-financing %(name)s", name=name),
    co_financing_name,
    _co_financing_initial,
    co_financing_values,
    lines.update_co_financing,
    _l("The co-financing has been saved."),
    lambda _form: [],
)


def _page(
    application: Application, line: Any, kind: LineKind, form: Any, status: int
) -> tuple[str, int]:
    return (
        render_template(
            "applications/line_edit.html",
            application=application,
            form=form,
            heading=kind.heading(kind.name(line)),
            back=budget_url(application),
        ),
        status,
    )


def _edit(application_id: int, line_id: int, kind: LineKind) -> Response | tuple[str, int]:
    """Show the line's form filled in, or save it and go back to the budget."""
    application = editable_application_or_refuse(application_id)
    line = get_child_or_404(getattr(application, kind.collection), line_id)
    if request.method == "GET":
        form = bound_form(
            application, kind.key, kind.form(prefix=kind.prefix, data=kind.initial(line))
        )
        form.seen.data = lines.line_fingerprint(line)
        return _page(application, line, kind, form, 200)
    form = bound_form(application, kind.key, kind.form(prefix=kind.prefix))
    if not form.validate_on_submit():
        return _page(application, line, kind, form, 400)

    def failed(error: DomainError) -> tuple[str, int]:
        if isinstance(error, lines.LineChangedError):  # 409: saved by someone else meanwhile
            form.seen.data = lines.line_fingerprint(line)  # a second save is then deliberate
            return _page(application, line, kind, form, 409)
        return _page(application, line, kind, form, 400)

    return call_service(
        lambda: kind.update(
            application, line, user=user(), expected=form.seen.data or None, **kind.values(form)
        ),
        success=str(kind.done),
        then=budget_url(application),
        failed=failed,
        warnings=kind.slips(form),
    )


@bp.route("/<int:application_id>/lines/<int:line_id>/edit", methods=["GET", "POST"])
@allow(APPLICATION_WRITERS)
def edit_line(application_id: int, line_id: int) -> Response | tuple[str, int]:
    """Change a cost line."""
    return _edit(application_id, line_id, COST)


@bp.route("/<int:application_id>/staff/<int:line_id>/edit", methods=["GET", "POST"])
@allow(APPLICATION_WRITERS)
def edit_staff(application_id: int, line_id: int) -> Response | tuple[str, int]:
    """Change a staff line."""
    return _edit(application_id, line_id, STAFF)


@bp.route("/<int:application_id>/co-financing/<int:line_id>/edit", methods=["GET", "POST"])
@allow(APPLICATION_WRITERS)
def edit_co_financing(application_id: int, line_id: int) -> Response | tuple[str, int]:
    """Change a co-financing line."""
    return _edit(application_id, line_id, CO_FINANCING)
