"""Every endpoint in app.url_map is checked against the policy for every role and anonymous.

A new route without an ``@allow``/``@public`` rule fails here, and so does a view
whose rule is not enforced.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from app.permissions import PUBLIC, rule_for
from models import Role

from ..conftest import WebClient

DEMO_EMAILS = {
    Role.FORBUNDSCHEF: "chef@example.com",
    Role.STYRELSELEDAMOT: "styrelse@example.com",
    Role.EKONOM: "ekonom@example.com",
    Role.PROJEKTAGARE: "projektagare@example.com",
    Role.REVISOR: "revisor@example.com",
}
SKIP = {"static", "bootstrap.static"}
#: Ends the session: tested separately, it would log the walker out.
SIDE_EFFECT = {"auth.logout"}


def endpoints(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, url with sample arguments, method) for every rule."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP:
            continue
        args: dict[str, Any] = {}
        for name in rule.arguments:
            converter = rule._converters[name].__class__.__name__
            args[name] = 1 if "Integer" in converter else "x"
        defaults = rule.defaults or {}
        url = rule.build({**args, **defaults}, append_unknown=False)[1]
        method = "GET" if "GET" in (rule.methods or ()) else "POST"
        found.append((rule.endpoint, url, method))
    return sorted(found)


def test_every_endpoint_declares_a_rule(app: Flask) -> None:
    missing = [e for e, _url, _m in endpoints(app) if rule_for(app, e) is None]
    assert missing == [], f"endpoints without a permission rule: {missing}"


def _has_object(endpoint: str, app: Flask) -> bool:
    """Whether the endpoint's URL names a record (an ``<int:…>`` argument)."""
    return any(
        "Integer" in rule._converters[name].__class__.__name__
        for rule in app.url_map.iter_rules(endpoint=endpoint)
        for name in rule.arguments
    )


def _call(web: WebClient, url: str, method: str) -> Any:
    return web.get(url) if method == "GET" else web.post(url, {})


@pytest.mark.parametrize("role", [None, *Role])
def test_every_endpoint_enforces_its_rule_for_role(
    app: Flask, demo: dict, role: str | None
) -> None:
    web = WebClient(app.test_client())
    if role is not None:
        assert web.login(DEMO_EMAILS[role]).status_code == 302
    failures = []
    for endpoint, url, method in endpoints(app):
        if endpoint in SIDE_EFFECT:
            continue
        rule = rule_for(app, endpoint)
        response = _call(web, url, method)
        status = response.status_code
        if rule is PUBLIC:
            ok = status != 403 and status < 500
        elif role is None:
            ok = status == 302 and "/auth/login" in response.headers.get("Location", "")
        elif role in rule and role == Role.PROJEKTAGARE and _has_object(endpoint, app):
            # object-level rule: the sample id may belong to another organisation
            ok = status != 401 and status < 500
        elif role in rule:
            ok = status not in (401, 403) and status < 500
        else:
            ok = status == 403
        if not ok:
            failures.append(f"{method} {url} ({endpoint}) as {role or 'anonymous'}: {status}")
    assert failures == []


#: POST endpoints every role may use on its own account and session.
SELF_SERVICE = {
    "auth.login",
    "auth.logout",
    "auth.keep_alive",
    "auth.account",
    "calendar.renew",
    "auth.mail_preferences",
    "main.set_language",
}
READ_ONLY_ROLES = (Role.STYRELSELEDAMOT, Role.REVISOR)


def write_endpoints(app: Flask) -> list[str]:
    """Endpoints that accept POST (every change in Samordna is a POST)."""
    return sorted(
        {
            rule.endpoint
            for rule in app.url_map.iter_rules()
            if "POST" in (rule.methods or ()) and rule.endpoint not in SELF_SERVICE
        }
    )


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_read_only_roles_may_call_no_write_endpoint(app: Flask, role: str) -> None:
    """Styrelseledamot and revisor record nothing: no POST endpoint admits them."""
    admitted = [e for e in write_endpoints(app) if role in (rule_for(app, e) or ())]
    assert admitted == [], f"{role} may write through {admitted}"


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_read_only_roles_are_refused_every_write_by_the_server(
    app: Flask, demo: dict, role: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each POST endpoint answers 403 to the read-only roles (counted in docs/reliability.md)."""
    web = WebClient(app.test_client())
    assert web.login(DEMO_EMAILS[role]).status_code == 302
    posts = [(e, url) for e, url, _m in endpoints(app) if e in set(write_endpoints(app))]
    refused = [e for e, url in posts if web.post(url, {}).status_code == 403]
    assert len(refused) == len(posts), sorted({e for e, _u in posts} - set(refused))
    with capsys.disabled():
        print(f"\nread-only {role}: {len(refused)} of {len(posts)} write endpoints refused")
