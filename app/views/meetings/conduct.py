"""One item's conduct: who steps in and who chairs at jäv, the omröstning, reservations, notes.

``item_context`` gives the item page (``items._render_item``) its forms; the routes
here each call one service in ``services/meetings`` (``quorum`` for who acts,
``votes`` for the rest) and go back to the item page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forms.base import choices
from forms.meeting_votes import (
    ItemChairForm,
    NoteForm,
    ReservationForm,
    StandInForm,
    votes_form,
)
from forms.meetings import ButtonForm
from models import db
from models.board import BoardMember
from models.meeting import Paragraph, Recusal
from models.meeting_terms import AttendanceStatus
from models.meeting_votes import VOTE_LABELS, DecisionReservation, ProtocolNote

from ...permissions import CHEF_ONLY, allow
from ...services.meetings import jav, protocol_lines, quorum, votes
from ..service_call import call_service
from .blueprint import bp
from .common import get_paragraph_or_404, refused_as_locked


def _names(members: list[BoardMember], empty: str) -> list[Any]:
    return choices([("", empty), *((m.id, m.name) for m in members)])


def _present(paragraph: Paragraph) -> list[BoardMember]:
    return [a.member for a in paragraph.meeting.attendances if a.status == AttendanceStatus.PRESENT]


def _votes_form(paragraph: Paragraph, with_data: bool) -> Any:
    voters = votes.voting_members(paragraph)
    form_class = votes_form(voters)
    if not with_data:
        return form_class()
    cast = {v.member_id: v.vote for v in paragraph.decision.votes} if paragraph.decision else {}
    return form_class(data={f"vote_{m.id}": cast.get(m.id, "") for m in voters})


def _reservation_form(paragraph: Paragraph) -> ReservationForm:
    form = ReservationForm()
    form.member_id.choices = _names(votes.voting_members(paragraph), "—")
    return form


def _note_form(paragraph: Paragraph) -> NoteForm:
    form = NoteForm()
    form.member_id.choices = _names(_present(paragraph), "—")
    return form


def item_context(paragraph: Paragraph) -> dict[str, Any]:
    """What the item page shows about who acts, the vote, reservations and notes."""
    stand_ins = {}
    for recusal in paragraph.recusals:
        form = StandInForm(prefix=f"r{recusal.id}", replaced_by_id=recusal.replaced_by_id)
        options = jav.possible_stand_ins(recusal)
        if recusal.replaced_by is not None and recusal.replaced_by not in options:
            options.insert(0, recusal.replaced_by)
        form.replaced_by_id.choices = _names(options, _("Nobody steps in"))
        stand_ins[recusal.id] = form
    chair_form = None
    if jav.chair_is_javig(paragraph):
        chair_form = ItemChairForm(chair_id=paragraph.chair_id)
        voters = quorum.status(paragraph.meeting, paragraph).voters
        chair_form.chair_id.choices = _names(
            [v.member for v in voters], _("The vice chair, if present")
        )
    decision = paragraph.decision
    return {
        "stand_in_forms": stand_ins,
        "chair_form": chair_form,
        "jav_lines": protocol_lines.jav_lines(paragraph),
        "votes_form": _votes_form(paragraph, with_data=True),
        "vote_lines": protocol_lines.vote_lines(decision) if decision else [],
        "vote_labels": VOTE_LABELS,
        "reservation_form": _reservation_form(paragraph),
        "note_form": _note_form(paragraph),
    }


def _back(paragraph_id: int) -> str:
    return url_for("meetings.item", paragraph_id=paragraph_id)


def _flash_errors(form: Any) -> None:
    for error in [e for errors in form.errors.values() for e in errors]:
        flash(str(error), "danger")


def _member(member_id: int | None) -> BoardMember:
    """A member chosen in a form (the service says whether that one may act)."""
    return (db.session.get(BoardMember, member_id) if member_id else None) or abort(404)


def _post_on_item(
    paragraph: Paragraph,
    form: Any,
    action: Callable[[], object],
    success: str | Callable[[object], str],
    *,
    needs_decision: bool = False,
) -> Response:
    """What every form on the item page does: a justerad meeting refuses, bad input is
    flashed, otherwise ``action`` (one service call) runs; always back to the item page."""
    back = _back(paragraph.id)
    if refused_as_locked(paragraph.meeting):
        return redirect(back)
    if needs_decision and paragraph.decision is None:
        flash(_("Record the decision first."), "danger")
        return redirect(back)
    if form.validate_on_submit():
        return call_service(action, success=success, then=back, failed=back)
    _flash_errors(form)
    return redirect(back)


@bp.route("/recusals/<int:recusal_id>/stand-in", methods=["POST"])
@allow(CHEF_ONLY)
def stand_in(recusal_id: int) -> Response:
    """Choose the ersättare who steps in for a jävig ledamot on the item (or nobody)."""
    recusal = db.session.get(Recusal, recusal_id) or abort(404)
    form = StandInForm(prefix=f"r{recusal.id}")
    form.replaced_by_id.choices = _names(jav.possible_stand_ins(recusal), "")
    form.replaced_by_id.pre_validate = lambda _form: None  # the service says who may
    return _post_on_item(
        recusal.paragraph,
        form,
        lambda: jav.set_stand_in(
            recusal, _member(form.replaced_by_id.data) if form.replaced_by_id.data else None
        ),
        _("Who steps in has been saved."),
    )


@bp.route("/items/<int:paragraph_id>/chair", methods=["POST"])
@allow(CHEF_ONLY)
def item_chair(paragraph_id: int) -> Response:
    """Choose who chairs the § while the meeting's chair is jävig."""
    paragraph = get_paragraph_or_404(paragraph_id)
    form = ItemChairForm()
    form.chair_id.choices = _names(_present(paragraph), "")
    form.chair_id.pre_validate = lambda _form: None  # the service says who may
    return _post_on_item(
        paragraph,
        form,
        lambda: jav.set_item_chair(
            paragraph, _member(form.chair_id.data) if form.chair_id.data else None
        ),
        _("Who chairs %(label)s has been saved.", label=paragraph.label),
    )


@bp.route("/items/<int:paragraph_id>/votes", methods=["POST"])
@allow(CHEF_ONLY)
def record_votes(paragraph_id: int) -> Response:
    """Record the omröstning on the item's decision (all empty removes it)."""
    paragraph = get_paragraph_or_404(paragraph_id)
    form = _votes_form(paragraph, with_data=False)
    return _post_on_item(
        paragraph,
        form,
        lambda: votes.record_votes(
            paragraph.decision,
            {
                int(field.name.split("_")[1]): field.data
                for field in form
                if field.name.startswith("vote_")
            },
        ),
        _("The vote on %(label)s has been recorded.", label=paragraph.label),
        needs_decision=True,
    )


@bp.route("/items/<int:paragraph_id>/reservations", methods=["POST"])
@allow(CHEF_ONLY)
def add_reservation(paragraph_id: int) -> Response:
    """Record a member's reservation against the item's decision."""
    paragraph = get_paragraph_or_404(paragraph_id)
    form = _reservation_form(paragraph)
    form.member_id.pre_validate = lambda _form: None  # the service says who may
    return _post_on_item(
        paragraph,
        form,
        lambda: votes.add_reservation(
            paragraph.decision, _member(form.member_id.data), form.reason.data or ""
        ),
        lambda _result: _(
            "The reservation of %(name)s has been recorded.",
            name=_member(form.member_id.data).name,
        ),
        needs_decision=True,
    )


@bp.route("/reservations/<int:reservation_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_reservation(reservation_id: int) -> Response:
    """Take back a reservation recorded by mistake."""
    reservation = db.session.get(DecisionReservation, reservation_id) or abort(404)
    back = _back(reservation.decision.paragraph_id or 0)
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: votes.remove_reservation(reservation),
            success=_("The reservation has been removed."),
            then=back,
            failed=back,
        )
    return redirect(back)


@bp.route("/items/<int:paragraph_id>/notes", methods=["POST"])
@allow(CHEF_ONLY)
def add_note(paragraph_id: int) -> Response:
    """Record a member's protokollsanteckning on the item."""
    paragraph = get_paragraph_or_404(paragraph_id)
    form = _note_form(paragraph)
    form.member_id.pre_validate = lambda _form: None  # the service says who may
    return _post_on_item(
        paragraph,
        form,
        lambda: votes.add_note(paragraph, _member(form.member_id.data), form.text.data or ""),
        lambda _result: _(
            "The protokollsanteckning of %(name)s has been recorded.",
            name=_member(form.member_id.data).name,
        ),
    )


@bp.route("/notes/<int:note_id>/delete", methods=["POST"])
@allow(CHEF_ONLY)
def delete_note(note_id: int) -> Response:
    """Take back a protokollsanteckning recorded by mistake."""
    note = db.session.get(ProtocolNote, note_id) or abort(404)
    back = _back(note.paragraph_id)
    if ButtonForm().validate_on_submit():
        return call_service(
            lambda: votes.remove_note(note),
            success=_("The protokollsanteckning has been removed."),
            then=back,
            failed=back,
        )
    return redirect(back)
