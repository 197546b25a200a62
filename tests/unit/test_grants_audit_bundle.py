"""The revisor's zip: a justerad decision becomes a grant; everything about it is in one file."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal
from typing import Any

from flask import Flask
from sqlalchemy import select

from app.services.admin import audit_bundle
from app.services.grants import outcomes, payments, reports
from app.services.meetings import agenda, decisions
from app.services.meetings import lifecycle as meetings
from models import ApplicationStatus, db
from models.application import Attachment
from models.grant import Grant

from .test_meetings_support import Board, application, attend, funds, justera

D = Decimal


def _granted_by_the_board() -> Grant:
    """A meeting decides 512 000 kr for En väg in; justering creates the grant."""
    board = Board()
    funds(2026, "1000000")
    app_ = application(board.orgs["Ludvika"], "En väg in", {2026: "512000"})
    app_.attachments.append(
        Attachment(
            filename="../budget 2026.xlsx",
            content_type="x",
            size=5,
            sha256="0" * 64,
            content=b"bytes",
        )
    )
    m = meetings.create_meeting(date(2026, 3, 12), place="Ludvika")
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region", "Ludvika", "Smedjebacken"])
    item = next(p for p in m.paragraphs if p.kind == "application")
    decisions.record_decision(
        item,
        outcome="granted",
        years={2026: D("512000")},
        conditions="Slutrapport lämnas.",
        report_dates=[("final", date(2027, 2, 28))],
        over_budget_confirmed=False,
    )
    justera(m, board, date(2026, 3, 19))
    return db.session.scalar(select(Grant).where(Grant.application_id == app_.id))


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, Any]]:
    text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_justering_creates_the_grant_with_its_decision(app_ctx: Flask) -> None:
    grant = _granted_by_the_board()
    assert grant is not None and grant.decision is not None
    assert grant.decision_reference == f"§ {grant.decision.paragraph.number}, Sammanträde 1/2026"
    assert [(y.year, y.amount) for y in grant.years] == [(2026, D("512000.00"))]
    assert [(r.kind, r.due_on) for r in reports.reports_for(grant)] == [
        ("final", date(2027, 2, 28))
    ]
    assert grant.application.status == ApplicationStatus.IN_PROGRESS


def test_audit_bundle_holds_everything_about_the_grant(app_ctx: Flask) -> None:
    grant = _granted_by_the_board()
    payments.record_payment(
        grant,
        year=2026,
        amount=D("256000"),
        paid_on=date(2026, 4, 1),
        reference="Rekv 1",
        user=None,
    )
    payments.record_payment(
        grant,
        year=2026,
        amount=D("-1000.50"),
        paid_on=date(2026, 4, 2),
        reason="Fel belopp",
        user=None,
    )
    outcomes.set_outcome(grant, year=2026, category="premises", amount=D("96000"), user=None)
    report = reports.reports_for(grant)[0]
    reports.submit_report(
        report,
        reports.ReportContent(
            date(2026, 1, 1), date(2026, 12, 31), participants_started=46, narrative="<b>Klart</b>"
        ),
        user=None,
    )
    db.session.flush()
    with audit_bundle.build_bundle(grant) as file, zipfile.ZipFile(file) as archive:
        names = set(archive.namelist())
        label = grant.decision_reference
        expected = {
            "00-innehall.txt",
            "bidrag.html",
            "utbetalningar.csv",
            "utfall.csv",
            "rapporter.csv",
            "andringslogg.csv",
            f"ansokan/bilagor/{grant.application.attachments[0].id}-budget_2026.xlsx",
            "rapporter/final-2027-02-28.html",
            f"beslut/{audit_bundle.safe_name(label)}.html",
        }
        assert expected <= names
        extract = archive.read(f"beslut/{audit_bundle.safe_name(label)}.html").decode()
        assert "Utdrag ur protokollet" in extract and "En väg in" in extract
        assert "512\xa0000\xa0kr" in extract
        paid = _csv(archive, "utbetalningar.csv")
        assert [(r["Belopp"], r["Referens"], r["Orsak till rättelse"]) for r in paid] == [
            ("256000,00", "Rekv 1", ""),
            ("-1000,50", "", "Fel belopp"),
        ]
        assert _csv(archive, "utfall.csv")[0]["Utfall"] == "96000,00"
        report_html = archive.read("rapporter/final-2027-02-28.html").decode()
        assert "&lt;b&gt;Klart&lt;/b&gt;" in report_html and "<b>Klart" not in report_html
        trail = _csv(archive, "andringslogg.csv")
        tables = {r["Tabell"] for r in trail}
        assert {"funding_grant", "grant_year", "payment", "outcome", "project_report"} <= tables
        assert sum(1 for r in trail if r["Tabell"] == "payment") == 2
        assert archive.read(next(n for n in names if n.startswith("ansokan/bilagor/"))) == b"bytes"
        assert "bidrag.html" in archive.read("00-innehall.txt").decode()


def test_safe_name_keeps_files_inside_their_folder() -> None:
    assert audit_bundle.safe_name("../../etc/passwd") == "etc_passwd"
    assert audit_bundle.safe_name("§ 6, Sammanträde 1/2026") == "6_Sammanträde_1_2026"
