"""The audit trail as a revisor reads it: Swedish names, Stockholm time, links, filters.

Log-ins are kept in the log-in log, not in the trail, and the trail exports to xlsx.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from flask import Flask
from sqlalchemy import func, select

from app.clock import STOCKHOLM, today
from models import AuditEntry, LoginAttempt, User, db

from ..conftest import WebClient, as_user, html_text

NEW = {
    "email": "ny@example.com",
    "name": "Nils Ny",
    "role": "ekonom",
    "organisation_id": "",
    "active": "y",
    "password": "ett-bra-losenord",
}


@pytest.fixture
def chef(web: WebClient, demo: dict) -> WebClient:
    web.login("chef@example.com")
    return web


def _new_user(app: Flask, chef: WebClient) -> int:
    assert chef.post("/admin/users/new", NEW).status_code == 302
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == "ny@example.com"))


def test_objects_and_fields_have_swedish_names_and_a_link(app: Flask, chef: WebClient) -> None:
    user_id = _new_user(app, chef)
    page = chef.get(f"/admin/audit?table=user_account&row={user_id}")
    body = page.get_data(as_text=True)
    text = html_text(page)
    assert f'href="/admin/users/{user_id}"' in body
    assert f"Användare {user_id}" in text
    assert "E-post" in text and "Namn" in text and "Roll" in text
    assert "user_account" not in re.sub(r'(href|value)="[^"]*"', "", body)
    assert "organisation_id" not in text and "password_hash" not in text


def test_children_link_to_their_parents_page(app: Flask, chef: WebClient) -> None:
    with app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "budget_line").limit(1)
        ).one()
        application_id = entry.changes["application_id"][1]
    body = chef.get(f"/admin/audit?table=budget_line&row={entry.row_id}").get_data(as_text=True)
    assert f'href="/applications/{application_id}"' in body
    assert "Budgetrad" in body


def test_times_are_swedish_time_to_the_second(app: Flask, chef: WebClient) -> None:
    user_id = _new_user(app, chef)
    with app.app_context():
        at = db.session.scalar(
            select(AuditEntry.at).where(
                AuditEntry.table_name == "user_account", AuditEntry.row_id == str(user_id)
            )
        )
    local = at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S")
    text = html_text(chef.get(f"/admin/audit?table=user_account&row={user_id}"))
    assert local in text
    assert not re.search(r"\d\d:\d\d:\d\d\.\d", text)  # no fractions of a second


def test_log_ins_go_to_the_log_in_log_not_the_trail(app: Flask, demo: dict) -> None:
    with app.app_context():
        before = db.session.scalar(select(func.count(AuditEntry.id)))
    for _ in range(3):
        as_user(app, "ekonom@example.com")
    with app.app_context():
        assert db.session.scalar(select(func.count(AuditEntry.id))) == before
        assert (
            db.session.scalar(
                select(func.count()).where(LoginAttempt.email == "ekonom@example.com")
            )
            == 3
        )
    revisor = as_user(app, "revisor@example.com")
    text = html_text(revisor.get("/admin/logins?email=ekonom@example.com"))
    assert text.count("ekonom@example.com") >= 3 and "Lyckades" in text
    assert "revisor@example.com" not in text.split("Resultat", 1)[1]


def test_filters_by_period_object_user_and_change(app: Flask, chef: WebClient, demo: dict) -> None:
    user_id = _new_user(app, chef)
    chef.post(
        f"/admin/users/{user_id}",
        {"email": "ny@example.com", "name": "Nils Nyberg", "role": "ekonom", "active": "y"},
    )

    def ids(query: str) -> set[str]:
        body = chef.get(f"/admin/audit?{query}").get_data(as_text=True)
        return set(re.findall(r'data-audit-id="(\d+)"', body))

    with app.app_context():
        chef_id = db.session.scalar(select(User.id).where(User.email == "chef@example.com"))
        mine = {
            str(i)
            for i in db.session.scalars(
                select(AuditEntry.id).where(
                    AuditEntry.table_name == "user_account", AuditEntry.row_id == str(user_id)
                )
            )
        }
    day = today()
    assert mine <= ids(f"from={day}&to={day}&table=user_account")
    assert not ids(f"from={day + timedelta(days=1)}")
    assert not ids(f"to={day - timedelta(days=400)}&table=user_account&row={user_id}")
    updates = ids(f"table=user_account&row={user_id}&action=update&user={chef_id}")
    assert len(updates) == 1 and updates < mine
    assert not ids(f"table=user_account&row={user_id}&user={chef_id + 1000}")
    assert ids("from=inte-ett-datum&table=user_account") >= mine  # malformed: ignored


def test_the_trail_exports_to_xlsx(app: Flask, chef: WebClient) -> None:
    user_id = _new_user(app, chef)
    response = chef.get(f"/admin/audit.xlsx?table=user_account&row={user_id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data), data_only=True).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row and row[0] == "Tidpunkt (svensk tid)")
    body = rows[header + 1 :]
    assert rows[header][:6] == (
        "Tidpunkt (svensk tid)",
        "Användare",
        "Ändring",
        "Objekt",
        "Objekt-id",
        "Fält",
    )
    by_field = {row[5]: row for row in body}
    assert by_field["Namn"][2:5] == ("Skapad", "Användare", str(user_id))
    assert by_field["Namn"][1] == "Karin Lindqvist"
    assert by_field["Namn"][7] == "Nils Ny"
    assert by_field["Lösenord"][6:8] == ("***", "***")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", by_field["Namn"][0])
