"""Log-in throttling (issue 22 §6): per account+address and per address, the owner
not walled out, exact counts under parallel tries, one hash check for known and
unknown addresses alike, and a configured number of trusted proxies."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

import models.user
from app import create_app
from app.services.admin import accounts, throttle
from models import LoginAttempt, User, db
from models.base import utcnow

from ..conftest import DEMO_PASSWORD, WebClient, html_text


def _from(app: Flask, address: str, **headers: str) -> WebClient:
    """A browser at ``address`` (sending ``headers`` with every request)."""
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": address})
    client.environ_base.update(
        {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    )
    return WebClient(client)


def _failures(app: Flask, email: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).where(
                LoginAttempt.email == email, LoginAttempt.succeeded.is_(False)
            )
        )


def test_the_owner_from_another_address_is_not_walled_out(app: Flask, demo: dict) -> None:
    attacker = _from(app, "198.51.100.66")
    for _ in range(12):
        attacker.login("chef@example.com", "gissat-losenord")
    assert _failures(app, "chef@example.com") == 5  # 7 refused unchecked
    response = attacker.login("chef@example.com")
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök för det här kontot" in html_text(response)
    owner = _from(app, "192.0.2.10")
    assert owner.login("chef@example.com").status_code == 302


def test_one_address_is_stopped_after_twenty_failures_on_any_accounts(
    app: Flask, demo: dict
) -> None:
    sprayer = _from(app, "198.51.100.77")
    statuses = [
        sprayer.login(f"person{n}@example.com", "gissat-losenord").status_code for n in range(25)
    ]
    assert statuses == [200] * 20 + [429] * 5
    response = sprayer.login("ekonom@example.com")  # even a right password, from there
    assert response.status_code == 429
    assert "från din adress" in html_text(response)
    assert _from(app, "192.0.2.11").login("ekonom@example.com").status_code == 302


def test_right_passwords_do_not_count_and_the_window_ends(
    app: Flask, demo: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    web = _from(app, "192.0.2.12")
    for _ in range(3):
        for _ in range(4):
            assert web.login("revisor@example.com", "fel").status_code == 200
        assert web.login("revisor@example.com").status_code == 302
        web.post("/auth/logout")
    for _ in range(5):
        web.login("revisor@example.com", "fel")
    assert web.login("revisor@example.com").status_code == 429
    later = utcnow() + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(throttle, "utcnow", lambda: later)
    assert web.login("revisor@example.com").status_code == 302


def _parallel_logins(app: Flask, count: int, address: str) -> list[int]:
    """``count`` wrong log-ins for one account from one address, all at the same moment."""
    barrier = threading.Barrier(count)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def attempt() -> None:
        web = _from(app, address)
        web.token()
        barrier.wait()
        try:
            response = web.post(
                "/auth/login", {"email": "chef@example.com", "password": "gissat-losenord"}
            )
            statuses.append(response.status_code)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=attempt) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return statuses


def test_parallel_tries_are_counted_exactly(app: Flask, demo: dict) -> None:
    statuses = _parallel_logins(app, 8, "198.51.100.88")
    assert sorted(statuses) == [200] * 5 + [429] * 3
    assert _failures(app, "chef@example.com") == 5


def _count_hash_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = models.user.check_password_hash

    def counting(pwhash: str, password: str) -> bool:
        calls.append(pwhash)
        return real(pwhash, password)

    monkeypatch.setattr(models.user, "check_password_hash", counting)
    return calls


def test_known_and_unknown_addresses_check_one_hash_of_the_same_kind(
    app: Flask, demo: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_hash_checks(monkeypatch)
    with app.app_context():
        chef = db.session.scalar(select(User).where(User.email == "chef@example.com"))
        method = chef.password_hash.split("$")[0]
        inactive = db.session.scalar(select(User).where(User.email == "revisor@example.com"))
        inactive.active = False
        db.session.commit()
        for email in ("chef@example.com", "ingen@example.com", "revisor@example.com", "x" * 300):
            calls.clear()
            assert accounts.authenticate(email, "fel-losenord") is None
            assert len(calls) == 1, email
            assert calls[0].split("$")[0] == method
        calls.clear()
        assert accounts.authenticate("chef@example.com", DEMO_PASSWORD) is not None
        assert len(calls) == 1


def _app_with(app: Flask, **config: Any) -> Flask:
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            **config,
        }
    )


def test_forwarded_for_is_ignored_without_trusted_proxies(app: Flask, demo: dict) -> None:
    assert app.config["TRUSTED_PROXIES"] == 0
    for n in range(5):  # a different made-up address each time: all count for 127.0.0.1
        _from(app, "127.0.0.1", X_Forwarded_For=f"203.0.113.{n}").login("chef@example.com", "fel")
    other = _from(app, "127.0.0.1", X_Forwarded_For="203.0.113.99")
    assert other.login("chef@example.com").status_code == 429


def test_one_trusted_proxy_counts_per_forwarded_client(app: Flask, demo: dict) -> None:
    proxied = _app_with(app, TRUSTED_PROXIES=1)
    try:
        attacker = _from(proxied, "127.0.0.1", X_Forwarded_For="203.0.113.5")
        for _ in range(5):
            attacker.login("chef@example.com", "fel")
        assert attacker.login("chef@example.com").status_code == 429
        # Only the last hop is trusted: a forged earlier entry does not move the attacker.
        forged = _from(proxied, "127.0.0.1", X_Forwarded_For="192.0.2.1, 203.0.113.5")
        assert forged.login("chef@example.com").status_code == 429
        owner = _from(proxied, "127.0.0.1", X_Forwarded_For="192.0.2.20")
        assert owner.login("chef@example.com").status_code == 302
        with proxied.app_context():
            addresses = set(db.session.scalars(select(LoginAttempt.remote_addr)))
        assert addresses == {"203.0.113.5", "192.0.2.20"}
    finally:
        with proxied.app_context():
            db.engine.dispose()
