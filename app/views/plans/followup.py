"""Follow-up per period, the delårsrapport and their workbooks."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from exports.followup import PERIOD_TITLES, indicator_sheet
from exports.interim_report import report_sheets
from forms import plans as forms
from models import plan as plan_terms
from models.plan import CATEGORY_LABELS, FollowUpPeriod, Indicator, Plan, PlanBudgetLine

from ...permissions import CHEF_ONLY, MONEY_WRITERS, OFFICE_READERS, allow
from ...services.meetings.agenda import paragraph_label
from ...services.money import slips
from ...services.plans import figures as plan_figures
from ...services.plans import followup
from ...services.plans import insatser as plan_insatser
from ...services.plans.budget_followup import period_followup
from ..service_call import call_service
from .blueprint import bp
from .common import (
    Page,
    form_page,
    get_or_404,
    paragraph_by_id,
    paragraph_choices,
    save_form,
    show_url,
    workbook_response,
)

# --- follow-up ----------------------------------------------------------------------------


def _period_url(period: FollowUpPeriod) -> str:
    return url_for("plans.period", period_id=period.id)


@bp.route("/<int:plan_id>/followup", methods=["POST"])
@allow(CHEF_ONLY)
def open_period(plan_id: int) -> Response:
    """Start a follow-up of the year's plan in force."""
    plan = get_or_404(Plan, plan_id)
    form = forms.PeriodForm()
    if not form.validate_on_submit():
        flash(_("Choose a period."), "danger")
        return redirect(show_url(plan) + "#followup")
    return call_service(
        lambda: followup.open_period(plan.year, form.kind.data),
        success=_("The follow-up has been started."),
        then=_period_url,
        failed=show_url(plan) + "#followup",
    )


def _period(period_id: int) -> FollowUpPeriod:
    return followup.load_period_for_page(period_id) or abort(404)


def _locked(period: FollowUpPeriod) -> Response | None:
    """Back to the follow-up with the lock message when the board adopted it: no form."""
    if request.method == "GET" and period.is_adopted:
        flash(str(followup.FollowUpError(_("This follow-up is adopted and locked."))), "warning")
        return redirect(_period_url(period))
    return None


def _period_context(period: FollowUpPeriod) -> dict[str, Any]:
    rows = followup.indicator_rows(period)
    return {
        "period": period,
        "plan": period.plan,
        "rows": rows,
        "counts": followup.status_counts(rows),
        "money": period_followup(period),
        "labels": plan_terms,
        "paragraph_label": paragraph_label,
    }


@bp.route("/followup/<int:period_id>")
@allow(OFFICE_READERS)
def period(period_id: int) -> str:
    """A period's follow-up: indicators with status, the budget against outcome."""
    found = _period(period_id)
    return render_template("plans/period.html", **_period_context(found))


@bp.route("/followup/<int:period_id>/indicators/<int:indicator_id>", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def record_indicator(period_id: int, indicator_id: int) -> Page:
    """An indicator's value, status and comment for the period."""
    found = _period(period_id)
    if locked := _locked(found):
        return locked
    indicator = get_or_404(Indicator, indicator_id)
    existing = next((v for v in found.indicator_values if v.indicator_id == indicator.id), None)
    form = forms.IndicatorFollowUpForm(obj=existing)
    return save_form(
        form,
        lambda: followup.record_indicator(
            found,
            indicator,
            actual=form.actual.data,
            status=form.status.data,
            comment=form.comment.data or "",
        ),
        lambda _r: _period_url(found) + "#indicators",
        _("The follow-up has been saved."),
        "plans/form.html",
        warnings=lambda: slips.messages(
            slips.result_far_above_target(form.actual.data, indicator.target)
        ),
        **form_page(indicator.name, _period_url(found), indicator=indicator, period=found),
    )


@bp.route("/followup/<int:period_id>/lines/<int:line_id>", methods=["GET", "POST"])
@allow(MONEY_WRITERS)
def record_line(period_id: int, line_id: int) -> Page:
    """A typed budget line's outcome and forecast for the period."""
    found = _period(period_id)
    if locked := _locked(found):
        return locked
    line = get_or_404(PlanBudgetLine, line_id)
    existing = next((v for v in found.budget_values if v.budget_line_id == line.id), None)
    form = forms.BudgetFollowUpForm(obj=existing)
    title = str(CATEGORY_LABELS.get(line.category, line.category))
    return save_form(
        form,
        lambda: followup.record_budget(
            found,
            line,
            actual=form.actual.data,
            forecast=form.forecast.data,
            comment=form.comment.data or "",
        ),
        lambda _r: _period_url(found) + "#budget",
        _("The outcome has been saved."),
        "plans/form.html",
        **form_page(f"{title} {line.name}".strip(), _period_url(found), line=line, period=found),
    )


@bp.route("/followup/<int:period_id>/summary", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def summary(period_id: int) -> Page:
    """The report's own text."""
    found = _period(period_id)
    if locked := _locked(found):
        return locked
    form = forms.SummaryForm(obj=found)
    return save_form(
        form,
        lambda: followup.update_summary(found, form.summary.data or ""),
        lambda _r: url_for("plans.report", period_id=found.id),
        _("The text has been saved."),
        "plans/form.html",
        **form_page(_("Summary"), _period_url(found)),
    )


@bp.route("/followup/<int:period_id>/report")
@allow(OFFICE_READERS)
def report(period_id: int) -> str:
    """The delårsrapport: indicators, budget against outcome, insatser, equity."""
    found = _period(period_id)
    return render_template("plans/report.html", **_report_context(found), printing=False)


@bp.route("/followup/<int:period_id>/report/print")
@allow(OFFICE_READERS)
def report_print(period_id: int) -> str:
    """The delårsrapport laid out for the board's papers."""
    found = _period(period_id)
    return render_template("plans/report_print.html", **_report_context(found), printing=True)


def _report_context(found: FollowUpPeriod) -> dict[str, Any]:
    return {
        **_period_context(found),
        "insatser": plan_insatser.insats_rows(found.plan, found.end_date),
    }


@bp.route("/followup/<int:period_id>/adopt", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def adopt_report(period_id: int) -> Page:
    """Link the report to the § where the board adopted it; the follow-up is locked."""
    found = _period(period_id)
    if locked := _locked(found):
        return locked
    form = forms.AdoptForm()
    form.paragraph_id.choices = paragraph_choices(followup.report_paragraphs(found))
    return save_form(
        form,
        lambda: followup.adopt_period(found, paragraph_by_id(form.paragraph_id.data)),
        lambda _r: url_for("plans.report", period_id=found.id),
        _("The report is adopted and locked."),
        "plans/form.html",
        **form_page(_("Adopt the report"), url_for("plans.report", period_id=found.id)),
    )


@bp.route("/<int:plan_id>/indicators.xlsx")
@allow(OFFICE_READERS)
def followup_workbook(plan_id: int) -> Response:
    """The plan's indicators with value and status per period."""
    plan = get_or_404(Plan, plan_id)
    kinds, lines = plan_figures.indicator_lines(plan)
    return workbook_response(
        [indicator_sheet(plan.year, kinds, lines)],
        f"Uppföljning av indikatorer {plan.year}",
        "indikatorer",
        plan.year,
    )


@bp.route("/followup/<int:period_id>/report.xlsx")
@allow(OFFICE_READERS)
def report_workbook(period_id: int) -> Response:
    """The delårsrapport's figures."""
    found = _period(period_id)
    title = PERIOD_TITLES.get(found.kind, found.kind)
    figures = plan_figures.report_figures(found, title)
    return workbook_response(
        report_sheets(figures),
        f"Delårsrapport {found.year} ({title})",
        "delarsrapport",
        found.year,
        found.kind,
    )
