"""Project reports, reports due, who works where, and the revisor's audit bundle."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from forms.base import choices
from forms.grants import ReportDateForm, ReportForm, StaffForm
from models import Organisation, Role, db
from models.grant import CATEGORY_LABELS
from models.grant_followup import REPORT_KIND_LABELS, ProjectReport, StaffAllocation

from ... import clock
from ...downloads import download_name
from ...permissions import (
    ALL_ROLES,
    AUDIT_READERS,
    MONEY_WRITERS,
    OFFICE_READERS,
    allow,
    require_organisation_or_403,
)
from ...services.admin.audit_bundle import build_bundle, in_memory_if_small
from ...services.grants import allocations as staffing_overview
from ...services.grants import reports
from ...services.money import slips
from ...services.money.organisations import all_organisations
from ..service_call import call_service
from .blueprint import bp
from .common import grant_or_403, open_grant_or_redirect, render_grant, year_choices

REPORT_WRITERS = MONEY_WRITERS | {Role.PROJEKTAGARE}


def report_or_403(report_id: int) -> ProjectReport:
    """Load a report; projektägare only their own organisation's."""
    report = db.session.get(ProjectReport, report_id) or abort(404)
    require_organisation_or_403(report.grant.owner_id)
    return report


@bp.route("/reports")
@allow(ALL_ROLES)
def due() -> str:
    """Reports due within a month and overdue (projektägare: their own)."""
    today = clock.today()
    organisation = current_user.organisation_id if current_user.role == Role.PROJEKTAGARE else None
    return render_template(
        "grants/reports_due.html",
        today=today,
        kinds=REPORT_KIND_LABELS,
        rows=reports.due_reports(today, organisation_id=organisation),
        soon=reports.DUE_SOON_DAYS,
    )


@bp.route("/reports/<int:report_id>")
@allow(ALL_ROLES)
def report_show(report_id: int) -> str:
    """A submitted report (or what is asked for)."""
    report = report_or_403(report_id)
    return render_template(
        "grants/report_show.html", report=report, kinds=REPORT_KIND_LABELS, today=clock.today()
    )


@bp.route("/reports/<int:report_id>/submit", methods=["GET", "POST"])
@allow(REPORT_WRITERS)
def report_submit(report_id: int) -> Any:
    """Submit a lägesrapport or slutrapport with participants, destinations and outcome."""
    report = report_or_403(report_id)
    grant = report.grant
    if (closed := open_grant_or_redirect(grant)) is not None:
        return closed
    form = ReportForm(obj=report if report.is_submitted else None)
    form.outcome_year.choices = year_choices(grant)
    if request.method == "GET" and not report.is_submitted:
        form.period_start.data = grant.period_start
        form.period_end.data = min(report.due_on, grant.period_end)
        form.outcome_year.data = form.period_end.data.year

    def page(status: int) -> tuple[str, int]:
        return render_template(
            "grants/report_form.html",
            form=form,
            report=report,
            grant=grant,
            kinds=REPORT_KIND_LABELS,
            categories=CATEGORY_LABELS,
        ), status

    if form.validate_on_submit():
        content = reports.ReportContent(
            period_start=form.period_start.data,
            period_end=form.period_end.data,
            participants_started=form.participants_started.data or 0,
            participants_ended=form.participants_ended.data or 0,
            to_work=form.to_work.data or 0,
            to_studies=form.to_studies.data or 0,
            to_other_support=form.to_other_support.data or 0,
            to_other=form.to_other.data or 0,
            narrative=form.narrative.data or "",
            outcome_year=form.outcome_year.data,
        )
        return call_service(
            lambda: reports.submit_report(
                report, content, user=current_user, outcomes=form.outcomes()
            ),
            success=_("The report has been submitted."),
            then=url_for("grants.report_show", report_id=report.id),
            failed=lambda _error: page(400),
        )
    return page(400 if request.method == "POST" else 200)


@bp.route("/staffing")
@allow(OFFICE_READERS)
def staffing() -> str:
    """Who works where across active grants, with a warning above 100 %."""
    return render_template(
        "grants/staffing.html",
        people=staffing_overview.overview(),
        cost_by_year=staffing_overview.cost_by_year,
    )


def _staff_form(obj: StaffAllocation | None = None) -> StaffForm:
    form = StaffForm(obj=obj)
    form.employer_id.choices = choices(
        [("", "—")]
        + [(o.id, o.label) for o in all_organisations(populations=False) if o.kind != "external"]
    )
    return form


@bp.route("/<int:grant_id>/staff/new", methods=["GET", "POST"])
@allow(MONEY_WRITERS)
def staff_new(grant_id: int) -> Any:
    """Add a person or role to a grant's staffing."""
    return _staff_edit(grant_or_403(grant_id), None)


@bp.route("/staff/<int:allocation_id>", methods=["GET", "POST"])
@allow(MONEY_WRITERS)
def staff_edit(allocation_id: int) -> Any:
    """Change a staff allocation."""
    allocation = db.session.get(StaffAllocation, allocation_id) or abort(404)
    return _staff_edit(grant_or_403(allocation.grant_id), allocation)


def _staff_edit(grant: Any, allocation: StaffAllocation | None) -> Any:
    if (closed := open_grant_or_redirect(grant)) is not None:
        return closed
    form = _staff_form(allocation)
    if request.method == "GET" and allocation is None:
        form.start_on.data, form.end_on.data = grant.period_start, grant.period_end

    def page(status: int) -> tuple[str, int]:
        return render_template(
            "grants/staff_form.html", form=form, grant=grant, allocation=allocation
        ), status

    if form.validate_on_submit():
        employer = (
            db.session.get(Organisation, form.employer_id.data) if form.employer_id.data else None
        )

        def then(result: tuple[StaffAllocation, str | None]) -> str:
            """Where to go; a warning (over 100 % in total) follows the success message."""
            if warning := result[1]:
                flash(warning, "warning")
            return url_for("grants.show", grant_id=grant.id) + "#staff"

        return call_service(
            lambda: staffing_overview.save_allocation(
                grant,
                allocation,
                person=form.person.data,
                employer=employer,
                percent=form.percent.data,
                start_on=form.start_on.data,
                end_on=form.end_on.data,
                annual_salary=form.annual_salary.data,
                po_rate=form.po_rate.data,
            ),
            success=lambda result: _("%(person)s has been saved.", person=result[0].person),
            then=then,
            warnings=slips.messages(slips.low_annual_salary(form.annual_salary.data)),
            failed=lambda _error: page(400),
            field=form.person,
        )
    return page(400 if request.method == "POST" else 200)


@bp.route("/staff/<int:allocation_id>/remove", methods=["POST"])
@allow(MONEY_WRITERS)
def staff_remove(allocation_id: int) -> Response:
    """Take a person off a grant."""
    allocation = db.session.get(StaffAllocation, allocation_id) or abort(404)
    grant = grant_or_403(allocation.grant_id)
    back = url_for("grants.show", grant_id=grant.id) + "#staff"
    return call_service(
        lambda: staffing_overview.remove_allocation(allocation),
        success=_("The allocation has been removed."),
        then=back,
        failed=back,
    )


@bp.route("/<int:grant_id>/audit-bundle.zip")
@allow(AUDIT_READERS)
def audit_bundle(grant_id: int) -> Response:
    """Everything about one grant in one zip for the revisor."""
    grant = grant_or_403(grant_id)
    response = send_file(
        in_memory_if_small(build_bundle(grant)),
        mimetype="application/zip",
        as_attachment=True,
        download_name=download_name("revisionsunderlag", grant.name, ext="zip"),
        etag=False,
        conditional=False,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:grant_id>/report-dates", methods=["POST"])
@allow(MONEY_WRITERS)
def add_report_date(grant_id: int) -> Any:
    """Ask the projektägare for one more report."""
    grant = grant_or_403(grant_id)
    form = ReportDateForm(prefix="rd")
    if not form.validate_on_submit():
        return render_grant(grant, 400, report_date_form=form)
    return call_service(
        lambda: reports.add_report(grant, kind=form.kind.data, due_on=form.due_on.data),
        success=_("The report date has been added."),
        then=url_for("grants.show", grant_id=grant.id) + "#reports",
        failed=lambda _error: render_grant(grant, 400, report_date_form=form),
        field=form.due_on,
    )


@bp.route("/<int:grant_id>/close", methods=["POST"])
@allow(MONEY_WRITERS)
def close(grant_id: int) -> Any:
    """Close the grant: final report in, payments settled; afterwards read-only."""
    grant = grant_or_403(grant_id)
    return call_service(
        lambda: reports.close_grant(grant, user=current_user),
        success=_("The grant %(name)s is closed.", name=grant.name),
        then=url_for("grants.show", grant_id=grant.id),
        failed=lambda _error: render_grant(grant, 400),
    )
