"""The grant register, one grant's page, the förbund's own insatser and amendments."""

from __future__ import annotations

from typing import Any

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from exports.grant_register import TITLE, register_sheets
from exports.workbook import workbook_bytes
from forms.base import choices
from forms.grants import AmendForm, OwnGrantForm
from models import Organisation, Role, db
from models.grant import INSATS_TYPE_LABELS, STATUS_LABELS, Grant, GrantStatus
from models.meeting import Decision, Paragraph
from models.meeting_terms import GRANTING

from ... import clock
from ...downloads import download_name, xlsx_response
from ...permissions import ALL_ROLES, MONEY_WRITERS, allow
from ...services.forbund import forbund_name
from ...services.grants import lifecycle as service
from ...services.grants import register as grant_register
from ...services.grants.rules import GrantError
from ...services.money.organisations import all_organisations
from ..query import asked_year
from ..service_call import call_service
from ..submit_once import answered_before, call_service_once
from .blueprint import bp
from .common import grant_or_403, open_grant_or_redirect, render_grant


def decision_choices() -> list[Any]:
    """Board decisions that granted money, newest first, labelled like the protocol."""
    rows = db.session.scalars(
        select(Decision)
        .outerjoin(Paragraph, Paragraph.id == Decision.paragraph_id)
        .where(Decision.outcome.in_([str(o) for o in GRANTING]))
        .order_by(Decision.decided_on.desc(), Paragraph.year.desc(), Paragraph.number.desc())
    ).all()
    pairs = []
    for decision in rows:
        label = decision.citation
        title = decision.paragraph.title if decision.paragraph else decision.text[:60]
        pairs.append((decision.id, f"{label} – {title}"))
    return choices([("", "—"), *pairs])


#: The register filter's value for the whole history (the default is the current year).
ALL_YEARS = "all"


def _filters() -> grant_register.RegisterFilter:
    """The register's filter from the query string.

    Without a year the register shows the current year, the treasurer's working view:
    the grants with money in it and its totals. ``year=all`` shows every year.
    """
    args = request.args
    org = args.get("org", "")
    organisation_id = int(org) if org.isdigit() and len(org) < 10 else None
    if current_user.role == Role.PROJEKTAGARE:
        organisation_id = current_user.organisation_id
    chosen = None if args.get("year") == ALL_YEARS else asked_year() or clock.today().year
    return grant_register.RegisterFilter(
        year=chosen,
        status=args.get("status", "") if args.get("status") in set(GrantStatus) else "",
        organisation_id=organisation_id,
        insats_type=args.get("type", "") if args.get("type") in INSATS_TYPE_LABELS else "",
    )


@bp.route("/")
@allow(ALL_ROLES)
def index() -> str:
    """The grant register with filters and totals per year, on the current year unless
    another year or all years are chosen."""
    filters = _filters()
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "grants/index.html",
        register=grant_register.register_totals(filters),
        rows=grant_register.register_page(filters, request.args.get("page", type=int)),
        args=args,
        filters=filters,
        years=grant_register.register_years(clock.today().year, filters.year),
        all_years=ALL_YEARS,
        organisations=all_organisations(populations=False),
        types={kind: str(label) for kind, label in INSATS_TYPE_LABELS.items()},
        statuses={status: str(label) for status, label in STATUS_LABELS.items()},
        today=clock.today(),
    )


@bp.route("/register.xlsx")
@allow(ALL_ROLES)
def register_xlsx() -> Response:
    """The filtered register as a workbook."""
    filters = _filters()
    sheets = register_sheets(grant_register.register(filters), year=filters.year)
    data = workbook_bytes(
        sheets, title=TITLE, forbund=forbund_name(), created=clock.today(), subject=TITLE
    )
    return xlsx_response(data, download_name("bidragsregister", filters.year, ext="xlsx"))


@bp.route("/<int:grant_id>")
@allow(ALL_ROLES)
def show(grant_id: int) -> Any:
    """One grant: decision, years, payments, budget against outcome, reports, staff, history."""
    return render_grant(grant_or_403(grant_id, for_page=True))


def _owner_choices() -> list[Any]:
    own = service.forbund_organisation()
    others = [
        o for o in all_organisations(populations=False) if o.id != own.id and o.kind != "external"
    ]
    return choices([("", "—"), (own.id, own.name), *[(o.id, o.label) for o in others]])


@bp.route("/new", methods=["GET", "POST"])
@allow(MONEY_WRITERS)
def new() -> Any:
    """Register one of the förbund's own insatser straight from a board decision."""
    form = OwnGrantForm()
    form.owner_id.choices = _owner_choices()
    form.decision_id.choices = decision_choices()
    if form.validate_on_submit():
        owner = db.session.get(Organisation, form.owner_id.data)
        decision = (
            db.session.get(Decision, form.decision_id.data) if form.decision_id.data else None
        )

        def register() -> Grant:
            if owner is None:
                raise GrantError(_("Choose the owner."))
            return service.create_grant(
                name=form.name.data,
                owner=owner,
                years=form.years(),
                conditions=form.conditions.data or "",
                report_dates=form.report_dates(),
                decision=decision,
                user=current_user,
                period_start=form.period_start.data,
                period_end=form.period_end.data,
                insats_type=form.insats_type.data,
                decision_reference=form.decision_reference.data or "",
            )

        return call_service(
            register,
            success=lambda grant: _("The grant %(name)s has been registered.", name=grant.name),
            then=lambda grant: url_for("grants.show", grant_id=grant.id),
            failed=lambda _error: (render_template("grants/new.html", form=form), 400),
        )
    return render_template("grants/new.html", form=form), 400 if request.method == "POST" else 200


@bp.route("/<int:grant_id>/amend", methods=["GET", "POST"])
@allow(MONEY_WRITERS)
def amend(grant_id: int) -> Any:
    """Register an extension or supplement: new amounts and period, history kept."""
    grant = grant_or_403(grant_id)
    if (closed := open_grant_or_redirect(grant)) is not None:
        return closed
    form = AmendForm()
    form.decision_id.choices = decision_choices()
    if (repeat := answered_before(form)) is not None:
        return repeat
    if form.validate_on_submit():
        decision = (
            db.session.get(Decision, form.decision_id.data) if form.decision_id.data else None
        )
        return call_service_once(
            form,
            lambda: service.amend_grant(
                grant,
                years=form.years(),
                decision=decision,
                user=current_user,
                period_end=form.period_end.data,
                note=form.note.data or "",
                decision_reference=form.decision_reference.data or "",
            ),
            success=_("The amendment has been registered."),
            then=url_for("grants.show", grant_id=grant.id),
            failed=lambda _error: (
                render_template("grants/amend.html", form=form, grant=grant),
                400,
            ),
        )
    status = 400 if request.method == "POST" else 200
    return render_template("grants/amend.html", form=form, grant=grant), status
