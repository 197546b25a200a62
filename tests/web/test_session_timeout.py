"""The session timeout warning's server side: keep-alive, status, the reason at log-in.

Typing on a page is use: the page's script posts to /auth/keep-alive, which starts
the idle clock again (204); an ended session answers 401 with JSON (never a redirect,
so the form and its text stay on the page). The log-in page says why a session ended
by the idle or absolute limit, and nothing after a log-out.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask import Flask

from app.views.auth import sessions

from ..conftest import WebClient, as_user, html_text


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The sessions module's clock, moved by the test (``clock[0]`` in seconds)."""
    now = [1_900_000_000.0]
    monkeypatch.setattr(sessions, "time", SimpleNamespace(time=lambda: now[0]))
    return now


@pytest.fixture
def one_minute(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 1)
    monkeypatch.setitem(app.config, "SESSION_LIFETIME_HOURS", 1)


def _keep_alive(web: WebClient) -> object:
    return web.client.post("/auth/keep-alive", headers={"X-CSRFToken": web.token("/")})


def test_keep_alive_restarts_the_idle_clock(
    app: Flask, demo: dict, clock: list[float], one_minute: None
) -> None:
    web = as_user(app, "chef@example.com")
    web.token("/")
    for _ in range(5):  # typing for five minutes, a ping every 50 seconds
        clock[0] += 50
        response = _keep_alive(web)
        assert response.status_code == 204
        assert response.get_data() == b""
    assert web.get("/applications/").status_code == 200
    clock[0] += 61
    assert web.get("/applications/").status_code == 302


def test_the_absolute_lifetime_ends_a_session_kept_alive(
    app: Flask, demo: dict, clock: list[float], one_minute: None
) -> None:
    web = as_user(app, "chef@example.com")
    web.token("/")
    for _ in range(59):
        clock[0] += 59
        assert _keep_alive(web).status_code == 204
    clock[0] += 120  # 60:01 after log-in, though in use the whole time
    response = _keep_alive(web)
    assert response.status_code == 401
    assert response.get_json()["ended"] == "lifetime"
    assert response.get_json()["message"] == (
        "Du loggades ut efter 1 timme, den längsta tid en inloggning varar."
    )


def test_an_ended_session_answers_401_json_not_a_redirect(
    app: Flask, demo: dict, clock: list[float], one_minute: None
) -> None:
    web = as_user(app, "chef@example.com")
    web.token("/")
    clock[0] += 61
    response = _keep_alive(web)
    assert response.status_code == 401
    assert response.mimetype == "application/json"
    assert "Location" not in response.headers
    assert response.get_json() == {
        "ended": "idle",
        "message": "Du loggades ut efter 1 minut utan aktivitet.",
    }
    status = web.get("/auth/session")
    assert status.status_code == 401 and status.mimetype == "application/json"


def test_asking_how_long_is_left_is_not_use(
    app: Flask, demo: dict, clock: list[float], one_minute: None
) -> None:
    web = as_user(app, "chef@example.com")
    clock[0] += 40
    status = web.get("/auth/session")
    assert status.status_code == 200
    data = status.get_json()
    assert data["idle"] == 20 and data["lifetime"] == 3600 - 40
    assert data["csrf_token"]
    clock[0] += 21  # 61 s since the last use: the status asked in between did not count
    assert web.get("/").status_code == 302


def test_keep_alive_needs_the_csrf_token(app: Flask, demo: dict) -> None:
    web = as_user(app, "chef@example.com")
    assert web.client.post("/auth/keep-alive").status_code == 400
    assert web.client.post("/auth/keep-alive", headers={"X-CSRFToken": "x"}).status_code == 400
    assert _keep_alive(web).status_code == 204


def test_the_log_in_page_says_why_after_an_idle_end(
    app: Flask, demo: dict, clock: list[float], one_minute: None
) -> None:
    web = as_user(app, "chef@example.com")
    clock[0] += 61
    response = web.get("/applications/1/edit")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    page = html_text(web.get(response.headers["Location"]))
    assert "Du loggades ut efter 1 minut utan aktivitet." in page
    # said once; logging in again starts afresh
    assert "utan aktivitet" not in html_text(web.get("/auth/login"))


def test_the_log_in_page_says_why_after_the_lifetime(
    app: Flask, demo: dict, clock: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "SESSION_LIFETIME_HOURS", 12)
    web = as_user(app, "chef@example.com")
    for _ in range(13):
        clock[0] += 3500
        web.get("/")
    page = html_text(web.get("/auth/login"))
    assert "Du loggades ut efter 12 timmar, den längsta tid en inloggning varar." in page


def test_the_log_in_page_says_nothing_after_a_log_out(app: Flask, demo: dict) -> None:
    web = as_user(app, "chef@example.com")
    assert web.post("/auth/logout").status_code == 302
    page = html_text(web.get("/auth/login"))
    assert "Du är utloggad." in page
    assert "Du loggades ut efter" not in page


def test_the_page_carries_the_limits_only_when_logged_in(app: Flask, demo: dict) -> None:
    anonymous = WebClient(app.test_client()).get("/auth/login").get_data(as_text=True)
    assert "data-session-idle-seconds" not in anonymous
    assert "session-timeout.js" not in anonymous
    web = as_user(app, "chef@example.com")
    html = web.get("/").get_data(as_text=True)
    assert 'data-session-idle-seconds="3600.0"' in html
    assert 'data-session-idle-left="3600"' in html
    assert 'data-session-keep-alive="/auth/keep-alive"' in html
    assert "js/session-timeout.js" in html
    assert "Fortsätt vara inloggad" in html
    assert "Du loggas ut kl. {time} om du inte fortsätter." in html
