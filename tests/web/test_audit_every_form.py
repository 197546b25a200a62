"""Post every form in the app and check that every row it changed has its audit entry.

The crawler of the fuzz test finds every POST form each writing role can reach;
each form is posted with the values it was rendered with (the edit forms save
as they are, the remove buttons remove). Before and after each post every
audited table is read whole; each row inserted, changed or deleted must have an
audit entry of that kind written by that post.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from models import AuditEntry, Base, db
from models.base import Audited

from ..conftest import WebClient
from .test_fuzz_forms import crawl

Snapshot = dict[str, dict[str, dict[str, Any]]]
IGNORED = {"created_at", "updated_at"}
#: What the forms of each role must at least do, so that the check is not empty.
EXPECTED_KINDS = {
    "chef@example.com": {"insert", "update", "delete"},
    "ekonom@example.com": {"update", "delete"},
    "projektagare@example.com": {"delete"},
}


def _audited_tables() -> list[Any]:
    return [m.class_.__table__ for m in Base.registry.mappers if issubclass(m.class_, Audited)]


def _snapshot() -> Snapshot:
    """Every audited row, by table and primary key, without its timestamps."""
    tables: Snapshot = {}
    for table in _audited_tables():
        pk = list(table.primary_key.columns)
        tables[table.name] = {
            ",".join(str(row[c.key]) for c in pk): {
                k: v for k, v in row.items() if k not in IGNORED
            }
            for row in db.session.execute(select(table)).mappings()
        }
    return tables


def _changes(before: Snapshot, after: Snapshot) -> set[tuple[str, str, str]]:
    """(table, row id, insert|update|delete) for every row that differs."""
    found = set()
    for name, rows in after.items():
        old = before[name]
        found |= {(name, key, "insert") for key in rows.keys() - old.keys()}
        found |= {(name, key, "delete") for key in old.keys() - rows.keys()}
        found |= {
            (name, key, "update") for key in rows.keys() & old.keys() if rows[key] != old[key]
        }
    return found


def _form_values(form: dict[str, Any]) -> dict[str, str]:
    """The values a user who just presses the button sends."""
    values = {}
    for name, field in form["fields"].items():
        if name == "csrf_token" or field["kind"] == "file":
            continue
        if field["kind"] == "select":
            options = [o for o in field["options"] if o]
            if options:
                values[name] = options[0]
        else:
            values[name] = field["value"]
    return values


@pytest.mark.parametrize(
    "email", ["chef@example.com", "ekonom@example.com", "projektagare@example.com"]
)
def test_every_row_a_form_changes_has_its_audit_entry(
    app: Flask, web: WebClient, demo: dict, email: str, capsys: pytest.CaptureFixture[str]
) -> None:
    web.login(email)
    forms = crawl(web)
    assert forms, "the crawler found no forms at all"
    checked: set[tuple[str, str, str]] = set()
    missing: list[str] = []
    for action, form in forms:
        web.login(email)  # a previous form may have changed the session (password, role)
        with app.app_context():
            before, since = _snapshot(), db.session.scalar(select(func.max(AuditEntry.id))) or 0
        response = web.post(action, _form_values(form))
        assert response.status_code < 500, f"POST {action} → {response.status_code}"
        with app.app_context():
            changed = _changes(before, _snapshot())
            audited = {
                tuple(row)
                for row in db.session.execute(
                    select(AuditEntry.table_name, AuditEntry.row_id, AuditEntry.action).where(
                        AuditEntry.id > since
                    )
                )
            }
        checked |= {(action, *change) for change in changed}
        missing += [f"POST {action}: {change}" for change in sorted(changed - audited)]
    assert not missing, "row changes without an audit entry:\n" + "\n".join(missing)
    kinds = {change[-1] for change in checked}
    assert kinds >= EXPECTED_KINDS[email], f"the forms only did {kinds}"
    with capsys.disabled():
        print(f"\naudit {email}: {len(forms)} forms, {len(checked)} row changes, all audited")
