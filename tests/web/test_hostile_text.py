"""Hostile text saved through the forms never comes back as markup (issue 22, section 8).

Each writing role crawls the pages reachable from the landing page and posts
every form once, with a hostile string in every text field (organisation names,
application fields, meeting titles, plan goals …) and sensible values
elsewhere so that the save goes through. Then every GET route in
``app.url_map`` is read as every role, with the ids seen in the links, and no
page may carry the hostile markup unescaped or a template-evaluated ``{{7*7}}``.
"""

from __future__ import annotations

import re
from itertools import product
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlalchemy import String, Text, cast, literal
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map

from models import db

from ..conftest import WebClient, as_user
from .test_fuzz_forms import FormCollector, crawl

HOSTILE = [
    "<button formaction=//e.x>x</button>",
    '"><script>alert(1)</script>',
    "QZ{{7*7}}QZ",
    "Org <b onmouseover=alert(1)>fet</b>",
]
ALL_AT_ONCE = " ".join(HOSTILE)
#: What must never appear in a page: the markup unescaped, or the template evaluated.
FORBIDDEN = ["<button formaction=", "<script>alert(1)", "QZ49QZ", "<b onmouseover="]
#: Forms that end the session, delete, or change who may log in: not posted.
SKIP = re.compile(r"/logout|/lang/|delete|remove|/auth/|/admin/users/\d")
WRITERS = ["chef@example.com", "ekonom@example.com", "projektagare@example.com"]
READERS = [*WRITERS, "styrelse@example.com", "revisor@example.com"]


def _value(name: str, field: dict[str, Any], text: str) -> str | None:
    """A value that passes the field's own checks, or the hostile text for free text."""
    kind, lowered = field["kind"], name.lower()
    if kind in ("hidden", "submit"):
        return field["value"]
    if kind == "checkbox":
        return field["value"] or "y"
    if kind == "select":
        return next((o for o in field["options"] if o), "")
    if kind in ("file", "password"):
        return None
    if kind == "email" or "email" in lowered:
        return "hostile@example.com"
    if kind == "date" or "date" in lowered or lowered.endswith(("_on", "start", "end", "_at")):
        return "2027-03-01"
    if "year" in lowered:
        return "2027"
    if any(w in lowered for w in ("percent", "pct", "rate", "share", "hours")):
        return "10"
    if kind == "number" or any(
        w in lowered
        for w in ("amount", "total", "salary", "cost", "sum", "fix", "months", "planned", "count")
    ):
        return "1000"
    if "phone" in lowered:
        return "070-123 45 67"
    return text


def _save_hostile_text(app: Flask) -> int:
    """Post every reachable form once per writing role; the number of saves that went through."""
    saved = 0
    for email in WRITERS:
        web = as_user(app, email)
        for i, (action, form) in enumerate(crawl(web)):
            if SKIP.search(urlsplit(action).path):
                continue
            text = HOSTILE[i % len(HOSTILE)]
            data = {
                name: value
                for name, field in form["fields"].items()
                if name != "csrf_token" and (value := _value(name, field, text)) is not None
            }
            web.login(email)
            response = web.post(action, data)
            assert response.status_code < 500, f"POST {action} → {response.status_code}"
            saved += response.status_code in (302, 303)
    return saved


#: Text columns that are codes, hashes or formats rather than free text.
NOT_FREE_TEXT = {"email", "contact_email", "password_hash", "registry_format", "sha256", "key"}
NOT_FREE_TABLES = {"audit_entry", "alembic_version"}


def _fill_every_text_column(app: Flask) -> int:
    """Hostile text in every free-text column of every row (names, titles, texts …).

    The forms cannot reach every field in one crawl (some need other records
    first), so the rest is written straight into the database.
    """
    filled = 0
    with app.app_context():
        for table in db.metadata.sorted_tables:
            if table.name in NOT_FREE_TABLES:
                continue
            for column in table.columns:
                length = getattr(column.type, "length", None)
                if column.name in NOT_FREE_TEXT or not isinstance(column.type, String | Text):
                    continue
                if length is not None and length < 40:
                    continue  # codes: kind, status, role, org numbers
                value = ALL_AT_ONCE if length is None or length >= len(ALL_AT_ONCE) else HOSTILE[0]
                if "id" in table.c:  # names may be unique: each row its own number
                    value = literal(value[: (length or 10_000) - 8] + " #").concat(
                        cast(table.c.id, String)
                    )
                try:
                    with db.session.begin_nested():
                        db.session.execute(table.update().values({column.name: value}))
                    filled += 1
                except SQLAlchemyError:
                    continue  # a column the database keeps immutable (payments)
        db.session.commit()
    return filled


def _ids_from_links(app: Flask, web: WebClient, urls: Map) -> dict[str, set[tuple]]:
    """Endpoint → argument tuples seen in the links of the pages the user reaches."""
    adapter = urls.bind("localhost")
    seen: dict[str, set[tuple]] = {}
    queue, visited = ["/"], set()
    while queue and len(visited) < 150:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        response = web.get(url)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        parser = FormCollector()
        parser.feed(response.get_data(as_text=True))
        for href in parser.links:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            try:
                endpoint, args = adapter.match(parts.path, method="GET")
            except HTTPException:
                continue
            seen.setdefault(endpoint, set()).add(tuple(sorted(args.items())))
            if parts.path not in visited and not re.search(r"\.(xlsx|csv|docx|zip|se)$", href):
                queue.append(parts.path)
    return seen


def _urls(app: Flask, seen: dict[str, set[tuple]]) -> list[str]:
    """Every GET route with the ids seen: its own links, else ids seen for the same names."""
    by_name: dict[str, set[Any]] = {}
    for tuples in seen.values():
        for args in tuples:
            for name, value in args:
                by_name.setdefault(name, set()).add(value)
    adapter = app.url_map.bind("localhost")
    urls: list[str] = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint.endswith("static"):
            continue
        names = sorted(rule.arguments)
        combos = [dict(t) for t in seen.get(rule.endpoint, set())]
        if not combos and names:
            pools = [sorted(by_name.get(n, {1}))[-4:] for n in names]
            combos = [dict(zip(names, values, strict=True)) for values in product(*pools)][:16]
        for args in combos or [{}]:
            urls.append(adapter.build(rule.endpoint, args))
    return urls


@pytest.mark.parametrize("reader", READERS)
def test_hostile_text_is_never_rendered_as_markup(app: Flask, demo: dict, reader: str) -> None:
    saved = _save_hostile_text(app)
    assert saved >= 15, f"only {saved} forms took the hostile text"
    filled = _fill_every_text_column(app)
    assert filled >= 60, f"only {filled} text columns filled"
    web = as_user(app, reader)
    urls = _urls(app, _ids_from_links(app, web, app.url_map))
    pages = 0
    for url in urls:
        response = web.get(url)
        assert response.status_code < 500, f"GET {url} as {reader} → {response.status_code}"
        if "text/html" not in (response.content_type or ""):
            continue
        pages += 1
        body = response.get_data(as_text=True)
        for bad in FORBIDDEN:
            assert bad not in body, f"GET {url} as {reader}: {bad!r} rendered unescaped"
    assert pages >= 15
    print(
        f"\nhostile text as {reader}: {saved} saves, {filled} columns, "
        f"{pages} pages read, none unescaped"
    )
