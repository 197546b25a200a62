"""Hostile input to every form a user can reach: never a 5xx, nothing rendered unescaped.

The test logs in as each writing role, crawls the pages reachable from the
landing page (GET links only; each must open, so no link leads to a refusal),
collects every POST form with its fields, and lets hypothesis fill the fields
with amounts, percentages, dates and long or hostile strings (HTML, SQL,
Unicode, control characters). Every answer must be a field error or a clean
save (status < 500), and the marker tag must never come back unescaped.
FUZZ_EXAMPLES (default 6) sets the examples per form.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..conftest import WebClient

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
MAX_PAGES = int(os.environ.get("FUZZ_MAX_PAGES", "120"))
MARKER = '<script data-fuzz="1">alert(1)</script>'
#: Forms that end the session or are tested on their own.
SKIP_ACTIONS = ("/auth/logout", "/lang/")
#: Links not worth crawling (downloads, the log-out form's target).
SKIP_LINKS = re.compile(r"\.(xlsx|csv|docx|zip|pdf)$|/download|/logout|/static/")

HOSTILE = [
    MARKER,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE application; --",
    "Robert'); DELETE FROM payment;--",
    '=HYPERLINK("http://evil.example","klicka")',
    "+46 70 123 45 67",
    "\x00\x01\x02 kontroll\x7f",
    "Åsa Öberg – ”citat” ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202eomvänd",
    "A" * 20_000,
    "",
    " ",
    "{{ 7*7 }} {% raw %}",
    "%(name)s %s %d",
    "../../etc/passwd",
]
AMOUNTS = [
    "512 000",
    "512\u00a0000 kr",
    "0",
    "-1",
    "12,3,4",
    "1e309",
    "NaN",
    "999999999999999999",
    "0,001",
    "1 234 567,5",
]
DATES = ["2026-02-30", "0000-00-00", "9999-12-31", "2026-13-01", "igår", "2026-11-23", "1899-01-01"]
PERCENTS = ["30", "30 %", "12,5", "101", "-5", "∞"]


class FormCollector(HTMLParser):
    """Links and POST forms (action, fields with their options) of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            method = a.get("method", "get").lower()
            self._form = {"action": a.get("action", ""), "method": method, "fields": {}}
        elif self._form is not None and tag in ("input", "textarea", "select"):
            name = a.get("name")
            if not name:
                return
            kind = a.get("type", tag) if tag == "input" else tag
            self._form["fields"][name] = {"kind": kind, "value": a.get("value", ""), "options": []}
            if tag == "select":
                self._select = name
        elif tag == "option" and self._form is not None and self._select:
            self._form["fields"][self._select]["options"].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            if self._form["method"] == "post":
                self.forms.append(self._form)
            self._form = None


def crawl(web: WebClient) -> list[tuple[str, dict[str, Any]]]:
    """(page, form) for every POST form on pages reachable from the landing page."""
    seen: set[str] = set()
    queue = ["/"]
    found: dict[tuple[str, tuple[str, ...]], tuple[str, dict[str, Any]]] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = web.get(url)
        assert response.status_code < 400, f"GET {url} → {response.status_code}"
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        parser = FormCollector()
        parser.feed(response.get_data(as_text=True))
        for href in parser.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc or SKIP_LINKS.search(parts.path):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            # one page per route shape with the same query keys is enough
            if path not in seen and path not in queue:
                queue.append(path)
        for form in parser.forms:
            action = urljoin(url, form["action"] or url)
            if any(skip in action for skip in SKIP_ACTIONS):
                continue
            key = (re.sub(r"\d+", "N", urlsplit(action).path), tuple(sorted(form["fields"])))
            found.setdefault(key, (action, form))
    return list(found.values())


def value_for(name: str, field: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A strategy of hostile but form-shaped values for one field."""
    kind = field["kind"]
    if kind == "hidden":
        return st.just(field["value"])
    if kind == "checkbox":
        return st.sampled_from([field["value"] or "y", None])
    if kind == "select":
        options = [o for o in field["options"]] or [""]
        return st.sampled_from([*options, "999999", "<x>"])
    if kind == "file":
        return st.just(None)
    lowered = name.lower()
    if kind == "date" or "date" in lowered or lowered.endswith(("_at", "_on", "start", "end")):
        return st.sampled_from([*DATES, *HOSTILE[:3]])
    if any(w in lowered for w in ("amount", "total", "salary", "cost", "sum", "budget", "fixed")):
        return st.sampled_from([*AMOUNTS, *HOSTILE[:2]])
    if any(w in lowered for w in ("percent", "rate", "share", "hours")):
        return st.sampled_from([*PERCENTS, *HOSTILE[:2]])
    return st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))


def fuzz_form(web: WebClient, action: str, form: dict[str, Any]) -> None:
    """Post generated values to one form and check the answer."""
    fields = {n: f for n, f in form["fields"].items() if n != "csrf_token"}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries({n: value_for(n, f) for n, f in fields.items()}))
    def check(values: dict[str, Any]) -> None:
        data = {k: v for k, v in values.items() if v is not None}
        response = web.post(action, data)
        assert response.status_code < 500, f"POST {action} {data!r} → {response.status_code}"
        body = response.get_data(as_text=True)
        assert MARKER not in body, f"POST {action}: hostile markup rendered unescaped"
        if response.status_code in (301, 302, 303):
            page = web.get(response.headers["Location"])
            assert page.status_code < 500
            assert MARKER not in page.get_data(as_text=True)

    check()


@pytest.mark.parametrize(
    "email", ["chef@example.com", "ekonom@example.com", "projektagare@example.com"]
)
def test_every_reachable_form_survives_hostile_input(
    web: WebClient, demo: dict, email: str, capsys: pytest.CaptureFixture[str]
) -> None:
    web.login(email)
    forms = crawl(web)
    assert forms, "the crawler found no forms at all"
    for action, form in forms:
        web.login(email)  # a previous form may have changed the session (password, role)
        fuzz_form(web, action, form)
    with capsys.disabled():
        print(f"\nfuzz {email}: {len(forms)} forms × {EXAMPLES} generated posts, no 5xx")
