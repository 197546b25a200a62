"""A projektägare is refused every record of another organisation, over the whole url_map.

For each endpoint that admits the projektägare role and names a record in its URL,
the URL is built with real ids of records that belong to another organisation than
the demo projektägare's (AME Smedjebacken): an application of another owner with its
budget lines, parties, attachment and version, a grant and a report of another
owner, a cost split AME takes no part in. Every method of every such endpoint must
answer 403 or 404, and no row may change. An argument name this test does not know
fails it, so a new object endpoint must be added here.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from app.permissions import PUBLIC, rule_for
from models import Application, Organisation, Role, db

from ..conftest import WebClient

#: record argument → SQL for an id of another organisation's record (:own, :app, :grant)
FOREIGN = {
    "application_id": "SELECT :app",
    "line_id": None,  # by endpoint, below
    "party_id": "SELECT id FROM application_party WHERE application_id = :app LIMIT 1",
    "attachment_id": "SELECT id FROM attachment WHERE application_id = :app LIMIT 1",
    "number": "SELECT number FROM application_revision WHERE application_id = :app LIMIT 1",
    "grant_id": "SELECT :grant",
    "report_id": "SELECT id FROM project_report WHERE grant_id = :grant LIMIT 1",
    "outcome_id": "SELECT id FROM outcome WHERE grant_id = :grant LIMIT 1",
    "split_id": (
        "SELECT s.id FROM cost_split s WHERE NOT EXISTS (SELECT 1 FROM cost_split_party p "
        "WHERE p.split_id = s.id AND p.organisation_id = :own) ORDER BY s.id LIMIT 1"
    ),
}
LINES = {"co_financing": "co_financing", "staff": "staff_line", "line": "budget_line"}
TABLES = (
    "application",
    "application_party",
    "budget_line",
    "staff_line",
    "co_financing",
    "attachment",
    "application_revision",
    "outcome",
    "project_report",
    "cost_split",
)


def _line_table(endpoint: str) -> str:
    for word, table in LINES.items():
        if endpoint.endswith(word):
            return table
    raise AssertionError(f"{endpoint}: which kind of line is line_id?")


def _foreign_ids(app: Flask) -> dict[str, int]:
    """Another owner's application (with a budget, parties, a version and a file) and grant."""
    with app.app_context():
        own = db.session.scalar(select(Organisation.id).where(Organisation.short_name == "AME"))
        application = db.session.scalar(
            select(Application)
            .where(Application.owner_id != own, Application.registry_number.is_not(None))
            .join(Application.attachments)
            .group_by(Application.id)
            .order_by(func.count().desc(), Application.id)
            .limit(1)
        )
        grant = db.session.execute(
            text(
                "SELECT g.id FROM funding_grant g JOIN project_report r ON r.grant_id = g.id "
                "WHERE g.owner_id <> :own ORDER BY g.id LIMIT 1"
            ),
            {"own": own},
        ).scalar_one()
        return {"own": own, "app": application.id, "grant": grant}


def _counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        count = "SELECT count(*) FROM {}"  # fixed table names from TABLES
        return {t: db.session.execute(text(count.format(t))).scalar_one() for t in TABLES}


def test_projektagare_is_refused_every_object_of_another_organisation(
    app: Flask, demo: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _foreign_ids(app)
    before = _counts(app)
    web = WebClient(app.test_client())
    assert web.login("projektagare@example.com").status_code == 302
    checked, failures = 0, []
    with app.app_context():
        rules = [
            r
            for r in app.url_map.iter_rules()
            if (rule := rule_for(app, r.endpoint)) not in (None, PUBLIC)
            and Role.PROJEKTAGARE in rule
            and any("Integer" in r._converters[a].__class__.__name__ for a in r.arguments)
        ]
        for rule in rules:
            values: dict[str, Any] = {}
            for name in rule.arguments:
                assert name in FOREIGN, f"{rule.endpoint}: add {name!r} to FOREIGN"
                sql = FOREIGN[name] or (
                    f"SELECT id FROM {_line_table(rule.endpoint)} WHERE application_id = :app "  # noqa: S608
                    "LIMIT 1"
                )
                value = db.session.execute(text(sql), ids).scalar()
                assert value is not None, f"{rule.endpoint}: the demo has no foreign {name}"
                values[name] = value
            url = rule.build(values, append_unknown=False)[1]
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                response = web.get(url) if method == "GET" else web.post(url, {"x": "1"})
                checked += 1
                if response.status_code not in (403, 404):
                    failures.append(f"{method} {url}: {response.status_code}")
    assert failures == []
    assert _counts(app) == before, "a refused request changed something"
    assert checked >= 26
    with capsys.disabled():
        print(f"\ncross-organisation: {len(rules)} object endpoints, {checked} requests refused")
