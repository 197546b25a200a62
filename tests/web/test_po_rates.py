"""Inställningar → PO-pålägg through the pages, and the calculator that uses the rates."""

from __future__ import annotations

from decimal import Decimal

from flask import Flask
from sqlalchemy import select

from app.services.applications import lines
from app.services.money import po_rates
from models import Organisation, PoRate, db

from ..conftest import as_user, html_text


def _cell(page: str, year: int, employer: str) -> str:
    """The text of one cell of the table (year row, employer column)."""
    row = page.split(f'data-year="{year}"', 1)[1].split("</tr>", 1)[0]
    cell = row.split(f'data-employer="{employer}"', 1)[1].split("</td>", 1)[0]
    return " ".join(cell.replace(">", "> ").split())


def test_the_table_shows_skr_rates_own_rates_and_gaps(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    page = chef.get("/admin/po-rates").get_data(as_text=True)
    assert "40,15 %" in _cell(page, 2020, "kommun") and "(SKR)" in _cell(page, 2020, "kommun")
    assert "39,15 %" in _cell(page, 2019, "kommun")
    assert "ej angivet" in _cell(page, 2020, "region")  # SKR gives no region 2020
    state = _cell(page, 2026, "state")
    assert "48 %" in state and "Angiven av förbundet" in state and "SKR" not in state
    assert 'href="/admin/po-rates"' in chef.get("/admin/settings").get_data(as_text=True)


def test_the_ekonom_sets_a_rate_and_a_year_without_one_is_not_set(app: Flask, demo: dict) -> None:
    ekonom = as_user(app, "ekonom@example.com")
    response = ekonom.post(
        "/admin/po-rates", {"year": "2030", "employer": "kommun", "rate": "45,10", "source": "skr"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert po_rates.rate_for("kommun", 2030) == Decimal("45.10")
        assert po_rates.rate_for("kommun", 2031) is None
    refused = ekonom.post("/admin/po-rates", {"year": "2030", "employer": "kommun", "rate": ""})
    assert refused.status_code == 400
    assert "Skriv satsen i procent" in html_text(refused)
    # the calculator for a year without a rate says so, never borrows 2030's or 2029's
    response = ekonom.get(
        "/money/staff-cost?percent=30&annual_salary=400000&employer=kommun&year=2031&months=12"
    )
    assert response.status_code == 400
    assert "PO-pålägg för Kommun 2031 är ej angivet" in html_text(response)
    board = as_user(app, "styrelse@example.com")
    assert board.post("/admin/po-rates", {"year": "2030"}).status_code == 403


def test_removing_a_rate_leaves_the_year_without_one(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    with app.app_context():
        row = po_rates.rate_row("kommun", 2027)
        rate_id = row.id
    text = html_text(
        chef.get("/money/staff-cost?percent=30&annual_salary=400000&employer=kommun&year=2027")
    )
    assert "44,53 %" in text and "(Angiven av förbundet)" in text
    assert chef.post(f"/admin/po-rates/{rate_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(PoRate, rate_id) is None
        assert po_rates.rate_for("kommun", 2027) is None
    response = chef.get(
        "/money/staff-cost?percent=30&annual_salary=400000&employer=kommun&year=2027"
    )
    assert "ej angivet" in html_text(response)


def test_a_staff_line_in_a_year_without_a_rate_asks_for_it(app: Flask, demo: dict) -> None:
    with app.app_context():
        org = db.session.query(Organisation).filter_by(name="Ludvika kommun").one()
        assert lines.po_rate_for(org, 2026) == Decimal("44.53")
        db.session.execute(PoRate.__table__.delete().where(PoRate.year == 2026))
        try:
            lines.po_rate_for(org, 2026)
        except po_rates.PoRateError as error:
            assert "2026" in str(error)
        else:
            raise AssertionError("a year without a rate must not borrow one")
        db.session.rollback()


def test_a_new_forbund_adds_skrs_rates_with_one_button(app: Flask, demo: dict) -> None:
    with app.app_context():
        db.session.execute(PoRate.__table__.delete())
        db.session.commit()
    ekonom = as_user(app, "ekonom@example.com")
    page = html_text(ekonom.get("/admin/po-rates"))
    assert "Lägg in SKR:s publicerade satser (9 saknas)" in page
    assert ekonom.post("/admin/po-rates/skr").status_code == 302
    with app.app_context():
        rows = db.session.scalars(select(PoRate)).all()
        assert len(rows) == 9 and {r.source for r in rows} == {"skr"}
    assert "Lägg in SKR:s publicerade satser" not in html_text(ekonom.get("/admin/po-rates"))
