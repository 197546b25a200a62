"""32 concurrent users for 60 s against gunicorn and PostgreSQL: no 5xx, no lost update.

Each simulated user logs in through the real form and then, at random, reads pages,
saves an application's text (with the version it read, like a person would) or
records a 1 kr payment. Every write the server acknowledges (a redirect) carries a
unique token; afterwards each acknowledged token must be in the database and in
the audit trail, and no grant year may be paid beyond what was granted.
LOAD_USERS and LOAD_SECONDS change the defaults (32, 60).
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import text

from bench.load import _connection, login_cookie

from ..web.test_fuzz_forms import FormCollector
from .conftest import Server

USERS = int(os.environ.get("LOAD_USERS", "32"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
PASSWORD = "samordna-demo"  # the documented demo password
EDITABLE = ("draft", "submitted", "in_preparation", "supplement_requested")


@dataclass
class Tally:
    """What all users saw, shared between the threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    payments: list[str] = field(default_factory=list)
    edits: list[str] = field(default_factory=list)
    refused: int = 0
    samples: list[str] = field(default_factory=list)

    def refuse(self, what: str, status: int, body: str) -> None:
        """A clean refusal (validation, conflict, ceiling); keep a few for the report."""
        self.refused += 1
        if len(self.samples) < 5:
            errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)<', body, re.S)
            flashes = re.findall(r'class="alert[^"]*"[^>]*>(.*?)<', body, re.S)
            self.samples.append(f"{what} {status}: {errors or flashes}")

    def count(self, status: int) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1


class Browser:
    """One user's connection and session cookie."""

    def __init__(self, base: str, email: str) -> None:
        self.base = base
        self.cookies = dict(
            part.split("=", 1) for part in login_cookie(base, email, PASSWORD).split("; ") if part
        )
        self.connection = _connection(base)

    @property
    def cookie(self) -> str:
        """The Cookie header, as a browser would send it."""
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def _keep_cookies(self, response: Any) -> None:
        """Take the cookies an answer sets, as a browser does (the session is renewed at
        log-in, so the first page after it adds the form token to the session)."""
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> Any:
        headers = {"Cookie": self.cookie}
        payload = None
        if body is not None:
            payload = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=payload, headers=headers)
                response = self.connection.getresponse()
                data = response.read().decode("utf-8", "replace")
                self._keep_cookies(response)
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = _connection(self.base)
                return response.status, data
            except OSError:
                self.connection.close()
                self.connection = _connection(self.base)
                if attempt:
                    raise
        raise AssertionError("unreachable")


def _form_fields(html: str) -> dict[str, str]:
    parser = FormCollector()
    parser.feed(html)
    fields: dict[str, str] = {}
    for form in parser.forms:
        if "csrf_token" in form["fields"] and len(form["fields"]) > 3:
            for name, spec in form["fields"].items():
                if spec["kind"] == "select":
                    fields[name] = spec["value"] or ""
                elif spec["kind"] != "checkbox" or spec["value"]:
                    fields[name] = spec["value"]
            break
    return fields


def _textarea_values(html: str) -> dict[str, str]:
    return {
        name: unescape(value.lstrip("\n"))
        for name, value in re.findall(
            r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S
        )
    }


def _selected(html: str) -> dict[str, str]:
    chosen = {}
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        match = re.search(
            r'<option[^>]*selected[^>]*value="([^"]*)"|<option value="([^"]*)" selected', body
        )
        if match:
            chosen[name] = match.group(1) or match.group(2) or ""
    return chosen


def edit_application(browser: Browser, application_id: int, tally: Tally) -> None:
    """Open the edit form, change the risks text to a fresh token, save."""
    status, html = browser.request("GET", f"/applications/{application_id}/edit")
    tally.count(status)
    if status != 200:
        return
    fields = {**_form_fields(html), **_textarea_values(html), **_selected(html)}
    token = f"load-{uuid.uuid4().hex}"
    fields["risks"] = f"Risk noted under load: {token}"
    status, body = browser.request("POST", f"/applications/{application_id}/edit", fields)
    tally.count(status)
    with tally.lock:
        if status in (302, 303):
            tally.edits.append(token)
        else:
            tally.refuse("edit", status, body)


def pay(browser: Browser, grant_id: int, year: int, tally: Tally) -> None:
    """Record a 1 kr payment with a unique reference."""
    status, html = browser.request("GET", f"/grants/{grant_id}/payments/new")
    tally.count(status)
    if status != 200:
        return
    token = uuid.uuid4().hex[:20]
    fields = _form_fields(html)
    fields.update(year=str(year), paid_on=date.today().isoformat(), amount="1", reference=token)
    fields.update(covered_from="", covered_to="", corrects_id="", reason="")
    status, body = browser.request("POST", f"/grants/{grant_id}/payments/new", fields)
    tally.count(status)
    with tally.lock:
        if status in (302, 303):
            tally.payments.append(token)
        else:
            tally.refuse("payment", status, body)


def targets(engine: Any) -> tuple[list[int], list[tuple[int, int]]]:
    """Applications a user may still edit, and open grant years with money left to pay."""
    with engine.connect() as connection:
        applications = [
            row[0]
            for row in connection.execute(
                text("SELECT id FROM application WHERE status = ANY(:s) ORDER BY id"),
                {"s": list(EDITABLE)},
            )
        ]
        grant_years = [
            (row.grant_id, row.year)
            for row in connection.execute(
                text(
                    "SELECT gy.grant_id, gy.year FROM grant_year gy "
                    "JOIN funding_grant g ON g.id = gy.grant_id "
                    "LEFT JOIN payment p ON p.grant_id = gy.grant_id AND p.year = gy.year "
                    "WHERE g.status <> 'closed' GROUP BY gy.grant_id, gy.year, gy.amount "
                    "HAVING gy.amount - COALESCE(sum(p.amount), 0) > 10000 "
                    "ORDER BY gy.grant_id, gy.year"
                )
            )
        ]
    return applications, grant_years


def test_32_users_for_60_seconds_lose_nothing(server: Server, reliability_engine: Any) -> None:
    applications, grant_years = targets(reliability_engine)
    assert applications and grant_years, "the demo has editable applications and open grants"
    reads = ["/", "/applications/", "/grants/", "/meetings/", "/money/", "/plans/"]
    reads += [f"/applications/{a}" for a in applications[:5]]
    reads += [f"/grants/{g}" for g, _y in grant_years[:5]]
    tally = Tally()
    ready = threading.Barrier(USERS + 1)
    deadline = [0.0]

    def user(number: int) -> None:
        rng = random.Random(number)  # a load pattern, not a secret
        email = "chef@example.com" if number % 2 else "ekonom@example.com"
        try:
            browser = Browser(server.base, email)
        except Exception as error:  # reported below
            with tally.lock:
                tally.errors.append(f"user {number} could not log in: {error!r}")
            ready.wait()
            return
        ready.wait()  # everyone logged in: the clock starts now
        try:
            while time.monotonic() < deadline[0]:
                roll = rng.random()
                if roll < 0.6:
                    status, _html = browser.request("GET", rng.choice(reads))
                    tally.count(status)
                elif roll < 0.8 and email == "chef@example.com":
                    edit_application(browser, rng.choice(applications), tally)
                else:
                    pay(browser, *rng.choice(grant_years), tally)
        except Exception as error:  # every failure is reported below
            with tally.lock:
                tally.errors.append(f"user {number}: {error!r}")
        finally:
            browser.connection.close()

    threads = [threading.Thread(target=user, args=(n,)) for n in range(USERS)]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + SECONDS + 60  # until the barrier opens
    ready.wait()
    deadline[0] = time.monotonic() + SECONDS
    for thread in threads:
        thread.join()

    server_errors = {s: n for s, n in tally.statuses.items() if s >= 500}
    assert tally.errors == []
    assert server_errors == {}, server.errors()[-6000:]
    assert sum(tally.statuses.values()) > USERS, tally.statuses
    assert tally.payments and tally.edits, f"writes were acknowledged {tally.samples}"
    with reliability_engine.connect() as connection:
        stored = {
            row.reference: row.id
            for row in connection.execute(
                text("SELECT id, reference FROM payment WHERE reference = ANY(:r)"),
                {"r": tally.payments},
            )
        }
        assert sorted(stored) == sorted(tally.payments), "every acknowledged payment is stored"
        audited = connection.execute(
            text(
                "SELECT count(DISTINCT row_id) FROM audit_entry "
                "WHERE table_name = 'payment' AND row_id = ANY(:ids)"
            ),
            {"ids": [str(i) for i in stored.values()]},
        ).scalar_one()
        assert audited == len(stored), "every acknowledged payment is in the audit trail"
        missing_edits = [
            token
            for token in tally.edits
            if not connection.execute(
                text(
                    "SELECT 1 FROM audit_entry WHERE table_name = 'application' "
                    "AND CAST(changes AS TEXT) LIKE :t LIMIT 1"
                ),
                {"t": f"%{token}%"},
            ).first()
        ]
        assert missing_edits == [], "every acknowledged edit is in the audit trail"
        overpaid = connection.execute(
            text(
                "SELECT gy.grant_id, gy.year FROM grant_year gy JOIN payment p "
                "ON p.grant_id = gy.grant_id AND p.year = gy.year "
                "GROUP BY gy.grant_id, gy.year, gy.amount HAVING sum(p.amount) > gy.amount"
            )
        ).all()
        assert overpaid == []
    print(  # the figures for docs/reliability.md (pytest -s shows them)
        f"\nload: {USERS} users × {SECONDS:.0f} s: {sum(tally.statuses.values())} requests "
        f"{dict(sorted(tally.statuses.items()))}, {len(tally.payments)} payments and "
        f"{len(tally.edits)} edits acknowledged and found, {tally.refused} refused cleanly "
        f"{tally.samples}"
    )
