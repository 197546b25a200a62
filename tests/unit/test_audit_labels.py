"""Every audited table and column reads in Swedish in the audit trail.

Walks the models with the ``Audited`` marker, so a new table, column or code
cannot reach the trail under its database name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flask import Flask
from sqlalchemy import CheckConstraint, Column, Table

from app.services.admin import audit_values
from app.views.admin.audit_rows import field_name, object_name
from models import Base
from models.auditing import SKIPPED_COLUMNS
from models.base import Audited


def _audited() -> Iterator[Table]:
    for mapper in Base.registry.mappers:
        if issubclass(mapper.class_, Audited):
            yield mapper.class_.__table__


def _codes(table: Table) -> Iterator[tuple[str, list[str]]]:
    """(column, allowed codes) of each ``column IN ('a', 'b')`` check of the table."""
    for constraint in table.constraints:
        if isinstance(constraint, CheckConstraint):
            found = re.fullmatch(r"\s*(\w+) IN \((.*)\)\s*", str(constraint.sqltext))
            if found:
                yield found[1], re.findall(r"'([^']*)'", found[2])


def _shown(table: Table) -> Iterator[Column]:
    """Columns a created or deleted row lists (``KEPT_ELSEWHERE`` only skips updates)."""
    return (column for column in table.columns if column.name not in SKIPPED_COLUMNS)


def test_every_audited_table_has_a_swedish_name(app_ctx: Flask) -> None:
    unnamed = [table.name for table in _audited() if object_name(table.name) == table.name]
    assert unnamed == []


def test_every_audited_column_has_a_label(app_ctx: Flask) -> None:
    unlabelled = [
        f"{table.name}.{column.name}"
        for table in _audited()
        for column in _shown(table)
        if field_name(column.name) == column.name
    ]
    assert unlabelled == []


def test_every_code_column_reads_as_its_label(app_ctx: Flask) -> None:
    raw = [
        f"{table.name}.{column}={code}"
        for table in _audited()
        for column, codes in _codes(table)
        for code in codes
        if audit_values.shown(table.name, column, code) == code
    ]
    assert raw == []


def test_money_percent_yes_no_and_references(app_ctx: Flask) -> None:
    assert audit_values.shown("co_financing", "amount", "15000.00") == "15\xa0000\xa0kr"
    assert audit_values.shown("staff_line", "po_rate", "44.53") == "44,53\xa0%"
    assert audit_values.shown("staff_line", "hours_per_week", "37.50") == "37,5"
    assert audit_values.shown("indicator", "target", "120.00") == "120"
    assert audit_values.shown("payment", "date_confirmed", True) == "Ja"
    assert audit_values.shown("payment", "date_confirmed", False) == "Nej"
    assert audit_values.shown("payment", "amount", None) is None
    assert audit_values.shown("user_account", "password_hash", "***") == "***"
    assert audit_values.shown("co_financing", "organisation_id", 6) == "#6 (borttagen)"
    names = {("organisation", 6): "Arbetsförmedlingen"}
    assert audit_values.shown("co_financing", "organisation_id", 6, names) == "Arbetsförmedlingen"


def test_values_of_an_unexpected_shape_never_break_the_page(app_ctx: Flask) -> None:
    """Old rows may keep a flag as text, a time without its zone, a list in a code column."""
    assert audit_values.shown("payment", "date_confirmed", "false") == "Nej"
    assert audit_values.shown("payment", "date_confirmed", "true") == "Ja"
    assert audit_values.shown("co_financing", "kind", ["cash"]) == "['cash']"
    assert audit_values.shown("user_account", "last_login_at", "2026-06-01T10:00:00") == (
        "2026-06-01 12:00:00"  # stored in UTC, read in Swedish summer time
    )
