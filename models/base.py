"""Declarative base, the money column type and mixins shared by every model.

Everything here is free of Flask: the web app, the CLI and the exports all
build on the same typed models.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Index, MetaData, Numeric, column
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

# Alembic needs stable constraint names to alter tables later (SQLite batch mode too).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ORE = Decimal("0.01")


def utcnow() -> datetime:
    """Return an aware UTC timestamp; used as a *callable* default so each row gets its own."""
    return datetime.now(UTC)


def sparse_index(table: str, name: str) -> Index:
    """An index on a column that is mostly NULL (a correction's or report's link back),
    holding only the rows that have a value.

    A plain index on such a column is useless to SQLite's planner once ANALYZE has
    counted the NULLs as one value shared by nearly every row: it reads the whole
    table instead, which grows with the data. An index of the non-NULL rows is small
    and counted right; ``col = ?`` and ``col IN (…)`` use it on both SQLite and PostgreSQL.
    """
    present = column(name).is_not(None)
    return Index(f"ix_{table}_{name}", name, sqlite_where=present, postgresql_where=present)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always returned timezone-aware.

    SQLite drops the zone; without this, comparisons with aware datetimes fail.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Money(TypeDecorator[Decimal]):
    """Kronor with öre as ``Decimal``: ``NUMERIC(14, 2)`` on PostgreSQL, integer öre on SQLite.

    SQLite has no exact decimal type; SQLAlchemy would round-trip NUMERIC through
    float and warn. Storing integer öre keeps every sum exact (also ``SUM()`` in SQL)
    while Python code only ever sees ``Decimal``.
    """

    impl = Numeric(14, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(14, 2, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money must be Decimal, not float")
        amount = Decimal(value).quantize(ORE, rounding=ROUND_HALF_UP)
        if dialect.name == "sqlite":
            return int(amount * 100)
        return amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / 100).quantize(ORE)
        return Decimal(value).quantize(ORE)


class Percent(Money):
    """A percentage with two decimals (30.00 = 30 %), stored exactly like ``Money``.

    NUMERIC on PostgreSQL, integer hundredths on SQLite: exact, never float.
    """

    cache_ok = True


class Base(DeclarativeBase):
    """Declarative base with the naming convention Alembic relies on."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    """Creation and update times, set by the database session, never by views."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class Audited:
    """Marker: inserts, updates and deletes of this model are written to the audit trail.

    ``audit_exclude`` names columns whose values must never be copied there
    (password hashes); the change itself is still recorded.
    """

    audit_exclude: frozenset[str] = frozenset()
