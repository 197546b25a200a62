"""Hostile URL ids and query values: never a 5xx, on SQLite and on PostgreSQL.

Every route with an integer in its path is asked for ids at and beyond the
database's 32-bit range (2^31, 2^63, 10^30): each answers 404. Every page without
path arguments is asked with NUL bytes in query values and with ``year``, ``org``,
``page`` and ``user`` of 2^31 or more: NUL is refused with 400 and a message, the
numbers are refused with 400 or ignored; never a 5xx. (A page whose form reads the
query string, the staff-cost calculator, answers 400 with the message beside its field.)
"""

from __future__ import annotations

import pytest
from flask import Flask, url_for
from werkzeug.routing import IntegerConverter

from app.edge import MAX_ID

from ..conftest import WebClient

HUGE_IDS = [2**31, 2**63, 10**30]
#: (query, the statuses allowed): 400 is a refusal with a message, 200 means ignored.
QUERIES: list[tuple[dict[str, str], tuple[int, ...]]] = [
    ({"year": str(2**31)}, (200, 400)),
    ({"year": str(2**31 - 1)}, (200, 400)),
    ({"year": "99999"}, (200, 400)),
    ({"year": "0"}, (200, 400)),
    ({"year": "-1"}, (200, 400)),
    ({"page": str(2**31 - 1)}, (200, 400)),
    ({"org": str(2**31 - 1)}, (200, 400)),
    ({"year": str(2**63)}, (200, 400)),
    ({"org": str(2**31)}, (200, 400)),
    ({"org": "9" * 40}, (200, 400)),
    ({"page": str(2**31)}, (200, 400)),
    ({"page": str(10**30)}, (200, 400)),
    ({"page": "-" + str(10**30)}, (200, 400)),
    ({"user": str(2**63)}, (200, 400)),
    ({"organisation": str(2**31)}, (200, 400)),
    ({"year": "2026\x00"}, (400,)),
    ({"q": "a\x00b"}, (400,)),
    ({"status": "\x00"}, (400,)),
    ({"from": "2026-01-01\x00"}, (400,)),
]
SKIP_RULES = ("/static/", "/bootstrap/", "/lang/", "/auth/logout")


def _int_rules(app: Flask) -> list[tuple[str, list[str], str]]:
    """(rule, its integer arguments, a method to call it with) for every such route."""
    rules = []
    for rule in app.url_map.iter_rules():
        names = [n for n, c in rule._converters.items() if isinstance(c, IntegerConverter)]
        if not names or any(s in rule.rule for s in SKIP_RULES):
            continue
        method = "GET" if "GET" in (rule.methods or ()) else "POST"
        rules.append((rule.endpoint, names, method))
    return rules


def _plain_pages(app: Flask) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if not rule.arguments
        and "GET" in (rule.methods or ())
        and not any(s in rule.rule for s in SKIP_RULES)
    )


def test_every_int_argument_is_bounded(app: Flask) -> None:
    """Every integer in a path refuses ids the database cannot hold."""
    rules = list(app.url_map.iter_rules())
    converters = [c for r in rules for c in r._converters.values()]
    integers = [c for c in converters if isinstance(c, IntegerConverter)]
    assert len(integers) > 90
    assert all(c.max == MAX_ID for c in integers)


def test_huge_ids_in_urls_are_404(
    app: Flask, web: WebClient, demo: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    web.login("chef@example.com")
    tried = 0
    with app.test_request_context():
        for endpoint, names, method in _int_rules(app):
            for huge in HUGE_IDS:
                for name in names:
                    values = {n: (huge if n == name else 1) for n in names}
                    if "direction" in app.url_map._rules_by_endpoint[endpoint][0].arguments:
                        values["direction"] = "up"
                    url = url_for(endpoint, **values)
                    response = web.get(url) if method == "GET" else web.post(url, {})
                    tried += 1
                    assert response.status_code == 404, f"{method} {url} → {response.status_code}"
    assert tried > 250
    with capsys.disabled():
        print(f"\nhuge ids: {tried} requests, {tried} answered 404")


@pytest.mark.parametrize(
    "email", ["chef@example.com", "ekonom@example.com", "projektagare@example.com"]
)
def test_hostile_query_values_never_5xx(
    app: Flask, web: WebClient, demo: dict, email: str, capsys: pytest.CaptureFixture[str]
) -> None:
    web.login(email)
    tried = 0
    answers: dict[int, int] = {}
    for page in _plain_pages(app):
        for query, allowed in QUERIES:
            response = web.get(page, query_string=query)
            tried += 1
            status = response.status_code
            answers[status] = answers.get(status, 0) + 1
            assert status < 500, f"GET {page} {query!r} → {status}"
            if status in (301, 302, 303, 403):
                continue  # a role refused or sent on before reading the query
            assert status in allowed, f"GET {page} {query!r} → {status}"
            if status == 400:
                body = response.get_data(as_text=True)
                said = "Ogiltigt värde i adressen" in body or "invalid-feedback" in body
                assert said, f"GET {page} {query!r}: 400 without a message"
    assert tried > 400
    with capsys.disabled():
        print(f"\nquery values {email}: {tried} requests, {dict(sorted(answers.items()))}")
