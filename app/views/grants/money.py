"""Payments and outcomes of grants, and the money workbooks.

The ekonom (and förbundschef) record payments; projektägare report outcomes for
their own organisation's grants; everyone who may read grants sees the figures.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from exports.budget_outcome import grant_sheets, year_sheets
from exports.payments import TITLE, payments_sheets
from exports.sie import Ledger, sie_bytes
from exports.workbook import workbook_bytes
from forms.base import choices
from forms.grants import CorrectOutcomeForm, OutcomeForm, PaymentForm
from models import Role, db
from models.grant import CATEGORY_LABELS
from models.grant_followup import Outcome, Payment

from ... import clock
from ...downloads import download_name, sie_response, xlsx_response
from ...formatting import sek
from ...permissions import ALL_ROLES, MONEY_WRITERS, OFFICE_READERS, allow
from ...services.forbund import current_forbund, forbund_name
from ...services.grants import figures as grant_figures
from ...services.grants import outcomes, payments
from ...services.grants import register as grant_register
from ...services.grants.rules import ZERO
from ...services.money import ledger as ledger_service
from ..query import asked_year
from ..service_call import call_service
from ..submit_once import answered_before, call_service_once
from .blueprint import bp
from .common import (
    budget_form,
    carry_form,
    grant_or_403,
    open_grant_or_redirect,
    render_grant,
    year_choices,
)

OUTCOME_WRITERS = MONEY_WRITERS | {Role.PROJEKTAGARE}


def _period() -> tuple[date, date]:
    """The period asked for in the query string; the current year by default."""
    today = clock.today()
    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    try:
        start = (
            date.fromisoformat(request.args.get("from", "")) if request.args.get("from") else start
        )
        end = date.fromisoformat(request.args.get("to", "")) if request.args.get("to") else end
    except ValueError:
        flash(_("Dates are written as YYYY-MM-DD, e.g. 2026-01-31."), "warning")
    return (start, end) if start <= end else (end, start)


@bp.route("/payments")
@allow(OFFICE_READERS)
def payment_list() -> str:
    """All payments in a period, with the total, for the ekonom's reconciliation."""
    start, end = _period()
    rows = payments.payments_between(start, end)
    return render_template(
        "grants/payments.html",
        rows=rows,
        start=start,
        end=end,
        total=sum((p.amount for p in rows), ZERO),
    )


@bp.route("/payments.xlsx")
@allow(OFFICE_READERS)
def payments_xlsx() -> Response:
    """Payments for a period as a workbook."""
    start, end = _period()
    sheets = payments_sheets(payments.payments_between(start, end), start=start, end=end)
    data = workbook_bytes(
        sheets,
        title=TITLE,
        forbund=forbund_name(),
        created=clock.today(),
        subject=f"{start.isoformat()} – {end.isoformat()}",
    )
    return xlsx_response(data, download_name("utbetalningar", start, end, ext="xlsx"))


@bp.route("/payments.se")
@allow(OFFICE_READERS)
def payments_sie() -> Response:
    """Payments of one fiscal year (a period within it) as an SIE 4 file."""
    start, end = _period()
    if start.year != end.year:
        flash(_("An SIE file holds one fiscal year: download one file per year below."), "warning")
        return redirect(
            url_for("grants.payment_list", **{"from": start.isoformat(), "to": end.isoformat()})
        )
    forbund = current_forbund()
    ledger = Ledger(
        name=forbund.name if forbund else "",
        org_number=forbund.org_number if forbund else "",
        grant_account=forbund.grant_account if forbund else "4990",
        bank_account=forbund.bank_account if forbund else "1930",
        cost_accounts={
            category: (account.number, account.name)
            for category, account in ledger_service.cost_accounts().items()
        },
    )
    data = sie_bytes(
        payments.payments_between(start, end),
        ledger,
        start=start,
        end=end,
        generated=clock.today(),
        generated_by=current_user.name,
    )
    return sie_response(data, download_name("utbetalningar", start, end, ext="se"))


def _payment_form(grant: Any) -> PaymentForm:
    form = PaymentForm()
    form.year.choices = year_choices(grant)
    form.corrects_id.choices = choices(
        [("", "—")]
        + [(p.id, f"{p.paid_on} {p.reference} ({p.year})") for p in payments.correctable(grant)]
    )
    return form


def _payment_refused(form: PaymentForm, error: Exception, page: Any) -> tuple[str, int]:
    """The refusal beside its field: an unusual date by its reason, the rest by the amount."""
    is_date = isinstance(error, payments.PaymentDateError)
    (form.date_reason if is_date else form.amount).errors.append(str(error))
    return page(400)


@bp.route("/<int:grant_id>/payments/new", methods=["GET", "POST"])
@allow(MONEY_WRITERS)
def payment_new(grant_id: int) -> Any:
    """Record an utbetalning (or a correction as a negative amount with a reason)."""
    grant = grant_or_403(grant_id)
    if (closed := open_grant_or_redirect(grant)) is not None:
        return closed
    form = _payment_form(grant)
    if request.method == "GET":
        today = clock.today()
        form.paid_on.data = today
        form.year.data = payments.default_year(grant, today)

    def page(status: int) -> tuple[str, int]:
        figures = grant_figures.year_figures(grant)
        return render_template(
            "grants/payment_form.html", form=form, grant=grant, figures=figures
        ), status

    if (repeat := answered_before(form)) is not None:
        return repeat
    if form.validate_on_submit():
        corrects = db.session.get(Payment, form.corrects_id.data) if form.corrects_id.data else None
        return call_service_once(
            form,
            lambda: payments.record_payment(
                grant,
                year=form.year.data,
                amount=form.amount.data,
                paid_on=form.paid_on.data,
                reference=form.reference.data or "",
                covered_from=form.covered_from.data,
                covered_to=form.covered_to.data,
                reason=form.reason.data or "",
                corrects=corrects,
                date_confirmed=bool(form.date_confirmed.data),
                date_reason=form.date_reason.data or "",
                user=current_user,
            ),
            success=lambda payment: _(
                "A payment of %(amount)s for %(year)s has been recorded.",
                amount=sek(payment.amount),
                year=payment.year,
            ),
            then=url_for("grants.show", grant_id=grant.id) + "#payments",
            failed=lambda error: _payment_refused(form, error, page),
            flash_error=False,
        )
    return page(400 if request.method == "POST" else 200)


@bp.route("/<int:grant_id>/outcomes", methods=["GET", "POST"])
@allow(OUTCOME_WRITERS)
def outcome_form(grant_id: int) -> Any:
    """Report the outcome (utfall) of a period and cost category; budget and entries beside it."""
    grant = grant_or_403(grant_id)
    if (closed := open_grant_or_redirect(grant)) is not None:
        return closed
    form = OutcomeForm()
    form.year.choices = year_choices(grant)
    if request.method == "GET" and len(grant.years) == 1:
        form.year.data = grant.years[0].year

    def page(status: int) -> tuple[str, int]:
        entries = outcomes.entries_for(grant)
        return render_template(
            "grants/outcomes.html",
            form=form,
            grant=grant,
            comparisons=grant_figures.budget_vs_outcome(grant),
            categories=CATEGORY_LABELS,
            entries=entries,
            history=outcomes.history(entries),
            correct_form=CorrectOutcomeForm(formdata=None),
        ), status

    if (repeat := answered_before(form)) is not None:
        return repeat
    if form.validate_on_submit():
        return call_service_once(
            form,
            lambda: outcomes.set_outcome(
                grant,
                year=form.year.data,
                month=form.month.data,
                category=form.category.data,
                amount=form.amount.data,
                comment=form.comment.data or "",
                user=current_user,
            ),
            success=_("The outcome has been saved."),
            then=url_for("grants.outcome_form", grant_id=grant.id),
            failed=lambda _error: page(400),
            field=form.amount,
        )
    return page(400 if request.method == "POST" else 200)


@bp.route("/<int:grant_id>/outcomes/<int:outcome_id>/correct", methods=["POST"])
@allow(OUTCOME_WRITERS)
def outcome_correct(grant_id: int, outcome_id: int) -> Any:
    """Correct one outcome entry; its history (from the audit trail) shows the old amount."""
    grant = grant_or_403(grant_id)
    if (closed := open_grant_or_redirect(grant)) is not None:
        return closed
    row = db.session.get(Outcome, outcome_id)
    if row is None or row.grant_id != grant.id:
        abort(404)
    form = CorrectOutcomeForm()
    back = url_for("grants.outcome_form", grant_id=grant.id) + f"#outcome-{row.id}"
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "danger")
        return redirect(back)
    return call_service(
        lambda: outcomes.correct_outcome(
            row, amount=form.amount.data, comment=form.comment.data or "", user=current_user
        ),
        success=_("The outcome has been corrected."),
        then=back,
        failed=back,
    )


@bp.route("/<int:grant_id>/budget-outcome.xlsx")
@allow(ALL_ROLES)
def grant_budget_xlsx(grant_id: int) -> Response:
    """Budget against outcome for one grant, year by year, as a workbook."""
    grant = grant_or_403(grant_id)
    sheets = grant_sheets(grant.name, grant_figures.budget_vs_outcome(grant))
    data = workbook_bytes(
        sheets,
        title=f"Budget mot utfall: {grant.name}",
        forbund=forbund_name(),
        created=clock.today(),
    )
    return xlsx_response(data, download_name("budget-utfall", grant.name, ext="xlsx"))


@bp.route("/budget-outcome.xlsx")
@allow(OFFICE_READERS)
def year_budget_xlsx() -> Response:
    """Budget against outcome for every grant of a year, as a workbook."""
    year = asked_year() or clock.today().year
    register = grant_register.register(grant_register.RegisterFilter(year=year))
    comparisons = grant_register.register_comparisons(register.rows)
    data = workbook_bytes(
        year_sheets(year, register, comparisons),
        title=f"Budget mot utfall {year}",
        forbund=forbund_name(),
        created=clock.today(),
    )
    return xlsx_response(data, download_name("budget-utfall", year, ext="xlsx"))


@bp.route("/<int:grant_id>/carry-over", methods=["POST"])
@allow(MONEY_WRITERS)
def carry_over(grant_id: int) -> Any:
    """Mark a year's unspent money as carried over (with the decision) or to be repaid."""
    grant = grant_or_403(grant_id)
    form = carry_form(grant)
    if not form.validate_on_submit():
        return render_grant(grant, 400, carry_form=form)
    return call_service(
        lambda: outcomes.set_carry_over(
            grant,
            form.year.data,
            carry_over=form.carry_over.data,
            reference=form.reference.data or "",
        ),
        success=_("Saved."),
        then=url_for("grants.show", grant_id=grant.id),
        failed=lambda _error: render_grant(grant, 400, carry_form=form),
        field=form.reference,
    )


@bp.route("/<int:grant_id>/budget", methods=["POST"])
@allow(MONEY_WRITERS)
def budget(grant_id: int) -> Any:
    """Set the budget for a year and category (what outcomes are compared with)."""
    grant = grant_or_403(grant_id)
    form = budget_form(grant)
    if (repeat := answered_before(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return render_grant(grant, 400, budget_form=form)
    return call_service_once(
        form,
        lambda: outcomes.set_budget(
            grant, year=form.year.data, category=form.category.data, amount=form.amount.data
        ),
        success=_("The budget has been saved."),
        then=url_for("grants.show", grant_id=grant.id) + "#budget",
        failed=lambda _error: render_grant(grant, 400, budget_form=form),
        field=form.amount,
    )
