"""Grants in the browser's place: register, payments, outcomes, reports, staff, closing."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app import clock, paging
from app.services.grants import lifecycle as service
from app.services.grants import payments
from models import db
from models.grant import INSATS_TYPE_LABELS, STATUS_LABELS, Grant, GrantChange, GrantYear
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


def test_register_totals_match_the_granted_figures_and_filters_work(
    app: Flask, ekonom: WebClient
) -> None:
    text = html_text(ekonom.get("/grants/?year=all"))
    for name in ("En väg in – processledare 2016", "Vägen in", "Trisam – samverkansteam"):
        assert name in text
    with app.app_context():
        expected = {y: service.granted_in_year(y) for y in (2016, 2025, 2026)}
    assert expected == {2016: D("512000.00"), 2025: D("1660000.00"), 2026: D("2120000.00")}
    assert (
        '<tr data-year="2026"> <th scope="row">2026</th> '
        '<td class="text-end text-nowrap" data-col="granted">2 120 000 kr</td>' in text
    )
    closed = html_text(ekonom.get("/grants/?status=closed&year=all"))
    assert "En väg in – processledare 2016" in closed and "Trisam" not in closed
    only_2016 = html_text(ekonom.get("/grants/?year=2016"))
    assert "Vägen in<" not in only_2016 and "512 000 kr" in only_2016
    own = html_text(ekonom.get("/grants/?type=own&year=all"))
    assert "Processledare – förbundets egen insats" in own and "Trisam" not in own


def test_register_pages_its_rows_but_totals_cover_every_grant(
    ekonom: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = html_text(ekonom.get("/grants/?year=all"))
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    pages = [html_text(ekonom.get(f"/grants/?year=all&page={n}")) for n in (1, 2, 3, 99)]
    shown = [re.findall(r'<tr data-grant="(\d+)"', page) for page in pages]
    assert [len(ids) for ids in shown] == [2, 2, 1, 1]  # page 99 shows the last page
    assert len(set(shown[0] + shown[1] + shown[2])) == 5
    assert "Visar 1–2 av 5 insatser" in html_text(ekonom.get("/grants/?year=all&page=1"))
    totals = whole[whole.index('data-testid="year-totals"') :]
    for page in pages:
        assert page[page.index('data-testid="year-totals"') :] == totals


YEAR_TOTALS = {  # granted, paid, remaining to pay, outcome in the demo
    2025: ("1 660 000 kr", "1 660 000 kr", "0 kr", "1 616 500 kr"),
    2026: ("2 120 000 kr", "1 340 000 kr", "780 000 kr", "433 200 kr"),
}


def _year_select(text: str) -> str:
    return text[text.index('id="f-year"') : text.index("</select>", text.index('id="f-year"'))]


@pytest.mark.parametrize("year", sorted(YEAR_TOTALS))
def test_register_opens_on_the_current_year_and_all_years_is_a_choice(
    app: Flask, ekonom: WebClient, monkeypatch: pytest.MonkeyPatch, year: int
) -> None:
    """Without a year in the address the register shows the current year: the grants with
    money granted that year and that year's totals, equal to the board's decisions to the
    krona. The filter shows the year chosen and offers every year and "Alla år"."""
    monkeypatch.setattr(clock, "today", lambda: date(year, 6, 1))
    text = html_text(ekonom.get("/grants/"))
    assert (
        f"Visar {year}: insatserna med beviljade medel det året och årets summor. "
        "Välj ”Alla år” för hela historiken."
    ) in text
    select_year = _year_select(text)
    assert f'<option value="{year}" selected>{year}</option>' in select_year
    assert '<option value="all">Alla år</option>' in select_year
    assert re.findall(r'<option value="(\d+)"', select_year) == [
        str(y) for y in range(2026, 2015, -1)
    ]
    shown = re.findall(r'<tr data-grant="\d+"> <td><a href="[^"]*">([^<]*)</a>', text)
    with app.app_context():
        with_money = db.session.scalars(
            select(Grant.name).join(GrantYear).where(GrantYear.year == year)
        ).all()
        granted = service.granted_in_year(year)
    assert sorted(shown) == sorted(with_money) and "En väg in – processledare 2016" not in shown
    assert len(shown) == {2025: 3, 2026: 4}[year]
    totals = text[text.index('data-testid="year-totals"') :]
    assert re.findall(r'<tr data-year="(\d+)">', totals) == [str(year)]
    cells = re.findall(r'<td class="text-end text-nowrap" data-col="\w+">([^<]*)</td>', totals)
    assert tuple(cells) == YEAR_TOTALS[year]
    assert YEAR_TOTALS[year][0] == f"{granted:,.0f} kr".replace(",", " ")
    asked = html_text(ekonom.get(f"/grants/?year={year}"))
    table = 'data-testid="register"'
    assert asked[asked.index(table) :] == text[text.index(table) :]

    every = html_text(ekonom.get("/grants/?year=all"))
    assert "Visar alla år: varje insats och summorna för varje år." in every
    assert '<option value="all" selected>Alla år</option>' in _year_select(every)
    every_totals = every[every.index('data-testid="year-totals"') :]
    assert re.findall(r'<tr data-year="(\d+)">', every_totals) == ["2016", "2025", "2026"]
    assert len(re.findall(r'<tr data-grant="\d+">', every)) == 5
    labelled = re.findall(
        r'<tr data-grant="\d+"> <td><a href="[^"]*">([^<]*)</a><br><small class="text-muted">'
        r'([^<]*)</small></td>.*?<span class="badge [^"]*">([^<]*)</span></td> </tr>',
        every,
    )
    with app.app_context(), app.test_request_context():
        expected = {
            (g.name, str(INSATS_TYPE_LABELS[g.insats_type]), str(STATUS_LABELS[g.status]))
            for g in db.session.scalars(select(Grant))
        }
    assert set(labelled) == expected
    assert ("Vägen in", "Individinriktad (med deltagare)", "Pågående") in expected


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
