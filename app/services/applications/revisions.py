"""Versions of a submitted application: snapshots of its content and what changed between them.

From submission on an application is a public record: every change of its
content (fields, parties, budget, attachments, the förbundschef's proposal) is
kept as a new ``ApplicationRevision`` with who and when, never overwritten.
A snapshot is plain JSON (text, numbers as strings) so that it reads the same
in ten years whatever the code then looks like.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from models import Application, ApplicationRevision, StaffLine, User, db
from models.application_terms import (
    CATEGORY_LABELS,
    CO_KIND_LABELS,
    CONTENT_FIELDS,
    INSATS_LABELS,
    KIND_LABELS,
)
from models.base import utcnow

from ...formatting import percent, sek
from . import budget

#: Scalar fields kept in a snapshot, in the order of the form.
SNAPSHOT_FIELDS: tuple[str, ...] = CONTENT_FIELDS


def _exact(value: Decimal) -> str:
    """An amount or percent to two decimals: "30000" typed and "30000.00" read back from
    the database are the same figure and must make the same snapshot."""
    return str(Decimal(value).quantize(Decimal("0.01")))


def _text(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _staff_row(s: StaffLine) -> str:
    salary = _exact(s.annual_salary) if s.annual_cost is None else f"{_exact(s.annual_cost)} per år"
    return (
        f"{s.year} · {s.role} · {s.person} · {s.employer.name} · {_exact(s.percent)} % · "
        f"{salary} · PO {_exact(s.po_rate)} % · {s.months} mån = {_exact(budget.staff_cost(s))}"
    )


def snapshot(application: Application) -> dict[str, Any]:
    """The application's content as JSON-safe data (money as strings, exact)."""
    fields = {name: _text(getattr(application, name)) for name in SNAPSHOT_FIELDS}
    fields["owner"] = application.owner.name if application.owner else ""
    fields["parent"] = (
        (application.parent.registry_number or application.parent.title)
        if application.parent
        else ""
    )
    return {
        "fields": fields,
        "parties": sorted(
            f"{p.organisation.name} ({p.contact_name})" if p.contact_name else p.organisation.name
            for p in application.parties
        ),
        "participants": sorted(f"{p.year}: {p.planned}" for p in application.participants),
        "budget_lines": sorted(
            f"{line.year} · {line.category} · {line.description} · {_exact(line.amount)}"
            for line in application.budget_lines
        ),
        "staff_lines": sorted(_staff_row(s) for s in application.staff_lines),
        "co_financing": sorted(
            f"{c.year} · {c.organisation.name} · {c.kind} · {c.description} · {_exact(c.amount)}"
            for c in application.co_financing
        ),
        "attachments": sorted(
            f"{a.filename} ({a.size} B, sha256 {a.sha256[:12]})" for a in application.attachments
        ),
        "requested": {str(y): str(v) for y, v in budget.requested_by_year(application).items()},
        "proposal": {
            "assessment": application.assessment,
            "proposal_text": application.proposal_text,
            "conditions": application.conditions,
            "amounts": {str(p.year): str(p.amount) for p in application.proposed_amounts},
        },
    }


def record_revision(
    application: Application, user: User | None, note: str = "", at: datetime | None = None
) -> ApplicationRevision | None:
    """Keep the current content as a new version if it is submitted and something changed."""
    if not application.is_submitted:
        return None
    current = snapshot(application)
    last = application.revisions[-1] if application.revisions else None
    if last is not None and diff(last.snapshot, current) == ([], []):
        return None
    revision = ApplicationRevision(
        number=(last.number + 1) if last else 1,
        snapshot=current,
        user_id=user.id if user is not None else None,
        note=note,
        at=at or utcnow(),
    )
    application.revisions.append(revision)
    db.session.flush()
    return revision


@dataclass(frozen=True)
class FieldChange:
    """A scalar field that changed: its key, the old and the new value."""

    key: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ListChange:
    """Rows removed from and added to a list (parties, budget lines …)."""

    key: str
    removed: list[str]
    added: list[str]


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _comparable(row: str) -> str:
    """A snapshot row as compared: every number to two decimals. Snapshots kept before
    amounts were written with two decimals hold "180000.0" where a later one holds
    "180000.00"; an unchanged line must not show as removed and added again."""
    return _NUMBER.sub(lambda match: f"{Decimal(match.group()):.2f}", row)


def _rows_changed(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """The rows removed and added, counted: a list may hold the same row twice (two equal
    cost lines), so one of them removed, or a line changed to equal another, is a change."""
    counted_before = Counter(_comparable(row) for row in before)
    counted_after = Counter(_comparable(row) for row in after)
    return (
        _surplus(before, counted_before - counted_after),
        _surplus(after, counted_after - counted_before),
    )


def _surplus(rows: list[str], surplus: Counter[str]) -> list[str]:
    """The first of ``rows`` as many times as ``surplus`` counts their comparable form."""
    left = surplus.copy()
    chosen = []
    for row in rows:
        if left[_comparable(row)] > 0:
            left[_comparable(row)] -= 1
            chosen.append(row)
    return chosen


def diff(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[FieldChange], list[ListChange]]:
    """What changed from one snapshot to the next, field by field and row by row."""
    fields: list[FieldChange] = []
    old_fields, new_fields = old.get("fields", {}), new.get("fields", {})
    for key in dict.fromkeys([*old_fields, *new_fields]):
        if old_fields.get(key) != new_fields.get(key):
            fields.append(FieldChange(key, old_fields.get(key), new_fields.get(key)))
    for key in ("requested",):
        if old.get(key) != new.get(key):
            fields.append(FieldChange(key, old.get(key), new.get(key)))
    old_proposal, new_proposal = old.get("proposal", {}), new.get("proposal", {})
    for key in dict.fromkeys([*old_proposal, *new_proposal]):
        if old_proposal.get(key) != new_proposal.get(key):
            fields.append(FieldChange(key, old_proposal.get(key), new_proposal.get(key)))
    lists: list[ListChange] = []
    for key in (
        "parties",
        "participants",
        "budget_lines",
        "staff_lines",
        "co_financing",
        "attachments",
    ):
        removed, added = _rows_changed(old.get(key, []), new.get(key, []))
        if removed or added:
            lists.append(ListChange(key, removed, added))
    return fields, lists


def without_beredning(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot without the beredning, for a reader ``rules.may_see_beredning`` refuses."""
    return {key: value for key, value in snapshot.items() if key != "proposal"}


def revision_diff(
    revision: ApplicationRevision, *, with_beredning: bool
) -> tuple[list[FieldChange], list[ListChange]]:
    """Changes of a revision against the one before it (the first: against nothing).

    ``with_beredning`` is the answer of ``rules.may_see_beredning`` for the reader;
    without it the förbundschef's assessment, proposal, villkor and amounts are left out.
    """
    earlier = [r for r in revision.application.revisions if r.number < revision.number]
    previous = earlier[-1].snapshot if earlier else {}
    current = revision.snapshot
    if not with_beredning:
        previous, current = without_beredning(previous), without_beredning(current)
    return diff(previous, current)


# --- what a reader sees -------------------------------------------------------------------
#: Fields whose stored value is an enum, and the labels a reader sees instead.
_FIELD_LABELS: dict[str, dict[Any, Any]] = {"kind": KIND_LABELS, "insats_type": INSATS_LABELS}
#: Fields that hold year → amount.
_AMOUNT_FIELDS = frozenset({"requested", "amounts"})


def _kronor(text: str) -> str:
    """'512000.00' as '512 000 kr'; anything that is not a number is left as it is."""
    try:
        return sek(Decimal(text))
    except (InvalidOperation, ValueError):
        return text


def _percent(text: str) -> str:
    """'30.00 %' as '30 %', 'PO 44.53 %' as 'PO 44,53 %'; anything else with a decimal comma."""
    label, _sep, figure = text.removesuffix(" %").rpartition(" ")
    try:
        shown = percent(Decimal(figure), 2)
    except (InvalidOperation, ValueError):
        return text.replace(".", ",")
    return f"{label} {shown}" if label else shown


def _shown_value(key: str, value: Any) -> Any:
    if key in _AMOUNT_FIELDS and isinstance(value, dict):
        return {year: _kronor(str(amount)) for year, amount in value.items()}
    labels = _FIELD_LABELS.get(key)
    if labels is not None and isinstance(value, str):
        return str(labels.get(value, value))
    return value


def _shown_row(key: str, row: str) -> str:
    """A snapshot's row with its amount in kronor and its category or kind by name.

    Rows are "year · category · description · amount" (budget lines), "year ·
    organisation · kind · description · amount" (co-financing) and the staff line's
    "… · salary (or 'N per år') · PO x % · n mån = cost"; the snapshot keeps them
    exact, the page shows them the way the application form does.
    """
    parts = row.split(" · ")
    if key == "budget_lines" and len(parts) >= 4:
        parts[1] = str(CATEGORY_LABELS.get(parts[1], parts[1]))
        parts[-1] = _kronor(parts[-1])
    elif key == "co_financing" and len(parts) >= 5:
        parts[2] = str(CO_KIND_LABELS.get(parts[2], parts[2]))
        parts[-1] = _kronor(parts[-1])
    elif key == "staff_lines" and len(parts) >= 8:
        salary = parts[5]
        parts[5] = (
            f"{_kronor(salary.removesuffix(' per år'))} per år"
            if salary.endswith(" per år")
            else _kronor(salary)
        )
        months, _sep, cost = parts[-1].rpartition(" = ")
        if months:
            parts[-1] = f"{months} = {_kronor(cost)}"
        parts[4] = _percent(parts[4])
        parts[6] = _percent(parts[6])
    return " · ".join(parts)


def readable(
    fields: list[FieldChange], lists: list[ListChange]
) -> tuple[list[FieldChange], list[ListChange]]:
    """The changes as a reader sees them: amounts in kronor ("512 000 kr", not
    "512000.00") and enum values by their Swedish names. The snapshots stay exact."""
    return (
        [
            FieldChange(c.key, _shown_value(c.key, c.old), _shown_value(c.key, c.new))
            for c in fields
        ],
        [
            ListChange(
                c.key,
                [_shown_row(c.key, row) for row in c.removed],
                [_shown_row(c.key, row) for row in c.added],
            )
            for c in lists
        ],
    )
