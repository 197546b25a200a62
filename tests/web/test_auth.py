"""Log-in, log-out, throttling, CSRF, cookies and security headers."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from app import create_app
from models import LoginAttempt, Role, User, db

from ..conftest import WebClient, html_text


def test_login_page_is_swedish_by_default(web: WebClient) -> None:
    text = html_text(web.get("/auth/login"))
    assert "Logga in i Samordna" in text
    assert 'lang="sv"' in text


def test_wrong_password_shows_swedish_error_beside_field(web: WebClient, demo: dict) -> None:
    response = web.login("chef@example.com", "fel-lösenord")
    text = html_text(response)
    assert response.status_code == 200
    assert "Fel e-postadress eller lösenord." in text
    assert 'id="password-error"' in text


def test_login_and_logout(web: WebClient, demo: dict) -> None:
    response = web.login("chef@example.com")
    assert response.status_code == 302
    assert "Karin Lindqvist" in html_text(web.get("/"))
    response = web.post("/auth/logout")
    assert response.status_code == 302
    assert web.get("/").status_code == 302


def test_login_ignores_case_of_email(web: WebClient, demo: dict) -> None:
    assert web.login("Chef@Example.COM").status_code == 302


def test_five_failures_lock_the_account_even_for_the_right_password(
    app: Flask, web: WebClient, demo: dict
) -> None:
    for _ in range(5):
        web.login("chef@example.com", "wrong-password")
    response = web.login("chef@example.com")
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in html_text(response)
    other = WebClient(app.test_client())  # a second worker or host sees the same count
    assert other.login("chef@example.com").status_code == 429
    assert other.login("ekonom@example.com").status_code == 302
    with app.app_context():
        failures = db.session.scalar(
            select(func.count()).where(
                LoginAttempt.email == "chef@example.com", LoginAttempt.succeeded.is_(False)
            )
        )
    assert failures == 5


def test_four_failures_do_not_lock(web: WebClient, demo: dict) -> None:
    for _ in range(4):
        web.login("chef@example.com", "wrong-password")
    assert web.login("chef@example.com").status_code == 302


def test_deactivated_user_cannot_log_in(app: Flask, web: WebClient, demo: dict) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "revisor@example.com"))
        user.active = False
        db.session.commit()
    assert web.login("revisor@example.com").status_code == 200


def test_form_without_csrf_token_is_refused(client, demo: dict) -> None:
    response = client.post(
        "/auth/login", data={"email": "chef@example.com", "password": "samordna-demo"}
    )
    assert response.status_code == 400
    assert "säkerhetskod" in html_text(response)


def test_next_redirect_stays_on_this_site(web: WebClient, demo: dict) -> None:
    web.token()
    response = web.post(
        "/auth/login?next=https://evil.example/x",
        {"email": "chef@example.com", "password": "samordna-demo"},
    )
    assert response.headers["Location"] == "/"
    web2 = WebClient(web.client.application.test_client())
    response = web2.post(
        "/auth/login?next=/parties/",
        {"email": "chef@example.com", "password": "samordna-demo"},
    )
    assert response.headers["Location"] == "/parties/"


def test_security_headers_on_every_response(web: WebClient) -> None:
    response = web.get("/auth/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in response.get_data(as_text=True)  # no inline script anywhere


def test_session_cookie_is_httponly_lax_and_secure_outside_debug(app: Flask, demo: dict) -> None:
    production = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    web = WebClient(production.test_client())
    response = web.login("chef@example.com")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    with production.app_context():
        db.engine.dispose()


def test_password_is_hashed_never_stored_plain(app: Flask, demo: dict) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "chef@example.com"))
        assert "samordna-demo" not in user.password_hash
        assert user.check_password("samordna-demo")


def test_a_role_change_and_a_deactivation_take_effect_on_the_next_request(
    app: Flask, web: WebClient, demo: dict
) -> None:
    """A role change ends the user's session (issue 22 §3): their very next request is
    sent to the log-in page, and once logged in again the new role shows (name, menu
    and access); once deactivated their next request is sent to the log-in page."""
    revisor = WebClient(app.test_client())
    revisor.login("revisor@example.com")
    text = html_text(revisor.get("/"))
    assert "Revisor" in text and "Ändringslogg" in text
    assert revisor.get("/admin/audit").status_code == 200

    user_id = demo["users"][Role.REVISOR]
    web.login("chef@example.com")
    changed = {"email": "revisor@example.com", "name": "Lena Ek", "role": "ekonom", "active": "y"}
    assert web.post(f"/admin/users/{user_id}", changed).status_code == 302
    response = revisor.get("/admin/audit")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert revisor.login("revisor@example.com").status_code == 302
    text = html_text(revisor.get("/"))
    assert "Ekonom" in text and "Revisor" not in text and "Ändringslogg" not in text
    assert revisor.get("/admin/audit").status_code == 403

    assert web.post(f"/admin/users/{user_id}", {**changed, "active": ""}).status_code == 302
    response = revisor.get("/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
