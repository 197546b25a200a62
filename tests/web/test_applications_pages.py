"""An application's pages: the page, print view, versions and what each role may open."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from flask import Flask
from markupsafe import escape
from sqlalchemy import select, text
from sqlalchemy.orm import selectinload

from models import Application, db

from ..conftest import as_user, html_text


def app_id(app: Flask, title: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Application.id).where(Application.title == title))


def test_print_view_is_laid_out_like_the_form(app: Flask, demo: dict) -> None:
    board = as_user(app, "styrelse@example.com")
    evi = app_id(app, "En väg in")
    text = html_text(board.get(f"/applications/{evi}/print"))
    for part in (
        "Ansökan om medel",
        "2016/001",
        "1. Insatsen",
        "2. Sökande",
        "3. Bakgrund och problembeskrivning",
        "Sökt från förbundet",
        "512 000 kr",
        "Förslag till beslut",
        "Underskrift",
    ):
        assert part in text, part


def visible_text(response: Any) -> str:
    """What the reader sees: the body without its tags, whitespace folded."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html_text(response)))).strip()


def test_the_page_shows_the_application_with_its_lists_and_names(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    evi = app_id(app, "En väg in")
    text = visible_text(chef.get(f"/applications/{evi}"))
    for part in (
        "2016/001",
        "Projektägare AME Smedjebacken (Smedjebackens kommun)",  # a unit with its kommun
        "Medsökande IFO Smedjebacken (Smedjebackens kommun); Arbetsförmedlingen; Försäkringskassan",
        "Planerade deltagare 2016: 60",
        "2016 Processledare Anna Lund Arbetsmarknadsenheten Ludvika (Ludvika kommun) 100 %",
        "2016 Handläggare AME AME Smedjebacken (Smedjebackens kommun) 30 % (12,0 h/vecka) "
        "156 000 kr per år 12 156 000 kr",  # entered as an annual cost
        "2016 Lokaler Lokalhyra för plattformen 96 000 kr",
        "2016 Arbetsförmedlingen Pengar Andel av driftskostnad 14 500 kr",  # co-financier
        "985 000 kr",  # total cost
        "512 000 kr",  # requested
        "Tidsplan En väg in.pdf – Tidsplan",
        "Versioner (2)",
        "Johan Berg · Utkast → Inkommen",  # who made each status change
        "Karin Lindqvist · Inkommen → Under beredning",
        "Maria Holm · Pågående → Avslutad",
    ):
        assert part in text, part
    assert "System" not in text
    steps = ("Utkast → Inkommen", "Under beredning → Föreslagen", "Beviljad → Pågående")
    history = [text.index(step) for step in steps]
    assert history == sorted(history)  # the history in the order it happened


def test_a_follow_on_names_the_application_it_refers_to(app: Flask, demo: dict) -> None:
    board = as_user(app, "styrelse@example.com")
    evi = app_id(app, "En väg in")
    follow_on = app_id(app, "En väg in – förlängning 2017")
    text = html_text(board.get(f"/applications/{follow_on}"))
    assert f'Förlängningsansökan – avser <a href="/applications/{evi}">2016/001 En väg in</a>' in (
        text
    )
    printed = visible_text(board.get(f"/applications/{follow_on}/print"))
    assert "Förlängningsansökan (avser 2016/001 En väg in)" in printed
    text = visible_text(board.get(f"/applications/{evi}"))
    assert "avser" not in text and "Typ av ansökan Ny ansökan" in text


def test_the_page_shows_names_as_they_are_now(app: Flask, demo: dict) -> None:
    """A change made outside the app (psql) shows on the next request."""
    chef = as_user(app, "chef@example.com")
    evi = app_id(app, "En väg in")
    assert "AME Smedjebacken (Smedjebackens kommun)" in html_text(chef.get(f"/applications/{evi}"))
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(
            text("UPDATE organisation SET name = 'Smedjebacken' WHERE id = :id"),
            {"id": demo["orgs"]["Smedjebacken"]},
        )
        connection.execute(
            text("UPDATE user_account SET name = 'Johan Bergström' WHERE id = :id"),
            {"id": demo["users"]["projektagare"]},
        )
    for page in (f"/applications/{evi}", f"/applications/{evi}/print"):
        shown = visible_text(chef.get(page))
        assert "AME Smedjebacken (Smedjebacken)" in shown, page
        assert "Smedjebackens kommun" not in shown, page
    assert "Johan Bergström · Utkast → Inkommen" in visible_text(chef.get(f"/applications/{evi}"))


def test_every_page_of_an_application_that_does_not_exist_is_not_found(
    app: Flask, demo: dict
) -> None:
    chef = as_user(app, "chef@example.com")
    for suffix in ("", "/print", "/history", "/edit", "/proposal"):
        assert chef.get(f"/applications/{10**9}{suffix}").status_code == 404, suffix


#: Where the förbundschef may still change the content, and write the beredning
#: (app/services/applications/rules.py); elsewhere those pages send him back to the
#: application with the reason.
CHEF_EDITS = {"draft", "submitted", "in_preparation", "supplement_requested", "referred_back"}
CHEF_PREPARES = {"submitted", "in_preparation", "supplement_requested", "referred_back"}
#: Where the applicant may change the content of their own application.
OWNER_EDITS = {"draft", "supplement_requested"}


def _expected(role: str, application: Application, own: int) -> dict[str, int]:
    """Each page of the application → the status ``role`` gets."""
    base = f"/applications/{application.id}"
    reading = [base, f"{base}/print", f"{base}/history"]
    reading += [f"{base}/history/{r.number}" for r in application.revisions]
    if role == "projektagare" and application.owner_id != own:
        return dict.fromkeys([*reading, f"{base}/edit", f"{base}/proposal"], 403)
    expected = dict.fromkeys(reading, 200)
    if role == "chef":
        expected[f"{base}/edit"] = 200 if application.status in CHEF_EDITS else 302
        expected[f"{base}/proposal"] = 200 if application.status in CHEF_PREPARES else 302
    elif role == "projektagare":
        expected[f"{base}/edit"] = 200 if application.status in OWNER_EDITS else 302
        expected[f"{base}/proposal"] = 403
    else:
        expected[f"{base}/edit"] = expected[f"{base}/proposal"] = 403
    return expected


@pytest.mark.parametrize("role", ["chef", "styrelse", "ekonom", "revisor", "projektagare"])
def test_every_application_page_renders(app: Flask, demo: dict, role: str) -> None:
    client = as_user(app, f"{role}@example.com")
    with app.app_context():
        applications = db.session.scalars(
            select(Application).options(selectinload(Application.revisions))
        ).all()
        pages = {a.title: _expected(role, a, demo["orgs"]["AME"]) for a in applications}
    assert len(pages) == 15
    for title, expected in pages.items():
        for url, status in expected.items():
            response = client.get(url)
            assert response.status_code == status, (role, url, response.status_code)
            if status == 200:
                assert str(escape(title)) in response.get_data(as_text=True), url
            if status == 302:  # refused with the reason, on the application's page
                assert response.headers["Location"] == url.rsplit("/", 1)[0], url
