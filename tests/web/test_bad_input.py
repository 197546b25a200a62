"""Bad input the attack found answering 5xx: each now gets a clear Swedish answer.

An e-mail over 254 characters at log-in, a staff allocation ending 9999-12-31, an
insats whose grant is a few spaces, a payment dated 1900-01-01 and two decisions on
the same § saved at the same moment. Runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.meetings import decisions
from app.services.meetings import lifecycle as meetings
from app.services.plans import lifecycle as plans
from models import db
from models.board import BoardMember
from models.grant_followup import Payment, StaffAllocation
from models.meeting import Decision, Meeting, Paragraph
from models.plan import PlanInsats

from ..conftest import WebClient, html_text
from ..unit.test_plans_world import build_world
from .test_concurrency import _open_grant_year


def test_an_overlong_email_at_log_in_is_refused_by_the_form(web: WebClient, demo: dict) -> None:
    email = "a" * 250 + "@example.com"
    response = web.post("/auth/login", {"email": email, "password": "fel-lösenord"})
    assert response.status_code == 200
    assert "En e-postadress har högst 254 tecken." in html_text(response)


def test_a_staff_allocation_ending_9999_12_31_is_refused(
    app: Flask, web: WebClient, demo: dict
) -> None:
    grant_id, _year = _open_grant_year(app)
    web.login("ekonom@example.com")
    data = {
        "person": "Projektledare Storvik",
        "employer_id": "",
        "percent": "50",
        "start_on": "2026-01-01",
        "end_on": "9999-12-31",
        "annual_salary": "456 000",
        "po_rate": "44,53",
    }
    response = web.post(f"/grants/{grant_id}/staff/new", data)
    assert response.status_code == 400
    assert "Perioden måste ligga mellan 1990 och 2100." in html_text(response)
    with app.app_context():
        assert (
            db.session.scalars(
                select(StaffAllocation).where(StaffAllocation.person == data["person"])
            ).all()
            == []
        )


@pytest.mark.parametrize("blank", [" ", "   ", "\t"])
def test_an_insats_with_a_grant_of_spaces_is_saved_without_a_grant(
    app: Flask, web: WebClient, blank: str
) -> None:
    with app.app_context():
        build_world()
        plan_id = plans.create_plan(2026).id
        db.session.commit()
    web.login("chef@example.com")
    response = web.post(
        f"/plans/{plan_id}/insatser/new",
        {"grant_id": blank, "application_id": "", "name": "Utlysning", "kind": "structural"},
    )
    assert response.status_code == 302, html_text(response)[:2000]
    with app.app_context():
        saved = db.session.scalars(select(PlanInsats).where(PlanInsats.plan_id == plan_id)).all()
        assert [(i.grant_id, i.name) for i in saved] == [(None, "Utlysning")]


def test_a_payment_dated_1900_needs_a_confirmation_and_a_reason(
    app: Flask, web: WebClient, demo: dict
) -> None:
    grant_id, year = _open_grant_year(app)
    web.login("ekonom@example.com")
    data = {
        "year": str(year),
        "paid_on": "1900-01-01",
        "amount": "1",
        "reference": "Rekv 1900",
        "covered_from": "",
        "covered_to": "",
        "corrects_id": "",
        "reason": "",
    }
    refused = web.post(f"/grants/{grant_id}/payments/new", data)
    assert refused.status_code == 400
    # The demo's grants follow justerade decisions, so 1900 is first of all before the decision.
    assert "Betalningsdagen 1900-01-01 är före beslutet" in html_text(refused)
    explained = web.post(
        f"/grants/{grant_id}/payments/new",
        {
            **data,
            "date_confirmed": "y",
            "date_reason": "Rättelse av en gammal utbetalning enligt revisorns anvisning.",
        },
    )
    assert explained.status_code == 302
    with app.app_context():
        [paid_on] = db.session.scalars(
            select(Payment.paid_on).where(Payment.reference == "Rekv 1900")
        ).all()
        assert paid_on == date(1900, 1, 1)


def test_two_decisions_on_one_item_at_once_answer_409(
    app: Flask, web: WebClient, demo: dict, monkeypatch: Any
) -> None:
    web.login("chef@example.com")
    response = web.post("/meetings/new", {"date": "2025-12-17", "kind": "ordinary"})
    meeting_id = int(response.headers["Location"].rsplit("/", 1)[1])
    web.post(
        f"/meetings/{meeting_id}/items",
        {"kind": "information", "title": "Information", "underlag": ""},
    )
    web.post(f"/meetings/{meeting_id}/fix", {})
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        ledamoter = [m for m in meetings.board_members(on=meeting.date) if m.is_ledamot]
        item_id = meeting.paragraphs[0].id
    web.post(f"/meetings/{meeting_id}/attendance", {f"status_{m.id}": "present" for m in ledamoter})

    plain_text = decisions.default_text

    def text_while_another_request_decides(decision: Decision, title: str = "") -> str:
        """The other request's decision lands after this one found the item undecided."""
        rival = Decision(paragraph_id=item_id, outcome="noted", text="Först.", decided_on=None)
        db.session.add(rival)
        db.session.flush()
        return plain_text(decision, title)

    monkeypatch.setattr(decisions, "default_text", text_while_another_request_decides)
    response = web.post(f"/meetings/items/{item_id}/decision", {"outcome": "noted", "text": ""})
    assert response.status_code == 409
    assert "samtidigt, så ditt sparades inte" in html_text(response)
    monkeypatch.setattr(decisions, "default_text", plain_text)
    with app.app_context():
        assert db.session.get(Paragraph, item_id).decision is None  # all rolled back
    again = web.post(f"/meetings/items/{item_id}/decision", {"outcome": "noted", "text": ""})
    assert again.status_code == 302


def test_an_address_samordna_cannot_send_to_is_refused_where_it_is_entered(
    app: Flask, web: WebClient, demo: dict
) -> None:
    """The outbox sends to plain ASCII addresses only; the board form says so at once
    instead of taking 'åsa@kommun.se' and skipping it silently when the kallelse goes out."""
    web.login("chef@example.com")
    page = web.get("/board/new")
    assert page.status_code == 200
    refused = web.post(
        "/board/new",
        {
            "name": "Åsa Öberg",
            "organisation_id": "1",
            "role": "ersattare",
            "position": "",
            "term_start": "2023-04-01",
            "term_end": "2027-03-31",
            "email": "åsa@kommun.se",
            "user_id": "",
        },
    )
    assert "Samordna kan inte skicka till den här adressen" in html_text(refused)
    with app.app_context():
        assert db.session.scalar(select(BoardMember).where(BoardMember.name == "Åsa Öberg")) is None
