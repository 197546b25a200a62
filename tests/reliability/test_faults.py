"""gunicorn killed with SIGKILL in the middle of writes, then started again: nothing half-written.

Sixteen users record payments and edit applications; after a few seconds every
gunicorn process is killed at once (no cleanup, like a crash or a power cut), while
requests are in flight. Afterwards, with a fresh gunicorn on the same database:

- every write the server acknowledged before it died is stored, with its audit entry;
- every payment in the database has its audit entry, and every application's text is
  the one its latest audit entry records (a row and its audit entry commit together
  or not at all);
- no grant year is paid beyond what was granted;
- the restarted server answers, and a user can log in and record a payment again.

Requests cut off by the kill get no answer; they are counted, and whatever they
did must be all there or not there at all, which the checks above cover.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from typing import Any

from sqlalchemy import text

from .conftest import Server
from .test_load import Browser, Tally, edit_application, pay, targets

USERS = 16
BEFORE_KILL = 4.0


def test_killed_mid_request_leaves_nothing_half_written(
    server: Server, reliability_engine: Any
) -> None:
    applications, grant_years = targets(reliability_engine)
    assert applications and grant_years
    tally = Tally()
    cut_off = [0]
    stop = threading.Event()
    ready = threading.Barrier(USERS + 1)

    def user(number: int) -> None:
        rng = random.Random(number)  # a load pattern, not a secret
        email = "chef@example.com" if number % 2 else "ekonom@example.com"
        browser = Browser(server.base, email)
        ready.wait()
        try:
            while not stop.is_set():
                if email == "chef@example.com" and rng.random() < 0.5:
                    edit_application(browser, rng.choice(applications), tally)
                else:
                    pay(browser, *rng.choice(grant_years), tally)
        # The server died under this request: no answer (OSError) or half an answer
        # (IncompleteRead, an HTTPException); either way no acknowledgement.
        except (OSError, http.client.HTTPException):
            with tally.lock:
                cut_off[0] += 1
        finally:
            browser.connection.close()

    threads = [threading.Thread(target=user, args=(n,)) for n in range(USERS)]
    for thread in threads:
        thread.start()
    ready.wait()
    time.sleep(BEFORE_KILL)
    server.kill()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert {s for s in tally.statuses if s >= 500} == set(), server.errors()[-4000:]
    assert tally.payments and tally.edits, "writes were acknowledged before the kill"

    with reliability_engine.connect() as connection:
        stored = set(
            connection.execute(
                text("SELECT reference FROM payment WHERE reference = ANY(:r)"),
                {"r": tally.payments},
            ).scalars()
        )
        assert stored == set(tally.payments), "every acknowledged payment survived the kill"
        unaudited = connection.execute(
            text(
                "SELECT p.id FROM payment p WHERE NOT EXISTS (SELECT 1 FROM audit_entry a "
                "WHERE a.table_name = 'payment' AND a.row_id = CAST(p.id AS TEXT) "
                "AND a.action = 'insert')"
            )
        ).all()
        assert unaudited == [], "a payment without its audit entry is half-written"
        disagreeing = []
        for application_id in applications:
            risks = connection.execute(
                text("SELECT risks FROM application WHERE id = :i"), {"i": application_id}
            ).scalar_one()
            latest = connection.execute(
                text(
                    "SELECT changes FROM audit_entry WHERE table_name = 'application' "
                    "AND row_id = :i AND CAST(changes AS TEXT) LIKE '%\"risks\"%' "
                    "ORDER BY id DESC LIMIT 1"
                ),
                {"i": str(application_id)},
            ).scalar()
            if latest is not None and latest["risks"][1] != risks:
                disagreeing.append(application_id)
        assert disagreeing == [], "an application's text and its audit trail disagree"
        for token in tally.edits:
            assert connection.execute(
                text(
                    "SELECT 1 FROM audit_entry WHERE table_name = 'application' "
                    "AND CAST(changes AS TEXT) LIKE :t LIMIT 1"
                ),
                {"t": f"%{token}%"},
            ).first(), "every acknowledged edit survived the kill"
        overpaid = connection.execute(
            text(
                "SELECT gy.grant_id, gy.year FROM grant_year gy JOIN payment p "
                "ON p.grant_id = gy.grant_id AND p.year = gy.year "
                "GROUP BY gy.grant_id, gy.year, gy.amount HAVING sum(p.amount) > gy.amount"
            )
        ).all()
        assert overpaid == []

    server.start()
    after = Tally()
    browser = Browser(server.base, "ekonom@example.com")
    try:
        pay(browser, *grant_years[0], after)
    finally:
        browser.connection.close()
    assert len(after.payments) == 1, after.samples
    print(  # the figures for docs/reliability.md (pytest -s shows them)
        f"\nfaults: killed after {BEFORE_KILL:.0f} s with {USERS} users: "
        f"{sum(tally.statuses.values())} answered {dict(sorted(tally.statuses.items()))}, "
        f"{cut_off[0]} cut off, {len(tally.payments)} payments and {len(tally.edits)} edits "
        "acknowledged and found; restarted and paid again"
    )
