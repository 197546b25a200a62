"""The plan's goals, indicators, typed budget lines and insatser."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forms import plans as forms
from forms.base import choices
from models import db
from models.application import Application
from models.grant import Grant, GrantYear
from models.plan import Goal, Indicator, Plan, PlanBudgetLine, PlanInsats

from ...permissions import CHEF_ONLY, allow
from ...services.money import slips
from ...services.plans import content as plan_content
from ...services.plans import insatser as plan_insatser
from ..service_call import call_service
from .blueprint import bp
from .common import (
    Page,
    form_page,
    get_or_404,
    locked_redirect,
    save_form,
    show_url,
)

# --- goals and indicators ---------------------------------------------------------------


def _goal_form(plan: Plan, goal: Goal | None = None) -> forms.GoalForm:
    form = forms.GoalForm(obj=goal)
    areas = plan.focus_area_list
    if goal is not None and goal.focus_area and goal.focus_area not in areas:
        areas.append(goal.focus_area)
    form.focus_area.choices = choices([("", "—")] + [(a, a) for a in areas])
    return form


def _goal_fields(form: forms.GoalForm) -> dict[str, str]:
    return {
        "title": form.title.data,
        "description": form.description.data or "",
        "focus_area": form.focus_area.data or "",
    }


@bp.route("/<int:plan_id>/goals/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new_goal(plan_id: int) -> Page:
    """Add a goal."""
    plan = get_or_404(Plan, plan_id)
    if request.method == "GET" and (locked := locked_redirect(plan)):
        return locked
    form = _goal_form(plan)
    return save_form(
        form,
        lambda: plan_content.add_goal(plan, **_goal_fields(form)),
        lambda goal: url_for("plans.new_indicator", goal_id=goal.id),
        _("The goal has been added. Now add how it is measured."),
        "plans/form.html",
        **form_page(_("New goal"), show_url(plan)),
    )


@bp.route("/goals/<int:goal_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit_goal(goal_id: int) -> Page:
    """Change a goal."""
    goal = get_or_404(Goal, goal_id)
    if request.method == "GET" and (locked := locked_redirect(goal.plan)):
        return locked
    form = _goal_form(goal.plan, goal)
    return save_form(
        form,
        lambda: plan_content.update_goal(goal, **_goal_fields(form)),
        lambda _r: show_url(goal.plan),
        _("The goal has been saved."),
        "plans/form.html",
        **form_page(_("Goal"), show_url(goal.plan)),
    )


@bp.route("/goals/<int:goal_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_goal(goal_id: int) -> Response:
    """Remove a goal with its indicators."""
    goal = get_or_404(Goal, goal_id)
    target = show_url(goal.plan)
    return call_service(
        lambda: plan_content.delete_goal(goal),
        success=_("The goal has been removed."),
        then=target,
        failed=target,
    )


def _indicator_fields(form: forms.IndicatorForm) -> dict[str, Any]:
    return {f: getattr(form, f).data for f in plan_content.INDICATOR_FIELDS}


@bp.route("/goals/<int:goal_id>/indicators/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new_indicator(goal_id: int) -> Page:
    """Add an indicator to a goal."""
    goal = get_or_404(Goal, goal_id)
    if request.method == "GET" and (locked := locked_redirect(goal.plan)):
        return locked
    form = forms.IndicatorForm()
    return save_form(
        form,
        lambda: plan_content.add_indicator(goal, **_indicator_fields(form)),
        lambda _r: show_url(goal.plan),
        _("The indicator has been added."),
        "plans/form.html",
        **form_page(_("New indicator for: %(goal)s", goal=goal.title), show_url(goal.plan)),
    )


@bp.route("/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit_indicator(indicator_id: int) -> Page:
    """Change an indicator."""
    indicator = get_or_404(Indicator, indicator_id)
    plan = indicator.goal.plan
    if request.method == "GET" and (locked := locked_redirect(plan)):
        return locked
    form = forms.IndicatorForm(obj=indicator)
    return save_form(
        form,
        lambda: plan_content.update_indicator(indicator, **_indicator_fields(form)),
        lambda _r: show_url(plan),
        _("The indicator has been saved."),
        "plans/form.html",
        **form_page(_("Indicator"), show_url(plan)),
    )


@bp.route("/indicators/<int:indicator_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_indicator(indicator_id: int) -> Response:
    """Remove an indicator."""
    indicator = get_or_404(Indicator, indicator_id)
    target = show_url(indicator.goal.plan)
    return call_service(
        lambda: plan_content.delete_indicator(indicator),
        success=_("The indicator has been removed."),
        then=target,
        failed=target,
    )


# --- budget lines and insatser ------------------------------------------------------------


@bp.route("/<int:plan_id>/lines/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new_line(plan_id: int) -> Page:
    """Add a typed budget line."""
    plan = get_or_404(Plan, plan_id)
    if request.method == "GET" and (locked := locked_redirect(plan)):
        return locked
    form = forms.BudgetLineForm()
    return save_form(
        form,
        lambda: plan_content.add_budget_line(
            plan, category=form.category.data, name=form.name.data or "", amount=form.amount.data
        ),
        lambda _r: show_url(plan) + "#budget",
        _("The budget line has been added."),
        "plans/form.html",
        warnings=lambda: slips.messages(slips.zero_amount(form.amount.data)),
        **form_page(_("New budget line"), show_url(plan)),
    )


@bp.route("/lines/<int:line_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit_line(line_id: int) -> Page:
    """Change a typed budget line."""
    line = get_or_404(PlanBudgetLine, line_id)
    if request.method == "GET" and (locked := locked_redirect(line.plan)):
        return locked
    form = forms.BudgetLineForm(obj=line)
    return save_form(
        form,
        lambda: plan_content.update_budget_line(
            line, category=form.category.data, name=form.name.data or "", amount=form.amount.data
        ),
        lambda _r: show_url(line.plan) + "#budget",
        _("The budget line has been saved."),
        "plans/form.html",
        warnings=lambda: slips.messages(slips.zero_amount(form.amount.data)),
        **form_page(_("Budget line"), show_url(line.plan)),
    )


@bp.route("/lines/<int:line_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_line(line_id: int) -> Response:
    """Remove a typed budget line."""
    line = get_or_404(PlanBudgetLine, line_id)
    target = show_url(line.plan) + "#budget"
    return call_service(
        lambda: plan_content.delete_budget_line(line),
        success=_("The budget line has been removed."),
        then=target,
        failed=target,
    )


def _insats_form(plan: Plan, insats: PlanInsats | None = None) -> forms.InsatsForm:
    form = forms.InsatsForm(obj=insats)
    grants_ = db.session.scalars(
        db.select(Grant)
        .join(GrantYear)
        .where(GrantYear.year.between(plan.year - 1, plan.year))
        .distinct()
        .order_by(Grant.name)
    ).all()
    applications = db.session.scalars(
        db.select(Application)
        .where(Application.period_end >= date(plan.year - 1, 1, 1))
        .order_by(Application.title)
    ).all()
    form.grant_id.choices = choices([("", "—")] + [(g.id, g.name) for g in grants_])
    form.application_id.choices = choices(
        [("", "—")] + [(a.id, f"{a.registry_number or ''} {a.title}".strip()) for a in applications]
    )
    form.goal_id.choices = choices([("", "—")] + [(g.id, g.title) for g in plan.goals])
    return form


def _insats_fields(form: forms.InsatsForm, plan: Plan) -> dict[str, Any]:
    goal = db.session.get(Goal, form.goal_id.data) if form.goal_id.data else None
    return {
        "goal": goal,
        "grant_id": form.grant_id.data,
        "application_id": form.application_id.data,
        "name": form.name.data or "",
        "kind": form.kind.data,
        "planned_amount": form.planned_amount.data,
        "planned_participants": form.planned_participants.data,
        "note": form.note.data or "",
    }


@bp.route("/<int:plan_id>/insatser/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new_insats(plan_id: int) -> Page:
    """Link a grant or an application, or plan a call."""
    plan = get_or_404(Plan, plan_id)
    if request.method == "GET" and (locked := locked_redirect(plan)):
        return locked
    form = _insats_form(plan)
    return save_form(
        form,
        lambda: plan_insatser.add_insats(plan, **_insats_fields(form, plan)),
        lambda _r: show_url(plan) + "#insatser",
        _("The insats has been added."),
        "plans/form.html",
        **form_page(_("New insats in the plan"), show_url(plan)),
    )


@bp.route("/insatser/<int:insats_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit_insats(insats_id: int) -> Page:
    """Change an insats of the plan."""
    insats = get_or_404(PlanInsats, insats_id)
    plan = insats.plan
    if request.method == "GET" and (locked := locked_redirect(plan)):
        return locked
    form = _insats_form(plan, insats)
    return save_form(
        form,
        lambda: plan_insatser.update_insats(insats, **_insats_fields(form, plan)),
        lambda _r: show_url(plan) + "#insatser",
        _("The insats has been saved."),
        "plans/form.html",
        **form_page(_("Insats in the plan"), show_url(plan)),
    )


@bp.route("/insatser/<int:insats_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_insats(insats_id: int) -> Response:
    """Take an insats out of the plan."""
    insats = get_or_404(PlanInsats, insats_id)
    target = show_url(insats.plan) + "#insatser"
    return call_service(
        lambda: plan_insatser.delete_insats(insats),
        success=_("The insats has been removed from the plan."),
        then=target,
        failed=target,
    )
