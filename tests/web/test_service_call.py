"""The one way a view calls a service (app/views/service_call.py), through real pages.

A refusal (a DomainError) leaves nothing saved and shows the Swedish message on the
same page with what was typed; a success commits, flashes and redirects.
"""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.services.money import contributions
from models import ContributionShare, ContributionYear, db
from models.meeting import Meeting

from ..conftest import WebClient, html_text

YEAR = 2030
MOVED = (
    "Ett sammanträde kan inte flyttas till ett annat år (dess nummer och paragrafer hör till "
    "2030); planera ett nytt sammanträde i stället."
)


@pytest.fixture
def chef(web: WebClient, demo: dict) -> WebClient:
    web.login("chef@example.com")
    return web


def _details(day: str, place: str) -> dict[str, str]:
    return {"date": day, "start_time": "13:00", "place": place, "kind": "extra", "secretary": "K"}


def _plan(chef: WebClient, day: str) -> int:
    response = chef.post("/meetings/new", _details(day, "Kommunhuset"))
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _meeting(app: Flask, meeting_id: int) -> tuple[date, str] | None:
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        return None if meeting is None else (meeting.date, meeting.place)


def _rows(app: Flask) -> tuple[int, int]:
    with app.app_context():
        return tuple(  # type: ignore[return-value]
            db.session.scalar(select(func.count()).select_from(model))
            for model in (ContributionYear, ContributionShare)
        )


def test_a_refused_form_keeps_what_was_typed_and_saves_nothing(app: Flask, chef: WebClient) -> None:
    meeting_id = _plan(chef, f"{YEAR}-03-02")
    response = chef.post(f"/meetings/{meeting_id}/edit", _details(f"{YEAR + 1}-01-15", "Nytt"))
    text = html_text(response)
    assert response.status_code == 200  # the meeting form's documented answer to a refusal
    assert MOVED in text  # beside the date field, not flashed
    assert text.count(MOVED) == 2  # beside the field and as the error summary's link to it
    assert f'<a href="#date" class="alert-link">{MOVED}</a>' in text
    assert f'value="{YEAR + 1}-01-15"' in text and 'value="Nytt"' in text
    assert _meeting(app, meeting_id) == (date(YEAR, 3, 2), "Kommunhuset")


def test_a_success_commits_flashes_and_redirects(app: Flask, chef: WebClient) -> None:
    meeting_id = _plan(chef, f"{YEAR}-03-02")
    response = chef.post(f"/meetings/{meeting_id}/edit", _details(f"{YEAR}-03-09", "Folkets hus"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/{meeting_id}")
    assert _meeting(app, meeting_id) == (date(YEAR, 3, 9), "Folkets hus")
    shown = html_text(chef.get(response.headers["Location"]))
    assert f'alert-success" role="status">Sammanträde 1/{YEAR} har sparats.' in shown


def test_a_refused_button_goes_back_with_the_message_and_removes_nothing(
    app: Flask, chef: WebClient
) -> None:
    first = _plan(chef, f"{YEAR}-03-02")
    second = _plan(chef, f"{YEAR}-05-04")
    response = chef.post(f"/meetings/{first}/delete", {})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/{first}")
    shown = html_text(chef.get(response.headers["Location"]))
    assert (
        'alert-danger" role="alert">Bara årets sista sammanträde kan tas bort '
        "(numren får inte hoppa över något)." in shown
    )
    assert _meeting(app, first) is not None
    response = chef.post(f"/meetings/{second}/delete", {})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/?year={YEAR}")
    assert "Sammanträde 2/2030 har tagits bort." in html_text(
        chef.get(response.headers["Location"])
    )
    assert _meeting(app, second) is None


def test_a_page_that_shows_the_refusal_itself_shows_it_once(
    app: Flask, chef: WebClient, demo: dict
) -> None:
    ludvika, smedjebacken = demo["orgs"]["Ludvika"], demo["orgs"]["Smedjebacken"]
    before = _rows(app)
    response = chef.post(
        "/money/contributions/2015",
        {
            "total": "1 000 000",
            "kommun_key": "percent",
            "note": "Typed note",
            f"pct_{ludvika}": "60",
            f"pct_{smedjebacken}": "30",
        },
    )
    text = html_text(response)
    assert response.status_code == 400
    assert text.count("Procentsatserna blir 90 %; de måste bli exakt 100 %.") == 1
    assert 'data-testid="domain-error"' in text
    assert 'value="60"' in text and "Typed note" in text
    with app.app_context():
        assert contributions.contribution_for(2015) is None
    assert _rows(app) == before
