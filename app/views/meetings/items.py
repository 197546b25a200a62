"""Board meetings, one item at a time: underlag, jäv, the funds check and the decision.

Also attendance (who is present, which ersättare serve). Justering lives in
``justering.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from forms.base import choices
from forms.meetings import (
    REPORT_ROWS,
    ButtonForm,
    JusterareForm,
    ParagraphEditForm,
    RecusalForm,
    attendance_form,
    decision_form,
)
from models import db
from models.board import BoardMember
from models.meeting import Meeting, Paragraph, Recusal
from models.meeting_terms import OUTCOME_LABELS, ParagraphKind, StandardItem

from ... import clock
from ...permissions import CHEF_ONLY, OFFICE_READERS, allow
from ...services.applications import workflow as applications
from ...services.meetings import agenda, decisions, jav, quorum, report_terms, villkor, votes
from ...services.meetings import justering as justering_rules
from ...services.meetings import lifecycle as meetings
from ..service_call import call_service
from ..submit_once import answered_before, call_service_once
from . import conduct
from .blueprint import bp
from .common import get_meeting_or_404, get_paragraph_or_404, member_choices, refused_as_locked


@bp.route("/<int:meeting_id>/attendance", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def attendance(meeting_id: int) -> str | Response:
    """Record who is present, and which ersättare serve for whom."""
    meeting = get_meeting_or_404(meeting_id)
    if request.method == "POST" and refused_as_locked(meeting):
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    members = meetings.board_members(on=meeting.date)
    # What was saved, or before that the roster as present (the service's rule).
    start = meetings.attendance_start(meeting, members)
    form_class = attendance_form(members, _serving_choices(members, start))
    defaults: dict[str, Any] = {}
    for member_id, (status, serving_for_id) in start.items():
        defaults[f"status_{member_id}"] = status
        defaults[f"serving_{member_id}"] = serving_for_id
    form = form_class(data=defaults) if request.method == "GET" else form_class()

    def page() -> str:
        return render_template(
            "meetings/attendance.html",
            meeting=meeting,
            members=members,
            form=form,
            quorum=quorum.status(meeting),
            saved=bool(meeting.attendances),
        )

    if form.validate_on_submit():
        rows = {
            m.id: (
                getattr(form, f"status_{m.id}").data,
                None if m.is_ledamot else getattr(form, f"serving_{m.id}").data,
            )
            for m in members
        }
        return call_service(
            lambda: meetings.record_attendance(meeting, rows),
            success=_("Attendance has been saved."),
            then=url_for("meetings.show", meeting_id=meeting.id),
            failed=lambda _error: (page(), 400),
        )
    return page()


def _serving_choices(
    members: list[BoardMember], start: dict[int, tuple[str, int | None]]
) -> dict[int, list[tuple[int, str]]]:
    """Each ersättare's choices of whom to serve for: the ledamöter the meetings service
    allows (``quorum.may_serve_for``), plus the one saved, even where the rule now says
    no (saved before it, or the member changed party). Shown as saved, it is kept or
    refused by the service with its message on saving, never cleared without a word.
    """
    by_id = {m.id: m for m in members}
    result: dict[int, list[tuple[int, str]]] = {}
    for member in members:
        if member.is_ledamot:
            continue
        offered = [(m.id, m.name) for m in members if quorum.may_serve_for(member, m)]
        saved_id = start.get(member.id, ("", None))[1]
        if saved_id is not None and all(saved_id != m_id for m_id, _name in offered):
            saved = by_id.get(saved_id) or db.session.get(BoardMember, saved_id)
            offered.append((saved_id, saved.name if saved is not None else str(saved_id)))
        result[member.id] = offered
    return result


@bp.route("/items/<int:paragraph_id>/edit", methods=["GET", "POST"])
@allow(CHEF_ONLY)
def edit_item(paragraph_id: int) -> str | Response:
    """Change an item's title, underlag and minutes."""
    paragraph = get_paragraph_or_404(paragraph_id)
    form = ParagraphEditForm(obj=paragraph)
    if request.method == "POST" and refused_as_locked(paragraph.meeting):
        return redirect(url_for("meetings.item", paragraph_id=paragraph.id))
    if form.validate_on_submit():
        return call_service(
            lambda: agenda.update_paragraph(
                paragraph,
                title=form.title.data,
                underlag=form.underlag.data or "",
                minutes=form.minutes.data or "",
            ),
            success=_("%(label)s has been saved.", label=paragraph.label),
            then=url_for("meetings.item", paragraph_id=paragraph.id),
            failed=lambda _error: render_template(
                "meetings/item_form.html", paragraph=paragraph, form=form
            ),
        )
    return render_template("meetings/item_form.html", paragraph=paragraph, form=form)


@bp.route("/items/<int:paragraph_id>/move/<direction>", methods=["POST"])
@allow(CHEF_ONLY)
def move_item(paragraph_id: int, direction: str) -> Response:
    """Move an item up or down before the agenda is fixed."""
    paragraph = get_paragraph_or_404(paragraph_id)
    back = url_for("meetings.show", meeting_id=paragraph.meeting_id)
    if ButtonForm().validate_on_submit():
        step = -1 if direction == "up" else 1
        return call_service(
            lambda: agenda.move_paragraph(paragraph, step),
            success=_("The agenda has been reordered."),
            then=back,
            failed=back,
        )
    return redirect(back)


@bp.route("/items/<int:paragraph_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_item(paragraph_id: int) -> Response:
    """Take an item off the agenda before the agenda is fixed."""
    paragraph = get_paragraph_or_404(paragraph_id)
    back = url_for("meetings.show", meeting_id=paragraph.meeting_id)
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: agenda.remove_paragraph(paragraph),
            success=_("The item has been removed."),
            then=back,
            failed=back,
        )
    return redirect(back)


@bp.route("/items/<int:paragraph_id>/recusals", methods=["POST"])
@allow(CHEF_ONLY)
def add_recusal(paragraph_id: int) -> Response:
    """Record jäv on an item."""
    paragraph = get_paragraph_or_404(paragraph_id)
    form = RecusalForm()
    form.member_id.choices = member_choices(paragraph.meeting.date)
    back = url_for("meetings.item", paragraph_id=paragraph.id)
    if form.validate_on_submit():
        member = db.session.get(BoardMember, form.member_id.data) or abort(404)
        return call_service(
            lambda: jav.add_recusal(paragraph, member, form.reason.data or ""),
            success=_("Jäv has been recorded for %(name)s.", name=member.name),
            then=back,
            failed=back,
        )
    if not refused_as_locked(paragraph.meeting):
        for error in [e for errors in form.errors.values() for e in errors]:
            flash(str(error), "danger")
    return redirect(back)


@bp.route("/recusals/<int:recusal_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_recusal(recusal_id: int) -> Response:
    """Take back a jäv recorded by mistake."""
    recusal = db.session.get(Recusal, recusal_id) or abort(404)
    back = url_for("meetings.item", paragraph_id=recusal.paragraph_id)
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: jav.remove_recusal(recusal),
            success=_("The jäv has been removed."),
            then=back,
            failed=back,
        )
    return redirect(back)


# --- one item: underlag, jäv, funds check and the decision --------------------------------


def _justerare_form(paragraph: Paragraph) -> JusterareForm | None:
    """The election form on the § Val av justerare: those present with a vote, ticked if elected."""
    if paragraph.standard != StandardItem.JUSTERARE:
        return None
    form = JusterareForm()
    meeting = paragraph.meeting
    form.members.choices = [(m.id, m.name) for m in justering_rules.eligible_justerare(meeting)]
    if not form.is_submitted():
        form.members.data = [m.id for m in justering_rules.elected_justerare(meeting)]
    return form


def _decision_form(paragraph: Paragraph, data: dict[str, Any] | None = None) -> Any:
    application = paragraph.application
    years = application.years if application is not None else []
    outcome_choices = [(o.value, OUTCOME_LABELS[o]) for o in decisions.outcomes_for(paragraph)]
    form = (
        decision_form(years, outcome_choices)(data=data)
        if data is not None
        else decision_form(years, outcome_choices)()
    )
    later = db.session.scalars(
        select(Meeting)
        .where(Meeting.date > paragraph.meeting.date, Meeting.adjusted_on.is_(None))
        .order_by(Meeting.date)
    ).all()
    form.postponed_to_id.choices = choices(
        [("", _("No meeting chosen yet"))]
        + [(m.id, _("Meeting %(label)s", label=m.label)) for m in later]
    )
    return form


def _decision_defaults(paragraph: Paragraph) -> dict[str, Any]:
    """The form's starting values: the recorded decision, else the proposal."""
    decision = paragraph.decision
    data: dict[str, Any] = {}
    if decision is not None:
        data.update(
            outcome=decision.outcome,
            text=decision.text,
            reasons=decision.reasons,
            conditions=decision.conditions,
            postponed_to_id=decision.postponed_to_id,
            delegation_limit=decision.delegation_limit,
            over_budget_confirmed=decision.over_budget_confirmed,
        )
        data.update({f"amount_{y.year}": y.amount for y in decision.years})
        # The rows hold the dates typed there; those the villkor state are read from them.
        typed = report_terms.typed_only(decision.conditions, decision.report_dates or [])
        for i, row in enumerate(typed[:REPORT_ROWS]):
            data[f"report_kind_{i}"] = row["kind"]
            data[f"report_due_{i}"] = date.fromisoformat(row["due"])
        return data
    if paragraph.application is not None:
        proposed = applications.proposed_by_year(
            paragraph.application
        ) or applications.requested_by_year(paragraph.application)
        data.update({f"amount_{year}": amount for year, amount in proposed.items()})
        data["conditions"] = paragraph.application.conditions or ""
        # Off the table (decided or withdrawn elsewhere): only "utgår" can be recorded.
        on_table = paragraph.application.status in decisions.ON_THE_TABLE
        data["outcome"] = "granted" if on_table else "withdrawn"
    else:
        data["outcome"] = "noted" if paragraph.kind == ParagraphKind.INFORMATION else "adopted"
    return data


def _form_amounts(form: Any) -> dict[int, Any]:
    return {int(f.name.split("_")[1]): f.data for f in form.amount_fields()}


def _render_item(paragraph: Paragraph, form: Any, status: int = 200) -> tuple[str, int]:
    application = paragraph.application
    requested: dict[int, Any] = {}
    proposed: dict[int, Any] = {}
    funds = []
    if application is not None:
        requested = applications.requested_by_year(application)
        proposed = applications.proposed_by_year(application)
        amounts = {y: a for y, a in _form_amounts(form).items() if a}
        funds = decisions.funds_check(amounts, exclude=paragraph.decision)
    recusal_form = RecusalForm()
    recusal_form.member_id.choices = member_choices(paragraph.meeting.date)
    html = render_template(
        "meetings/item.html",
        paragraph=paragraph,
        meeting=paragraph.meeting,
        application=application,
        requested=requested,
        proposed=proposed,
        funds=funds,
        form=form,
        recusal_form=recusal_form,
        button=ButtonForm(),
        quorum=quorum.status(paragraph.meeting, paragraph),
        reported=agenda.reported_decisions(paragraph),
        justerare_form=_justerare_form(paragraph),
        elected=justering_rules.elected_justerare(paragraph.meeting),
        problem=justering_rules.problem(paragraph),
        outcome_labels=OUTCOME_LABELS,
        today=clock.today(),
        **conduct.item_context(paragraph),
    )
    return html, status


@bp.route("/items/<int:paragraph_id>")
@allow(OFFICE_READERS)
def item(paragraph_id: int) -> tuple[str, int]:
    """One item: underlag, the application's figures, jäv, the funds check and the decision."""
    paragraph = get_paragraph_or_404(paragraph_id)
    return _render_item(paragraph, _decision_form(paragraph, _decision_defaults(paragraph)))


@bp.route("/items/<int:paragraph_id>/decision", methods=["POST"])
@allow(CHEF_ONLY)
def decide(paragraph_id: int) -> Response | tuple[str, int]:
    """Record the decision on an item (quorum, funds check and lock are checked)."""
    paragraph = get_paragraph_or_404(paragraph_id)
    if refused_as_locked(paragraph.meeting):
        return redirect(url_for("meetings.item", paragraph_id=paragraph.id))
    form = _decision_form(paragraph)
    if (repeat := answered_before(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return _render_item(paragraph, form, 400)
    postponed_to = (
        db.session.get(Meeting, form.postponed_to_id.data) if form.postponed_to_id.data else None
    )
    reports = [(kind.data, due.data) for kind, due in form.report_rows() if due.data]
    if problem := villkor.final_report_problem(
        form.conditions.data or "", reports, form.outcome.data
    ):
        form.conditions.errors.append(problem)  # next to the villkor; the service refuses too
        return _render_item(paragraph, form, 400)
    before = votes.decided_as(paragraph.decision)
    had_votes = bool(paragraph.decision and paragraph.decision.votes)
    return call_service_once(
        form,
        lambda: decisions.record_decision(
            paragraph,
            outcome=form.outcome.data,
            text=form.text.data or "",
            reasons=form.reasons.data or "",
            conditions=form.conditions.data or "",
            years=_form_amounts(form),
            report_dates=reports,
            over_budget_confirmed=form.over_budget_confirmed.data,
            postponed_to=postponed_to,
            delegation_limit=form.delegation_limit.data,
            user=current_user,
        ),
        success=lambda decision: " ".join(
            part
            for part in (
                _(
                    "The decision on %(label)s has been recorded. That it goes beyond the "
                    "remaining funds for insatser is confirmed and stated in the protocol.",
                    label=paragraph.label,
                )
                if decision.over_budget_confirmed
                else _("The decision on %(label)s has been recorded.", label=paragraph.label),
                villkor.villkor_message(decision.conditions, reports),
                votes.change_message(decision, before, had_votes=had_votes),
            )
            if part
        ),
        then=url_for("meetings.item", paragraph_id=paragraph.id),
        failed=lambda error: _render_item(
            paragraph, form, 409 if isinstance(error, decisions.DecisionConflict) else 400
        ),
    )


@bp.route("/items/<int:paragraph_id>/decision/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_decision(paragraph_id: int) -> Response:
    """Take back a decision recorded by mistake (before justering)."""
    paragraph = get_paragraph_or_404(paragraph_id)
    back = url_for("meetings.item", paragraph_id=paragraph.id)
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: decisions.remove_decision(paragraph),
            success=_("The decision has been removed."),
            then=back,
            failed=back,
        )
    return redirect(back)
