"""One rule for the beredning in every view of an application (issue 22, section 2).

The förbundschef's assessment, förslag till beslut, villkor and proposed amounts
are internal while the application is being prepared: the projektägare sees none
of them on the page, the print view, the versions, nor in the budget workbook;
the förbundschef and the board see them everywhere.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from flask import Flask
from sqlalchemy import select

from models import Application, db

from ..conftest import WebClient, as_user, html_text

ASSESSMENT = "Intern bedömning QX-ASSESS-7731"
PROPOSAL = "Förslag till beslut QX-PROPOSE-4410"
CONDITIONS = "Villkor QX-COND-5521"
AMOUNT_FIELD = ("amount_2028", "123 457")
AMOUNT_SHOWN = "123 457 kr"
SECRETS = (ASSESSMENT, PROPOSAL, CONDITIONS, AMOUNT_SHOWN)


def _prepared(app: Flask) -> tuple[int, WebClient]:
    """Flåtan submitted, under beredning, with every beredning field filled in."""
    with app.app_context():
        flatan = db.session.scalar(
            select(Application.id).where(Application.title == "Flåtan – vägen till arbete")
        )
    owner = as_user(app, "projektagare@example.com")
    chef = as_user(app, "chef@example.com")
    base = f"/applications/{flatan}"
    assert owner.post(f"{base}/step", {"to": "submitted", "note": ""}).status_code == 302
    assert chef.post(f"{base}/step", {"to": "in_preparation", "note": ""}).status_code == 302
    response = chef.post(
        f"{base}/proposal",
        {
            "assessment": ASSESSMENT,
            "proposal_text": PROPOSAL,
            "conditions": CONDITIONS,
            AMOUNT_FIELD[0]: AMOUNT_FIELD[1],
            "version": "",
        },
    )
    assert response.status_code == 302
    return flatan, chef


def _views(web: WebClient, application_id: int) -> dict[str, str]:
    """Every view of the application as the text a reader gets."""
    base = f"/applications/{application_id}"
    texts = {}
    for url in (base, f"{base}/print", f"{base}/history"):
        response = web.get(url)
        assert response.status_code == 200, url
        texts[url] = html_text(response)
    with web.client.application.app_context():
        application = db.session.get(Application, application_id)
        numbers = [r.number for r in application.revisions]
    assert len(numbers) >= 2  # submission and the beredning
    for number in numbers:
        url = f"{base}/history/{number}"
        response = web.get(url)
        assert response.status_code == 200, url
        texts[url] = html_text(response)
    response = web.get(f"{base}/budget.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    cells = [
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    ]
    texts[f"{base}/budget.xlsx"] = " ".join(cells).replace("\xa0", " ")
    return texts


def test_the_projektagare_sees_no_beredning_in_any_view(app: Flask, demo: dict) -> None:
    flatan, _chef = _prepared(app)
    owner = as_user(app, "projektagare@example.com")
    for url, text in _views(owner, flatan).items():
        for secret in SECRETS:
            assert secret not in text, f"{url} shows the beredning ({secret}) to the projektägare"


@pytest.mark.parametrize("email", ["chef@example.com", "styrelse@example.com"])
def test_the_office_and_the_board_see_the_beredning(app: Flask, demo: dict, email: str) -> None:
    flatan, _chef = _prepared(app)
    texts = _views(as_user(app, email), flatan)
    base = f"/applications/{flatan}"
    for url in (base, f"{base}/print"):
        for secret in SECRETS:
            assert secret in texts[url], f"{url} hides {secret} from {email}"
    versions = " ".join(text for url, text in texts.items() if "/history/" in url)
    for secret in (ASSESSMENT, PROPOSAL, CONDITIONS):
        assert secret in versions, f"the versions hide {secret} from {email}"
    assert f"2028: {AMOUNT_SHOWN}" in versions


def test_the_projektagare_sees_it_once_on_the_table(app: Flask, demo: dict) -> None:
    flatan, chef = _prepared(app)
    base = f"/applications/{flatan}"
    assert chef.post(f"{base}/step", {"to": "proposed", "note": ""}).status_code == 302
    texts = _views(as_user(app, "projektagare@example.com"), flatan)
    for secret in SECRETS:
        assert secret in texts[base]
    versions = " ".join(text for url, text in texts.items() if "/history/" in url)
    assert ASSESSMENT in versions and PROPOSAL in versions and CONDITIONS in versions
