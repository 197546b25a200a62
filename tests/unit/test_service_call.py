"""``call_service`` and ``DomainError``: what a refusal undoes, what a success keeps.

The pages are tested through the web (tests/web/test_service_call.py); here a
service that has already written (and flushed) before it refuses shows that the
helper rolls the whole request back, not just the last statement.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask, get_flashed_messages
from sqlalchemy import func, select

from app.services.admin import accounts
from app.services.applications import budget as application_budget
from app.services.applications import registry
from app.services.applications import rules as application_rules
from app.services.errors import DomainError
from app.services.grants import rules as grant_rules
from app.services.meetings import rules as meeting_rules
from app.services.money import organisations, splits, staffing
from app.services.plans import budget as plan_budget
from app.services.plans import equity as plan_equity
from app.services.plans import rules as plan_rules
from app.views.service_call import call_service
from forms.parsing import ParseError
from models import Forbund, Organisation, OrgKind, db


@pytest.fixture
def request_ctx(app: Flask) -> Iterator[None]:
    with app.test_request_context("/", method="POST"):
        yield
        db.session.rollback()


def _organisations() -> int:
    return db.session.scalar(select(func.count()).select_from(Organisation)) or 0


def _write_then_refuse() -> None:
    db.session.add(Organisation(name="Halvfärdig", kind=OrgKind.EXTERNAL))
    db.session.flush()
    raise meeting_rules.MeetingError("Regeln säger nej.")


def test_a_refusal_after_a_write_rolls_the_write_back(request_ctx: None) -> None:
    answer = call_service(
        _write_then_refuse,
        success="Sparat.",
        then="/next",
        failed=lambda error: (f"page: {error}", 400),
    )
    assert answer == ("page: Regeln säger nej.", 400)
    assert _organisations() == 0  # the flushed row is gone in this very session
    assert get_flashed_messages(with_categories=True) == [("danger", "Regeln säger nej.")]


def test_a_refusal_with_a_url_goes_back_there(request_ctx: None) -> None:
    answer = call_service(_write_then_refuse, success="Sparat.", then="/next", failed="/back")
    assert answer.status_code == 302 and answer.location == "/back"
    assert _organisations() == 0


def test_a_field_gets_the_message_instead_of_a_flash(request_ctx: None) -> None:
    class Field:
        errors: list[str] = []

    field = Field()
    call_service(_write_then_refuse, success="", then="/", failed="/back", field=field)
    assert field.errors == ["Regeln säger nej."]
    assert get_flashed_messages() == []


def test_a_success_commits_flashes_and_redirects(request_ctx: None) -> None:
    def save() -> Organisation:
        organisation = Organisation(name="Ny part", kind=OrgKind.EXTERNAL)
        db.session.add(organisation)
        return organisation

    answer = call_service(
        save,
        success=lambda organisation: f"{organisation.name} har sparats.",
        then=lambda organisation: f"/parties/{organisation.id}",
        failed="/back",
    )
    assert answer.status_code == 302 and answer.location.startswith("/parties/")
    assert get_flashed_messages(with_categories=True) == [("success", "Ny part har sparats.")]
    db.session.rollback()  # nothing left to undo: the row was committed
    assert _organisations() == 1


def test_any_other_exception_is_a_fault_and_is_not_caught(request_ctx: None) -> None:
    def broken() -> None:
        db.session.add(Forbund(id=1, name="Förbundet"))
        raise ValueError("a bug, not a rule")

    with pytest.raises(ValueError, match="a bug"):
        call_service(broken, success="", then="/", failed="/back")


def test_every_area_refuses_with_a_domain_error() -> None:
    for error in (
        accounts.AccountError,
        application_budget.BudgetError,
        application_rules.ApplicationError,
        application_rules.WorkflowError,
        grant_rules.GrantError,
        meeting_rules.MeetingError,
        organisations.OrganisationError,
        plan_budget.BudgetError,
        plan_equity.EquityError,
        plan_rules.PlanError,
        registry.RegistryError,
        splits.SplitError,
        staffing.StaffingError,
    ):
        assert issubclass(error, DomainError) and issubclass(error, ValueError), error
    assert str(meeting_rules.MeetingError(42)) == "42"  # the message is text from the start
    assert not issubclass(ParseError, DomainError)  # typed input, told beside the field
