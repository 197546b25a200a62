"""Single requests in-process: CPU time and SQL time of each main page, one at a time.

The page benchmark (bench/pages.py) measures pages under load, where the VM's
speed drifts from minute to minute. This one asks the Flask test client for each
page ``--requests`` times on the large SQLite data set and reports the CPU time of
the process (``time.process_time``: time the VM lends to others is not counted)
and the time spent in the driver's ``execute``, which is what a change to a query or a
template moves. Run it before and after such a change.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event

import bench
from bench import pages
from bench.pages import login

BENCHMARK = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("requests")
    group.add_argument("--requests", type=int, default=15, help="per page (15)")


class _SqlClock:
    """Statements (BEGIN included) and seconds spent in ``cursor.execute``.

    Fetching is not included: SQLite computes aggregates while rows are fetched,
    so for SQLite this is a lower bound of the time the database takes.
    """

    def __init__(self) -> None:
        self.statements = 0
        self.seconds = 0.0
        self._started = 0.0

    def before(self, *_args: Any) -> None:
        self.statements += 1
        self._started = time.perf_counter()

    def after(self, *_args: Any) -> None:
        self.seconds += time.perf_counter() - self._started


def measure(app: Any, targets: dict[str, Any], n: int) -> list[dict[str, Any]]:
    """Per page: best and median CPU ms, SQL statements and SQL ms of building it."""
    from models import db

    client = app.test_client()
    login(client)
    clock = _SqlClock()
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", clock.before)
    event.listen(engine, "after_cursor_execute", clock.after)
    rows = []
    try:
        for name, target in targets.items():
            cpu, sql, statements = [], [], 0
            for i in range(n + 2):
                url = target if isinstance(target, str) else target(i)
                clock.statements, clock.seconds = 0, 0.0
                started = time.process_time()
                status = client.get(url).status_code
                if i < 2:
                    continue  # templates compiled
                cpu.append((time.process_time() - started) * 1000)
                sql.append(clock.seconds * 1000)
                statements = clock.statements
                assert status == 200, (url, status)
            rows.append(
                {
                    "page": name,
                    "best_ms": round(min(cpu), 2),
                    "median_ms": round(statistics.median(cpu), 2),
                    "SQL": statements,
                    "SQL_ms": round(statistics.median(sql), 2),
                }
            )
    finally:
        event.remove(engine, "before_cursor_execute", clock.before)
        event.remove(engine, "after_cursor_execute", clock.after)
    return rows


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="samordna-requests-") as folder:
        print("  … sqlite: generating the data set", file=sys.stderr, flush=True)
        _url, _generated, app = pages.prepare("sqlite", args.scale, Path(folder))
        with app.app_context():
            targets = pages.page_targets()
        try:
            return measure(app, targets, args.requests)
        finally:
            with app.app_context():
                from models import db

                db.engine.dispose()


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> str:
    """The docs/benchmarks.md section."""
    return "\n".join(
        [
            "## Single requests in-process (SQLite)",
            "",
            f"Command: `.venv/bin/python -m bench requests --requests {args.requests}` "
            f"(scale {args.scale:g}, test client, logged in as förbundschef). CPU time of the "
            "process per request, best and median, for building the page; SQL "
            "statements (BEGIN included) and the median time in `cursor.execute` (SQLite "
            "computes aggregates while rows are fetched, which is not counted: a lower "
            "bound).",
            f"Machine: {bench.machine()}; measured {date.today().isoformat()}.",
            "",
            bench.markdown_table(rows),
        ]
    )
