"""Equity over the years, the recommended-level steps and the budget workbook."""

from __future__ import annotations

from typing import Any

from flask import render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from exports.plan_budget import TITLE, budget_sheets
from forms import plans as forms
from models.plan import EquityYear, Plan

from ...permissions import CHEF_ONLY, MONEY_WRITERS, OFFICE_READERS, allow
from ...services.plans import equity as plan_equity
from ...services.plans import figures as plan_figures
from ...services.plans.dashboard import equity_series
from ..charts import equity_chart
from ..service_call import call_service
from .blueprint import bp
from .common import (
    Page,
    form_page,
    get_or_404,
    save_form,
    workbook_response,
)

# --- equity -------------------------------------------------------------------------------


@bp.route("/equity")
@allow(OFFICE_READERS)
def equity() -> str:
    """Equity over the years against the recommended level."""
    return _equity_page(forms.EquityYearForm())


def _equity_page(form: forms.EquityYearForm, status: int = 200) -> Any:
    series = equity_series()
    return render_template(
        "plans/equity.html",
        form=form,
        series=series,
        chart=equity_chart(series) if series else "",
        steps=plan_equity.equity_steps(),
    ), status


@bp.route("/equity", methods=["POST"])
@allow(MONEY_WRITERS)
def add_equity_year() -> Any:
    """Record or correct the equity at the end of a year (from the annual accounts)."""
    form = forms.EquityYearForm()
    if not form.validate_on_submit():
        return _equity_page(form, 400)
    return call_service(
        lambda: plan_equity.set_equity_year(form.year.data, form.amount.data, form.note.data or ""),
        success=_("The equity for %(year)s has been saved.", year=form.year.data),
        then=url_for("plans.equity"),
        failed=lambda _error: _equity_page(form, 400),
    )


@bp.route("/equity/<int:equity_id>/delete", methods=["POST"])
@allow(MONEY_WRITERS)
def delete_equity_year(equity_id: int) -> Response:
    """Remove a year recorded by mistake."""
    row = get_or_404(EquityYear, equity_id)
    return call_service(
        lambda: plan_equity.delete_equity_year(row),
        success=_("The year has been removed."),
        then=url_for("plans.equity"),
        failed=url_for("plans.equity"),
    )


@bp.route("/equity/steps", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def equity_steps() -> Page:
    """The recommended-level steps (a setting of the förbund)."""
    form = forms.EquityStepsForm()
    if request.method == "GET":
        for entry, (amount, percent) in zip(form.steps, plan_equity.equity_steps(), strict=False):
            entry.form.from_amount.data, entry.form.max_percent.data = amount, percent

    def save() -> None:
        try:
            steps = form.filled_steps()
        except ValueError as error:
            raise plan_equity.EquityError(str(error)) from error
        plan_equity.set_equity_steps(steps)

    return save_form(
        form,
        save,
        lambda _r: url_for("plans.equity"),
        _("The steps have been saved."),
        "plans/steps.html",
        **form_page(_("Recommended equity level"), url_for("plans.equity")),
    )


@bp.route("/<int:plan_id>/budget.xlsx")
@allow(OFFICE_READERS)
def budget_workbook(plan_id: int) -> Response:
    """The budget lines × years, plan and outcome, with SUM totals."""
    plan = get_or_404(Plan, plan_id)
    sheets = budget_sheets(plan_figures.budget_years(plan))
    return workbook_response(
        sheets, f"{TITLE} {plan.year}", "verksamhetsplan-budget", plan.year, f"v{plan.version}"
    )
