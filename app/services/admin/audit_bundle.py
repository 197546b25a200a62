"""The revisor's audit bundle: everything about one grant in one zip.

Contents (file names in Swedish, as the revisor reads them):

* ``00-innehall.txt`` – what the bundle holds and when it was made;
* ``bidrag.html`` – the grant: decision, owner, period, figures per year, history;
* ``ansokan/ansokan.html`` – the application's print view, ``ansokan/version-N.html``
  (and ``.json``) every submitted version, ``ansokan/bilagor/…`` its attachments;
* ``beslut/…html`` – protocol extracts of the decision and every amendment;
* ``utbetalningar.csv``, ``utfall.csv``, ``rapporter.csv`` and ``rapporter/…html``;
* ``andringslogg.csv`` – the grant's audit trail (AuditEntry rows of its records).

The zip is built in a spooled temporary file (memory first, disk when large) and
streamed; nothing is left on disk.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable
from typing import IO, Any

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from sqlalchemy import select

from exports import budget_outcome, delimited
from exports.audit_log import ACTIONS
from exports.budget_outcome import CATEGORY_COLUMNS
from exports.workbook import Column, frame_of
from models import Application, AuditEntry, db
from models.base import utcnow
from models.grant import (
    CATEGORY_LABELS,
    INSATS_TYPE_LABELS,
    STATUS_LABELS,
    Grant,
    GrantBudget,
    GrantChange,
    GrantYear,
)
from models.grant_followup import Outcome, Payment, ProjectReport, StaffAllocation
from models.meeting import Decision

from ...formatting import isodatetime
from ..grants import figures as grant_figures
from ..grants import payments as payment_service
from ..grants import reports as report_service
from ..meetings.protocol import protocol_data

SPOOL_BYTES = 8 * 1024 * 1024
GRANT_TABLES = (
    "funding_grant",
    "grant_year",
    "grant_change",
    "grant_budget",
    "payment",
    "outcome",
    "project_report",
    "staff_allocation",
)
_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_name(name: str) -> str:
    """A file name without folders or odd characters ('../x y.pdf' → 'x_y.pdf')."""
    return _UNSAFE.sub("_", name).strip("._") or "fil"


def build_bundle(grant: Grant) -> IO[bytes]:
    """The zip as an open binary file positioned at its start (caller streams and closes)."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned
    written: list[str] = []
    with force_locale("sv"), zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: str | bytes) -> None:
            stem, dot, suffix = name.rpartition(".")
            number = 2
            while name in written:  # two decisions may carry the same reference
                name = f"{stem}-{number}{dot}{suffix}"
                number += 1
            archive.writestr(name, data)
            written.append(name)

        add("bidrag.html", _grant_html(grant))
        if grant.application is not None:
            _add_application(grant.application, add)
        for label, decision in _decisions(grant):
            add(f"beslut/{safe_name(label)}.html", _extract_html(decision, label))
        add("utbetalningar.csv", payments_csv(grant))
        add("utfall.csv", outcomes_csv(grant))
        add("rapporter.csv", reports_csv(grant))
        for report in report_service.reports_for(grant):
            if report.is_submitted:
                add(
                    f"rapporter/{report.kind}-{report.due_on.isoformat()}.html",
                    render_template("grants/bundle_report.html", report=report),
                )
        add("andringslogg.csv", audit_csv(grant))
        contents = [
            f"Revisionsunderlag: {grant.name}",
            f"Skapat {isodatetime(utcnow())}",
            "",
            *written,
        ]
        archive.writestr("00-innehall.txt", "\r\n".join(contents) + "\r\n")
    spool.seek(0)
    return spool


def in_memory_if_small(file: IO[bytes]) -> IO[bytes]:
    """Small bundles as bytes (the spool is closed now); large ones stay a file to stream."""
    size = file.seek(0, io.SEEK_END)
    file.seek(0)
    if size > SPOOL_BYTES:
        return file  # on disk: send_file streams it and closes it when sent
    with file:
        return io.BytesIO(file.read())


def _grant_html(grant: Grant) -> str:
    figures = grant_figures.year_figures(grant)
    return render_template(
        "grants/bundle_grant.html",
        grant=grant,
        figures=figures,
        total=grant_figures.total_of(figures),
        comparisons=grant_figures.budget_vs_outcome(grant),
        categories=CATEGORY_LABELS,
        types=INSATS_TYPE_LABELS,
        statuses=STATUS_LABELS,
        staff=_staff(grant),
    )


def _staff(grant: Grant) -> list[StaffAllocation]:
    return list(
        db.session.scalars(
            select(StaffAllocation)
            .where(StaffAllocation.grant_id == grant.id)
            .order_by(StaffAllocation.person, StaffAllocation.start_on)
        )
    )


def _add_application(application: Application, add: Callable[[str, str | bytes], None]) -> None:
    """Print view, versions and attachments of the application behind the grant."""
    printed = _print_view(application)
    if printed:
        add("ansokan/ansokan.html", printed)
    for revision in getattr(application, "revisions", []):
        add(
            f"ansokan/version-{revision.number}.json",
            json.dumps(revision.snapshot, ensure_ascii=False, indent=2),
        )
        add(
            f"ansokan/version-{revision.number}.html",
            render_template(
                "grants/bundle_revision.html", application=application, revision=revision
            ),
        )
    for attachment in getattr(application, "attachments", []):
        add(
            f"ansokan/bilagor/{attachment.id}-{safe_name(attachment.filename)}",
            attachment.content or b"",
        )


def _print_view(application: Application) -> str | None:
    """The applications area's print view as HTML (None if that view is not installed)."""
    view = current_app.view_functions.get("applications.print_view")
    if view is None or not has_request_context():
        return None
    rule = next(current_app.url_map.iter_rules("applications.print_view"))
    kwargs = {name: application.id for name in rule.arguments}
    result = view(**kwargs)
    if isinstance(result, tuple):
        result = result[0]
    if isinstance(result, str):
        return result
    return result.get_data(as_text=True) if hasattr(result, "get_data") else None


def _decisions(grant: Grant) -> list[tuple[str, Decision]]:
    """The grant's decision and every amending decision, once each."""
    found: dict[int, tuple[str, Decision]] = {}
    for decision, label in [(grant.decision, grant.decision_reference)] + [
        (change.decision, change.decision_reference) for change in grant.changes
    ]:
        if decision is not None and decision.id not in found:
            found[decision.id] = (label or f"beslut-{decision.id}", decision)
    return list(found.values())


def _extract_html(decision: Decision, label: str) -> str:
    """A protocol extract (protokollsutdrag) of one decision."""
    paragraph = decision.paragraph
    item, data = None, None
    if paragraph is not None:
        data = protocol_data(paragraph.meeting)
        item = next((i for i in data.items if i.paragraph_id == paragraph.id), None)
    return render_template(
        "grants/bundle_extract.html", decision=decision, label=label, data=data, item=item
    )


PAYMENT_COLUMNS = [
    Column("paid_on", "Datum", "date"),
    Column("year", "Bidragsår", "year"),
    Column("amount", "Belopp", "money"),
    Column("covered_from", "Avser från", "date"),
    Column("covered_to", "Avser till", "date"),
    Column("reference", "Referens"),
    Column("reason", "Orsak till rättelse"),
    Column("corrects", "Rättar utbetalning", "integer", total=False),
    Column("by", "Registrerad av"),
    Column("id", "Id", "integer", total=False),
]
REPORT_COLUMNS = [
    Column("kind", "Rapport"),
    Column("due_on", "Senast", "date"),
    Column("submitted", "Inlämnad"),
    Column("period_start", "Period från", "date"),
    Column("period_end", "Period till", "date"),
    Column("started", "Började", "integer"),
    Column("ended", "Avslutade", "integer"),
    Column("to_work", "Till arbete", "integer"),
    Column("to_studies", "Till studier", "integer"),
    Column("to_other_support", "Till annat stöd", "integer"),
    Column("to_other", "Övrigt", "integer"),
]
AUDIT_COLUMNS = [
    Column("at", "Tid"),
    Column("user", "Användare"),
    Column("action", "Händelse"),
    Column("table", "Tabell"),
    Column("row", "Rad"),
    Column("changes", "Ändringar"),
]


def payments_csv(grant: Grant) -> bytes:
    """Every payment and correction of the grant."""
    rows = [
        dict(
            paid_on=p.paid_on,
            year=p.year,
            amount=p.amount,
            covered_from=p.covered_from,
            covered_to=p.covered_to,
            reference=p.reference,
            reason=p.reason,
            corrects=p.corrects_id,
            by=p.created_by.name if p.created_by else "",
            id=p.id,
        )
        for p in payment_service.payments_for(grant)
    ]
    return delimited.frame_to_csv(frame_of(rows, PAYMENT_COLUMNS), PAYMENT_COLUMNS)


def outcomes_csv(grant: Grant) -> bytes:
    """Budget and outcome per year and category."""
    rows = budget_outcome.category_records(grant_figures.budget_vs_outcome(grant))
    return delimited.frame_to_csv(frame_of(rows, CATEGORY_COLUMNS), CATEGORY_COLUMNS)


def reports_csv(grant: Grant) -> bytes:
    """The reports asked for and what was reported."""
    kinds = {"status": "Lägesrapport", "final": "Slutrapport"}
    rows = [
        dict(
            kind=kinds.get(r.kind, r.kind),
            due_on=r.due_on,
            submitted=isodatetime(r.submitted_at),
            period_start=r.period_start,
            period_end=r.period_end,
            started=r.participants_started,
            ended=r.participants_ended,
            to_work=r.to_work,
            to_studies=r.to_studies,
            to_other_support=r.to_other_support,
            to_other=r.to_other,
        )
        for r in report_service.reports_for(grant)
    ]
    return delimited.frame_to_csv(frame_of(rows, REPORT_COLUMNS), REPORT_COLUMNS)


def audit_entries(grant: Grant) -> list[AuditEntry]:
    """Audit rows of the grant and of every record belonging to it (deleted ones too)."""
    models = {
        m.__tablename__: m
        for m in (
            GrantYear,
            GrantChange,
            GrantBudget,
            Payment,
            Outcome,
            ProjectReport,
            StaffAllocation,
        )
    }
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.table_name.in_(GRANT_TABLES)).order_by(AuditEntry.id)
    )
    return [e for e in entries if _belongs(e, grant.id, models)]


def _belongs(entry: AuditEntry, grant_id: int, models: dict[str, Any]) -> bool:
    if entry.table_name == "funding_grant":
        return entry.row_id == str(grant_id)
    values = (entry.changes or {}).get("grant_id")
    if values is None:  # an update that did not touch grant_id: look the row up
        model = models.get(entry.table_name)
        row = db.session.get(model, int(entry.row_id)) if model and entry.row_id.isdigit() else None
        return row is not None and getattr(row, "grant_id", None) == grant_id
    return grant_id in values


def audit_csv(grant: Grant) -> bytes:
    """The grant's audit trail as CSV: who changed what, when."""
    rows = [
        dict(
            at=isodatetime(e.at),
            user=e.user.name if e.user else "",
            action=ACTIONS.get(e.action, e.action),
            table=e.table_name,
            row=e.row_id,
            changes=json.dumps(e.changes, ensure_ascii=False, sort_keys=True),
        )
        for e in audit_entries(grant)
    ]
    return delimited.frame_to_csv(frame_of(rows, AUDIT_COLUMNS), AUDIT_COLUMNS)
