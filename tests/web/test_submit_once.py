"""Forms that create money rows: a repeated post answers with the first result.

Each of the six forms (payment, correction, outcome, decision, cost split,
amendment) is posted twice with the same form instance; the second answer
sends the browser where the first did, with the same message, and writes
nothing: no money row and no audit entry. On PostgreSQL two posts at the same
moment store one payment.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.services import submissions
from app.services.grants import payments
from app.services.meetings import lifecycle as meetings
from models import AuditEntry, CostSplit, Decision, GrantChange, Outcome, Payment, db
from models.base import utcnow
from models.grant import Grant, GrantBudget
from models.meeting import Meeting
from models.submission import FormSubmission
from models.user import User

from ..conftest import WebClient, as_user, html_text

TOKEN_RE = re.compile(r'name="form_token" type="hidden" value="([^"]+)"')


def _grant_id(app: Flask, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Grant.id).where(Grant.name == name))


def _count(app: Flask, model: Any, *where: Any) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _flashes(client: WebClient) -> list[Any]:
    with client.client.session_transaction() as session:
        return list(session.pop("_flashes", []))


def _post_twice(
    app: Flask,
    client: WebClient,
    url: str,
    data: dict[str, str],
    rows: Any,
    between: Callable[[], None] | None = None,
) -> str:
    """Post one form instance twice; both answers agree and the second stores nothing.

    ``rows`` is a model and conditions: the first post adds one such row.
    ``between`` runs between the posts (another form instance changing the figure
    the first one set): the repeat must not set it back.
    """
    model, *where = rows
    form = {**data, "form_token": data.get("form_token") or submissions.new_token()}
    before = _count(app, model, *where)
    first = client.post(url, form)
    assert first.status_code == 302, html_text(first)
    first_flash = _flashes(client)
    assert first_flash and first_flash[0][0] == "success"
    assert _count(app, model, *where) == before + 1
    if between is not None:
        between()
        _flashes(client)
    stored = _count(app, model, *where)
    audited = _count(app, AuditEntry)

    second = client.post(url, form)
    assert second.status_code == 302
    assert second.headers["Location"] == first.headers["Location"]
    assert _flashes(client) == first_flash
    assert _count(app, model, *where) == stored
    assert _count(app, AuditEntry) == audited  # nothing at all was written
    return first.headers["Location"]


@pytest.fixture
def ekonom(app: Flask, demo: dict) -> WebClient:
    return as_user(app, "ekonom@example.com")


@pytest.fixture
def chef(app: Flask, demo: dict) -> WebClient:
    return as_user(app, "chef@example.com")


def test_a_payment_posted_twice_from_its_page_is_stored_once(app: Flask, ekonom: WebClient) -> None:
    gid = _grant_id(app, "Vägen in")
    url = f"/grants/{gid}/payments/new"
    token = TOKEN_RE.search(ekonom.get(url).get_data(as_text=True))
    assert token is not None, "the payment form carries its one-time token"
    data = {"year": "2026", "paid_on": "2026-11-20", "amount": "1 000", "reference": "Rekv 1"}
    where = (Payment.grant_id == gid, Payment.reference == "Rekv 1")
    location = _post_twice(
        app, ekonom, url, {**data, "form_token": token.group(1)}, (Payment, *where)
    )
    assert location.endswith(f"/grants/{gid}#payments")
    # A new form instance (a new token) is a new payment.
    assert ekonom.post(url, data).status_code == 302
    assert _count(app, Payment, *where) == 2


def test_a_correction_posted_twice_is_stored_once(app: Flask, ekonom: WebClient) -> None:
    gid = _grant_id(app, "Vägen in")
    with app.app_context():
        corrected = payments.correctable(db.session.get(Grant, gid), 2026)[0].id
    data = {
        "year": "2026",
        "paid_on": "2026-11-20",
        "amount": "-1 000",
        "corrects_id": str(corrected),
        "reason": "Rekvisitionen var för hög",
    }
    rows = (Payment, Payment.grant_id == gid, Payment.corrects_id == corrected)
    _post_twice(app, ekonom, f"/grants/{gid}/payments/new", data, rows)


def test_an_outcome_posted_twice_is_stored_once(app: Flask, ekonom: WebClient) -> None:
    gid = _grant_id(app, "Vägen in")
    data = {"year": "2026", "category": "material", "amount": "12 345", "comment": "Böcker"}
    url = f"/grants/{gid}/outcomes"
    rows = (Outcome, Outcome.grant_id == gid, Outcome.amount == Decimal("12345"))

    def corrected_by_a_new_form() -> None:
        with app.app_context():
            outcome_id = db.session.scalar(select(Outcome.id).where(*rows[1:]))
        correct = f"{url}/{outcome_id}/correct"
        assert ekonom.post(correct, {"amount": "12 000"}).status_code == 302

    _post_twice(app, ekonom, url, data, rows, between=corrected_by_a_new_form)
    assert _count(app, Outcome, *rows[1:]) == 0  # the repeat did not set 12 345 again
    assert _count(app, Outcome, Outcome.grant_id == gid, Outcome.amount == 12000) == 1


def test_an_amendment_posted_twice_is_stored_once(app: Flask, ekonom: WebClient) -> None:
    gid = _grant_id(app, "Vägen in")
    data = {
        "decision_reference": "§ 30, Sammanträde 4/2026",
        "year_1": "2026",
        "amount_1": "30 000",
        "note": "Tillägg för fler deltagare",
    }
    rows = (GrantChange, GrantChange.grant_id == gid)
    _post_twice(app, ekonom, f"/grants/{gid}/amend", data, rows)
    with app.app_context():
        assert db.session.get(Grant, gid).year(2026).amount == Decimal("670000.00")


def test_a_cost_split_posted_twice_is_stored_once(app: Flask, chef: WebClient, demo: dict) -> None:
    data = {
        "name": "Gemensam licens",
        "first_year": "2027",
        "total": "265 000",
        "rule": "equal",
        "kommun_key": "population",
        "unit": "1.00",
        **{f"inc_{demo['orgs'][short]}": "y" for short in ("AF", "FK", "AME", "IFO")},
    }
    rows = (CostSplit, CostSplit.name == "Gemensam licens")
    _post_twice(app, chef, "/money/splits/new", data, rows)


def test_a_decision_posted_twice_is_stored_once(app: Flask, chef: WebClient) -> None:
    response = chef.post("/meetings/new", {"date": "2025-12-17", "kind": "ordinary"})
    meeting_id = int(response.headers["Location"].rsplit("/", 1)[1])
    chef.post(
        f"/meetings/{meeting_id}/items",
        {"kind": "information", "title": "Information", "underlag": ""},
    )
    chef.post(f"/meetings/{meeting_id}/fix", {})
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        board = meetings.board_members(on=meeting.date)
        ledamoter = [m.id for m in board if m.is_ledamot]
        item_id = meeting.paragraphs[0].id
    chef.post(f"/meetings/{meeting_id}/attendance", {f"status_{m}": "present" for m in ledamoter})
    _flashes(chef)
    url = f"/meetings/items/{item_id}/decision"
    data = {"outcome": "noted", "text": "Informationen noterades."}
    rows = (Decision, Decision.paragraph_id == item_id, Decision.text == data["text"])

    def changed_by_a_new_form() -> None:
        assert chef.post(url, {**data, "text": "Ändrad text."}).status_code == 302

    location = _post_twice(app, chef, url, data, rows, between=changed_by_a_new_form)
    assert location.endswith(f"/meetings/items/{item_id}")
    assert _count(app, Decision, *rows[1:]) == 0  # the repeat did not restore the first text
    assert _count(app, Decision, Decision.paragraph_id == item_id) == 1


def test_a_budget_figure_posted_twice_is_not_set_back_by_the_repeat(
    app: Flask, ekonom: WebClient
) -> None:
    gid = _grant_id(app, "Vägen in")
    url = f"/grants/{gid}/budget"
    data = {"budget-year": "2026", "budget-category": "material", "budget-amount": "4 321"}
    data["budget-form_token"] = submissions.new_token()
    rows = (GrantBudget, GrantBudget.grant_id == gid, GrantBudget.amount == Decimal("4321"))

    def changed_by_a_new_form() -> None:
        fresh = {**data, "budget-amount": "4 000", "budget-form_token": submissions.new_token()}
        assert ekonom.post(url, fresh).status_code == 302

    _post_twice(app, ekonom, url, data, rows, between=changed_by_a_new_form)
    assert _count(app, GrantBudget, *rows[1:]) == 0


def test_a_refused_post_leaves_its_form_free_to_be_sent_again(
    app: Flask, ekonom: WebClient
) -> None:
    gid = _grant_id(app, "Vägen in")
    url = f"/grants/{gid}/payments/new"
    form = {"year": "2026", "paid_on": "2026-11-20", "reference": "Rekv R"}
    form["form_token"] = submissions.new_token()
    refused = ekonom.post(url, {**form, "amount": "160 000,01"})
    assert refused.status_code == 400
    assert f'value="{form["form_token"]}"' in refused.get_data(as_text=True)  # same instance
    assert ekonom.post(url, {**form, "amount": "100"}).status_code == 302
    assert _count(app, Payment, Payment.reference == "Rekv R") == 1


def test_a_post_without_a_valid_token_is_refused_and_stores_nothing(
    app: Flask, ekonom: WebClient
) -> None:
    gid = _grant_id(app, "Vägen in")
    url = f"/grants/{gid}/payments/new"
    data = {"year": "2026", "paid_on": "2026-11-20", "amount": "100", "reference": "Rekv T"}
    for bad in ("", "kort", "x" * 65, "<script>", "\x00" * 40):
        response = ekonom.post(url, {**data, "form_token": bad})
        assert response.status_code == 400
        text = html_text(response)
        assert "Formuläret kunde inte kännas igen. Kontrollera uppgifterna och skicka igen." in text
        fresh = TOKEN_RE.search(response.get_data(as_text=True))
        assert fresh is not None and submissions.is_token(fresh.group(1))  # sent again, it works
    assert _count(app, Payment, Payment.reference == "Rekv T") == 0


def test_another_users_token_never_leads_to_their_result(app: Flask, ekonom: WebClient) -> None:
    gid = _grant_id(app, "Vägen in")
    url = f"/grants/{gid}/payments/new"
    token = submissions.new_token()
    data = {"year": "2026", "paid_on": "2026-11-20", "amount": "100", "form_token": token}
    assert ekonom.post(url, {**data, "reference": "Rekv E"}).status_code == 302
    _flashes(ekonom)
    chef = as_user(app, "chef@example.com")
    response = chef.post(url, {**data, "reference": "Rekv C"})
    assert response.status_code == 400
    assert "Formuläret kunde inte kännas igen." in html_text(response)
    assert _count(app, Payment, Payment.reference == "Rekv C") == 0
    # The same token on another form of the same user is refused too.
    outcome = {"year": "2026", "category": "material", "amount": "5", "form_token": token}
    assert ekonom.post(f"/grants/{gid}/outcomes", outcome).status_code == 400


def test_old_tokens_are_pruned_when_a_new_one_is_claimed(app: Flask, demo: dict) -> None:
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == "ekonom@example.com"))
        old = FormSubmission(
            token=submissions.new_token(),
            user_id=user_id,
            endpoint="grants.payment_new",
            created_at=utcnow() - submissions.KEEP - timedelta(minutes=1),
        )
        recent = FormSubmission(
            token=submissions.new_token(),
            user_id=user_id,
            endpoint="grants.payment_new",
            created_at=utcnow() - submissions.KEEP + timedelta(minutes=1),
        )
        db.session.add_all([old, recent])
        db.session.commit()
        old_token, recent_token = old.token, recent.token
        submissions.claim(submissions.new_token(), user_id=user_id, endpoint="grants.amend")
        db.session.commit()
        left = set(db.session.scalars(select(FormSubmission.token)))
        assert old_token not in left and recent_token in left and len(left) == 2


@pytest.mark.postgres_only
def test_two_posts_of_one_payment_form_at_the_same_moment_store_one(
    app: Flask, ekonom: WebClient, monkeypatch: Any
) -> None:
    gid = _grant_id(app, "Vägen in")
    url = f"/grants/{gid}/payments/new"
    data = {
        "year": "2026",
        "paid_on": "2026-11-20",
        "amount": "1",
        "reference": "Rekv P",
        "form_token": submissions.new_token(),
    }
    slow_sum: Callable[..., Decimal] = payments.paid_for

    def paid_for_slowly(grant: Grant, year: int) -> Decimal:
        paid = slow_sum(grant, year)
        time.sleep(0.3)  # both requests are inside their transaction now
        return paid

    monkeypatch.setattr(payments, "paid_for", paid_for_slowly)
    clients = [ekonom, as_user(app, "ekonom@example.com")]
    barrier = threading.Barrier(2)
    answers: list[tuple[int, str]] = []

    def post(client: WebClient) -> None:
        barrier.wait()
        response = client.post(url, data)
        answers.append((response.status_code, response.headers.get("Location", "")))

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == 2 and answers[0] == answers[1]
    assert answers[0][0] == 302 and answers[0][1].endswith(f"/grants/{gid}#payments")
    assert _count(app, Payment, Payment.reference == "Rekv P") == 1
    assert _count(app, FormSubmission, FormSubmission.token == data["form_token"]) == 1
