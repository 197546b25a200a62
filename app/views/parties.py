"""Parties and units: the organisations behind contributions, applications and grants."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from forms.base import choices
from forms.parties import OrganisationForm, PopulationForm
from models import Organisation, OrgKind, db
from models.organisation import KIND_LABELS

from ..permissions import CHEF_ONLY, OFFICE_READERS, allow
from ..services.money import organisations as service
from .service_call import call_service

bp = Blueprint("parties", __name__, url_prefix="/parties")


def _parent_choices(exclude: int | None = None) -> list[tuple[str, str]]:
    parents = [o for o in service.all_organisations() if o.kind != OrgKind.UNIT and o.id != exclude]
    return choices([("", "—")] + [(o.id, o.name) for o in parents])


@bp.route("/")
@allow(OFFICE_READERS)
def index() -> str:
    """Members, units and external bodies."""
    return render_template(
        "parties/index.html", organisations=service.all_organisations(), kinds=KIND_LABELS
    )


@bp.route("/<int:org_id>")
@allow(OFFICE_READERS)
def show(org_id: int) -> str:
    """One organisation with its units and population figures."""
    organisation = db.session.get(Organisation, org_id) or abort(404)
    return render_template(
        "parties/show.html", org=organisation, kinds=KIND_LABELS, form=PopulationForm()
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new() -> str | Response:
    """Register an organisation."""
    return _edit(Organisation())


@bp.route("/<int:org_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit(org_id: int) -> str | Response:
    """Change an organisation."""
    return _edit(db.session.get(Organisation, org_id) or abort(404))


def _edit(organisation: Organisation) -> str | Response:
    form = OrganisationForm(obj=organisation)
    form.parent_id.choices = _parent_choices(exclude=organisation.id)
    if form.validate_on_submit():
        parent = db.session.get(Organisation, form.parent_id.data) if form.parent_id.data else None
        duplicate = db.session.scalar(
            select(Organisation.id).where(
                Organisation.name == form.name.data, Organisation.id != organisation.id
            )
        )

        def save() -> None:
            if duplicate:
                raise service.OrganisationError(_("An organisation with this name exists."))
            service.check_parent(form.kind.data, parent)
            form.populate_obj(organisation)
            db.session.add(organisation)

        return call_service(
            save,
            success=lambda _r: _("%(name)s has been saved.", name=organisation.name),
            then=lambda _r: url_for("parties.show", org_id=organisation.id),
            failed=lambda _error: render_template("parties/form.html", form=form, org=organisation),
            field=form.parent_id,
        )
    return render_template("parties/form.html", form=form, org=organisation)


@bp.route("/<int:org_id>/population", methods=["POST"])
@allow(CHEF_ONLY)
def add_population(org_id: int) -> str | Response:
    """Add or correct the population for a year."""
    organisation = db.session.get(Organisation, org_id) or abort(404)
    form = PopulationForm()

    def page() -> tuple[str, int]:
        return render_template(
            "parties/show.html", org=organisation, kinds=KIND_LABELS, form=form
        ), 400

    if form.validate_on_submit():
        return call_service(
            lambda: service.set_population(
                organisation,
                form.year.data,
                form.inhabitants.data,
                reference_date=form.reference_date.data,
                source=form.source.data,
            ),
            success=_("The population figure has been saved."),
            then=url_for("parties.show", org_id=org_id),
            failed=lambda _error: page(),
            field=form.year,
        )
    return page()
