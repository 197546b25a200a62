"""The grants register (the list of insatser): its totals per year, its pages and its
year filter, as the ekonom sees it.

Apart from tests/web/test_grants.py (what is done to one grant: payments, outcomes,
reports, closing) because these tests read the list page as a whole and compare it
with the board's decisions, year by year.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app import clock, paging
from app.services.grants import lifecycle as service
from models import db
from models.grant import INSATS_TYPE_LABELS, STATUS_LABELS, Grant, GrantYear

from ..conftest import WebClient, html_text

D = Decimal


@pytest.fixture
def ekonom(web: WebClient, demo: dict) -> WebClient:
    web.login("ekonom@example.com")
    return web


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
