"""A record's lists read as plain rows, without SQLAlchemy's loaders.

Pages that only show a record's lists read them as plain rows (``lists_of``):
statements built once, no records made, about a fifth of the ORM's cost
(``selectinload`` chains cost about 0.8 ms per level on a page that must be built
in a few), and on PostgreSQL one round trip for all the lists (``union_of``). The
meeting pages do the same with their own joined statements
(app/services/meeting_page.py).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    bindparam,
    cast,
    func,
    inspect,
    literal_column,
    null,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine


def record_columns(model: type) -> list[ColumnElement[Any]]:
    """A model's columns (deferred ones left out), each labelled with its attribute's
    name, so that a row answers ``row.attribute`` as the record does."""
    return [
        a.columns[0] if a.key == a.columns[0].name else a.columns[0].label(a.key)
        for a in inspect(model).column_attrs
        if not a.deferred
    ]


class Union(NamedTuple):
    """One statement reading several lists, how to split its rows into them, and the
    lists' own statements (for SQLite, where a statement costs no round trip)."""

    statement: CompoundSelect[Any]
    #: per list, in the statement's order: (name, row type, slot of each column)
    layouts: tuple[tuple[str, type[tuple[Any, ...]], tuple[int, ...]], ...]
    #: per list: (name, its select in its order)
    parts: tuple[tuple[str, Select[Any]], ...]


def union_of(*lists: tuple[str, Select[Any], Sequence[ColumnElement[Any]]]) -> Union:
    """Several selects as one UNION ALL statement: ``(name, select, order)`` each.

    Each select's columns (named by their keys or labels) take slots of their own
    type, the n-th column of a type the n-th slot of that type (the same SQLAlchemy
    type, so the same result processing: ``Money`` stays integer öre on SQLite), and
    the other lists leave a slot NULL. Each row carries its list's number and its
    place in that list's ``order``. Build it once; read it with ``read_union``, which
    sends it as one statement where statements cost round trips (PostgreSQL).
    """
    slot_types: list[TypeEngine[Any]] = []
    slot_keys: list[str] = []
    plans = []
    for name, query, order in lists:
        columns = [(column.key, column) for column in query.selected_columns]
        taken: dict[str, int] = {}
        slots = []
        for _key, column in columns:
            type_key = repr(column.type)
            nth = taken[type_key] = taken.get(type_key, -1) + 1
            same = [i for i, k in enumerate(slot_keys) if k == type_key]
            if nth < len(same):
                slots.append(same[nth])
            else:
                slot_keys.append(type_key)
                slot_types.append(column.type)
                slots.append(len(slot_types) - 1)
        plans.append((name, query, order, columns, tuple(slots)))
    branches = []
    layouts = []
    for number, (name, query, order, columns, slots) in enumerate(plans):
        values: list[ColumnElement[Any]] = [cast(null(), t) for t in slot_types]
        for (_key, column), slot in zip(columns, slots, strict=True):
            values[slot] = column
        branches.append(
            query.with_only_columns(
                literal_column(str(number)).label("list"),
                func.row_number().over(order_by=list(order)).label("place"),
                *(value.label(f"slot{i}") for i, value in enumerate(values)),
                maintain_column_froms=True,
            ).order_by(None)
        )
        row_type = namedtuple(f"{name.title().replace('_', '')}Row", [k for k, _c in columns])  # type: ignore[misc]
        layouts.append((name, row_type, slots))
    statement = union_all(*branches).order_by(text("list"), text("place"))
    parts = tuple((name, query.order_by(None).order_by(*order)) for name, query, order in lists)
    return Union(statement, tuple(layouts), parts)


def read_union(
    session: Session, union: Union, params: dict[str, Any], *, combined: bool | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """The lists of ``union`` as rows of each select's columns (by key), in order.

    On SQLite each list is read by its own statement: there is no round trip to
    save, and the union's NULL slots cost more to process than the statements
    (0.39 against 0.24 ms for an application's eight lists). ``combined`` forces
    one way or the other (tests compare them).
    """
    connection = session.connection()
    if combined is None:
        combined = connection.dialect.name != "sqlite"
    if not combined:
        return {name: list(connection.execute(query, params)) for name, query in union.parts}
    found: dict[str, list[tuple[Any, ...]]] = {name: [] for name, _t, _s in union.layouts}
    layouts = union.layouts
    for row in connection.execute(union.statement, params):
        name, row_type, slots = layouts[row[0]]
        found[name].append(row_type(*(row[2 + slot] for slot in slots)))
    return found


@cache
def _lists_union(parent: type, attributes: tuple[str, ...]) -> Union:
    lists = []
    for attribute in attributes:
        prop = inspect(parent).relationships[attribute]
        ((_local, remote),) = prop.local_remote_pairs
        query = select(*record_columns(prop.mapper.class_)).where(remote == bindparam("parent_id"))
        lists.append((attribute, query, prop.order_by or list(prop.mapper.primary_key)))
    return union_of(*lists)


def lists_of(
    session: Session, parent: type, attributes: tuple[str, ...], parent_id: int
) -> dict[str, list[tuple[Any, ...]]]:
    """Several one-to-many lists of the parent with ``parent_id`` (``read_union``):
    each as named tuples of the related records' columns by attribute name (deferred
    ones left out), read-only, in the relationship's order.

    One round trip instead of one per list: on PostgreSQL each statement costs a
    round trip and the server's work (0.2 ms), so a page with eight lists paid
    1.6 ms before showing anything.
    """
    return read_union(session, _lists_union(parent, attributes), {"parent_id": parent_id})
