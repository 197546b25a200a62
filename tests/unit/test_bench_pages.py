"""The page benchmark (bench/pages.py) and the one-year option of its data set
(bench/dataset), on two small SQLite databases."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bench import dataset, pages
from models import db

SCALE = 0.02
TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Both data sets at a small scale: (app, rows generated per table) by name."""
    folder: Path = tmp_path_factory.mktemp("bench-pages")
    made = {}
    for name, url in pages.databases("sqlite", folder).items():
        app = dataset.migrated_app(url)
        with app.app_context():
            counts = dataset.generate(SCALE, today=TODAY, years=pages.SETS[name])
        made[name] = (app, counts)
    yield made
    for app, _counts in made.values():
        with app.app_context():
            db.engine.dispose()


def _years(app: Any, sql: str) -> set[int]:
    with app.app_context():
        return {int(r[0]) for r in db.session.execute(text(sql))}


def test_one_year_set_is_the_last_year_as_full_as_in_the_whole_set(sets: dict) -> None:
    (large, large_counts), (small, small_counts) = sets["20 years"], sets["1 year"]
    for table in ("application", "meeting"):
        assert small_counts[table] * 20 == large_counts[table], table
    generated = "SELECT DISTINCT registry_year FROM application WHERE contact_email LIKE 'kontakt%'"
    assert _years(small, generated) == {2026}
    assert _years(large, generated) == set(range(2007, 2027))


def test_page_benchmark_measures_every_page_on_both_sets(sets: dict) -> None:
    sites = {name: pages.Site.of(app, dataset.YEARS[-1]) for name, (app, _) in sets.items()}
    try:
        rows = pages.measure(sites, rounds=2)
    finally:
        for site in sites.values():
            site.close()
    assert [r["page"] for r in rows] == list(sites["1 year"].targets)
    assert "application page" in [r["page"] for r in rows]
    for row in rows:
        assert row["SQL 1 year"] >= 1 and row["SQL 20 years"] >= 1, row
        assert row["ms 1 year"] > 0 and row["ms 20 years"] > 0, row
        assert row["20 y / 1 y"] == pytest.approx(row["ms 20 years"] / row["ms 1 year"], 0.02)
    assert rows[0]["page"] == pages.ACCOUNT and rows[0]["× account"] == 1.0
    for row in rows:
        row["db"] = "sqlite"
    rows[0]["generated s"] = {"20 years": 1.0, "1 year": 0.5}
    args = argparse.Namespace(db="sqlite", rounds=2, scale=SCALE)
    section = pages.report(rows, args)
    assert "python -m bench pages --db sqlite --rounds 2 --scale 0.02" in section
    assert "| sqlite | grant register |" in section
    assert "- **sqlite**: statements" in section


def test_postgresql_sets_are_named_after_the_url_and_only_bench_databases_are_dropped(
    tmp_path: Path,
) -> None:
    urls = pages.databases("postgresql+psycopg://postgres@127.0.0.1:5432/p_bench", tmp_path)
    assert urls == {
        "20 years": "postgresql+psycopg://postgres@127.0.0.1:5432/p_bench",
        "1 year": "postgresql+psycopg://postgres@127.0.0.1:5432/p_bench_1y",
    }
    assert pages.databases("postgresql", tmp_path)["1 year"].endswith("/bench_1y")
    with pytest.raises(ValueError, match="refusing to drop 'samordna'"):
        dataset.ensure_pg_database("postgresql+psycopg://u@127.0.0.1:1/samordna", fresh=True)
