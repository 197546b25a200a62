"""Every real workbook on the large data set against plain XlsxWriter writing the same cells.

The large data set (bench/dataset.py, SQLite) is generated; then each workbook's
download is requested through the Flask test client as the ekonom, with
``workbook_bytes`` swapped for a recorder: the real view gathers the data and the
real builder in ``exports/`` makes its sheets (timed: *data + build s*). Those sheets
are then written to a file by ``write_workbook(constant_memory=True)`` and by a
plain XlsxWriter loop in constant-memory mode writing the same cells with prebuilt
formats: best-of time and tracemalloc peak of both, and their ratios. Target
within 2× of plain XlsxWriter; memory flat beyond the DataFrames.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pandas as pd
import xlsxwriter
from sqlalchemy import text

import bench
import exports.workbook as machinery
from bench import dataset, pages
from models import db

BENCHMARK = True
FORMATS = {
    "money": '#,##0.00 "kr"',
    "percent": "0.0 %",
    "date": "yyyy-mm-dd",
    "integer": "#,##0",
    "decimal": "#,##0.00",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("workbooks_large")
    group.add_argument("--wb-scale", type=float, default=1.0, help="data set scale (1)")
    group.add_argument("--wb-repeat", type=int, default=3, help="timed writes, best counts (3)")


def downloads(app: Any) -> dict[str, str]:
    """The download URL of each builder, on the records with the most rows."""

    def one(sql: str) -> int:
        return int(db.session.execute(text(sql)).scalar() or 0)

    with app.app_context():
        busiest = one(
            "SELECT application_id FROM budget_line GROUP BY application_id "
            "ORDER BY count(*) DESC, application_id LIMIT 1"
        )
        year = one("SELECT year FROM grant_year GROUP BY year ORDER BY count(*) DESC LIMIT 1")
        plan = one("SELECT id FROM plan ORDER BY year DESC, version DESC LIMIT 1")
        period = one("SELECT id FROM follow_up_period ORDER BY end_date DESC LIMIT 1")
        split_year = one(
            "SELECT year FROM cost_split_part GROUP BY year ORDER BY count(*) DESC LIMIT 1"
        )
        grant = one("SELECT grant_id FROM outcome GROUP BY grant_id ORDER BY count(*) DESC LIMIT 1")
    return {
        "cost_split": f"/money/splits/{split_year}/kostnadsfordelning.xlsx",
        "grant_register": "/grants/register.xlsx",
        "payments (all years)": "/grants/payments.xlsx?from=2000-01-01&to=2030-12-31",
        "budget_outcome (year)": f"/grants/budget-outcome.xlsx?year={year}",
        "budget_outcome (grant)": f"/grants/{grant}/budget-outcome.xlsx",
        "application_budget": f"/applications/{busiest}/budget.xlsx",
        "plan_budget": f"/plans/{plan}/budget.xlsx",
        "followup": f"/plans/{plan}/indicators.xlsx",
        "interim_report": f"/plans/followup/{period}/report.xlsx",
    }


def capture(app: Any, url: str) -> tuple[list[Any], dict[str, Any], float]:
    """(sheets, write options, seconds) of one download, the view and builder running for real."""
    found: dict[str, Any] = {}

    def record(sheets: list[Any], **kwargs: Any) -> bytes:
        found.update(sheets=sheets, kwargs=kwargs)
        return b"PK"

    targets = [machinery] + [
        importlib.import_module(name)
        for name in list(sys.modules)
        if name.startswith("app.views.") and hasattr(sys.modules[name], "workbook_bytes")
    ]
    client = app.test_client()
    pages.login(client, "ekonom@example.com")
    with mock.patch.multiple(machinery, workbook_bytes=record):
        patches = [mock.patch.object(m, "workbook_bytes", record) for m in targets[1:]]
        for patch in patches:
            patch.start()
        try:
            started = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - started
        finally:
            for patch in patches:
                patch.stop()
    if "sheets" not in found:
        raise RuntimeError(f"{url} answered {response.status_code} without a workbook")
    return found["sheets"], found["kwargs"], seconds


def write_plain(sheets: list[Any], target: Path) -> None:
    """The same cells by hand: strings, numbers as floats, dates, SUM formulas with values."""
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    formats = {kind: book.add_format({"num_format": f}) for kind, f in FORMATS.items()}
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name[:31])
        row = 0
        if sheet.heading:
            ws.write_string(0, 0, sheet.heading, bold)
            row = 1
        kinds = [c.kind for c in sheet.columns]
        for col, column in enumerate(sheet.columns):
            ws.write_string(row, col, column.title, bold)
        first = row + 1
        totals = [Decimal(0) if c.sums else None for c in sheet.columns]
        frame = sheet.frame[[c.key for c in sheet.columns]]
        for row, values in enumerate(frame.itertuples(index=False, name=None), start=first):
            for col, value in enumerate(values):
                if value is None or (isinstance(value, float) and math.isnan(value)):
                    continue
                kind = kinds[col]
                if kind == "text":
                    ws.write_string(row, col, str(value))
                elif kind == "date":
                    day = value.date() if isinstance(value, datetime) else value
                    ws.write_datetime(row, col, day, formats["date"])
                elif kind == "percent":
                    ws.write_number(row, col, float(value) / 100, formats["percent"])
                else:
                    ws.write_number(row, col, float(value), formats[kind])
                    if totals[col] is not None:
                        totals[col] += Decimal(value)
        if sheet.total_row:
            last = row + 1
            ws.write_string(last, 0, sheet.total_label, bold)
            for col, total in enumerate(totals):
                if total is not None and col:
                    letter = xlsxwriter.utility.xl_col_to_name(col)
                    ws.write_formula(
                        last,
                        col,
                        f"=SUM({letter}{first + 1}:{letter}{last})",
                        formats[kinds[col]],
                        float(total),
                    )
    book.close()


def write_samordna(sheets: list[Any], options: dict[str, Any], target: Path) -> None:
    machinery.write_workbook(str(target), sheets, constant_memory=True, **options)


def measure(name: str, app: Any, url: str, repeat: int, folder: Path) -> dict[str, Any]:
    """One workbook: build, then both writers (best of ``repeat``, then tracemalloc)."""
    with app.app_context():
        sheets, options, build = capture(app, url)
    ours, plain = folder / "ours.xlsx", folder / "plain.xlsx"
    best = {"ours": float("inf"), "plain": float("inf")}
    for _ in range(repeat):
        best["ours"] = min(
            best["ours"], bench.best_of(lambda: write_samordna(sheets, options, ours), 1)
        )
        best["plain"] = min(best["plain"], bench.best_of(lambda: write_plain(sheets, plain), 1))
    peak_ours = bench.peak_memory(lambda: write_samordna(sheets, options, ours)) / 2**20
    peak_plain = bench.peak_memory(lambda: write_plain(sheets, plain)) / 2**20
    rows = sum(len(s.frame) for s in sheets)
    return {
        "workbook": name,
        "sheets": len(sheets),
        "rows": rows,
        "cells": sum(len(s.frame) * len(s.columns) for s in sheets),
        "data + build s": build,
        "samordna write s": best["ours"],
        "plain write s": best["plain"],
        "time ratio": best["ours"] / best["plain"] if best["plain"] else 0.0,
        "samordna peak MB": peak_ours,
        "plain peak MB": peak_plain,
        "DataFrame MB": sum(s.frame.memory_usage(deep=True).sum() for s in sheets) / 2**20,
        "file kB": ours.stat().st_size / 1024,
    }


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="samordna-wb-large-") as name:
        folder = Path(name)
        print("  … generating the data set (SQLite)", file=sys.stderr, flush=True)
        app = dataset.migrated_app(f"sqlite:///{folder / 'bench.sqlite'}")
        app.config.update(SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False)
        with app.app_context():
            dataset.generate(args.wb_scale)
        rows = []
        for name_, url in downloads(app).items():
            print(f"  … {name_}: {url}", file=sys.stderr, flush=True)
            rows.append(measure(name_, app, url, args.wb_repeat, folder))
        with app.app_context():
            db.engine.dispose()
        return rows


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> str:
    worst = max(rows, key=lambda r: r["time ratio"])
    command = f".venv/bin/python -m bench workbooks_large --wb-scale {args.wb_scale:g}"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return "\n".join(
        [
            "## Every workbook on the large data set, against plain XlsxWriter",
            "",
            f"Command: `{command}` (SQLite, best of {args.wb_repeat} writes).",
            f"Machine: {bench.machine()}; measured {date.today().isoformat()}; load average at "
            f"the end {load}; the machine is a VM whose speed varies: compare ratios.",
            "",
            bench.markdown_table(rows),
            f"Worst write-time ratio **{worst['time ratio']:.2f}×** ({worst['workbook']}); target "
            f"≤ 2×: {'met' if worst['time ratio'] <= 2 else 'NOT met'}.",
        ]
    )


_ = pd  # the sheets' frames are pandas DataFrames
