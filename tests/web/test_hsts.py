"""Strict-Transport-Security: sent over https on every kind of answer, never over http."""

from __future__ import annotations

import pytest
from flask import Flask

from ..conftest import WebClient

#: A page, a redirect, a not-found, the health check, a download and a refused post.
URLS = ["/auth/login", "/", "/no-such-page", "/healthz", "/grants/payments.se", "/auth/logout"]
YEAR = 365 * 24 * 3600


@pytest.mark.parametrize("url", URLS)
def test_https_answers_carry_hsts_of_at_least_a_year(
    app: Flask, web: WebClient, demo: dict, url: str
) -> None:
    web.login("ekonom@example.com")
    response = web.client.get(url, base_url="https://localhost")
    assert response.status_code < 500
    assert response.headers.getlist("Strict-Transport-Security") == [f"max-age={YEAR}"]
    assert app.config["HSTS_MAX_AGE"] >= YEAR


@pytest.mark.parametrize("url", URLS)
def test_http_answers_carry_no_hsts(web: WebClient, demo: dict, url: str) -> None:
    web.login("ekonom@example.com")
    response = web.client.get(url, base_url="http://localhost")
    assert response.status_code < 500
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_is_configurable(app: Flask, client, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "HSTS_MAX_AGE", 2 * YEAR)
    monkeypatch.setitem(app.config, "HSTS_INCLUDE_SUBDOMAINS", True)
    response = client.get("/auth/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == (
        f"max-age={2 * YEAR}; includeSubDomains"
    )
    assert "Strict-Transport-Security" not in client.get("/auth/login").headers
