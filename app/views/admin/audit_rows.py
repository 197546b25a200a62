"""How the audit trail reads for a revisor: Swedish names, Stockholm time, links.

The trail stores table and column names. Objects are named by
``services.admin.audit_labels``; a field is named there or, failing that, by the
label of the form field that edits it, so the trail uses the words of the pages
where the change was made. Values read through ``services.admin.audit_values``
(labels of codes, kronor, Ja/Nej, names of referenced rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import url_for
from wtforms import Form
from wtforms.fields.core import UnboundField

import forms.admin
import forms.application_budget
import forms.applications
import forms.board
import forms.grants
import forms.meetings
import forms.money
import forms.parties
import forms.plans
from models import AuditEntry

from ...services.admin import audit, audit_values
from ...services.admin.audit_labels import FIELDS, OBJECTS

FORM_MODULES = (
    forms.admin,
    forms.application_budget,
    forms.applications,
    forms.board,
    forms.grants,
    forms.meetings,
    forms.money,
    forms.parties,
    forms.plans,
)


def _form_labels() -> dict[str, Any]:
    """Field name → the label of the first form field by that name."""
    labels: dict[str, Any] = {}
    for module in FORM_MODULES:
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, Form)):
                continue
            for name in dir(value):
                field = getattr(value, name, None)
                if isinstance(field, UnboundField):
                    label = field.args[0] if field.args else field.kwargs.get("label")
                    if label:
                        labels.setdefault(name, label)
    return labels


FORM_LABELS = _form_labels()


def object_name(table: str) -> str:
    """The Swedish name of an audited object type."""
    return str(OBJECTS.get(table, table))


def field_name(field: str) -> str:
    """The Swedish name of a field."""
    label = FIELDS.get(field) or FORM_LABELS.get(field)
    return str(label) if label else field


def rows(entries: Iterable[AuditEntry]) -> list[dict[str, Any]]:
    """The entries as the page and the workbook show them."""
    entries = list(entries)
    targets = audit.object_targets(entries)
    names = audit_values.references(entries)
    shown = []
    for entry in entries:
        target = targets.get(entry.id)
        shown.append(
            {
                "id": entry.id,
                "at": audit.local_time(entry.at),
                "user": entry.user.name if entry.user else None,
                "action": entry.action,
                "table": entry.table_name,
                "object": object_name(entry.table_name),
                "row_id": entry.row_id,
                "url": url_for(target[0], **target[1]) if target else None,
                "fields": [
                    (
                        field_name(key),
                        audit_values.shown(entry.table_name, key, change[0], names),
                        audit_values.shown(entry.table_name, key, change[1], names),
                    )
                    for key, change in (entry.changes or {}).items()
                ],
            }
        )
    return shown
