"""What the grant pages share: loading a grant with the object check, and its page.

Forms posted from the grant's page (budget, carry-over, report dates) come back to
it through ``render_grant`` with their input and errors.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from forms.base import choices
from forms.grants import AmountForm, CarryOverForm, ConfirmForm, ReportDateForm
from models import db
from models.grant import CATEGORY_LABELS, INSATS_TYPE_LABELS, STATUS_LABELS, Grant
from models.grant_followup import REPORT_KIND_LABELS

from ... import clock
from ...permissions import require_organisation_or_403
from ...services.grants import figures as grant_figures
from ...services.grants import lifecycle as service
from ...services.grants import reports
from ...services.grants.rules import GrantError, ensure_grant_open
from ...services.meetings.anslag import decision_appeal_ends


def grant_or_403(grant_id: int, *, for_page: bool = False) -> Grant:
    """Load a grant; projektägare may only see their own organisation's grants.

    ``for_page`` loads it with everything the grant's page shows
    (``services.grants.lifecycle.load_for_page``).
    """
    if for_page:
        grant = service.load_for_page(grant_id) or abort(404)
    else:
        grant = db.session.get(Grant, grant_id) or abort(404)
    require_organisation_or_403(grant.owner_id)
    return grant


def application_url(application: Any) -> str | None:
    """Link to the applications area's page for an application, if that area is installed."""
    if application is None or "applications.show" not in current_app.view_functions:
        return None
    rule = next(current_app.url_map.iter_rules("applications.show"))
    argument = next(iter(rule.arguments), None)
    return url_for("applications.show", **({argument: application.id} if argument else {}))


def open_grant_or_redirect(grant: Grant) -> Response | None:
    """For write pages: a closed grant sends the user back with the reason."""
    try:
        ensure_grant_open(grant)
    except GrantError as error:  # a guard before any change: no call_service
        flash(str(error), "warning")
        return redirect(url_for("grants.show", grant_id=grant.id))
    return None


def year_choices(grant: Grant) -> list[Any]:
    """The grant's years for a select."""
    return choices([("", "—")] + [(y.year, str(y.year)) for y in grant.years])


def render_grant(grant: Grant, status: int = 200, **forms: Any) -> Any:
    """The grant page; a form posted from it that failed is shown again with its input."""
    figures = grant_figures.year_figures(grant)
    context = dict(
        grant=grant,
        application_url=application_url(grant.application),
        appeal_ends=decision_appeal_ends(grant.decision),
        figures=figures,
        total=grant_figures.total_of(figures),
        comparisons=grant_figures.budget_vs_outcome(grant),
        payments=grant.payments,
        reports=grant.reports,
        staff=sorted(grant.staff, key=lambda a: (a.person.casefold(), a.start_on)),
        types=INSATS_TYPE_LABELS,
        categories=CATEGORY_LABELS,
        report_kinds=REPORT_KIND_LABELS,
        statuses=STATUS_LABELS,
        close_problems=reports.close_problems(grant) if not grant.is_closed else [],
        today=clock.today(),
        carry_form=carry_form(grant),
        budget_form=budget_form(grant),
        report_date_form=ReportDateForm(prefix="rd"),
        confirm=ConfirmForm(),
    )
    context.update(forms)
    return render_template("grants/show.html", **context), status


def carry_form(grant: Grant, form: CarryOverForm | None = None) -> CarryOverForm:
    """The carry-over form with the grant's years to choose from."""
    form = form or CarryOverForm(prefix="carry")
    form.year.choices = year_choices(grant)
    return form


def budget_form(grant: Grant, form: AmountForm | None = None) -> AmountForm:
    """The budget form with the grant's years to choose from."""
    form = form or AmountForm(prefix="budget")
    form.year.choices = year_choices(grant)
    return form
