"""The application state machine: every transition × every role, and the rules around it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import product

import pytest
from flask import Flask

from app.services.admin import accounts
from app.services.applications import content as application_content
from app.services.applications import rules
from app.services.applications import workflow as applications
from app.services.applications.rules import ApplicationError, WorkflowError
from app.services.applications.workflow import TRANSITIONS
from models import ApplicationStatus, Role, StatusChange, db

from .test_applications_factories import cost, draft, organisations, proposed, submitted, user

S = ApplicationStatus


@pytest.fixture
def world(app_ctx: Flask) -> dict:
    orgs = organisations()
    people = {role: user(role, orgs["AME"] if role == Role.PROJEKTAGARE else None) for role in Role}
    people["other_owner"] = accounts_other(orgs)
    return {"orgs": orgs, "people": people}


def accounts_other(orgs: dict) -> object:
    return accounts.create_user(
        "annan@example.com", "Annan Ägare", Role.PROJEKTAGARE, "ett-langt-losenord", orgs["IFO"].id
    )


ALL_PAIRS = list(product(list(S), list(S)))
RULES = {(f, t): roles for f, t, roles in TRANSITIONS}


@pytest.mark.parametrize("role", list(Role))
def test_every_pair_of_states_is_allowed_exactly_as_the_table_says(world: dict, role: str) -> None:
    application = draft(world["orgs"], world["people"][Role.FORBUNDSCHEF])
    actor = world["people"][role]
    for source, target in ALL_PAIRS:
        application.status = source
        expected = role in RULES.get((source, target), frozenset())
        assert applications.allowed(application, target, actor) is expected, (source, target)


def test_projektagare_of_another_organisation_may_take_no_step(world: dict) -> None:
    application = draft(world["orgs"], world["people"][Role.FORBUNDSCHEF])
    stranger = world["people"]["other_owner"]
    for source, target, _roles in TRANSITIONS:
        application.status = source
        assert not applications.allowed(application, target, stranger)


def test_board_outcomes_are_refused_outside_the_board(world: dict) -> None:
    chef = world["people"][Role.FORBUNDSCHEF]
    application = proposed(world["orgs"], chef)
    for outcome in applications.BOARD_OUTCOMES:
        with pytest.raises(WorkflowError, match="Endast styrelsen"):
            applications.transition(application, outcome, user=chef)
    assert application.status == S.PROPOSED


def test_illegal_transition_is_refused_with_a_clear_message(world: dict) -> None:
    chef = world["people"][Role.FORBUNDSCHEF]
    application = submitted(world["orgs"], chef)
    with pytest.raises(WorkflowError, match="kan inte gå från Inkommen till Föreslagen"):
        applications.transition(application, S.PROPOSED, user=chef)
    owner = world["people"][Role.PROJEKTAGARE]
    with pytest.raises(WorkflowError, match="Din roll"):
        applications.transition(application, S.IN_PREPARATION, user=owner)


def test_board_decision_is_recorded_with_who_when_and_note(world: dict) -> None:
    chef = world["people"][Role.FORBUNDSCHEF]
    application = proposed(world["orgs"], chef)
    applications.apply_board_outcome(application, "granted", user=chef, note="§ 12")
    change = db.session.scalars(db.select(StatusChange).order_by(StatusChange.id.desc())).first()
    assert (change.from_status, change.to_status, change.user_id, change.note) == (
        S.PROPOSED,
        S.GRANTED,
        chef.id,
        "§ 12",
    )
    assert application.decided_at == change.at
    applications.mark_in_progress(application, user=world["people"][Role.EKONOM])
    applications.mark_closed(application, user=world["people"][Role.EKONOM])
    assert application.status == S.CLOSED


def test_postponed_stays_on_the_table_and_referred_back_returns_to_preparation(
    world: dict,
) -> None:
    chef = world["people"][Role.FORBUNDSCHEF]
    first = proposed(world["orgs"], chef, title="Trisam")
    second = proposed(world["orgs"], chef, title="Vägen in")
    applications.apply_board_outcome(first, "postponed", user=chef)
    assert [a.title for a in applications.ready_for_board()] == ["Trisam", "Vägen in"]
    applications.apply_board_outcome(first, "postponed", user=chef)  # again, next meeting
    applications.apply_board_outcome(second, "referred_back", user=chef)
    assert [a.title for a in applications.ready_for_board()] == ["Trisam"]
    applications.transition(second, S.IN_PREPARATION, user=chef)
    assert second.status == S.IN_PREPARATION


def test_unknown_outcome_or_wrong_state_is_refused(world: dict) -> None:
    chef = world["people"][Role.FORBUNDSCHEF]
    application = submitted(world["orgs"], chef)
    with pytest.raises(WorkflowError):
        applications.apply_board_outcome(application, "approved", user=chef)
    with pytest.raises(WorkflowError):
        applications.apply_board_outcome(application, "granted", user=chef)


def test_applicant_withdraws_before_decision_but_not_after(world: dict) -> None:
    chef, owner = world["people"][Role.FORBUNDSCHEF], world["people"][Role.PROJEKTAGARE]
    application = proposed(world["orgs"], chef)
    applications.transition(application, S.WITHDRAWN, user=owner, note="Vi drar tillbaka.")
    assert application.status == S.WITHDRAWN
    granted = proposed(world["orgs"], chef, title="Beviljad")
    applications.apply_board_outcome(granted, "granted", user=chef)
    with pytest.raises(WorkflowError):
        applications.transition(granted, S.WITHDRAWN, user=owner)


def test_supplement_needs_a_note_and_proposal_needs_a_text(world: dict) -> None:
    chef = world["people"][Role.FORBUNDSCHEF]
    application = submitted(world["orgs"], chef)
    with pytest.raises(WorkflowError, match="komplettera"):
        applications.transition(application, S.SUPPLEMENT_REQUESTED, user=chef)
    applications.transition(application, S.IN_PREPARATION, user=chef)
    with pytest.raises(WorkflowError, match="förslaget till beslut"):
        applications.transition(application, S.PROPOSED, user=chef)


def test_two_kommuner_count_as_one_party(world: dict) -> None:
    orgs, owner = world["orgs"], world["people"][Role.PROJEKTAGARE]
    application = draft(orgs, owner, parties=("IFO", "Ludvika"))
    cost(application, owner)
    with pytest.raises(ApplicationError, match="minst två parter"):
        applications.submit(application, user=owner)
    assert application.registry_number is None and application.status == S.DRAFT
    application_content.add_party(application, orgs["FK"], user=owner)
    applications.submit(application, user=owner)
    assert application.status == S.SUBMITTED
    assert rules.parties_of(application) == {"kommun", "fk"}


def test_external_funder_is_not_a_party(world: dict) -> None:
    orgs, chef = world["orgs"], world["people"][Role.FORBUNDSCHEF]
    application = draft(orgs, chef, parties=("ESF",))
    cost(application, chef)
    with pytest.raises(ApplicationError, match="minst två parter"):
        applications.submit(application, user=chef)


def test_content_editing_follows_role_and_status(world: dict) -> None:
    orgs = world["orgs"]
    chef, owner = world["people"][Role.FORBUNDSCHEF], world["people"][Role.PROJEKTAGARE]
    application = draft(orgs, owner)
    assert rules.may_edit_content(application, owner)
    assert not rules.may_edit_content(application, world["people"]["other_owner"])
    assert not rules.may_edit_content(application, world["people"][Role.EKONOM])
    cost(application, owner)
    applications.submit(application, user=owner)
    assert not rules.may_edit_content(application, owner)
    assert rules.may_edit_content(application, chef)
    with pytest.raises(ApplicationError, match="skickats in"):
        cost(application, owner)
    applications.transition(application, S.SUPPLEMENT_REQUESTED, user=chef, note="Tidsplan?")
    cost(application, owner, "5000")
    applications.transition(application, S.IN_PREPARATION, user=owner, note="Klart.")
    application_content.save_proposal(
        application, user=chef, assessment="", proposal_text="Bevilja.", conditions="", amounts={}
    )
    applications.transition(application, S.PROPOSED, user=chef)
    assert not rules.may_edit_content(application, chef)


def test_proposed_amounts_default_to_requested(world: dict) -> None:
    chef = world["people"][Role.FORBUNDSCHEF]
    application = submitted(
        world["orgs"], chef, start=applications_date(2026), end=applications_date(2027, 12, 31)
    )
    cost(application, chef, "50000", year=2027)
    applications.transition(application, S.IN_PREPARATION, user=chef)
    assert applications.requested_by_year(application) == {
        2026: Decimal("100000.00"),
        2027: Decimal("50000.00"),
    }
    application_content.save_proposal(
        application,
        user=chef,
        assessment="",
        proposal_text="Delvis.",
        conditions="",
        amounts={2026: Decimal("80000"), 2027: None},
    )
    assert applications.proposed_by_year(application) == {
        2026: Decimal("80000.00"),
        2027: Decimal("50000.00"),
    }
    with pytest.raises(ApplicationError, match="större än det sökta"):
        application_content.save_proposal(
            application,
            user=chef,
            assessment="",
            proposal_text="För mycket.",
            conditions="",
            amounts={2026: Decimal("100000.01")},
        )


def applications_date(year: int, month: int = 1, day: int = 1) -> date:
    return date(year, month, day)
