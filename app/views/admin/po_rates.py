"""Inställningar → PO-pålägg: the förbund's rate per year and kind of employer."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forms.admin import PoRateForm
from models import PoRate, db

from ...clock import today
from ...permissions import MONEY_WRITERS, OFFICE_READERS, allow
from ...services.money import po_rates
from ..service_call import call_service
from .blueprint import bp


def _page(form: PoRateForm, status: int = 200) -> tuple[str, int]:
    return (
        render_template(
            "admin/po_rates.html",
            form=form,
            years=po_rates.table(),
            employers=po_rates.EMPLOYERS,
            labels=po_rates.EMPLOYER_LABELS,
            sources=po_rates.SOURCES,
            skr_missing=po_rates.missing_skr_rates(),
        ),
        status,
    )


@bp.route("/po-rates")
@allow(OFFICE_READERS)
def po_rate_list() -> tuple[str, int]:
    """Every year's PO-pålägg per kind of employer, and where each figure comes from."""
    form = PoRateForm(year=today().year)
    return _page(form)


@bp.route("/po-rates", methods=["POST"])
@allow(MONEY_WRITERS)
def po_rate_save() -> Response | tuple[str, int]:
    """Keep one year's rate for one kind of employer."""
    form = PoRateForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    return call_service(
        lambda: po_rates.set_rate(
            form.year.data, form.employer.data, form.rate.data, form.source.data
        ),
        success=_("The PO-pålägg has been saved."),
        then=url_for("admin.po_rate_list"),
        failed=lambda _error: _page(form, 400),
        field=form.rate,
    )


@bp.route("/po-rates/<int:rate_id>/delete", methods=["POST"])
@allow(MONEY_WRITERS)
def po_rate_delete(rate_id: int) -> Response:
    """Remove a rate: the year then has none ("ej angivet") for that kind of employer."""
    db.get_or_404(PoRate, rate_id)
    return call_service(
        lambda: po_rates.delete_rate(rate_id),
        success=_("The PO-pålägg has been removed."),
        then=url_for("admin.po_rate_list"),
        failed=url_for("admin.po_rate_list"),
    )


@bp.route("/po-rates/skr", methods=["POST"])
@allow(MONEY_WRITERS)
def po_rate_seed_skr() -> Response:
    """Add SKR's published rates for the years and kinds that have no rate yet."""
    return call_service(
        po_rates.seed_skr_rates,
        success=lambda added: _("%(count)s of SKR's published rates were added.", count=added),
        then=url_for("admin.po_rate_list"),
        failed=url_for("admin.po_rate_list"),
    )
