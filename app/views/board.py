"""The board register (ledamöter and ersättare with terms) and the förbundschef's delegation."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from forms.base import choices
from forms.board import BoardMemberForm
from forms.meetings import ButtonForm, DelegationForm
from models import Organisation, Role, User, db
from models.application import Application
from models.board import POSITION_LABELS, ROLE_LABELS, BoardMember

from .. import clock
from ..permissions import CHEF_ONLY, OFFICE_READERS, allow
from ..services.applications import workflow as applications
from ..services.meetings import agenda
from ..services.meetings import lifecycle as meetings
from ..services.meetings.delegation import (
    current_delegation_limit,
    delegated_decisions,
    record_delegated_decision,
)
from ..services.meetings.villkor import final_report_problem, villkor_message
from .service_call import call_service

bp = Blueprint("board", __name__, url_prefix="/board")


_LABELS = {
    "role_labels": ROLE_LABELS,
    "position_labels": POSITION_LABELS,
    "paragraph_label": agenda.paragraph_label,
}


@bp.context_processor
def labels() -> dict[str, object]:
    """Seat and office names for the templates."""
    return _LABELS


@bp.route("/")
@allow(OFFICE_READERS)
def index() -> str:
    """The board: who serves now, and earlier terms."""
    day = request.args.get("on", type=date.fromisoformat) if request.args.get("on") else None
    day = day or clock.today()
    members = meetings.board_members()
    current = [m for m in members if m.serves_on(day)]
    other = [m for m in members if not m.serves_on(day)]
    return render_template(
        "board/index.html", day=day, current=current, other=other, button=ButtonForm()
    )


def _form(member: BoardMember) -> BoardMemberForm:
    form = BoardMemberForm(obj=member)
    parties = db.session.scalars(
        select(Organisation)
        .where(Organisation.is_member.is_(True))
        .order_by(Organisation.position, Organisation.name)
    ).all()
    form.organisation_id.choices = choices([("", "—")] + [(o.id, o.name) for o in parties])
    users = db.session.scalars(
        select(User).where(User.role == Role.STYRELSELEDAMOT).order_by(User.name)
    ).all()
    form.user_id.choices = choices([("", "—")] + [(u.id, f"{u.name} ({u.email})") for u in users])
    return form


@bp.route("/new", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def new() -> str | Response:
    """Add a ledamot or ersättare to the register."""
    return _edit(BoardMember())


@bp.route("/<int:member_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit(member_id: int) -> str | Response:
    """Change a register entry (e.g. end a term)."""
    return _edit(db.session.get(BoardMember, member_id) or abort(404))


def _edit(member: BoardMember) -> str | Response:
    form = _form(member)
    if form.validate_on_submit():
        form.populate_obj(member)
        member.email = member.email or ""
        member.organisation = db.session.get(Organisation, form.organisation_id.data)
        db.session.add(member)
        return call_service(
            lambda: meetings.check_member(member),
            success=lambda _r: _("%(name)s has been saved.", name=member.name),
            then=url_for("board.index"),
            failed=lambda _error: render_template("board/form.html", form=form, member=member),
            field=form.organisation_id,
        )
    return render_template("board/form.html", form=form, member=member)


@bp.route("/<int:member_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete(member_id: int) -> Response:
    """Remove an entry made by mistake (members who attended meetings stay)."""
    member = db.session.get(BoardMember, member_id) or abort(404)
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: meetings.delete_member(member),
            success=_("%(name)s has been removed from the register.", name=member.name),
            then=url_for("board.index"),
            failed=url_for("board.index"),
        )
    return redirect(url_for("board.index"))


# --- delegation -------------------------------------------------------------------------


def _delegation_form() -> DelegationForm:
    form = DelegationForm()
    # Not one the board has on an open agenda: it is decided there.
    held = agenda.on_open_agendas()
    ready = [a for a in applications.ready_for_board() if a.id not in held]
    form.application_id.choices = choices(
        [("", "—")] + [(a.id, f"{a.registry_number or ''} {a.title}".strip()) for a in ready]
    )
    years = sorted({y for a in ready for y in a.years} | {clock.today().year})
    form.year.choices = choices([(y, str(y)) for y in years])
    return form


@bp.route("/delegation", methods=["GET"])
@allow(OFFICE_READERS)
def delegation() -> str:
    """The delegation limit and the decisions made under it."""
    form = _delegation_form()
    if not form.is_submitted():
        form.decided_on.data = clock.today()
    return _render_delegation(form)


def _render_delegation(form: DelegationForm, status: int = 200) -> tuple[str, int] | str:
    html = render_template(
        "board/delegation.html",
        limit=current_delegation_limit(),
        rows=delegated_decisions(),
        form=form,
    )
    return (html, status) if status != 200 else html


@bp.route("/delegation", methods=["POST"])
@allow(CHEF_ONLY)
def delegate() -> Response | tuple[str, int] | str:
    """Record a grant decided by the förbundschef under delegation."""
    form = _delegation_form()
    if not form.validate_on_submit():
        return _render_delegation(form, 400)
    application = db.session.get(Application, form.application_id.data) or abort(404)
    reports = [("final", form.report_due.data)] if form.report_due.data else []
    if problem := final_report_problem(form.conditions.data or "", reports):
        form.conditions.errors.append(problem)  # next to the villkor; the service refuses too
        return _render_delegation(form, 400)
    return call_service(
        lambda: record_delegated_decision(
            application,
            year=form.year.data,
            amount=form.amount.data,
            decided_on=form.decided_on.data,
            conditions=form.conditions.data or "",
            report_dates=reports,
            text=form.text.data or "",
            user=current_user,
        ),
        success=lambda decision: " ".join(
            part
            for part in (
                _("The delegation decision has been recorded; it will be reported to the board."),
                villkor_message(decision.conditions, reports),
            )
            if part
        ),
        then=url_for("board.delegation"),
        failed=lambda _error: _render_delegation(form, 400),
        field=form.amount,
    )
