"""Grants in the browser's place: payments, outcomes, reports, staff, closing (the register
list is tests/web/test_grants_register.py)."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.grants import lifecycle as service
from app.services.grants import payments
from models import db
from models.grant import Grant, GrantChange
from models.grant_followup import Outcome, Payment, ProjectReport

from ..conftest import WebClient, html_text

D = Decimal


def grant_id(app: Flask, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Grant.id).where(Grant.name == name))


@pytest.fixture
def ekonom(web: WebClient, demo: dict) -> WebClient:
    web.login("ekonom@example.com")
    return web


def test_ekonom_records_a_payment_typed_the_swedish_way(app: Flask, ekonom: WebClient) -> None:
    gid = grant_id(app, "Vägen in")
    response = ekonom.post(
        f"/grants/{gid}/payments/new",
        {
            "year": "2026",
            "paid_on": "2026-11-20",
            "amount": "159 999,50 kr",
            "covered_from": "2026-10-01",
            "covered_to": "2026-12-31",
            "reference": "Rekv V-2026-4",
        },
    )
    assert response.status_code == 302
    text = html_text(ekonom.client.get(response.headers["Location"]))
    assert "En utbetalning på 159 999,50 kr för 2026 är registrerad." in text
    with app.app_context():
        grant = db.session.get(Grant, gid)
        assert payments.paid_for(grant, 2026) == D("639999.50")
    assert "Rekv V-2026-4" in text


def test_payment_over_the_grant_is_refused_with_figures_and_input_kept(
    app: Flask, ekonom: WebClient
) -> None:
    gid = grant_id(app, "Vägen in")
    response = ekonom.post(
        f"/grants/{gid}/payments/new",
        {"year": "2026", "paid_on": "2026-11-20", "amount": "160 000,01", "reference": "Rekv X"},
    )
    assert response.status_code == 400
    text = html_text(response)
    assert (
        "Utbetalningen på 160 000,01 kr nekas: 480 000 kr av beviljade 640 000 kr för 2026 "
        "är redan utbetalt, så högst 160 000 kr återstår."
    ) in text
    assert 'value="160 000,01"' in text and 'value="Rekv X"' in text
    with app.app_context():
        assert db.session.scalar(select(Payment).where(Payment.reference == "Rekv X")) is None


def test_correction_needs_a_reason_and_is_a_new_row(app: Flask, ekonom: WebClient) -> None:
    gid = grant_id(app, "Vägen in")
    url = f"/grants/{gid}/payments/new"
    response = ekonom.post(url, {"year": "2026", "paid_on": "2026-11-20", "amount": "-1 000"})
    assert "En rättelse (ett negativt belopp) måste ha en orsak." in html_text(response)
    response = ekonom.post(
        url,
        {
            "year": "2026",
            "paid_on": "2026-11-20",
            "amount": "-1 000",
            "reason": "Rekvisitionen var för hög",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        query = select(Payment).where(Payment.grant_id == gid).order_by(Payment.id)
        rows = db.session.scalars(query).all()
        assert rows[-1].amount == D("-1000.00") and rows[-1].reason == "Rekvisitionen var för hög"
        assert payments.paid_for(db.session.get(Grant, gid), 2026) == D("479000.00")


def test_there_is_no_way_to_edit_or_delete_a_payment(app: Flask) -> None:
    payment_rules = [r for r in app.url_map.iter_rules() if "payment" in r.rule]
    assert {r.endpoint for r in payment_rules} == {
        "grants.payment_list",
        "grants.payment_new",
        "grants.payments_xlsx",
        "grants.payments_sie",
    }
    assert all(r.methods <= {"GET", "POST", "HEAD", "OPTIONS"} for r in payment_rules)


def test_projektagare_sees_only_their_own_and_reports_outcome(
    app: Flask, web: WebClient, demo: dict
) -> None:
    web.login("projektagare@example.com")
    text = html_text(web.get("/grants/?year=all"))
    assert "Vägen in" in text and "Trisam" not in text and "Kvinnocoacher" not in text
    gid = grant_id(app, "Vägen in")
    assert web.get(f"/grants/{gid}/payments/new").status_code == 403
    response = web.post(
        f"/grants/{gid}/outcomes",
        {"year": "2026", "category": "material", "amount": "12 400", "comment": "Datorer"},
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(
            select(Outcome).where(
                Outcome.grant_id == gid, Outcome.category == "material", Outcome.year == 2026
            )
        )
        assert (row.year, row.amount, row.comment) == (2026, D("12400.00"), "Datorer")
    other = grant_id(app, "Trisam – samverkansteam")
    assert (
        web.post(
            f"/grants/{other}/outcomes", {"year": "2026", "category": "material", "amount": "1"}
        ).status_code
        == 403
    )


def test_projektagare_submits_the_final_report(app: Flask, web: WebClient, demo: dict) -> None:
    gid = grant_id(app, "Vägen in")
    with app.app_context():
        report_id = db.session.scalar(
            select(ProjectReport.id).where(
                ProjectReport.grant_id == gid, ProjectReport.kind == "final"
            )
        )
    web.login("projektagare@example.com")
    form = web.get(f"/grants/reports/{report_id}/submit")
    assert "Slutrapport" in html_text(form)
    response = web.post(
        f"/grants/reports/{report_id}/submit",
        {
            "period_start": "2025-01-01",
            "period_end": "2026-12-31",
            "participants_started": "52",
            "participants_ended": "40",
            "to_work": "18",
            "to_studies": "7",
            "to_other_support": "9",
            "to_other": "6",
            "narrative": "Insatsen har nått målen.",
            "outcome_year": "2026",
            "outcome_material": "15 000",
        },
    )
    assert response.status_code == 302
    text = html_text(web.get(response.headers["Location"]))
    assert "Insatsen har nått målen." in text and "Johan Berg" in text
    with app.app_context():
        report = db.session.get(ProjectReport, report_id)
        assert report.is_submitted and report.to_work == 18


def test_chef_sees_reports_due_and_overdue(web: WebClient, demo: dict) -> None:
    web.login("chef@example.com")
    text = html_text(web.get("/grants/reports"))
    # Trisam's lägesrapport came in before § 44, 4/2026 noted it; the own insats's is late
    assert "Processledare – förbundets egen insats" in text and "Försenad" in text


def test_chef_registers_own_insats_and_an_amendment(app: Flask, web: WebClient, demo: dict) -> None:
    web.login("chef@example.com")
    page = web.get("/grants/new")
    assert "Registrera egen insats" in html_text(page)
    with app.app_context():
        owner = service.forbund_organisation().id
    response = web.post(
        "/grants/new",
        {
            "name": "Samverkansutbildning",
            "owner_id": str(owner),
            "insats_type": "own",
            "decision_reference": "§ 12, Sammanträde 2/2027",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "year_1": "2027",
            "amount_1": "120 000",
            "conditions": "Redovisas i årsredovisningen.",
            "final_due": "2028-01-31",
        },
    )
    assert response.status_code == 302
    gid = int(response.headers["Location"].rstrip("/").split("/")[-1])
    response = web.post(
        f"/grants/{gid}/amend",
        {
            "decision_reference": "§ 30, Sammanträde 4/2027",
            "year_1": "2027",
            "amount_1": "30 000",
            "period_end": "2028-03-31",
            "note": "Tillägg för fler deltagare",
        },
    )
    assert response.status_code == 302
    text = html_text(web.get(f"/grants/{gid}"))
    assert "2027: 120 000 kr → 150 000 kr" in text and "§ 30, Sammanträde 4/2027" in text
    assert "Perioden slutar 2027-12-31 → 2028-03-31" in text
    with app.app_context():
        assert (
            len(db.session.scalars(select(GrantChange).where(GrantChange.grant_id == gid)).all())
            == 3
        )


def test_own_insats_without_a_year_is_refused_beside_the_field(web: WebClient, demo: dict) -> None:
    web.login("chef@example.com")
    response = web.post(
        "/grants/new",
        {
            "name": "X",
            "owner_id": str(demo["orgs"]["AME"]),
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "decision_reference": "§ 1",
        },
    )
    assert response.status_code == 400
    text = html_text(response)
    assert "Ange beviljat belopp för minst ett år." in text and 'value="X"' in text


def test_closing_is_refused_until_settled_and_then_read_only(app: Flask, ekonom: WebClient) -> None:
    gid = grant_id(app, "Vägen in")
    response = ekonom.post(f"/grants/{gid}/close", {})
    assert response.status_code == 400
    assert "Slutrapporten har inte lämnats in." in html_text(response)
    closed = grant_id(app, "En väg in – processledare 2016")
    response = ekonom.get(f"/grants/{closed}/payments/new")
    assert response.status_code == 302
    text = html_text(ekonom.client.get(response.headers["Location"]))
    assert "är avslutat och kan inte längre ändras" in text
    assert "Registrera utbetalning" not in text
    response = ekonom.post(
        f"/grants/{closed}/payments/new",
        {"year": "2016", "paid_on": "2026-11-20", "amount": "-1", "reason": "test"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert payments.paid_for(db.session.get(Grant, closed), 2016) == D("512000.00")


def test_staff_above_100_percent_is_warned(app: Flask, web: WebClient, demo: dict) -> None:
    web.login("chef@example.com")
    text = html_text(web.get("/grants/staffing"))
    assert "Sara Nilsson" in text and "Över 100 %: som mest 115 %" in text
    gid = grant_id(app, "Kvinnocoacher för arbetsåtergång")
    response = web.post(
        f"/grants/{gid}/staff/new",
        {
            "person": "Peter Ek",
            "employer_id": "",
            "percent": "60",
            "start_on": "2026-03-01",
            "end_on": "2026-12-31",
            "annual_salary": "432 000",
            "po_rate": "44,53",
        },
        follow_redirects=True,
    )
    assert "Peter Ek skulle få 110 % av heltid" in html_text(response)


def test_revisor_downloads_the_audit_bundle(app: Flask, web: WebClient, demo: dict) -> None:
    gid = grant_id(app, "En väg in – processledare 2016")
    web.login("revisor@example.com")
    response = web.get(f"/grants/{gid}/audit-bundle.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert (
        "revisionsunderlag-en-vag-in-processledare-2016.zip"
        in response.headers["Content-Disposition"]
    )
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        paid = archive.read("utbetalningar.csv").decode("utf-8-sig")
        assert paid.count("128000,00") == 4
    board = WebClient(app.test_client())
    board.login("styrelse@example.com")
    assert board.get(f"/grants/{gid}/audit-bundle.zip").status_code == 403
