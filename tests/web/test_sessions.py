"""Sessions that end (issue 22 §3): everywhere at log-out, new password, reset, role
change and deactivation; renewed at log-in; idle and absolute limits; no resurrection
by a remember cookie; the current-password check throttled like log-in."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask import Flask
from flask_login.utils import encode_cookie
from sqlalchemy import select

import models.user
from app.config import environment_settings
from app.views.auth import sessions
from models import Role, User, db

from ..conftest import CSRF_RE, DEMO_PASSWORD, WebClient, as_user, html_text


def _logged_in(client: WebClient) -> bool:
    """True when the client's session still opens the start page."""
    return client.get("/").status_code == 200


def _copy(app: Flask, source: WebClient) -> WebClient:
    """A second browser holding a copy of ``source``'s session cookie (e.g. stolen)."""
    other = WebClient(app.test_client())
    other.client.set_cookie("session", source.client.get_cookie("session").value)
    return other


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def test_a_cookie_kept_from_before_log_out_no_longer_works(app: Flask, demo: dict) -> None:
    web = as_user(app, "chef@example.com")
    kept = _copy(app, web)
    elsewhere = as_user(app, "chef@example.com")  # another browser of the same user
    assert _logged_in(kept) and _logged_in(elsewhere)
    assert web.post("/auth/logout").status_code == 302
    assert not _logged_in(web)
    assert not _logged_in(kept)
    assert not _logged_in(elsewhere)  # log-out ends the session everywhere


def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(app: Flask, demo: dict) -> None:
    web = as_user(app, "ekonom@example.com")
    other = as_user(app, "ekonom@example.com")
    kept = _copy(app, web)
    web.token("/auth/account")
    response = web.post(
        "/auth/account",
        {
            "pw-current": DEMO_PASSWORD,
            "pw-password": "ett-nytt-losenord",
            "pw-confirm": "ett-nytt-losenord",
            "pw-submit": "y",
        },
    )
    assert response.status_code == 302
    assert _logged_in(web)
    assert not _logged_in(other)
    assert not _logged_in(kept)  # the cookie from before the change is dead too


def test_a_reset_by_the_forbundschef_ends_the_users_sessions(app: Flask, demo: dict) -> None:
    revisor = as_user(app, "revisor@example.com")
    assert _logged_in(revisor)
    chef = as_user(app, "chef@example.com")
    user_id = demo["users"][Role.REVISOR]
    chef.token(f"/admin/users/{user_id}")
    response = chef.post(f"/admin/users/{user_id}/password", {"reset-password": "helt-nytt-losen"})
    assert response.status_code == 302
    assert not _logged_in(revisor)
    assert _logged_in(chef)
    assert revisor.login("revisor@example.com", "helt-nytt-losen").status_code == 302


def test_deactivation_ends_the_session_even_if_reactivated(app: Flask, demo: dict) -> None:
    revisor = as_user(app, "revisor@example.com")
    with app.app_context():
        user = _user("revisor@example.com")
        user.active = False
        db.session.commit()
        user.active = True
        db.session.commit()
    assert not _logged_in(revisor)


def test_an_unrelated_change_keeps_the_session(app: Flask, demo: dict) -> None:
    revisor = as_user(app, "revisor@example.com")
    with app.app_context():
        _user("revisor@example.com").name = "Lena Ek"
        db.session.commit()
    assert _logged_in(revisor)


def test_the_session_is_renewed_at_log_in(app: Flask, demo: dict) -> None:
    web = WebClient(app.test_client())
    before = web.token()
    cookie_before = web.client.get_cookie("session").value
    assert web.login("chef@example.com").status_code == 302
    html = web.get("/auth/account").get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match
    after = match.group(1) or match.group(2)
    assert after != before
    assert web.client.get_cookie("session").value != cookie_before
    # the token from before log-in is no longer accepted
    response = web.post("/auth/account", {"csrf_token": before, "profile-locale": "sv"})
    assert response.status_code == 400


def test_a_remember_cookie_does_not_bring_a_session_back(app: Flask, demo: dict) -> None:
    web = as_user(app, "chef@example.com")
    with app.app_context():
        session_id = _user("chef@example.com").get_id()
        remember = encode_cookie(session_id)
        bare_id = encode_cookie(session_id.split(":")[0])
    assert web.post("/auth/logout").status_code == 302
    for stale in (remember, bare_id):
        browser = WebClient(app.test_client())
        browser.client.set_cookie("remember_token", stale)
        assert not _logged_in(browser)
    # Even with the current version, a remember cookie alone opens no session.
    with app.app_context():
        current = encode_cookie(_user("chef@example.com").get_id())
    browser = WebClient(app.test_client())
    browser.client.set_cookie("remember_token", current)
    assert not _logged_in(browser)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The sessions module's clock, moved by the test (``clock[0]`` in seconds)."""
    now = [1_900_000_000.0]
    monkeypatch.setattr(sessions, "time", SimpleNamespace(time=lambda: now[0]))
    return now


def test_a_session_ends_after_the_idle_timeout(
    app: Flask, demo: dict, clock: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 30)
    web = as_user(app, "chef@example.com")
    for _ in range(4):  # used every 29 minutes: stays
        clock[0] += 29 * 60
        assert _logged_in(web)
    clock[0] += 31 * 60
    assert not _logged_in(web)
    clock[0] -= 31 * 60  # going back does not revive it: the session was emptied
    assert not _logged_in(web)


def test_a_session_ends_after_its_absolute_lifetime(
    app: Flask, demo: dict, clock: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 60)
    monkeypatch.setitem(app.config, "SESSION_LIFETIME_HOURS", 2)
    web = as_user(app, "chef@example.com")
    for _ in range(4):  # in use the whole time
        clock[0] += 30 * 60 - 1
        assert _logged_in(web)
    clock[0] += 5
    assert not _logged_in(web)


def test_cookie_lifetimes_follow_the_absolute_lifetime(app: Flask) -> None:
    hours = app.config["SESSION_LIFETIME_HOURS"]
    assert hours == 12
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=12)
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(hours=12)
    assert app.config["SESSION_IDLE_MINUTES"] == 60


def test_session_limits_come_from_the_environment() -> None:
    settings = environment_settings(
        {"SESSION_IDLE_MINUTES": "20", "SESSION_LIFETIME_HOURS": "8", "TRUSTED_PROXIES": "1"}
    )
    assert settings == {
        "SESSION_IDLE_MINUTES": 20,
        "SESSION_LIFETIME_HOURS": 8,
        "TRUSTED_PROXIES": 1,
    }
    assert environment_settings({}) == {}
    for bad in ("0", "-5", "ten", "1.5"):
        with pytest.raises(ValueError, match="SESSION_IDLE_MINUTES"):
            environment_settings({"SESSION_IDLE_MINUTES": bad})
    assert environment_settings({"SESSION_COOKIE_SECURE": "0"})["SESSION_COOKIE_SECURE"] is False


def test_the_current_password_check_is_throttled_like_log_in(
    app: Flask, demo: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    web = as_user(app, "ekonom@example.com")
    web.token("/auth/account")
    checked: list[str] = []
    real = models.user.User.check_password

    def counting(self: User, password: str) -> bool:
        checked.append(password)
        return real(self, password)

    monkeypatch.setattr(models.user.User, "check_password", counting)
    statuses = []
    for guess in range(12):
        response = web.post(
            "/auth/account",
            {
                "pw-current": f"gissning-{guess}",
                "pw-password": "ett-nytt-losenord",
                "pw-confirm": "ett-nytt-losenord",
                "pw-submit": "y",
            },
        )
        statuses.append(response.status_code)
    assert len(checked) == 5
    assert statuses == [200] * 5 + [429] * 7
    assert "För många misslyckade" in html_text(response)
    # even the right password is not checked now, from this address
    response = web.post(
        "/auth/account",
        {
            "pw-current": DEMO_PASSWORD,
            "pw-password": "ett-nytt-losenord",
            "pw-confirm": "ett-nytt-losenord",
            "pw-submit": "y",
        },
    )
    assert response.status_code == 429 and len(checked) == 5
