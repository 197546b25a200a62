"""The large data set of the benchmarks: 20 years of a busy förbund, generated fast.

``generate(scale, seed)`` (inside an app context) starts from the demo förbund
(``app.demo.seed()``: organisations, users, board) and bulk-inserts, with SQLAlchemy
Core ``insert()`` executemany in batches, at scale 1: 2007–2026, 4 000 applications
with budgets per year (cost, staff and co-financing lines), 400 meetings with 8 000 §
(decisions on every application), 3 000 grants with 30 000 payments, 30 000 outcomes,
reports and staff, a plan per year with goals, indicators and follow-up, and the
contributions per year. Core inserts bypass the ORM, hence the audit trail: these rows
have no audit entries. The domain's invariants hold: paid ≤ granted per grant year,
§ numbers run on per year, meeting numbers per year, unique diarienummer per year.
Deterministic for a seed (and a ``today``). CLI: ``python -m bench.dataset --url URL``.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text

from models import db

YEARS = range(2007, 2027)
TOTALS = {"applications": 4000, "meetings": 400, "paragraphs": 8000, "grants": 3000}
PER_GRANT = {"payments": 10, "outcomes": 10}
CATEGORIES = ("personnel", "premises", "travel", "material", "evaluation", "other")
COST_CATEGORIES = CATEGORIES[1:]
NAMES = (
    "En väg in",
    "Vägen in",
    "Trisam",
    "Kvinnocoacher",
    "SAMVERK",
    "En dörr in",
    "Flåtan",
    "Steget vidare",
    "Unga till arbete",
    "Hälsa och arbete",
    "Språkstegen",
    "Nya vägar",
    "Arbetsträning",
    "IPS",
    "Rehabkoordinering",
    "Ung framtid",
    "Kompassen",
    "Navet",
)
PLACES = (
    "Ludvika",
    "Smedjebacken",
    "Grängesberg",
    "Fredriksberg",
    "Söderbärke",
    "Västerbergslagen",
)
PEOPLE = (
    "Anna Berg",
    "Erik Lind",
    "Sara Holm",
    "Johan Ek",
    "Maria Sjö",
    "Karin Dahl",
    "Lars Ström",
    "Eva Björk",
    "Per Falk",
    "Lena Nord",
    "Ali Hassan",
    "Fatima Noor",
    "Olle Grön",
    "Ida Ahl",
)
ROLES = ("Processledare", "Coach", "Arbetskonsulent", "Handledare", "Projektledare", "Utvärderare")
SENTENCES = (
    "Insatsen riktar sig till personer som står långt från arbetsmarknaden.",
    "Parterna samverkar kring varje deltagare med en gemensam planering.",
    "Deltagarna får stöd i steg mot arbete eller studier.",
    "Arbetet följs upp i SUS och redovisas till styrelsen varje tertial.",
    "Samverkan mellan Försäkringskassan, Arbetsförmedlingen, regionen och kommunerna stärks.",
    "Målgruppen är unga vuxna 18–29 år med behov av samordnade insatser.",
    "Metoden bygger på individuell coachning och arbetsträning hos lokala arbetsgivare.",
    "En extern utvärderare följer insatsen och lämnar en slutrapport.",
)
TEXT_FIELDS = ("background", "purpose", "goals", "target_group", "activities", "follow_up")
OUTCOMES = [
    ("granted", 65),
    ("partly_granted", 10),
    ("rejected", 17),
    ("referred_back", 4),
    ("postponed", 4),
]
D = Decimal


class Writer:
    """Buffers rows per table and inserts them in dependency order with executemany.

    Ids are given here (max id + 1), so children can point at parents before any
    insert; on PostgreSQL the sequences are moved past them in :meth:`finish`.
    """

    def __init__(self, batch: int = 5000) -> None:
        self.tables = {t.name: t for t in db.metadata.sorted_tables}
        self.order = [t.name for t in db.metadata.sorted_tables]
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.next_id: dict[str, int] = {}
        self.counts: dict[str, int] = defaultdict(int)
        self.batch, self.buffered = batch, 0

    def reserve(self, table: str) -> int:
        """The next id of ``table``, kept for a row added later with ``id=``."""
        if table not in self.next_id:
            column = self.tables[table].c.id
            self.next_id[table] = (db.session.scalar(select(func.max(column))) or 0) + 1
        self.next_id[table] += 1
        return self.next_id[table] - 1

    def add(self, table: str, **row: Any) -> int:
        """Queue a row; returns its id."""
        if "id" not in row:
            row["id"] = self.reserve(table)
        columns = self.tables[table].c
        day = row.pop("_day", None)
        for stamp in ("created_at", "updated_at"):
            if stamp in columns and stamp not in row:
                row[stamp] = _stamp(day)
        self.rows[table].append(row)
        self.buffered += 1
        return row["id"]

    def checkpoint(self) -> None:
        """Flush when enough rows wait: called between whole records, never inside one."""
        if self.buffered >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Insert everything queued, parents first."""
        connection = db.session.connection()
        for name in self.order:
            rows = self.rows.pop(name, None)
            if not rows:
                continue
            groups: dict[frozenset[str], list[dict[str, Any]]] = {}
            for row in rows:  # executemany needs the same keys; Core fills the defaults
                groups.setdefault(frozenset(row), []).append(row)
            for group in groups.values():
                connection.execute(self.tables[name].insert(), group)
            self.counts[name] += len(rows)
        self.buffered = 0

    def finish(self) -> None:
        """Flush, move PostgreSQL's sequences past the given ids, update planner statistics."""
        self.flush()
        connection = db.session.connection()
        if connection.dialect.name == "postgresql":
            for name in self.counts:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                        f"(SELECT max(id) FROM {name}))"
                    )
                )
        db.session.commit()
        with db.engine.connect() as analyse:
            statement = "ANALYZE"
            if analyse.dialect.name == "postgresql":
                analyse = analyse.execution_options(isolation_level="AUTOCOMMIT")
                # What autovacuum does to a live database after a bulk load: statistics,
                # and the visibility map that lets sums per year read only the index.
                statement = "VACUUM ANALYZE"
            analyse.execute(text(statement))
            analyse.commit()


def _stamp(day: date | None) -> datetime:
    day = day or date(2026, 1, 1)
    return datetime.combine(day, clock(9, 0), tzinfo=UTC)


def _spread(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _maxima(sql: str) -> dict[int, int]:
    return {int(y): int(n or 0) for y, n in db.session.execute(text(sql)) if y is not None}


class Generator:
    """One run: reads what the demo made, then writes every area year by year."""

    def __init__(self, scale: float, seed: int, today: date) -> None:
        self.rng, self.scale, self.today = random.Random(seed), scale, today
        self.w = Writer()
        q = db.session.execute
        self.members = [r[0] for r in q(text("SELECT id FROM organisation WHERE is_member"))]
        self.kommuner = [r[0] for r in q(text("SELECT id FROM organisation WHERE kind='kommun'"))]
        self.owners = [
            r[0]
            for r in q(
                text(
                    "SELECT id FROM organisation WHERE kind IN ('unit','kommun','region','af','fk')"
                )
            )
        ]
        self.esf = q(text("SELECT id FROM organisation WHERE short_name='ESF'")).scalar()
        self.chef = q(text("SELECT id FROM user_account WHERE role='forbundschef'")).scalar()
        self.ekonom = q(text("SELECT id FROM user_account WHERE role='ekonom'")).scalar()
        board = self.w.tables["board_member"].c
        self.board = [
            tuple(r)
            for r in q(
                select(board.id, board.role, board.position, board.term_start, board.term_end)
            )
        ]
        self.member_kinds = [
            tuple(r) for r in q(text("SELECT id, kind FROM organisation WHERE is_member"))
        ]
        self.meeting_no = _maxima("SELECT year, max(number) FROM meeting GROUP BY year")
        self.paragraph_no = _maxima("SELECT year, max(number) FROM paragraph GROUP BY year")
        self.seq = _maxima(
            "SELECT registry_year, max(registry_seq) FROM application GROUP BY registry_year"
        )
        self.plan_years = {r[0] for r in q(text("SELECT DISTINCT year FROM plan"))}
        self.periods = {tuple(r) for r in q(text("SELECT year, kind FROM follow_up_period"))}
        self.contribution_years = {r[0] for r in q(text("SELECT year FROM contribution_year"))}
        self.equity_years = {r[0] for r in q(text("SELECT year FROM equity_year"))}
        self.grants_by_year: dict[int, list[tuple[int, str]]] = defaultdict(list)
        self.grants_left = round(TOTALS["grants"] * scale)
        self.made = {"payments": 0, "outcomes": 0}
        self.apps_left = 0  # applications still to decide, set in run()

    def quota(self, key: str) -> int:
        """Rows of ``key`` for the next grant: what is left of the total over the grants left
        (20 % ahead, as grants that have not started yet can take none)."""
        left = round(PER_GRANT[key] * TOTALS["grants"] * self.scale) - self.made[key]
        return max(0, min(left, math.ceil(left * 1.2 / max(1, self.grants_left + 1))))

    def count(self, key: str) -> list[int]:
        return _spread(max(len(YEARS), round(TOTALS[key] * self.scale)), len(YEARS))

    def text(self, n: int = 3) -> str:
        return " ".join(self.rng.sample(SENTENCES, n))

    def run(self) -> dict[str, int]:
        self.add_units()
        apps, meetings = self.count("applications"), self.count("meetings")
        paragraphs = self.count("paragraphs")
        days = {
            y: sorted(self.rng.sample(range(20, 350), meetings[i])) for i, y in enumerate(YEARS)
        }
        for i, year in enumerate(YEARS):  # applications at meetings held by today are decided
            held = [date(year, 1, 1) + timedelta(days=d) <= self.today for d in days[year]]
            self.apps_left += sum(
                n for n, h in zip(_spread(apps[i], meetings[i]), held, strict=True) if h
            )
        for i, year in enumerate(YEARS):
            self.year(year, apps[i], days[year], paragraphs[i])
        self.w.finish()
        return dict(self.w.counts)

    def add_units(self) -> None:
        """A dozen more units (AME, IFO, vårdcentraler) as projektägare."""
        units = (
            "Socialtjänsten",
            "Vuxenutbildningen",
            "Vårdcentralen",
            "Psykiatrin",
            "Ungdomsmottagningen",
            "Integrationsenheten",
        )
        for kommun in self.kommuner:
            place = db.session.execute(
                text("SELECT name FROM organisation WHERE id = :i"), {"i": kommun}
            ).scalar()
            for unit in units:
                self.owners.append(
                    self.w.add(
                        "organisation",
                        name=f"{unit} {place}",
                        short_name=unit[:12],
                        kind="unit",
                        parent_id=kommun,
                    )
                )

    def year(self, year: int, n_apps: int, days: list[int], n_paragraphs: int) -> None:
        n_meetings = len(days)
        meetings = []
        for day in days:
            on = date(year, 1, 1) + timedelta(days=day)
            self.meeting_no[year] = number = self.meeting_no.get(year, 0) + 1
            meetings.append(self.meeting(year, number, on))
        specials = self.specials(year, meetings)
        per_meeting = _spread(n_apps, n_meetings)
        others = _spread(max(0, n_paragraphs - n_apps), n_meetings)
        for (meeting_id, on, held), n_app, n_other in zip(
            meetings, per_meeting, others, strict=True
        ):
            position = 0
            for kind, title in specials.get(meeting_id, []) + self.fillers(n_other):
                position += 1
                pid = self.paragraph(year, meeting_id, on, held, position, kind, title)
                if kind != "application" and held:
                    self.w.add(
                        "decision",
                        paragraph_id=pid,
                        outcome="adopted" if kind in ("plan", "report") else "noted",
                        decided_on=on,
                        text="Styrelsen beslutar enligt förslaget.",
                        _day=on,
                    )
                    specials.setdefault("ids", {})[(kind, title)] = (pid, on)
            for _ in range(n_app):
                position += 1
                self.application(year, meeting_id, on, held, position)
                self.w.checkpoint()
        self.plan(year, specials.get("ids", {}))
        self.contributions(year)

    def meeting(self, year: int, number: int, on: date) -> tuple[int, date, bool]:
        held = on <= self.today
        serving = [b for b in self.board if b[3] <= on <= b[4]]
        chair = next((b[0] for b in serving if b[2] == "chair"), None)
        mid = self.w.add(
            "meeting",
            year=year,
            number=number,
            date=on,
            start_time=clock(13),
            end_time=clock(16),
            place="Folkets hus, " + self.rng.choice(PLACES),
            kind="ordinary",
            chair_id=chair,
            justerare_id=None,
            secretary="Förbundschefen",
            agenda_fixed_at=_stamp(on - timedelta(days=10)) if held else None,
            adjusted_on=on + timedelta(days=7) if held else None,
            adjusted_by="Ordförande och justerare" if held else "",
            adjusted_recorded_by_id=self.chef if held else None,
            _day=on,
        )
        for member in serving:
            if member[1] == "ledamot" or self.rng.random() < 0.3:
                self.w.add(
                    "attendance",
                    meeting_id=mid,
                    member_id=member[0],
                    status="present",
                    serving_for_id=None,
                )
        return mid, on, held

    def specials(self, year: int, meetings: list[tuple[int, date, bool]]) -> dict[Any, Any]:
        """The § adopting the year's plan and the follow-up reports, at fitting meetings."""
        found: dict[Any, Any] = defaultdict(list)
        if year not in self.plan_years:
            found[meetings[0][0]].append(("plan", f"Verksamhetsplan {year}"))
        for kind, end in (("tertial1", date(year, 4, 30)), ("delar", date(year, 8, 31))):
            after = [m for m in meetings if m[1] > end and m[2]]
            if (year, kind) not in self.periods and after:
                found[after[0][0]].append(("report", f"Uppföljning {kind} {year}"))
        return found

    def fillers(self, n: int) -> list[tuple[str, str]]:
        kinds = (
            ("information", "Information från kansliet"),
            ("delegation", "Anmälan av delegationsbeslut"),
            ("other", "Övriga frågor"),
            ("information", "Rapport från parterna"),
            ("report", "Lägesrapport insatser"),
        )
        return [self.rng.choice(kinds) for _ in range(n)]

    def paragraph(
        self,
        year: int,
        meeting_id: int,
        on: date,
        held: bool,
        position: int,
        kind: str,
        title: str,
        application_id: int | None = None,
    ) -> int:
        number = None
        if held:
            self.paragraph_no[year] = number = self.paragraph_no.get(year, 0) + 1
        return self.w.add(
            "paragraph",
            meeting_id=meeting_id,
            year=year,
            number=number,
            position=position,
            kind=kind,
            title=title,
            underlag=self.text(2),
            minutes=self.text(1) if held else "",
            application_id=application_id,
            _day=on,
        )

    def application(self, year: int, meeting_id: int, on: date, held: bool, position: int) -> None:
        from bench._dataset_parts import application_rows

        application_rows(self, year, meeting_id, on, held, position)

    def plan(self, year: int, paragraphs: dict[tuple[str, str], tuple[int, date]]) -> None:
        from bench._dataset_parts import plan_rows

        plan_rows(self, year, paragraphs)

    def contributions(self, year: int) -> None:
        from bench._dataset_parts import contribution_rows

        contribution_rows(self, year)


def generate(
    scale: float = 1.0, seed: int = 1, *, seed_demo: bool = True, today: date | None = None
) -> dict[str, int]:
    """Fill the app's (empty, migrated) database; returns rows inserted per table.

    ``seed_demo=False`` expects the demo förbund to be there already (the tests'
    ``demo`` fixture) and adds the large data set to it.
    """
    if seed_demo:
        from app import demo

        if db.session.scalar(text("SELECT count(*) FROM organisation")):
            raise RuntimeError("the database is not empty; generate() needs an empty one")
        demo.seed()
        db.session.commit()
    return Generator(scale, seed, today or date.today()).run()


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.dataset --url URL [--scale 1] [--seed 1]``: create, migrate, fill."""
    parser = argparse.ArgumentParser(prog="python -m bench.dataset", description=__doc__)
    parser.add_argument("--url", required=True, help="sqlite:////tmp/x.sqlite or postgresql://…")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    app = migrated_app(args.url)
    with app.app_context():
        migrated = time.perf_counter()
        counts = generate(args.scale, args.seed)
    done = time.perf_counter()
    for name, n in sorted(counts.items()):
        print(f"{name:28} {n:>8}")
    print(f"migrate {migrated - started:.1f} s, demo + data set {done - migrated:.1f} s")
    return 0


def migrated_app(url: str) -> Any:
    """An app on ``url``, the database created (PostgreSQL) and migrated to head."""
    from flask_migrate import upgrade
    from sqlalchemy.engine import make_url

    from app import create_app
    from app.config import normalise_database_url

    url = normalise_database_url(url)
    if url.startswith("postgresql"):
        ensure_pg_database(url)
    os.environ.setdefault("SAMORDNA_INSTANCE", tempfile.mkdtemp(prefix="samordna-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
    assert make_url(url)
    return app


def ensure_pg_database(url: str, *, fresh: bool = False) -> None:
    """Create the PostgreSQL database of ``url`` (dropping it first when ``fresh``)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}
        )
        if exists and fresh:
            connection.execute(text(f'DROP DATABASE "{target.database}" WITH (FORCE)'))
        if not exists or fresh:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
