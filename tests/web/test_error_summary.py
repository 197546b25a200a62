"""A refused form lists its errors at the top of the page, each a link to its field
(GOV.UK's error summary), on the application's budget, a meeting decision and a payment."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from app.error_summary import Problem, problems
from app.services.meetings.lifecycle import board_members
from forms.application_budget import BudgetLineForm
from models import db
from models.grant import Grant
from models.meeting import Meeting

from ..conftest import WebClient, as_user
from .test_applications import NEW


def _summary(response) -> str:
    """The error summary's HTML (it fails the test when the page has none)."""
    page = response.get_data(as_text=True)
    assert page.count('data-testid="error-summary"') == 1
    return page.split('data-testid="error-summary"', 1)[1].split("</div>", 1)[0]


def _links(summary: str) -> dict[str, str]:
    """Each link of the summary: the field id it points to and its message."""
    return {
        target: " ".join(text.split())
        for target, text in re.findall(r'<a href="#([^"]+)"[^>]*>(.*?)</a>', summary, re.S)
    }


def _has_field(response, field_id: str) -> bool:
    return f'id="{field_id}"' in response.get_data(as_text=True)


def test_a_refused_budget_line_is_summarised_with_a_link_to_its_field(
    app: Flask, demo: dict
) -> None:
    owner = as_user(app, "projektagare@example.com")
    created = owner.post("/applications/new", {**NEW, "owner_id": str(demo["orgs"]["AME"])})
    base = created.headers["Location"].split("#")[0].rsplit("/edit", 1)[0]
    refused = owner.post(
        f"{base}/lines", {"line-year": "2027", "line-category": "premises", "line-amount": "tio"}
    )
    assert refused.status_code == 400
    summary = _summary(refused)
    assert (
        'role="alert"'
        in refused.get_data(as_text=True).split('data-testid="error-summary"')[0][-200:]
    )
    assert "Det finns ett problem" in summary and "Rätta följande:" in summary
    links = _links(summary)
    assert list(links) == ["line-amount"]
    assert _has_field(refused, "line-amount")
    assert _duplicate_ids(refused) == []
    # Down at the budget, where the line is, not at the top of the long edit page.
    page = refused.get_data(as_text=True)
    budget = page.index('id="budget"')
    assert budget < page.index('data-testid="error-summary"') < page.index('id="line-amount"')
    # A cost without a chosen type is refused (it became "Personal" before, counting staff twice).
    untyped = owner.post(f"{base}/lines", {"line-year": "2027", "line-amount": "15 000"})
    assert untyped.status_code == 400
    assert _links(_summary(untyped)) == {"line-category": "Välj kostnadsslag."}
    # A broken rule (one person over full time) is in the same summary, not flashed at the top.
    staff = {
        "staff-year": "2027",
        "staff-role": "Coach",
        "staff-person": "Lena Ek",
        "staff-employer_id": str(demo["orgs"]["AME"]),
        "staff-percent": "60",
        "staff-hours_per_week": "",
        "staff-cost_basis": "salary",
        "staff-annual_salary": "420 000",
        "staff-annual_cost": "",
        "staff-po_rate": "",
        "staff-months": "12",
    }
    assert owner.post(f"{base}/staff", staff).status_code == 302
    over = owner.post(f"{base}/staff", staff)
    assert over.status_code == 400
    assert "Lena Ek" in _summary(over)
    page = over.get_data(as_text=True)
    assert page.index('id="budget"') < page.index('data-testid="error-summary"')
    assert "Lena Ek" not in page.split('id="budget"')[0]  # no flash at the top
    staff_form = page.split('action="' + base.removeprefix("http://localhost") + '/staff"')[1]
    staff_form = staff_form.split("</form>")[0]
    assert "Rätta de markerade fälten" not in staff_form  # no field is marked: the rule is said
    assert "Lena Ek" in staff_form
    error = refused.get_data(as_text=True).split('id="line-amount-error"', 1)[1].split("</div>")[0]
    assert links["line-amount"] in " ".join(error.split())
    # A page without errors has no summary.
    assert 'data-testid="error-summary"' not in owner.get(f"{base}/edit").get_data(as_text=True)


def test_a_refused_meeting_decision_is_summarised_with_a_link_to_its_field(
    app: Flask, web: WebClient, demo: dict
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
        item_id = db.session.get(Meeting, meeting_id).paragraphs[0].id
    refused = web.post(
        f"/meetings/items/{item_id}/decision",
        {"outcome": "noted", "text": "x" * 20_001},
    )
    assert refused.status_code == 400
    links = _links(_summary(refused))
    assert list(links) == ["text"]
    assert _has_field(refused, "text")
    assert _duplicate_ids(refused) == []
    # With the decision recorded, the reservation and note forms share the page: each its own ids.
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        present = {f"status_{m.id}": "present" for m in board_members(on=meeting.date)}
    web.post(f"/meetings/{meeting_id}/attendance", present)
    assert web.post(f"/meetings/items/{item_id}/decision", {"outcome": "noted"}).status_code == 302
    page = web.get(f"/meetings/items/{item_id}")
    assert 'id="note-text"' in page.get_data(as_text=True)
    assert _duplicate_ids(page) == []


def test_a_refused_payment_is_summarised_with_a_link_to_its_field(app: Flask, demo: dict) -> None:
    ekonom = as_user(app, "ekonom@example.com")
    with app.app_context():
        gid = db.session.scalar(select(Grant.id).where(Grant.name == "Vägen in"))
    refused = ekonom.post(
        f"/grants/{gid}/payments/new",
        {"year": "2026", "paid_on": "2030-01-15", "amount": "1 000", "reference": "R-sen"},
    )
    assert refused.status_code == 400
    links = _links(_summary(refused))
    assert list(links) == ["date_reason"]
    assert "mer än 60 dagar utanför bidragets period" in links["date_reason"]
    assert _has_field(refused, "date_reason")
    assert _duplicate_ids(refused) == []


def test_each_form_and_message_is_listed_once_hidden_fields_without_a_link(app: Flask) -> None:
    with app.test_request_context():
        form = BudgetLineForm(prefix="line", formdata=None, meta={"csrf": False})
        form.amount.errors = ["Ange ett belopp.", "Ange ett belopp."]
        form.form_errors.append("Formuläret kunde inte kännas igen.")
        assert problems([form, form]) == [
            Problem("Formuläret kunde inte kännas igen.", None),
            Problem("Ange ett belopp.", "line-amount"),
        ]


def _duplicate_ids(response) -> list[str]:
    """Ids used twice on the page, a link's target among them would be ambiguous
    (the forms' hidden tokens and buttons are left out: the summary never links to them)."""
    ids = re.findall(r'\sid="([^"]+)"', response.get_data(as_text=True))
    return sorted({i for i in ids if ids.count(i) > 1} - {"csrf_token", "form_token", "submit"})
