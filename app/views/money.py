"""Money: member contributions per year, cost splits, their workbook, and staff cost.

Who may do what (docs/money.md): förbundschef and ekonom write; the office,
board and revisor read; a projektägare reads only the cost splits its own
organisation takes part in and nothing else here; the cost-split workbook goes
to förbundschef, ekonom and revisor; the staff-cost calculator is open to all.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from exports.cost_split import TITLE, cost_split_frame, cost_split_sheets
from exports.delimited import frame_to_csv
from exports.workbook import workbook_bytes
from forms.money import StaffCostForm, contribution_form, split_form, split_form_data
from models import CostSplit, Organisation, OrgKind, Role, db

from .. import clock
from ..downloads import csv_response, download_name, xlsx_response
from ..permissions import ALL_ROLES, MONEY_WRITERS, OFFICE_READERS, allow
from ..services.forbund import current_forbund
from ..services.money import contributions as contribution_service
from ..services.money import cost_splits as split_service
from ..services.money import organisations, po_rates, staffing
from ..services.money.splits import KEY_LABELS, RULE_LABELS, KommunKey, Rule
from .query import asked_year
from .service_call import call_service
from .submit_once import answered_before, call_service_once

bp = Blueprint("money", __name__, url_prefix="/money")

#: Cost splits are readable by the office and by projektägare for their own organisation.
SPLIT_READERS = OFFICE_READERS | {Role.PROJEKTAGARE}
#: The treasurer's workbook: those who work with or audit the figures.
WORKBOOK_ROLES = MONEY_WRITERS | {Role.REVISOR}
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _year_or_404(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    return year


def _percent_orgs() -> list[Organisation]:
    """Members that may need an agreed percentage: kommuner, and regions when there are several."""
    members = contribution_service.member_parties()
    regions = [o for o in members if o.kind == OrgKind.REGION]
    return [o for o in members if o.kind == OrgKind.KOMMUN] + (regions if len(regions) > 1 else [])


@bp.route("/")
@allow(OFFICE_READERS)
def contributions() -> str:
    """Member contributions: the years entered and one year's shares."""
    year = request.args.get("year", type=int)
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        entered = contribution_service.years()
        year = entered[0].year if entered else clock.today().year
    return _contribution_page(year)


def _contribution_page(year: int, form: Any = None, error: str | None = None) -> str:
    contribution = contribution_service.contribution_for(year)
    if form is None:
        data: dict[str, Any] = {"kommun_key": KommunKey.POPULATION.value}
        if contribution is not None:
            data = {
                "total": contribution.total,
                "kommun_key": contribution.kommun_key,
                "note": contribution.note,
            } | {f"pct_{s.organisation_id}": s.key_percent for s in contribution.shares}
        form = contribution_form(_percent_orgs(), data=data, formdata=None)
    shares = contribution_service.shares_for(year)
    return render_template(
        "money/contributions.html",
        year=year,
        years=contribution_service.years(),
        contribution=contribution,
        shares=shares,
        shares_sum=sum((s.amount for s in shares), Decimal(0)),
        form=form,
        error=error,
        key_labels=KEY_LABELS,
    )


@bp.route("/contributions/<int:year>", methods=["POST"])
@allow(MONEY_WRITERS)
def set_contribution(year: int) -> tuple[str, int] | Response:
    """Enter or change a year's contribution; the shares are computed at once."""
    _year_or_404(year)
    form = contribution_form(_percent_orgs())
    if form.validate_on_submit():
        return call_service(
            lambda: contribution_service.set_contribution(
                year,
                form.total.data,
                form.kommun_key.data,
                form.percentages(),
                note=form.note.data,
            ),
            success=_("The member contribution for %(year)s has been saved.", year=year),
            then=url_for("money.contributions", year=year),
            failed=lambda error: (_contribution_page(year, form, str(error)), 400),
            flash_error=False,  # the page shows it beside the form
        )
    return _contribution_page(year, form), 400


def _organisation_filter() -> int | None:
    """A projektägare always sees their own organisation's splits; others choose."""
    if current_user.role == Role.PROJEKTAGARE:
        return current_user.organisation_id or -1
    return request.args.get("org", type=int)


@bp.route("/splits")
@allow(SPLIT_READERS)
def splits() -> str:
    """Cost splits, filtered by year and organisation: the current year (app.clock.today)
    unless another year, or "all" years, is asked for, so the year's workbook is one click away."""
    asked = request.args.get("year", "")
    year = None if asked == "all" else (asked_year() or clock.today().year)
    org_id = _organisation_filter()
    found = split_service.splits(year, org_id)
    shares: dict[int, tuple[int, Decimal]] = {}
    if org_id is not None:
        for cost_split in found:
            when = year if year is not None else cost_split.last_year
            for part in split_service.parts_in(cost_split, when):
                if part.organisation_id == org_id:
                    shares[cost_split.id] = (when, part.amount)
    return render_template(
        "money/splits.html",
        splits=found,
        year=year,
        org_id=org_id,
        shares=shares,
        years=sorted(set(split_service.split_years()) | {clock.today().year}),
        organisations=organisations.all_organisations(),
        rule_labels=RULE_LABELS,
    )


def _split_or_403(split_id: int) -> CostSplit:
    """The split; a projektägare only if their organisation takes part in it."""
    cost_split = db.session.get(CostSplit, split_id) or abort(404)
    if current_user.role == Role.PROJEKTAGARE and current_user.organisation_id not in {
        p.organisation_id for p in cost_split.parties
    }:
        abort(403)
    return cost_split


@bp.route("/splits/<int:split_id>")
@allow(SPLIT_READERS)
def show_split(split_id: int) -> str:
    """One split: its inputs and the parts per year."""
    cost_split = _split_or_403(split_id)
    table: dict[int, dict[int, Decimal]] = {}
    for part in cost_split.parts:
        table.setdefault(part.organisation_id, {})[part.year] = part.amount
    columns = {tuple(amounts[y] for y in cost_split.years) for amounts in table.values()}
    same_every_year = all(len(set(c)) <= 1 for c in columns)
    return render_template(
        "money/split.html",
        split=cost_split,
        table=table,
        years=[cost_split.first_year] if same_every_year else list(cost_split.years),
        same_every_year=same_every_year,
        rule_labels=RULE_LABELS,
        key_labels=KEY_LABELS,
    )


@bp.route("/splits/new", methods=["GET", "POST"])
@allow(MONEY_WRITERS)
def new_split() -> str | tuple[str, int] | Response:
    """Share a new cost among organisations."""
    forbund = current_forbund()
    unit = forbund.split_unit if forbund is not None else Decimal("1.00")
    return _edit_split(
        None, {"first_year": clock.today().year, "unit": str(unit), "rule": Rule.EQUAL.value}
    )


@bp.route("/splits/<int:split_id>/edit", methods=["GET", "POST"])
@allow(MONEY_WRITERS)
def edit_split(split_id: int) -> str | tuple[str, int] | Response:
    """Change a split's inputs; its parts are computed again."""
    cost_split = db.session.get(CostSplit, split_id) or abort(404)
    data = split_form_data(cost_split)
    return _edit_split(cost_split, data)


def _edit_split(
    cost_split: CostSplit | None, data: dict[str, Any]
) -> str | tuple[str, int] | Response:
    everyone = organisations.all_organisations()
    form = split_form(everyone) if request.method == "POST" else split_form(everyone, data=data)

    def page(error: str | None = None) -> str | tuple[str, int]:
        html = render_template("money/split_form.html", form=form, split=cost_split, error=error)
        return (html, 400) if request.method == "POST" else html

    if (repeat := answered_before(form)) is not None:
        return repeat
    if form.validate_on_submit():
        given = form.split_input()

        def save() -> CostSplit:
            if cost_split is None:
                return split_service.create_split(given)
            split_service.update_split(cost_split, given)
            return cost_split

        return call_service_once(
            form,
            save,
            success=lambda saved: _("The cost split %(name)s has been saved.", name=saved.name),
            then=lambda saved: url_for("money.show_split", split_id=saved.id),
            failed=lambda error: page(str(error)),
            flash_error=False,  # the page shows it above the form
        )
    return page()


@bp.route("/splits/<int:split_id>/delete", methods=["POST"])
@allow(MONEY_WRITERS)
def delete_split(split_id: int) -> Response:
    """Remove a cost split and its parts."""
    cost_split = db.session.get(CostSplit, split_id) or abort(404)
    return call_service(
        lambda: split_service.delete_split(cost_split),
        success=_("The cost split %(name)s has been deleted.", name=cost_split.name),
        then=url_for("money.splits"),
        failed=url_for("money.show_split", split_id=split_id),
    )


def _workbook_rows(year: int) -> list[split_service.PartRow]:
    """The year's parts with Swedish rule names: the workbook is a Swedish document."""
    with force_locale("sv"):
        return split_service.parts_by_organisation(year)


@bp.route("/splits/<int:year>/kostnadsfordelning.xlsx")
@allow(WORKBOOK_ROLES)
def cost_split_xlsx(year: int) -> Response:
    """The year's cost-split workbook: a summary and a sheet per organisation."""
    _year_or_404(year)
    forbund = current_forbund()
    data = workbook_bytes(
        cost_split_sheets(year, _workbook_rows(year)),
        title=f"{TITLE} {year}",
        forbund=forbund.name if forbund else "",
        created=clock.today(),
        subject=f"{TITLE} {year}",
    )
    return xlsx_response(data, download_name("kostnadsfordelning", year, ext="xlsx"))


@bp.route("/splits/<int:year>/kostnadsfordelning.csv")
@allow(WORKBOOK_ROLES)
def cost_split_csv(year: int) -> Response:
    """The same figures as CSV (semicolon, decimal comma, UTF-8 with BOM)."""
    _year_or_404(year)
    frame, columns = cost_split_frame(year, _workbook_rows(year))
    return csv_response(
        frame_to_csv(frame, columns), download_name("kostnadsfordelning", year, ext="csv")
    )


@bp.route("/staff-cost")
@allow(ALL_ROLES)
def staff_cost() -> str | tuple[str, int]:
    """Calculator: share of full time, PO-pålägg and the yearly cost of a staff line."""
    form = StaffCostForm(request.args if request.args else None)
    if not request.args:
        form.year.data = clock.today().year
        return render_template("money/staff_cost.html", form=form, result=None)
    result = None
    error = None
    if form.validate():
        try:
            percent = form.percent.data
            if percent is None:
                percent = staffing.percent_from_hours(form.hours.data, form.full_week.data or 40)
            po_rate = form.po_rate.data
            default_po = po_rate is None
            if default_po:
                po_rate = po_rates.required_rate(form.employer.data, form.year.data)
            cost = staffing.yearly_staff_cost(
                form.annual_salary.data, percent, po_rate, form.months.data
            )
        except staffing.StaffingError as caught:  # a calculation only: nothing to roll back
            error = str(caught)
        else:
            result = {
                "percent": percent,
                "po_rate": po_rate,
                "default_po": default_po,
                "po_source": po_rates.source_label(form.employer.data, form.year.data)
                if default_po
                else "",
                "cost": cost,
                "monthly_salary": (form.annual_salary.data / 12).quantize(Decimal("0.01")),
            }
    page = render_template("money/staff_cost.html", form=form, result=result, error=error)
    return page if result is not None else (page, 400)
