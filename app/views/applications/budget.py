"""An application's budget on its edit page: cost, staff and co-financing lines.

Each form posts here and comes back to the edit page, where the budget table is
drawn again from the saved lines; invalid input or a broken rule shows the
edit page with what was typed and the message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from exports.application_budget import BudgetFigures, budget_sheets
from exports.workbook import workbook_bytes
from forms.application_budget import BudgetLineForm, CoFinancingForm, StaffLineForm
from forms.applications import DeleteForm
from models import Application, Organisation, db

from ... import clock
from ...downloads import download_name, xlsx_response
from ...permissions import ALL_ROLES, APPLICATION_WRITERS, allow
from ...services.applications import budget, lines
from ...services.forbund import forbund_name
from ...services.money import slips
from ..service_call import call_service
from .blueprint import bp
from .common import (
    bound_form,
    editable_application_or_refuse,
    get_application_or_403,
    get_child_or_404,
    render_edit,
    user,
)


def budget_url(application: Application) -> str:
    """The edit page at its budget section, where every budget form returns."""
    return url_for("applications.edit", application_id=application.id) + "#budget"


def _add(
    application_id: int,
    key: str,
    form: Any,
    add: Callable[[Application, Any], Any],
    done: str,
    warnings: Callable[[Any], list[str]] = lambda _form: [],
) -> Response | tuple[str, int]:
    """Add a line with the posted ``form`` (``key``: its name on the edit page).

    Bad input or a broken rule shows the edit page again with what was typed;
    ``warnings`` gives the likely slips in the form, shown after saving.
    """
    application = editable_application_or_refuse(application_id)
    form = bound_form(application, key, form)
    if form.validate_on_submit():
        return call_service(
            lambda: add(application, form),
            success=done,
            then=budget_url(application),
            failed=lambda error: render_edit(application, 400, **{key: _with(form, error)}),
            flash_error=False,  # in the form's own summary, down at the budget
            warnings=warnings(form),
        )
    return render_edit(application, 400, **{key: form})


def _with(form: Any, error: Exception) -> Any:
    """The form with a broken rule as its own message, shown in the budget's summary."""
    form.form_errors.append(str(error))
    return form


def _organisation(organisation_id: int | None) -> Organisation:
    """A chosen organisation; the form offers only existing ones, so anything else is a 400."""
    return db.session.get(Organisation, organisation_id) or abort(400)


def cost_values(form: BudgetLineForm) -> dict[str, Any]:
    """A cost form's values as the service takes them (for adding and for editing)."""
    return {
        "year": form.year.data,
        "category": form.category.data,
        "amount": form.amount.data,
        "description": form.description.data or "",
    }


def cost_slips(form: BudgetLineForm) -> list[str]:
    """Likely slips in a saved cost line."""
    return slips.messages(slips.zero_amount(form.amount.data))


def staff_figures(form: StaffLineForm) -> lines.StaffFigures:
    """A staff form's figures as the service takes them (for adding and for editing): the
    salary or the annual cost, whichever way of costing the form says."""
    return lines.StaffFigures(
        year=form.year.data,
        role=form.role.data,
        person=form.person.data or "",
        employer=_organisation(form.employer_id.data),
        percent=form.percent.data,
        hours_per_week=form.hours_per_week.data,
        annual_salary=None if form.by_annual_cost else form.annual_salary.data,
        annual_cost=form.annual_cost.data if form.by_annual_cost else None,
        po_rate=form.po_rate.data,
        months=form.months.data,
    )


def staff_slips(form: StaffLineForm) -> list[str]:
    """Likely slips in a saved staff line: 0 kr a year, or a monthly salary as annual."""
    return slips.messages(
        slips.zero_amount(form.annual_cost.data) if form.by_annual_cost else None,
        None if form.by_annual_cost else slips.low_annual_salary(form.annual_salary.data),
    )


def co_financing_values(form: CoFinancingForm) -> dict[str, Any]:
    """A co-financing form's values as the service takes them."""
    return {
        "year": form.year.data,
        "organisation": _organisation(form.organisation_id.data),
        "kind": form.kind.data,
        "amount": form.amount.data,
        "description": form.description.data or "",
    }


@bp.route("/<int:application_id>/lines", methods=["POST"])
@allow(APPLICATION_WRITERS)
def add_line(application_id: int) -> Response | tuple[str, int]:
    """Add a cost for a year."""
    return _add(
        application_id,
        "line_form",
        BudgetLineForm(prefix="line"),
        lambda application, form: lines.add_budget_line(
            application, user=user(), **cost_values(form)
        ),
        _("The cost has been added."),
        cost_slips,
    )


@bp.route("/<int:application_id>/staff", methods=["POST"])
@allow(APPLICATION_WRITERS)
def add_staff(application_id: int) -> Response | tuple[str, int]:
    """Add a person or role with share of full time, salary and PO-pålägg."""
    return _add(
        application_id,
        "staff_form",
        StaffLineForm(prefix="staff"),
        lambda application, form: lines.add_staff_line(
            application, staff_figures(form), user=user()
        ),
        _("The staff line has been added."),
        staff_slips,
    )


@bp.route("/<int:application_id>/co-financing", methods=["POST"])
@allow(APPLICATION_WRITERS)
def add_co_financing(application_id: int) -> Response | tuple[str, int]:
    """Add money or in-kind resources from a party or an external funder."""
    return _add(
        application_id,
        "cofin_form",
        CoFinancingForm(prefix="cofin"),
        lambda application, form: lines.add_co_financing(
            application, user=user(), **co_financing_values(form)
        ),
        _("The co-financing has been added."),
    )


def _remove(application_id: int, collection: str, child_id: int, remove: Any) -> Response:
    application = editable_application_or_refuse(application_id)
    item = get_child_or_404(getattr(application, collection), child_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    return call_service(
        lambda: remove(application, item, user=user()),
        success=_("The line has been removed."),
        then=budget_url(application),
        failed=budget_url(application),
    )


@bp.route("/<int:application_id>/lines/<int:line_id>/delete", methods=["POST"])
@allow(APPLICATION_WRITERS)
def delete_line(application_id: int, line_id: int) -> Response:
    """Remove a cost line."""
    return _remove(application_id, "budget_lines", line_id, lines.remove_budget_line)


@bp.route("/<int:application_id>/staff/<int:line_id>/delete", methods=["POST"])
@allow(APPLICATION_WRITERS)
def delete_staff(application_id: int, line_id: int) -> Response:
    """Remove a staff line."""
    return _remove(application_id, "staff_lines", line_id, lines.remove_staff_line)


@bp.route("/<int:application_id>/co-financing/<int:line_id>/delete", methods=["POST"])
@allow(APPLICATION_WRITERS)
def delete_co_financing(application_id: int, line_id: int) -> Response:
    """Remove a co-financing line."""
    return _remove(application_id, "co_financing", line_id, lines.remove_co_financing)


def budget_figures(application: Application) -> BudgetFigures:
    """The budget as plain figures for the workbook (computed by the budget service)."""
    summary = budget.budget_summary(application)
    return BudgetFigures(
        title=application.title,
        registry_number=application.registry_number or "",
        years=summary.years,
        categories={str(k): v for k, v in summary.categories.items()},
        total_cost=summary.total_cost,
        co_financing_cash=summary.co_financing_cash,
        co_financing_in_kind=summary.co_financing_in_kind,
        requested=summary.requested,
        staff=[
            {
                "year": s.year,
                "role": s.role,
                "person": s.person,
                "employer": s.employer.label,
                "percent": s.percent,
                "annual_salary": s.annual_salary if s.annual_cost is None else None,
                "annual_cost": s.annual_cost,
                "po_rate": s.po_rate,
                "months": s.months,
                "cost": budget.staff_cost(s),
            }
            for s in application.staff_lines
        ],
        costs=[
            {
                "year": c.year,
                "category": c.category,
                "description": c.description,
                "amount": c.amount,
            }
            for c in application.budget_lines
        ],
        co_financing=[
            {
                "year": c.year,
                "organisation": c.organisation.label,
                "kind": c.kind,
                "description": c.description,
                "amount": c.amount,
            }
            for c in application.co_financing
        ],
    )


@bp.route("/<int:application_id>/budget.xlsx")
@allow(ALL_ROLES)
def budget_xlsx(application_id: int) -> Response:
    """The application's budget as an Excel workbook."""
    application = get_application_or_403(application_id)
    data = workbook_bytes(
        budget_sheets(budget_figures(application)),
        title=f"Budget {application.title}",
        forbund=forbund_name(),
        created=clock.today(),
    )
    name = download_name("budget", application.registry_number or application.id, ext="xlsx")
    return xlsx_response(data, name)
