"""Every grants endpoint for every role, on the demo: the rule holds and nothing breaks.

The same walk as tests/web/test_permissions.py, limited to the grants blueprint and
with real ids from the demo, so pages with data are rendered for each role.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from app.permissions import rule_for
from models import Role, db
from models.grant import Grant
from models.grant_followup import Outcome, ProjectReport, StaffAllocation

from ..conftest import WebClient

EMAILS = {
    Role.FORBUNDSCHEF: "chef@example.com",
    Role.STYRELSELEDAMOT: "styrelse@example.com",
    Role.EKONOM: "ekonom@example.com",
    Role.PROJEKTAGARE: "projektagare@example.com",
    Role.REVISOR: "revisor@example.com",
}
BLUEPRINT = "grants."


def _ids(app: Flask, own_org: int) -> dict[str, int]:
    """A grant, report and allocation of the projektägare's own organisation."""
    with app.app_context():
        grant = db.session.scalar(
            select(Grant).where(Grant.owner_id == own_org, Grant.status == "active")
        )
        report = db.session.scalar(select(ProjectReport).where(ProjectReport.grant_id == grant.id))
        staff = db.session.scalar(
            select(StaffAllocation).where(StaffAllocation.grant_id == grant.id)
        )
        outcome = db.session.scalar(select(Outcome).where(Outcome.grant_id == grant.id))
        return {
            "grant_id": grant.id,
            "report_id": report.id,
            "allocation_id": staff.id,
            "outcome_id": outcome.id,
        }


def _urls(app: Flask, ids: dict[str, int]) -> list[tuple[str, str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(BLUEPRINT):
            continue
        url = rule.build({name: ids[name] for name in rule.arguments}, append_unknown=False)[1]
        method = "GET" if "GET" in (rule.methods or ()) else "POST"
        found.append((rule.endpoint, url, method))
    return sorted(found)


def test_grants_endpoints_enforce_rules_with_real_data(app: Flask, demo: dict) -> None:
    ids = _ids(app, demo["orgs"]["AME"])
    failures: list[Any] = []
    for role in Role:  # one demo for all roles: the calls below change nothing
        web = WebClient(app.test_client())
        assert web.login(EMAILS[role]).status_code == 302
        for endpoint, url, method in _urls(app, ids):
            if endpoint in ("grants.close", "grants.staff_remove"):
                continue  # would change the data the later calls read
            response = web.get(url) if method == "GET" else web.post(url, {})
            allowed = role in rule_for(app, endpoint)
            status = response.status_code
            if not allowed:
                ok = status == 403
            elif method == "GET":
                ok = status == 200  # every page a role may open renders
            else:
                ok = status <= 400  # done, or refused with the form's message
            if not ok:
                failures.append(f"{method} {url} as {role}: {status}")
    assert failures == []


def test_projektagare_cannot_open_another_organisations_grant(app: Flask, demo: dict) -> None:
    with app.app_context():
        other = db.session.scalar(select(Grant).where(Grant.owner_id != demo["orgs"]["AME"]))
        other_id = other.id
    web = WebClient(app.test_client())
    web.login("projektagare@example.com")
    assert web.get(f"/grants/{other_id}").status_code == 403
    assert web.get(f"/grants/{other_id}/outcomes").status_code == 403
    assert web.get(f"/grants/{other_id}/budget-outcome.xlsx").status_code == 403
