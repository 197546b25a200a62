"""The run that fills a database with the large data set, year by year.

It reads what the demo förbund holds (organisations, users, board, numbering), then
for each year writes its meetings and § and hands each application, the year's plan
and its contributions to the row modules (applications, plans, money).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from datetime import date, timedelta
from datetime import time as clock
from typing import Any

from sqlalchemy import select, text

from app import demo
from bench.dataset.applications import application_rows
from bench.dataset.money import contribution_rows
from bench.dataset.plans import plan_rows
from bench.dataset.values import PER_GRANT, PLACES, SENTENCES, TOTALS, YEARS, spread, stamp
from bench.dataset.writer import Writer
from models import db


def _maxima(sql: str) -> dict[int, int]:
    return {int(y): int(n or 0) for y, n in db.session.execute(text(sql)) if y is not None}


class Generator:
    """One run: reads what the demo made, then writes every area year by year."""

    def __init__(self, scale: float, seed: int, today: date, years: int = len(YEARS)) -> None:
        self.rng, self.today = random.Random(seed), today
        self.years = YEARS[-years:]
        # The last ``years`` years, each as full as in the 20-year set.
        self.scale = scale * len(self.years) / len(YEARS)
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
        self.grants_left = round(TOTALS["grants"] * self.scale)
        self.made = {"payments": 0, "outcomes": 0}
        self.apps_left = 0  # applications still to decide, set in run()

    def quota(self, key: str) -> int:
        """Rows of ``key`` for the next grant: what is left of the total over the grants left
        (20 % ahead, as grants that have not started yet can take none)."""
        left = round(PER_GRANT[key] * TOTALS["grants"] * self.scale) - self.made[key]
        return max(0, min(left, math.ceil(left * 1.2 / max(1, self.grants_left + 1))))

    def count(self, key: str) -> list[int]:
        return spread(max(len(self.years), round(TOTALS[key] * self.scale)), len(self.years))

    def text(self, n: int = 3) -> str:
        return " ".join(self.rng.sample(SENTENCES, n))

    def run(self) -> dict[str, int]:
        self.add_units()
        apps, meetings = self.count("applications"), self.count("meetings")
        paragraphs = self.count("paragraphs")
        days = {
            y: sorted(self.rng.sample(range(20, 350), meetings[i]))
            for i, y in enumerate(self.years)
        }
        for i, year in enumerate(self.years):  # applications at meetings held by today are decided
            held = [date(year, 1, 1) + timedelta(days=d) <= self.today for d in days[year]]
            self.apps_left += sum(
                n for n, h in zip(spread(apps[i], meetings[i]), held, strict=True) if h
            )
        for i, year in enumerate(self.years):
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
        per_meeting = spread(n_apps, n_meetings)
        others = spread(max(0, n_paragraphs - n_apps), n_meetings)
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
            secretary="Förbundschefen",
            agenda_fixed_at=stamp(on - timedelta(days=10)) if held else None,
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
        application_rows(self, year, meeting_id, on, held, position)

    def plan(self, year: int, paragraphs: dict[tuple[str, str], tuple[int, date]]) -> None:
        plan_rows(self, year, paragraphs)

    def contributions(self, year: int) -> None:
        contribution_rows(self, year)


def generate(
    scale: float = 1.0,
    seed: int = 1,
    *,
    seed_demo: bool = True,
    today: date | None = None,
    years: int = len(YEARS),
) -> dict[str, int]:
    """Fill the app's (empty, migrated) database; returns rows inserted per table.

    ``years`` limits the data set to its last years (2026 alone with ``years=1``), each
    year as full as in the whole set. ``seed_demo=False`` expects the demo förbund to
    be there already (the tests' ``demo`` fixture) and adds the data set to it.
    """
    if seed_demo:
        if db.session.scalar(text("SELECT count(*) FROM organisation")):
            raise RuntimeError("the database is not empty; generate() needs an empty one")
        demo.seed()
        db.session.commit()
    return Generator(scale, seed, today or date.today(), years).run()
