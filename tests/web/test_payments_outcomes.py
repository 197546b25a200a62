"""Unusual payment dates need a confirmation and a reason; outcomes are entries per period
whose history is visible (the grant pages, through the test client)."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from models import db
from models.grant import Grant
from models.grant_followup import Outcome, Payment

from ..conftest import WebClient, as_user, html_text


def _grant(app: Flask, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Grant.id).where(Grant.name == name))


def test_an_unusual_payment_date_is_confirmed_with_a_reason_and_shown(
    app: Flask, demo: dict
) -> None:
    ekonom = as_user(app, "ekonom@example.com")
    gid = _grant(app, "Vägen in")
    url = f"/grants/{gid}/payments/new"
    blank = ekonom.get(url).get_data(as_text=True)
    assert "Form Token" not in blank  # the one-time token is a hidden field, without a label
    assert blank.count('name="form_token"') == 1
    data = {"year": "2026", "paid_on": "2030-01-15", "amount": "1 000", "reference": "R-sen"}
    refused = ekonom.post(url, data)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    error = page.split('id="date_reason-error"', 1)[1].split("</div>", 1)[0]
    assert "mer än 60 dagar utanför bidragets period" in error
    assert "kryssa i bekräftelsen och ange skälet" in error
    kept = ekonom.post(
        url, {**data, "date_confirmed": "y", "date_reason": "Slutreglering efter revision"}
    )
    assert kept.status_code == 302
    with app.app_context():
        row = db.session.scalar(select(Payment).where(Payment.reference == "R-sen"))
        assert row.date_confirmed and row.date_reason == "Slutreglering efter revision"
    shown = " ".join(html_text_of(ekonom.get(f"/grants/{gid}").get_data(as_text=True)).split())
    assert "Datumet bekräftat: Slutreglering efter revision" in shown
    listed = " ".join(
        html_text_of(
            ekonom.get("/grants/payments?from=2030-01-01&to=2030-12-31").get_data(as_text=True)
        ).split()
    )
    assert "Datumet bekräftat: Slutreglering efter revision" in listed


def test_monthly_outcomes_add_up_and_a_repeat_is_refused_with_history_shown(
    app: Flask, demo: dict
) -> None:
    ekonom: WebClient = as_user(app, "ekonom@example.com")
    gid = _grant(app, "Trisam – samverkansteam")
    url = f"/grants/{gid}/outcomes"
    base = {"year": "2026", "category": "travel"}
    assert ekonom.post(url, {**base, "month": "3", "amount": "1 200"}).status_code == 302
    assert ekonom.post(url, {**base, "month": "4", "amount": "800"}).status_code == 302
    again = ekonom.post(url, {**base, "month": "4", "amount": "950"})
    assert again.status_code == 400
    assert "Resor 2026-04 har redan ett utfall på 800 kr" in html_text(again)
    with app.app_context():
        rows = db.session.scalars(
            select(Outcome).where(
                Outcome.grant_id == gid, Outcome.year == 2026, Outcome.category == "travel"
            )
        ).all()
        assert sorted((r.month, r.amount) for r in rows) == [(3, 1200), (4, 800)]
        april = next(r.id for r in rows if r.month == 4)
    corrected = ekonom.post(
        f"/grants/{gid}/outcomes/{april}/correct", {"amount": "950", "comment": "Ny faktura"}
    )
    assert corrected.status_code == 302
    page = ekonom.get(url).get_data(as_text=True)
    row = page.split(f'id="outcome-{april}"', 1)[1].split("</tr>", 1)[0]
    history = " ".join(html_text_of(row).split())
    assert "angav 800 kr" in history and "800 kr → 950 kr" in history and "Ny faktura" in history
    assert "Maria Holm" in history


def html_text_of(fragment: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\xa0", " ")
