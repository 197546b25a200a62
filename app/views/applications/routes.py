"""Applications for funds: list, create, edit, read, print, status steps and beredning."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forms.applications import (
    DeleteForm,
    FilterForm,
    StepForm,
    proposal_form,
)
from forms.base import choices
from models import Application, ApplicationStatus, Organisation, Role, db
from models.application_terms import INSATS_LABELS, STATUS_LABELS
from models.meeting_terms import OUTCOME_LABELS

from ...permissions import ALL_ROLES, APPLICATION_WRITERS, CHEF_ONLY, allow
from ...services.applications import budget, content, queries, workflow
from ...services.applications.revisions import readable, revision_diff
from ...services.applications.rules import may_edit_content, may_prepare, may_see_beredning
from ...services.errors import DomainError
from ...services.meetings.anslag import board_decisions
from ..service_call import call_service
from .blueprint import bp
from .common import (
    application_form,
    editable_application_or_refuse,
    get_application_or_403,
    render_edit,
    user,
)


@bp.route("/")
@allow(ALL_ROLES)
def index() -> str:
    """All applications the user may see, filtered, searched, sorted and paged."""
    me = user()
    # The labels every row and filter shows, translated once for the page.
    statuses = {status: str(label) for status, label in STATUS_LABELS.items()}
    insats = {kind: str(label) for kind, label in INSATS_LABELS.items()}
    form = FilterForm(request.args)
    form.status.choices = choices([("", _("All")), *statuses.items()])
    form.year.choices = choices([("", _("All"))] + [(y, y) for y in queries.years_in_use()])
    form.organisation.choices = choices(
        [("", _("All"))] + [(o.id, o.label) for o in queries.owners_in_use(me)]
    )
    form.insats_type.choices = choices([("", _("All")), *insats.items()])
    form.validate()
    filters = queries.Filters(
        status=form.status.data if form.status.data in STATUS_LABELS else "",
        year=form.year.data if not form.year.errors else None,
        organisation_id=form.organisation.data if not form.organisation.errors else None,
        insats_type=form.insats_type.data if form.insats_type.data in INSATS_LABELS else "",
        q=(form.q.data or "")[:100],
        sort=request.args.get("sort", queries.DEFAULT_SORT)
        if request.args.get("sort", "").lstrip("-") in queries.SORTS
        else queries.DEFAULT_SORT,
    )
    page = request.args.get("page", 1, type=int) or 1
    pagination = queries.search(me, filters, page=max(page, 1))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "applications/index.html",
        form=form,
        filters=filters,
        page=pagination,
        args=args,
        counts=queries.status_counts(me, filters),
        requested=budget.requested_totals([a.id for a in pagination.items]),
        statuses=statuses,
        insats=insats,
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(APPLICATION_WRITERS)
def new() -> str | Response | tuple[str, int]:
    """Start a draft; the budget and attachments follow on the edit page."""
    me = user()
    form = application_form(None)
    if request.method == "GET" and me.role == Role.PROJEKTAGARE:
        form.owner_id.data = me.organisation_id
    if form.validate_on_submit():
        owner = db.session.get(Organisation, form.owner_id.data) or abort(400)
        parent = db.session.get(Application, form.parent_id.data) if form.parent_id.data else None
        return call_service(
            lambda: content.new_application(owner=owner, parent=parent, user=me, **form.content()),
            success=_("The draft has been saved. Now enter the budget."),
            then=lambda application: (
                url_for("applications.edit", application_id=application.id) + "#budget"
            ),
            failed=lambda _error: (render_template("applications/new.html", form=form), 400),
        )
    status = 400 if form.errors else 200
    return render_template("applications/new.html", form=form), status


@bp.route("/<int:application_id>")
@allow(ALL_ROLES)
def show(application_id: int) -> str:
    """The application as submitted, its budget, proposal and history."""
    return _render_show(get_application_or_403(application_id, for_page=True))


def _render_show(application: Application, step_form: StepForm | None = None) -> str:
    me = user()
    steps = workflow.available_steps(application, me)
    summary = budget.budget_summary(application)
    return render_template(
        "applications/show.html",
        application=application,
        summary=summary,
        staff_cost=budget.staff_cost,
        proposed=workflow.proposed_by_year(application, summary.requested),
        steps=steps,
        may_edit=may_edit_content(application, me),
        may_prepare=may_prepare(application, me),
        step_form=step_form or (StepForm() if steps else None),  # shown only with steps
        show_proposal=may_see_beredning(application, me),
        decisions=board_decisions(application),
        outcome_names=OUTCOME_LABELS,
    )


@bp.route("/<int:application_id>/edit", methods=["GET", "POST"])
@allow(APPLICATION_WRITERS)
def edit(application_id: int) -> str | Response | tuple[str, int]:
    """Change the content; after submission every change is kept as a new version."""
    application = editable_application_or_refuse(application_id)
    if request.method == "GET":
        return render_edit(application)
    form = application_form(application)
    if not form.validate_on_submit():
        return render_edit(application, 400, form=form)
    owner = db.session.get(Organisation, form.owner_id.data) or abort(400)
    parent = db.session.get(Application, form.parent_id.data) if form.parent_id.data else None

    def save() -> None:
        with content.saving(application):
            content.update_application(
                application,
                user=user(),
                owner=owner,
                parent=parent,
                expected_version=form.expected_version(),
                **form.content(),
            )

    def failed(error: DomainError) -> tuple[str, int]:
        if isinstance(error, content.ConflictError):  # 409: someone else saved meanwhile
            form.version.data = str(application.version)  # a second save is then deliberate
            return render_edit(application, 409, form=form)
        return render_edit(application, 400, form=form)

    return call_service(
        save,
        success=_("The application has been saved."),
        then=url_for("applications.edit", application_id=application.id),
        failed=failed,
    )


@bp.route("/<int:application_id>/step", methods=["POST"])
@allow(APPLICATION_WRITERS)
def step(application_id: int) -> str | Response | tuple[str, int]:
    """Take the application to the next status (submit, prepare, ask for more, propose …)."""
    application = get_application_or_403(application_id)
    form = StepForm()
    target = request.form.get("to", "")
    if not form.validate_on_submit() or target not in workflow.UI_STEPS:
        flash(_("Choose a step."), "danger")
        return _render_show(application, form), 400

    def done(_result: object) -> str:
        if target == ApplicationStatus.SUBMITTED:
            return _(
                "The application has been submitted and registered as %(number)s.",
                number=application.registry_number,
            )
        return _(
            "The application is now: %(status)s.", status=STATUS_LABELS[ApplicationStatus(target)]
        )

    return call_service(
        lambda: workflow.transition(
            application,
            target,
            user=user(),
            note=form.note.data or "",
            seen=request.form.get("seen_status") or None,
        ),
        success=done,
        then=url_for("applications.show", application_id=application.id),
        failed=lambda _error: (_render_show(application, form), 400),
    )


@bp.route("/<int:application_id>/delete", methods=["POST"])
@allow(APPLICATION_WRITERS)
def delete(application_id: int) -> Response:
    """Throw away a draft."""
    application = get_application_or_403(application_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    return call_service(
        lambda: content.delete_draft(application, user=user()),
        success=_("The draft has been deleted."),
        then=url_for("applications.index"),
        failed=url_for("applications.show", application_id=application_id),
    )


@bp.route("/<int:application_id>/proposal", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def proposal(application_id: int) -> str | Response | tuple[str, int]:
    """Beredning: the förbundschef's assessment and förslag till beslut."""
    application = get_application_or_403(application_id)
    if not may_prepare(application, user()):
        flash(_("The proposal can be written while the application is being prepared."), "warning")
        return redirect(url_for("applications.show", application_id=application_id))
    years = budget.budget_years(application)
    requested = budget.requested_by_year(application)
    if request.method == "GET":
        form = proposal_form(years, obj=application)
        form.version.data = str(application.version)
        for item in application.proposed_amounts:
            if item.year in years:
                getattr(form, f"amount_{item.year}").data = item.amount
    else:
        form = proposal_form(years)

    def page(status: int) -> tuple[str, int]:
        return render_template(
            "applications/proposal.html",
            application=application,
            form=form,
            years=years,
            requested=requested,
        ), status

    def save() -> None:
        with content.saving(application):
            content.save_proposal(
                application,
                user=user(),
                assessment=form.assessment.data or "",
                proposal_text=form.proposal_text.data or "",
                conditions=form.conditions.data or "",
                amounts=form.amounts(years),
                expected_version=form.expected_version(),
            )

    if form.validate_on_submit():
        return call_service(
            save,
            success=_("The proposal has been saved."),
            then=url_for("applications.show", application_id=application_id),
            # 409 when someone else saved meanwhile: the form keeps what was typed
            failed=lambda error: page(409 if isinstance(error, content.ConflictError) else 400),
        )
    return page(400 if request.method == "POST" else 200)


@bp.route("/<int:application_id>/print")
@allow(ALL_ROLES)
def print_view(application_id: int) -> str:
    """The application laid out like the Word form, for the board's papers."""
    application = get_application_or_403(application_id, for_page=True)
    summary = budget.budget_summary(application)
    return render_template(
        "applications/print.html",
        application=application,
        summary=summary,
        staff_cost=budget.staff_cost,
        proposed=workflow.proposed_by_year(application, summary.requested),
        show_proposal=may_see_beredning(application, user()),
    )


@bp.route("/<int:application_id>/history")
@allow(ALL_ROLES)
def history(application_id: int) -> str:
    """Every version kept since submission, and every status change."""
    application = get_application_or_403(application_id)
    return render_template("applications/history.html", application=application)


@bp.route("/<int:application_id>/history/<int:number>")
@allow(ALL_ROLES)
def revision(application_id: int, number: int) -> str:
    """One version and what changed since the one before."""
    application = get_application_or_403(application_id)
    found = next((r for r in application.revisions if r.number == number), None) or abort(404)
    fields, lists = readable(
        *revision_diff(found, with_beredning=may_see_beredning(application, user()))
    )
    return render_template(
        "applications/revision.html",
        application=application,
        revision=found,
        fields=fields,
        lists=lists,
    )
