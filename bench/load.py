"""An HTTP client for the load test (tests/reliability/test_load.py): a connection to
the server under test and a log-in through the real form, with the standard library
only, so the test needs no client library of its own."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlencode, urlsplit


def _connection(base: str) -> http.client.HTTPConnection:
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=60)


def login_cookie(base: str, email: str, password: str) -> str:
    """Log in through the real form and return the Cookie header for later requests."""
    connection = _connection(base)
    try:
        connection.request("GET", "/auth/login")
        response = connection.getresponse()
        html = response.read().decode()
        cookie = "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        if token is None:
            token = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
        assert token, "no CSRF token on the log-in page"
        body = urlencode({"csrf_token": token.group(1), "email": email, "password": password})
        connection.request(
            "POST",
            "/auth/login",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        response = connection.getresponse()
        response.read()
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    finally:
        connection.close()
    assert response.status in (302, 303), f"log-in failed with {response.status}"
    return "; ".join(cookies) or cookie
