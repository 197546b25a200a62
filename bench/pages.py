"""Page benchmark: every main page built afresh, on 20 years of data and on one year.

Two databases are filled by the large data set's generator (bench/dataset): the whole
20-year set, and the same generator limited to its last year (2026 alone, as full as
that year is in the whole set). Each gets its own app, served in-process by the Flask
test client and logged in as the förbundschef; nothing is cached between requests, so
every request builds its page: routing, session, view, SQL, template.

A page spread over records (an application, a meeting …) takes them from the last
year, on both data sets: the two sides of a ratio show records of the same kind, and
only the history around them differs. Rounds go through every page on both data
sets in turn (the order of the two alternating), so both sides of each ratio share
each stretch of a machine whose speed drifts.

Per page: the SQL statements a build runs on each data set (the most over its
samples; they must not grow with the data), the median build time on each, the
ratio of the 20-year median to the one-year median (target ≤ 1.5) and the ratio of
the 20-year median to the account page's (the layout and one small form; target ≤ 6).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url

import bench
from bench import dataset
from models import db

BENCHMARK = True
#: The 20-year data set and the one-year data set, as the table names them.
SETS = {"20 years": len(dataset.YEARS), "1 year": 1}
GROWTH_TARGET = 1.5
ACCOUNT_TARGET = 6.0
ACCOUNT = "account page"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
CHEF = ("chef@example.com", "samordna-demo")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("pages")
    group.add_argument(
        "--db",
        default="sqlite",
        help="comma-separated: sqlite, postgresql (database 'bench' on 127.0.0.1) or a "
        "postgresql URL whose database name holds 'bench'; it and NAME_1y are dropped "
        "and made anew (sqlite)",
    )
    group.add_argument("--rounds", type=int, default=30, help="samples per page and set (30)")
    group.add_argument("--scale", type=float, default=1.0, help="data set scale (1)")


Target = Callable[[int], str]


def page_targets(year: int) -> dict[str, Target]:
    """Each page's URL for sample ``n``: records of ``year`` where the page shows one.

    Call inside the app context of the data set the URLs are for.
    """
    records = {
        "application": "SELECT id FROM application WHERE registry_year = :y ORDER BY id",
        "meeting": "SELECT id FROM meeting WHERE year = :y ORDER BY id",
        "held": "SELECT id FROM meeting WHERE year = :y AND adjusted_on IS NOT NULL ORDER BY id",
        "plan": "SELECT id FROM plan WHERE year = :y ORDER BY id",
        "period": "SELECT id FROM follow_up_period WHERE year = :y ORDER BY id",
    }
    ids = {name: _ids(sql, year) for name, sql in records.items()}

    def spread(kind: str, pattern: str) -> Target:
        found = ids[kind]
        return lambda n: pattern.format(found[(n * 7919) % len(found)])

    def fixed(url: str) -> Target:
        return lambda _n: url

    return {
        ACCOUNT: fixed("/auth/account"),
        "dashboard": fixed("/"),
        "application list": fixed("/applications/"),
        "application page": spread("application", "/applications/{}"),
        "meeting page": spread("meeting", "/meetings/{}"),
        "protocol": spread("held", "/meetings/{}/protocol"),
        "grant register": fixed(f"/grants/?year={year}"),  # as it opens in that year
        "plan page": spread("plan", "/plans/{}"),
        "follow-up page": spread("period", "/plans/followup/{}"),
    }


def _ids(sql: str, year: int) -> list[int]:
    found = [int(r[0]) for r in db.session.execute(text(sql), {"y": year})]
    if not found:
        raise RuntimeError(f"no records of {year} for {sql!r}")
    return found


def login(client: Any, email: str = CHEF[0], password: str = CHEF[1]) -> None:
    """Log a Flask test client in through the real form (CSRF token included)."""
    html = client.get("/auth/login").get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    token = found.group(1) if found else ""
    client.post("/auth/login", data={"csrf_token": token, "email": email, "password": password})


@dataclass
class Site:
    """One data set's app, logged-in client, page URLs and what its builds measured."""

    app: Flask
    client: Any
    targets: dict[str, Target]
    engine: Engine
    statements: int = 0
    ms: dict[str, list[float]] = field(default_factory=dict)
    sql: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, app: Flask, year: int) -> Site:
        app.config.update(SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False)
        client = app.test_client()
        login(client)
        with app.app_context():
            site = cls(app, client, page_targets(year), db.engine)
        event.listen(site.engine, "before_cursor_execute", site._count)
        return site

    def _count(self, *_args: Any) -> None:
        self.statements += 1

    def build(self, page: str, n: int) -> None:
        """Request sample ``n`` of ``page`` and keep its time and statements."""
        url = self.targets[page](n)
        self.statements = 0
        started = time.perf_counter()
        response = self.client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        self.ms.setdefault(page, []).append(elapsed)
        self.sql[page] = max(self.sql.get(page, 0), self.statements)

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)
        self.engine.dispose()


def measure(sites: dict[str, Site], rounds: int) -> list[dict[str, Any]]:
    """Rounds over every page on every set in turn; one row per page.

    The first two samples of each page on each set are not kept: they compile the
    templates and warm the database's pages.
    """
    pages = list(next(iter(sites.values())).targets)
    order = list(sites.values())
    for n in range(rounds + 2):
        for page in pages:
            for site in order if n % 2 else reversed(order):
                site.build(page, n)
    for site in order:
        site.ms = {page: times[2:] for page, times in site.ms.items()}
    large, small = sites["20 years"], sites["1 year"]
    account = statistics.median(large.ms[ACCOUNT])
    rows = []
    for page in pages:
        medians = {name: statistics.median(site.ms[page]) for name, site in sites.items()}
        rows.append(
            {
                "page": page,
                "SQL 1 year": small.sql[page],
                "SQL 20 years": large.sql[page],
                "ms 1 year": round(medians["1 year"], 2),
                "ms 20 years": round(medians["20 years"], 2),
                "20 y / 1 y": round(medians["20 years"] / medians["1 year"], 2),
                "× account": round(medians["20 years"] / account, 2),
            }
        )
    return rows


def databases(spec: str, folder: Path) -> dict[str, str]:
    """The URL of each data set for one ``--db`` entry (sqlite, postgresql or a URL)."""
    if spec == "sqlite":
        return {name: f"sqlite:///{folder / f'{years}y.sqlite'}" for name, years in SETS.items()}
    url = make_url(PG_DEFAULT if spec == "postgresql" else spec)
    return {
        name: url.set(database=url.database + ("" if years > 1 else "_1y")).render_as_string(
            hide_password=False
        )
        for name, years in SETS.items()
    }


def run_one(spec: str, args: argparse.Namespace, folder: Path) -> list[dict[str, Any]]:
    """Both data sets on one database kind, generated afresh, then measured."""
    sites: dict[str, Site] = {}
    generated: dict[str, float] = {}
    kind = "sqlite" if spec == "sqlite" else "postgresql"
    try:
        for name, url in databases(spec, folder).items():
            _progress(f"{kind}: generating the {name} data set (scale {args.scale:g})")
            if kind == "postgresql":
                dataset.ensure_pg_database(url, fresh=True)
            app = dataset.migrated_app(url)
            started = time.perf_counter()
            with app.app_context():
                dataset.generate(args.scale, years=SETS[name])
            generated[name] = round(time.perf_counter() - started, 1)
            sites[name] = Site.of(app, dataset.YEARS[-1])
        _progress(f"{kind}: {args.rounds} rounds over every page on both data sets")
        rows = measure(sites, args.rounds)
    finally:
        for site in sites.values():
            site.close()
    for row in rows:
        row["db"] = kind
    rows[0]["generated s"] = generated
    return rows


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="samordna-pages-") as folder:
        for spec in [s.strip() for s in args.db.split(",") if s.strip()]:
            rows += run_one(spec, args, Path(folder))
    return rows


COLUMNS = (
    "db",
    "page",
    "SQL 1 year",
    "SQL 20 years",
    "ms 1 year",
    "ms 20 years",
    "20 y / 1 y",
    "× account",
)


def verdicts(rows: list[dict[str, Any]]) -> list[str]:
    """One line per database: which targets every page met, and which pages missed."""
    lines = []
    for kind in dict.fromkeys(r["db"] for r in rows):
        pages = [r for r in rows if r["db"] == kind]
        grew = [r["page"] for r in pages if r["SQL 20 years"] > r["SQL 1 year"]]
        slow = [r["page"] for r in pages if r["20 y / 1 y"] > GROWTH_TARGET]
        far = [r["page"] for r in pages if r["× account"] > ACCOUNT_TARGET]
        worst_growth = max(pages, key=lambda r: r["20 y / 1 y"])
        worst_account = max(pages, key=lambda r: r["× account"])
        lines.append(
            f"- **{kind}**: statements "
            + (f"grew on {', '.join(grew)}" if grew else "the same on both data sets")
            + f"; worst 20 y / 1 y {worst_growth['20 y / 1 y']:.2f}× ({worst_growth['page']}), "
            + (f"missed by {', '.join(slow)}" if slow else f"≤ {GROWTH_TARGET:g}× met")
            + f"; worst × account {worst_account['× account']:.2f}× ({worst_account['page']}), "
            + (f"missed by {', '.join(far)}" if far else f"≤ {ACCOUNT_TARGET:g}× met")
            + ". Data sets generated in "
            + " and ".join(f"{s:g} s ({name})" for name, s in pages[0]["generated s"].items())
            + "."
        )
    return lines


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> str:
    """The docs/benchmarks.md section: command, machine, table, verdicts."""
    command = f"python -m bench pages --db {args.db} --rounds {args.rounds}"
    if args.scale != 1:
        command += f" --scale {args.scale:g}"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return "\n".join(
        [
            "## Pages built afresh, 20 years against one year",
            "",
            f"Command: `{command}`. Measured {date.today().isoformat()} on {bench.machine()},"
            f" shared with other work (load average at the end {load}).",
            "",
            bench.markdown_table([{k: r[k] for k in COLUMNS} for r in rows]),
            *verdicts(rows),
        ]
    )
