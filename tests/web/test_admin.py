"""User administration by the förbundschef, and the audit trail it leaves."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from models import AuditEntry, Forbund, Role, User, db
from models.auditing import AuditTrailIsReadOnly

from ..conftest import WebClient, html_text

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


def _user(app: Flask, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            db.session.expunge(user)
        return user


def test_chef_creates_user_who_can_log_in(app: Flask, chef: WebClient) -> None:
    response = chef.post("/admin/users/new", NEW)
    assert response.status_code == 302
    user = _user(app, "ny@example.com")
    assert user is not None and user.role == Role.EKONOM and user.active
    assert (
        WebClient(app.test_client()).login("ny@example.com", "ett-bra-losenord").status_code == 302
    )


def test_duplicate_email_is_refused_beside_the_field(chef: WebClient) -> None:
    response = chef.post("/admin/users/new", {**NEW, "email": "ekonom@example.com"})
    text = html_text(response)
    assert "Det finns redan ett konto för ekonom@example.com." in text
    assert 'value="Nils Ny"' in text  # what was typed is kept


def test_projektagare_needs_an_organisation(chef: WebClient) -> None:
    response = chef.post("/admin/users/new", {**NEW, "role": "projektagare"})
    assert "Välj den organisation som projektägaren arbetar för." in html_text(response)


def test_deactivate_and_change_role(app: Flask, chef: WebClient, demo: dict) -> None:
    user_id = demo["users"][Role.REVISOR]
    response = chef.post(
        f"/admin/users/{user_id}",
        {"email": "revisor@example.com", "name": "Lena Ek", "role": "styrelseledamot"},
    )
    assert response.status_code == 302
    user = _user(app, "revisor@example.com")
    assert user.role == Role.STYRELSELEDAMOT and not user.active
    assert WebClient(app.test_client()).login("revisor@example.com").status_code == 200


def test_last_active_chief_cannot_be_demoted(app: Flask, chef: WebClient, demo: dict) -> None:
    user_id = demo["users"][Role.FORBUNDSCHEF]
    response = chef.post(
        f"/admin/users/{user_id}",
        {"email": "chef@example.com", "name": "Karin Lindqvist", "role": "ekonom", "active": "y"},
    )
    assert "Det måste alltid finnas minst en aktiv förbundschef." in html_text(response)
    assert _user(app, "chef@example.com").role == Role.FORBUNDSCHEF


def test_reset_password(app: Flask, chef: WebClient, demo: dict) -> None:
    user_id = demo["users"][Role.EKONOM]
    response = chef.post(f"/admin/users/{user_id}/password", {"reset-password": "helt-nytt-losen"})
    assert response.status_code == 302
    fresh = WebClient(app.test_client())
    assert fresh.login("ekonom@example.com").status_code == 200
    assert fresh.login("ekonom@example.com", "helt-nytt-losen").status_code == 302


def test_reset_password_too_short_is_refused(chef: WebClient, demo: dict) -> None:
    user_id = demo["users"][Role.EKONOM]
    response = chef.post(f"/admin/users/{user_id}/password", {"reset-password": "kort"})
    assert response.status_code == 400
    assert "Minst 10 tecken." in html_text(response)


def test_every_change_is_audited_with_who_and_fields(
    app: Flask, chef: WebClient, demo: dict
) -> None:
    chef.post("/admin/users/new", NEW)
    user = _user(app, "ny@example.com")
    chef.post(
        f"/admin/users/{user.id}",
        {"email": "ny@example.com", "name": "Nils Nyberg", "role": "ekonom", "active": "y"},
    )
    with app.app_context():
        entries = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == "user_account", AuditEntry.row_id == str(user.id))
            .order_by(AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == ["insert", "update"]
        assert all(e.user_id == demo["users"][Role.FORBUNDSCHEF] for e in entries)
        assert entries[0].changes["password_hash"] == ["***", "***"]
        assert entries[1].changes == {"name": ["Nils Ny", "Nils Nyberg"]}


def test_audit_trail_is_readable_and_filterable(app: Flask, chef: WebClient, demo: dict) -> None:
    chef.post("/admin/users/new", NEW)
    user = _user(app, "ny@example.com")
    text = html_text(chef.get(f"/admin/audit?table=user_account&row={user.id}"))
    assert "Nils Ny" in text and "Skapad" in text
    assert "Karin Lindqvist" in text
    assert "Demo (avrundat)" not in text  # other objects filtered away


def test_audit_trail_cannot_be_changed(app: Flask, demo: dict) -> None:
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry)).first()
        entry.action = "forged"
        with pytest.raises(AuditTrailIsReadOnly):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.scalars(select(AuditEntry)).first())
        with pytest.raises(AuditTrailIsReadOnly):
            db.session.flush()
        db.session.rollback()


def test_revisor_reads_audit_but_board_member_does_not(app: Flask, demo: dict) -> None:
    revisor = WebClient(app.test_client())
    revisor.login("revisor@example.com")
    assert revisor.get("/admin/audit").status_code == 200
    board = WebClient(app.test_client())
    board.login("styrelse@example.com")
    assert board.get("/admin/audit").status_code == 403


@pytest.mark.parametrize("fmt", ["{year}", "{month}/{seq}", "{year}/{seq:zz}", "{0}"])
def test_settings_refuse_a_broken_registry_format(app: Flask, chef: WebClient, fmt: str) -> None:
    data = {"name": "Västerbergslagens samordningsförbund", "org_number": "222000-1234"}
    response = chef.post("/admin/settings", {**data, "split_unit": "1.00", "registry_format": fmt})
    assert response.status_code == 200
    assert "måste innehålla {year} och {seq}" in html_text(response)
    with app.app_context():
        assert db.session.get(Forbund, 1).registry_format == "{year}/{seq:03d}"


def test_settings_save_a_new_registry_format(app: Flask, chef: WebClient) -> None:
    data = {"name": "Västerbergslagens samordningsförbund", "org_number": "222000-1234"}
    response = chef.post(
        "/admin/settings", {**data, "split_unit": "1.00", "registry_format": "VSF {year}-{seq:04d}"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Forbund, 1).registry_format == "VSF {year}-{seq:04d}"


def test_settings_set_the_number_of_justerare_besides_the_chair(
    app: Flask, chef: WebClient
) -> None:
    data = {"name": "Västerbergslagens samordningsförbund", "org_number": "222000-1234"}
    data |= {"split_unit": "1.00", "registry_format": "{year}/{seq:03d}"}
    page = html_text(chef.get("/admin/settings"))
    assert "Antal justerare utöver ordföranden" in page and 'value="1"' in page
    refused = chef.post("/admin/settings", {**data, "justerare_count": "0"})
    assert refused.status_code == 200
    assert "Ange ett tal från 1 till 5." in html_text(refused)
    assert chef.post("/admin/settings", {**data, "justerare_count": "2"}).status_code == 302
    with app.app_context():
        assert db.session.get(Forbund, 1).justerare_count == 2
