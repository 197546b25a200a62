"""Every table has a name, every control says what it acts on, every field has a label
(issue 24.12), on every page a user can reach.

A screen-reader user lists a page's tables, links and buttons out of context: "tabell"
or "Ta bort, knapp" ten times over tells nothing. The walker (tests/web/page_walk.py)
reads every GET route of ``app.url_map`` that shows a page, its arguments filled with
every matching record of the demo förbund, as every role that may read it (and the
log-in page without logging in); the checks are in tests/web/html_names.py. A new route
is walked as soon as it exists, or ``test_every_page_route_is_walked_or_listed`` says
which argument to fill or to list in ``NOT_WALKED`` with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from flask import Flask

from models import Role

from ..conftest import WebClient, as_user
from .html_names import Page, check, check_page, control_names
from .page_walk import EMAILS, NOT_WALKED, page_routes, unfilled_routes, urls_for

#: The walk is made once per run and its findings kept (the pages are not).
_WALK: dict[str, Any] = {}


def _walk(app: Flask) -> dict[str, Any]:
    """Read every page as every role; the statuses and the problems per check."""
    if _WALK:
        return _WALK
    statuses: list[str] = []
    problems: dict[str, dict[str, str]] = {}
    walked: Counter[str] = Counter()
    endpoints: set[str] = set()
    removes = 0
    for role in [None, *EMAILS]:
        web = as_user(app, EMAILS[role]) if role else WebClient(app.test_client())
        for endpoint, url in urls_for(app, role):
            response = web.get(url)
            walked[str(role or "anonymous")] += 1
            endpoints.add(endpoint)
            status = response.status_code
            redirect = status in (302, 303) and "/auth/login" not in response.location
            if status != 200 and not redirect:
                statuses.append(f"GET {url} as {role} → {status} {response.location or ''}")
            if status != 200:
                continue
            html = response.get_data(as_text=True)
            page = Page(html)
            removes += sum(n.startswith("Ta bort ") for n in control_names(page))
            for name, found in check_page(page, html.splitlines()).items():
                for problem in found:
                    # the same template line on many pages is one problem, shown once
                    where = re.sub(r"\d+", "N", re.sub(r" \(line \d+\)$", "", problem))
                    problems.setdefault(name, {}).setdefault(f"{endpoint}: {where}", url)
    _WALK.update(
        statuses=statuses, problems=problems, walked=walked, endpoints=endpoints, removes=removes
    )
    print(f"\naccessible names: {dict(walked)} pages, {len(endpoints)} routes, {removes} Ta bort")
    return _WALK


def _listed(app: Flask, name: str) -> list[str]:
    found = _walk(app)["problems"].get(name, {})
    return [f"{url} ({where})" for where, url in sorted(found.items())]


def test_every_page_route_is_walked_or_listed(app: Flask, demo: dict) -> None:
    assert unfilled_routes(app) == [], (
        "routes the walker cannot fill: add their arguments to ARGUMENTS or COMBINATIONS "
        "in tests/web/page_walk.py, or list them in NOT_WALKED with the reason"
    )
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(set(NOT_WALKED) - endpoints) == [], "NOT_WALKED names routes that are gone"
    missed = {r.endpoint for r in page_routes(app)} - _walk(app)["endpoints"]
    assert sorted(missed) == [], "routes with no record in the demo to walk them with"
    walked = _walk(app)["walked"]
    assert walked["forbundschef"] > 700
    assert min(walked[role] for role in EMAILS) > 40


def test_every_page_answers(app: Flask, demo: dict) -> None:
    """200, or a deliberate redirect (a locked record's form back to its page); never a
    500, a 403 for a role the policy lets in, or a redirect to the log-in."""
    assert _walk(app)["statuses"] == []


def test_every_table_has_a_caption_or_a_name(app: Flask, demo: dict) -> None:
    unnamed = _listed(app, "tables")
    assert unnamed == [], "tables without a caption or a name:\n" + "\n".join(unnamed)


def test_every_remove_or_edit_control_names_its_object(app: Flask, demo: dict) -> None:
    bare = _listed(app, "controls")
    assert _walk(app)["removes"] > 20  # the check sees the "Ta bort" buttons
    assert bare == [], "links and buttons that do not say what they act on:\n" + "\n".join(bare)


def test_every_form_field_has_a_label(app: Flask, demo: dict) -> None:
    unlabelled = _listed(app, "fields") + _listed(app, "references")
    assert unlabelled == [], "fields without a label:\n" + "\n".join(unlabelled)


def test_error_pages_pass_the_same_checks(app: Flask, demo: dict) -> None:
    """The 404 and 403 pages (errors/error.html) are pages a user reaches too."""
    owner = as_user(app, EMAILS[Role.PROJEKTAGARE])
    for url, status in (("/applications/987654", 404), ("/meetings/", 403)):
        response = owner.get(url)
        assert response.status_code == status
        problems = check(response.get_data(as_text=True))
        assert problems == {"tables": [], "controls": [], "fields": [], "references": []}


# --- the checks themselves, on small pages made to fail them -----------------------------


@pytest.mark.parametrize(
    ("html", "problems"),
    [
        ('<form><button type="submit">Ta bort</button></form>', 1),
        ("<a href='/x/1/edit'>Ändra</a><a href='/x'>✕</a><a href='/y' title='Logg'>↺</a>", 3),
        ('<button>Ta bort<span class="visually-hidden"> Handledare 2026</span></button>', 0),
        ('<button aria-label="Ta bort raden 2026">Ta bort</button>', 0),
        ('<button>Ta bort <span aria-hidden="true">Handledare</span></button>', 1),
        ('<input type="submit" value="Radera">', 1),
        ('<a href="/a/1/edit">Ändra ansökan</a>', 0),
    ],
)
def test_the_control_check_sees_a_verb_without_its_object(html: str, problems: int) -> None:
    assert len(check(html)["controls"]) == problems


def test_the_table_and_field_checks_can_fail() -> None:
    found = check(
        "<table><tr><td>1</td></tr></table>"
        '<table aria-labelledby="h"><tr><td>1</td></tr></table>'
        "<table><caption>Budget</caption><tr><td>1</td></tr></table>"
        '<input name="a"><input id="b" name="b"><label for="b">B</label>'
        '<label>C <select name="c"></select></label><input aria-label="D" name="d">'
        '<textarea name="e"></textarea><input type="hidden" name="f"><label for="g">G</label>'
    )
    assert len(found["tables"]) == 2  # the second names an id the page lacks
    assert len(found["references"]) == 1
    assert [p.split(">")[0] for p in found["fields"]] == [
        "<input name='a'",
        "<textarea name='e'",
        "<label for='g'",
    ]
