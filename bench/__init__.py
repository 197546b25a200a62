"""Benchmarks (``make bench``, i.e. ``python -m bench``) and what they share.

Every module in this package with a ``run(args) -> list[dict]`` function (one
parameter named ``args``, the parsed command line) is a benchmark;
``bench/__main__.py`` finds them. ``BENCHMARK = True`` or ``False`` at module level
overrides that test, e.g. for a helper module whose ``run`` means something else.
A module may also define ``add_arguments(parser)`` for its own options (prefix
them to avoid clashes) and ``report(rows, args) -> str``, the markdown that
replaces its section of docs/benchmarks.md (between ``<!-- bench:NAME -->``
and ``<!-- /bench:NAME -->``). This module holds the helpers: machine
description, timing, peak memory, markdown tables and the section writer.
"""

from __future__ import annotations

import gc
import os
import platform
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
DOCS_INTRO = "# Benchmarks\n"


def machine() -> str:
    """'x86_64, 2 cores, Python 3.11.7 (Linux 6.1)': where the figures were measured."""
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.system()} {platform.release().split('-')[0]})"
    )


def best_of(function: Callable[[], Any], repeat: int = 3) -> float:
    """The best wall time of ``repeat`` calls, in seconds (garbage collected first)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(function: Callable[[], Any]) -> int:
    """Peak bytes allocated by Python (tracemalloc) during one call, above the start."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        function()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """A markdown table with the keys of the first row as columns."""
    if not rows:
        return "(no results)\n"
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(_cell(row.get(k)) for k in keys) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    return "" if value is None else str(value)


def write_section(name: str, body: str, path: Path = DOCS) -> None:
    """Put ``body`` into the file's section ``name`` (replacing it, or appended)."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else DOCS_INTRO
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
