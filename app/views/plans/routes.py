"""The operational plans and their versions: list, create, read, print, edit, revise, adopt."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forms import plans as forms
from forms.base import choices
from models import db
from models import plan as plan_terms
from models.plan import Plan

from ... import clock
from ...paging import page_of
from ...permissions import CHEF_ONLY, OFFICE_READERS, allow
from ...services.meetings.agenda import paragraph_label
from ...services.meetings.funds import money_left_for_insatser
from ...services.plans import budget as plan_budget
from ...services.plans import followup
from ...services.plans import insatser as plan_insatser
from ...services.plans import lifecycle as plans
from ...services.plans.rules import in_force_among, versions
from ..service_call import call_service
from .blueprint import bp
from .common import (
    Page,
    form_page,
    get_or_404,
    locked_redirect,
    paragraph_by_id,
    paragraph_choices,
    save_form,
    show_url,
)

# --- plans ------------------------------------------------------------------------------


@bp.route("/")
@allow(OFFICE_READERS)
def index() -> str:
    """Every year's plan with its versions."""
    return render_template(
        "plans/index.html",
        years=plans.plans_by_year(),
        deadline=plans.budget_deadline,
        today=clock.today(),
        paragraph_label=paragraph_label,
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new() -> Page:
    """Start a year's plan, empty or copied from another year."""
    form = forms.NewPlanForm()
    latest = {year: found[0] for year, found in plans.plans_by_year().items()}
    form.copy_from.choices = choices(
        [("", _("Start empty"))]
        + [(p.id, _("Copy the plan for %(year)s", year=y)) for y, p in latest.items()]
    )
    if request.method == "GET":
        form.year.data = max(latest, default=clock.today().year) + 1
        form.copy_from.data = latest[max(latest)].id if latest else None

    def create() -> Plan:
        source = db.session.get(Plan, form.copy_from.data) if form.copy_from.data else None
        if source is not None:
            return plans.copy_plan(source, form.year.data)
        return plans.create_plan(form.year.data)

    return save_form(
        form,
        create,
        show_url,
        _("The plan has been created."),
        "plans/form.html",
        **form_page(_("New operational plan"), url_for("plans.index")),
    )


@bp.route("/<int:plan_id>")
@allow(OFFICE_READERS)
def show(plan_id: int) -> str:
    """The plan: vision, focus areas, goals with indicators, insatser, budget, versions."""
    plan = plans.load_for_page(plan_id) or abort(404)
    context = _plan_context(plan)
    # Every grant of the year is an insats (hundreds at scale): the page renders 50 at
    # a time, the total and the print view cover them all.
    shown = page_of(context["insatser"], request.args.get("page", type=int))
    return render_template(
        "plans/show.html",
        plan=plan,
        **context,
        insatser_page=shown,
        revise_form=forms.RevisionForm(),
    )


def _plan_context(plan: Plan) -> dict[str, Any]:
    found = versions(plan.year)
    return {
        "budget": plan_budget.budget_for(plan),
        "insatser": plan_insatser.insats_rows(plan),
        "versions": found,
        "adoption": plans.adoption_label(plan),
        "labels": plan_terms,
        "deadline": plans.budget_deadline(plan.year),
        "paragraph_label": paragraph_label,
        "periods": followup.periods(plan.year),
        "in_force": in_force_among(found) is plan,
        "money_left": money_left_for_insatser(plan.year),
    }


@bp.route("/<int:plan_id>/print")
@allow(OFFICE_READERS)
def print_view(plan_id: int) -> str:
    """The plan laid out for the board's papers."""
    plan = plans.load_for_page(plan_id) or abort(404)
    return render_template("plans/print.html", plan=plan, **_plan_context(plan))


@bp.route("/<int:plan_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit(plan_id: int) -> Page:
    """Vision, focus areas, governance and equity at start."""
    plan = get_or_404(Plan, plan_id)
    if request.method == "GET" and (locked := locked_redirect(plan)):
        return locked
    form = forms.PlanForm(obj=plan)
    fields = ("title", "vision", "focus_areas", "governance", "equity_start")
    return save_form(
        form,
        lambda: plans.update_plan(plan, **{f: getattr(form, f).data for f in fields}),
        lambda _r: show_url(plan),
        _("The plan has been saved."),
        "plans/form.html",
        **form_page(_("Plan for %(year)s", year=plan.year), show_url(plan)),
    )


@bp.route("/<int:plan_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete(plan_id: int) -> Response:
    """Delete a draft version."""
    plan = get_or_404(Plan, plan_id)
    return call_service(
        lambda: plans.delete_plan(plan),
        success=_("The draft has been deleted."),
        then=url_for("plans.index"),
        failed=url_for("plans.index"),
    )


@bp.route("/<int:plan_id>/revise", methods=["POST"])
@allow(CHEF_ONLY)
def revise(plan_id: int) -> Page:
    """A new version of an adopted plan."""
    plan = get_or_404(Plan, plan_id)
    form = forms.RevisionForm()
    if not form.validate_on_submit():
        return redirect(show_url(plan))
    return call_service(
        lambda: plans.revise_plan(plan, form.revision_note.data or ""),
        success=lambda revision: _(
            "Version %(version)s has been created.", version=revision.version
        ),
        then=show_url,
        failed=show_url(plan),
    )


@bp.route("/<int:plan_id>/adopt", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def adopt(plan_id: int) -> Page:
    """Link the version to the § where the board adopted it; it is locked from then on."""
    plan = get_or_404(Plan, plan_id)
    if request.method == "GET" and (locked := locked_redirect(plan)):
        return locked
    form = forms.AdoptForm()
    form.paragraph_id.choices = paragraph_choices(plans.adoption_paragraphs(plan.year))
    return save_form(
        form,
        lambda: plans.adopt_plan(plan, paragraph_by_id(form.paragraph_id.data)),
        lambda _r: show_url(plan),
        _("The plan is adopted and locked."),
        "plans/form.html",
        **form_page(
            _("Adopt the plan for %(year)s", year=plan.year),
            show_url(plan),
            intro=_("Once adopted, this version can no longer be changed."),
        ),
    )
