"""The large data set of the benchmarks: 20 years of a busy förbund, generated fast.

``generate(scale, seed, years=20)`` (inside an app context) starts from the demo
förbund (``app.demo.seed()``: organisations, users, board) and bulk-inserts, with
SQLAlchemy Core ``insert()`` executemany in batches, at scale 1: 2007–2026, 4 000
applications with budgets per year (cost, staff and co-financing lines), 400 meetings
with 8 000 § (decisions on every application), 3 000 grants with 30 000 payments,
30 000 outcomes, reports and staff, a plan per year with goals, indicators and
follow-up, and the contributions per year. ``years=1`` makes 2026 alone, as full as
that year is in the whole set: the page benchmark compares the two.

Core inserts bypass the ORM, hence the audit trail: these rows have no audit entries.
The domain's invariants hold: paid ≤ granted per grant year, § numbers run on per
year, meeting numbers per year, unique diarienummer per year. Deterministic for a
seed (and a ``today``). CLI: ``python -m bench.dataset --url URL [--years N]``.

Modules: ``generator`` (the run, meetings and §), ``applications``, ``grants``,
``plans`` and ``money`` (the rows of each area), ``writer`` (bulk inserts),
``values`` (names, texts, amounts), ``database`` (creating and migrating).
"""

from __future__ import annotations

from bench.dataset.database import ensure_pg_database, migrated_app
from bench.dataset.generator import Generator, generate
from bench.dataset.values import YEARS

__all__ = ["YEARS", "Generator", "ensure_pg_database", "generate", "migrated_app"]
