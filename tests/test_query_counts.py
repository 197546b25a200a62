"""SQL statements per request do not grow with the data: each main page at two data sizes.

The large data set's generator (bench/dataset.py) fills the test database at scale
0.01 and, emptied and reseeded, at 0.03 (meetings then have three times the §,
the lists three times the rows). Each page is requested as the förbundschef for
the comparable record of each size (the busiest meeting, application and grant, the latest
adopted plan …), counting statements with SQLAlchemy's ``before_cursor_execute`` event.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, text

from app.services.admin.backup import load_snapshot
from bench import dataset
from models import db
from tests.conftest import _DEMO_CACHE, empty_all_tables

SIZES = (0.01, 0.03)


def _one(sql: str) -> int:
    return int(db.session.execute(text(sql)).scalar() or 0)


def _main_pages() -> dict[str, str]:
    """The main pages, on the record of each kind with the most rows under it."""
    application = _one(
        "SELECT application_id FROM budget_line GROUP BY application_id "
        "ORDER BY count(*) DESC, application_id LIMIT 1"
    )
    meeting = _one(
        "SELECT p.meeting_id FROM paragraph p JOIN meeting m ON m.id = p.meeting_id "
        "WHERE m.adjusted_on IS NOT NULL GROUP BY p.meeting_id ORDER BY count(*) DESC, "
        "p.meeting_id LIMIT 1"
    )
    grant = _one(
        "SELECT grant_id FROM payment GROUP BY grant_id ORDER BY count(*) DESC, grant_id LIMIT 1"
    )
    # The latest adopted plan (the demo's current one): same plan, more data around it.
    plan = _one(
        "SELECT id FROM plan WHERE adopted_paragraph_id IS NOT NULL "
        "ORDER BY year DESC, version DESC LIMIT 1"
    )
    period = _one(
        "SELECT period_id FROM indicator_follow_up GROUP BY period_id "
        "ORDER BY count(*) DESC, period_id LIMIT 1"
    )
    return {
        "dashboard": "/",
        "application list": "/applications/?status=closed&year=2015&sort=-submitted",
        "application page": f"/applications/{application}",
        "meeting page": f"/meetings/{meeting}",
        "protocol": f"/meetings/{meeting}/protocol",
        "grant register": "/grants/",
        "grant page": f"/grants/{grant}",
        "grant register, all years": "/grants/?year=all",
        "plan page": f"/plans/{plan}",
        "follow-up page": f"/plans/followup/{period}",
    }


def _statements_per_page(app: Flask, web: Any) -> dict[str, int]:
    """Each page → the statements its second request sends (the first may load lookups)."""
    with app.app_context():
        urls = _main_pages()
        engine = db.engine
    sent = 0

    def count(*_args: Any) -> None:
        nonlocal sent
        sent += 1

    found: dict[str, int] = {}
    event.listen(engine, "before_cursor_execute", count)
    try:
        for name, url in urls.items():
            web.get(url)
            sent = 0
            response = web.get(url)
            assert response.status_code == 200, (name, url, response.status_code)
            found[name] = sent
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return found


def _fill(app: Flask, scale: float) -> None:
    """The demo förbund plus the generated data set at ``scale``."""
    empty_all_tables(app)
    with app.app_context():
        with db.engine.begin() as connection:
            load_snapshot(connection, _DEMO_CACHE["rows"])
        dataset.generate(scale, seed=7, seed_demo=False)


@pytest.mark.usefixtures("demo")
def test_queries_per_page_do_not_grow_with_the_data(app: Flask, web: Any) -> None:
    """No N+1 queries: three times the data sends no more statements on any main page."""
    results = {}
    for scale in SIZES:
        _fill(app, scale)
        web.login("chef@example.com")
        results[scale] = _statements_per_page(app, web)
    small, large = results[SIZES[0]], results[SIZES[1]]
    grown = {page: (small[page], large[page]) for page in small if large[page] > small[page]}
    assert not grown, f"statements per page grew with the data (small, large): {grown}"
