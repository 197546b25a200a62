"""Open redirect (issue 22 §5): after log-in only paths on this site are followed,
judged after normalisation; everything else goes to the start page."""

from __future__ import annotations

from flask import Flask

from app.views.auth.sessions import safe_next

from ..conftest import DEMO_PASSWORD, WebClient

HOSTILE = (
    "////evil.example/x",
    "///evil.example/x",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "/\\/evil.example/x",
    "http:evil.example",
    "http:/evil.example",
    "https://evil.example/x",
    "HTTPS://evil.example/x",
    "javascript:alert(1)",
    " //evil.example/x",
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r\n/evil.example/x",
    "%2F%2Fevil.example/x",
    "%2f%2fevil.example/x",
    "/%2F/evil.example/x",
    "/%2f%2fevil.example/x",
    "/%5Cevil.example/x",
    "/%5cevil.example/x",
    "/%09/evil.example/x",
    "/%0a/evil.example/x",
    "/%252F%252Fevil.example/x",
    "/%25252F%25252Fevil.example/x",
    "%252F%252Fevil.example",
    "evil.example/x",
    "parties/",
    "/\x00/evil.example",
    "/\x7f/evil.example",
)

LOCAL = ("/parties/", "/applications/?page=2", "/admin/users/3", "/grants/?q=a%26b")


def test_the_next_target_is_judged_after_normalisation(app: Flask) -> None:
    with app.test_request_context():
        refused = [target for target in HOSTILE if safe_next(target) != "/"]
        followed = [safe_next(target) for target in LOCAL]
    assert refused == []
    assert followed == list(LOCAL)


def test_log_in_sends_hostile_next_targets_to_the_start_page(app: Flask, demo: dict) -> None:
    """Through the real log-in, every hostile target ends at the start page, unless the
    edge refuses its query string first (400 for a control character, app/edge.py);
    local paths are followed."""
    answers = {}
    for target in (*HOSTILE, *LOCAL):
        web = WebClient(app.test_client())
        response = web.client.post(
            "/auth/login",
            query_string={"next": target},
            data={
                "email": "chef@example.com",
                "password": DEMO_PASSWORD,
                "csrf_token": web.token(),
            },
        )
        answers[target] = (response.status_code, response.headers.get("Location"))
    off_site = {
        t: a for t, a in answers.items() if t in HOSTILE and a not in ((302, "/"), (400, None))
    }
    assert off_site == {}
    assert sum(1 for t in HOSTILE if answers[t] == (302, "/")) >= len(HOSTILE) - 5
    assert [answers[t] for t in LOCAL] == [(302, t) for t in LOCAL]
