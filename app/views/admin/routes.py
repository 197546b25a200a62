"""User administration, förbund settings and the audit trail."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from exports.audit_log import TITLE as AUDIT_TITLE
from exports.audit_log import audit_sheets
from exports.workbook import workbook_bytes
from forms.admin import ForbundForm, NewUserForm, ResetPasswordForm, UserForm
from forms.base import choices
from models import Forbund, Organisation, Role, User, db

from ...clock import today
from ...downloads import download_name, xlsx_response
from ...permissions import AUDIT_READERS, CHEF_ONLY, allow
from ...services.admin import accounts, audit, records_check
from ...services.forbund import current_forbund
from ...services.money import ledger
from ...services.plans import equity as plan_equity
from ..service_call import call_service
from . import audit_rows
from .blueprint import bp


def _organisation_choices() -> list[tuple[str, str]]:
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    return choices([("", "—")] + [(o.id, o.label) for o in organisations])


@bp.route("/users")
@allow(CHEF_ONLY)
def users() -> str:
    """All accounts with their roles."""
    rows = db.session.scalars(select(User).order_by(User.active.desc(), User.name)).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new_user() -> str | Response:
    """Create an account with a first password."""
    form = NewUserForm()
    form.organisation_id.choices = _organisation_choices()
    if form.validate_on_submit():

        def create() -> User:
            user = accounts.create_user(
                form.email.data,
                form.name.data,
                form.role.data,
                form.password.data,
                form.organisation_id.data if form.role.data == Role.PROJEKTAGARE else None,
            )
            user.active = form.active.data
            return user

        return call_service(
            create,
            success=lambda user: _("The account for %(email)s has been created.", email=user.email),
            then=url_for("admin.users"),
            failed=lambda _error: render_template("admin/user_form.html", form=form, user=None),
            field=form.email,
        )
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit_user(user_id: int) -> str | Response:
    """Change role, organisation or active state; the last förbundschef stays active."""
    user = db.session.get(User, user_id) or abort(404)
    form = UserForm(obj=user)
    form.organisation_id.choices = _organisation_choices()
    reset = ResetPasswordForm(prefix="reset")
    if form.validate_on_submit():
        losing_chief = user.role == Role.FORBUNDSCHEF and (
            form.role.data != Role.FORBUNDSCHEF or not form.active.data
        )
        if losing_chief and accounts.active_chiefs_other_than(user) == 0:
            form.role.errors.append(_("There must always be at least one active förbundschef."))
        else:
            taken = db.session.scalar(
                select(User.id).where(
                    User.email == accounts.normalise_email(form.email.data), User.id != user.id
                )
            )
            if taken:
                form.email.errors.append(_("Another account already uses this e-mail address."))
            else:
                user.email = accounts.normalise_email(form.email.data)
                user.name = form.name.data
                user.role = form.role.data
                user.organisation_id = (
                    form.organisation_id.data if form.role.data == Role.PROJEKTAGARE else None
                )
                user.active = form.active.data
                db.session.commit()
                flash(_("The account has been saved."), "success")
                return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user, reset=reset)


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@allow(CHEF_ONLY)
def reset_password(user_id: int) -> str | Response:
    """Set a new password for a user."""
    user = db.session.get(User, user_id) or abort(404)
    reset = ResetPasswordForm(prefix="reset")
    if reset.validate_on_submit():
        user.set_password(reset.password.data)
        db.session.commit()
        flash(_("A new password has been set for %(email)s.", email=user.email), "success")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    form = UserForm(obj=user)
    form.organisation_id.choices = _organisation_choices()
    return render_template("admin/user_form.html", form=form, user=user, reset=reset), 400


@bp.route("/settings", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def settings() -> str | Response:
    """The förbund's name, organisation number and rules."""
    forbund = current_forbund() or Forbund(id=1, name="", jav_ersattare_steps_in=True)
    accounts = {f"account_{k}": a.number for k, a in ledger.cost_accounts().items()}
    form = ForbundForm(obj=forbund, split_unit=str(forbund.split_unit or "1.00"), **accounts)
    if form.validate_on_submit():
        forbund.name = form.name.data
        forbund.org_number = form.org_number.data
        forbund.split_unit = form.split_unit.data
        forbund.registry_format = form.registry_format.data
        forbund.grant_account = form.grant_account.data
        forbund.bank_account = form.bank_account.data
        if form.justerare_count.data is not None:  # left out of the post: kept as it is
            forbund.justerare_count = form.justerare_count.data
        forbund.jav_ersattare_steps_in = bool(form.jav_ersattare_steps_in.data)
        for category, account in ledger.cost_accounts().items():
            number = form[f"account_{category}"].data
            if number != account.number:
                ledger.set_cost_account(category, number, account.name)
        db.session.add(forbund)
        db.session.commit()
        flash(_("The settings have been saved."), "success")
        return redirect(url_for("admin.settings"))
    return render_template(
        "admin/settings.html", form=form, equity_steps=plan_equity.equity_step_rows()
    )


@bp.route("/audit")
@allow(AUDIT_READERS)
def audit_log() -> str:
    """The audit trail, filtered by period, object, user and change; read-only for everyone."""
    filters = audit.AuditFilter.from_args(request.args)
    page = audit.entries(filters, page=request.args.get("page", 1, type=int))
    people = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template(
        "admin/audit.html",
        page=page,
        rows=audit_rows.rows(page.items),
        filters=filters,
        people=people,
        objects=audit.object_choices(),
    )


@bp.route("/records-check")
@allow(AUDIT_READERS)
def records() -> str:
    """The records check: grants, payments and reports that disagree with the protocols."""
    problems = records_check.all_problems()
    labels = records_check.kind_labels()
    grouped = [(label, [p for p in problems if p.kind == kind]) for kind, label in labels.items()]
    return render_template("admin/records.html", grouped=grouped, count=len(problems))


@bp.route("/audit.xlsx")
@allow(AUDIT_READERS)
def audit_xlsx() -> Response:
    """The filtered audit trail as a workbook, one row per changed field."""
    filters = audit.AuditFilter.from_args(request.args)
    shown = audit_rows.rows(audit.all_entries(filters))
    for row in shown:
        row["user"] = row["user"] or _("System")
    forbund = current_forbund()
    data = workbook_bytes(
        audit_sheets(shown),
        title=AUDIT_TITLE,
        forbund=forbund.name if forbund else "",
        created=today(),
        subject=AUDIT_TITLE,
    )
    return xlsx_response(data, download_name("andringslogg", today(), ext="xlsx"))


@bp.route("/logins")
@allow(AUDIT_READERS)
def login_log() -> str:
    """The log-in log: every log-in try, kept apart from the audit trail."""
    filters = audit.LoginFilter.from_args(request.args)
    page = audit.logins(filters, page=request.args.get("page", 1, type=int))
    return render_template(
        "admin/logins.html", page=page, filters=filters, local_time=audit.local_time
    )
