"""The audit trail shows values as the rest of the app does, not as stored.

Codes read as their Swedish labels, money as kronor, yes/no as Ja/Nej and a
reference as the name of what it points to, on the page and in the workbook.
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from flask import Flask
from sqlalchemy import event, select

from models import Attendance, AuditEntry, CoFinancing, Grant, Organisation, Payment, db

from ..conftest import WebClient, html_text


@pytest.fixture
def chef(web: WebClient, demo: dict) -> WebClient:
    web.login("chef@example.com")
    return web


def _text(response: object) -> str:
    """The page's words, tags removed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html_text(response)))


def _changes(app: Flask) -> dict[str, int | str]:
    """Change a co-financing line, an attendance and record a payment, as the app would."""
    with app.app_context():
        line = db.session.scalars(
            select(CoFinancing).where(CoFinancing.kind == "cash").order_by(CoFinancing.id)
        ).first()
        assert line is not None
        line.amount = Decimal("15000.00")
        db.session.commit()
        organisation = db.session.scalars(
            select(Organisation).where(Organisation.id != line.organisation_id)
        ).first()
        assert organisation is not None
        line.kind, line.amount = "in_kind", Decimal("16000.00")
        line.organisation_id = organisation.id
        attendance = db.session.scalars(
            select(Attendance).where(Attendance.status == "present").order_by(Attendance.id)
        ).first()
        assert attendance is not None
        attendance.status = "absent"
        grant = db.session.scalars(select(Grant).order_by(Grant.id)).first()
        assert grant is not None
        payment = Payment(
            grant_id=grant.id,
            year=2026,
            paid_on=date(2026, 3, 2),
            amount=Decimal("1234.50"),
            date_confirmed=True,
            date_reason="Beslutat i efterhand",
        )
        db.session.add(payment)
        db.session.commit()
        return {
            "line": line.id,
            "attendance": attendance.id,
            "payment": payment.id,
            "organisation": organisation.label,
        }


def test_the_trail_shows_labels_kronor_yes_no_and_names(app: Flask, chef: WebClient) -> None:
    done = _changes(app)
    text = _text(chef.get(f"/admin/audit?table=co_financing&row={done['line']}"))
    assert "Typ: Pengar → I annat än pengar (t.ex. personaltid)" in text
    assert "Belopp: 15 000 kr → 16 000 kr" in text
    assert f"→ {done['organisation']}" in text
    assert "cash" not in text and "in_kind" not in text and "16000.00" not in text

    text = _text(chef.get(f"/admin/audit?table=attendance&row={done['attendance']}"))
    assert "Status: Närvarande → Frånvarande" in text
    assert "absent" not in text

    text = _text(chef.get(f"/admin/audit?table=payment&row={done['payment']}"))
    assert "Datumet bekräftat: – → Ja" in text
    assert "Belopp: – → 1 234,50 kr" in text
    assert "True" not in text


def test_a_reference_to_a_deleted_row_says_so(app: Flask, chef: WebClient) -> None:
    with app.app_context():
        organisation = Organisation(name="Tillfällig part", kind="external")
        db.session.add(organisation)
        db.session.commit()
        organisation_id = organisation.id
        db.session.delete(organisation)
        db.session.add(
            AuditEntry(
                action="update",
                table_name="co_financing",
                row_id="987654",
                changes={"organisation_id": [None, organisation_id]},
            )
        )
        db.session.commit()
    text = _text(chef.get("/admin/audit?table=co_financing&row=987654"))
    assert f"Organisation: – → #{organisation_id} (borttagen)" in text


def test_the_export_has_the_same_texts(app: Flask, chef: WebClient) -> None:
    done = _changes(app)
    response = chef.get(f"/admin/audit.xlsx?table=co_financing&row={done['line']}")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data), data_only=True).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    changed = {row[5]: row[6:8] for row in reversed(rows) if row[2] == "Ändrad"}  # newest
    assert changed["Typ"] == ("Pengar", "I annat än pengar (t.ex. personaltid)")
    assert changed["Belopp"] == ("15\xa0000\xa0kr", "16\xa0000\xa0kr")
    assert changed["Organisation"][1] == done["organisation"]


def test_names_are_read_once_per_table_not_once_per_row(app: Flask, chef: WebClient) -> None:
    """A page of many co-financing lines sends as many statements as a page of one."""
    with app.app_context():
        line_ids = db.session.scalars(select(CoFinancing.id)).all()
        organisations = db.session.scalars(select(Organisation.id)).all()
        engine = db.engine
    assert len(line_ids) > 3 and len(organisations) > 3
    sent = 0

    def count(*_args: object) -> None:
        nonlocal sent
        sent += 1

    counts = []
    event.listen(engine, "before_cursor_execute", count)
    try:
        for url in (
            f"/admin/audit?table=co_financing&row={line_ids[0]}",
            "/admin/audit?table=co_financing",
        ):
            chef.get(url)
            sent = 0
            assert chef.get(url).status_code == 200
            counts.append(sent)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert counts[1] == counts[0]
