"""Applications through the browser's eyes (test client): scope, flows, escaping, the list."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import func, select

from app.clock import STOCKHOLM
from app.formatting import sek
from app.services.applications import budget
from models import Application, Organisation, db
from models.application_terms import INSATS_LABELS, STATUS_LABELS

from ..conftest import as_user, html_text


def app_id(app: Flask, title: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Application.id).where(Application.title == title))


NEW = {
    "title": "Arbetsträning i Smedjebacken",
    "kind": "new",
    "parent_id": "",
    "insats_type": "individual",
    "contact_name": "Johan Berg",
    "contact_email": "johan@example.com",
    "period_start": "2027-01-01",
    "period_end": "2028-12-31",
    "purpose": "Att deltagarna ska komma närmare arbete.",
}


def test_list_shows_counts_filters_and_search(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    text = html_text(chef.get("/applications/"))
    for title in ("En väg in", "Vägen in", "Trisam", "Kvinnocoacher för arbetsåtergång"):
        assert title in text
    counts = dict(re.findall(r'data-status="(\w+)" data-count="(\d+)"', text))
    assert counts["draft"] == "1" and int(counts["proposed"]) >= 3  # later demo steps decide some
    proposed = html_text(chef.get("/applications/?status=proposed"))
    assert "Trisam" in proposed and "SAMVERK" not in proposed
    found = html_text(chef.get("/applications/?q=2016/001"))
    assert "En väg in" in found and "Trisam" not in found
    by_year = html_text(chef.get("/applications/?year=2029"))
    assert "Flåtan" in by_year and "Trisam" not in by_year
    bad = chef.get("/applications/?year=abc&status=<x>&sort=drop&page=-3")
    assert bad.status_code == 200


def test_list_rows_show_type_status_and_requested_amount(app: Flask, demo: dict) -> None:
    """Each row of the list shows the application's type and status in Swedish and its
    own requested total ("Begärt")."""
    chef = as_user(app, "chef@example.com")
    text = html_text(chef.get("/applications/?sort=number"))
    row = (
        r'<tr data-application-id="(\d+)"> <td class="text-nowrap">[^<]*</td> <td>.*?</td> '
        r"<td>([^<]*)</td> <td>[^<]*</td> <td[^>]*>[^<]*</td> "
        r'<td><span class="badge [^"]*" data-testid="status">([^<]*)</span></td> '
        r'<td[^>]*>[^<]*</td> <td class="text-end text-nowrap">([^<]*)</td>'
    )
    shown = {id_: (kind, status, amount) for id_, kind, status, amount in re.findall(row, text)}
    with app.app_context(), app.test_request_context():
        every = db.session.scalars(select(Application)).all()
        expected = {
            str(a.id): (
                str(INSATS_LABELS[a.insats_type]),
                str(STATUS_LABELS[a.status]),
                sek(budget.total(budget.requested_by_year(a))).replace("\xa0", " "),
            )
            for a in every
        }
        evi = str(db.session.scalar(select(Application.id).where(Application.title == "En väg in")))
    assert shown == expected and len(shown) == len(every) > 5
    assert shown[evi] == ("Projekt", "Avslutad", "512 000 kr")


def test_list_sorts_and_pages(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    text = html_text(chef.get("/applications/?sort=number"))
    assert text.index("2016/001") < text.index("2016/002") < text.index("2026/001")
    text = html_text(chef.get("/applications/?sort=-number"))
    assert text.index("2026/001") < text.index("2016/001")
    with app.app_context():
        by_owner = db.session.scalars(
            select(Application.id)
            .join(Application.owner)
            .order_by(func.lower(Organisation.name), Application.id.desc())
        ).all()
    text = html_text(chef.get("/applications/?sort=owner"))
    assert re.findall(r'<tr data-application-id="(\d+)">', text) == [str(i) for i in by_owner]
    assert f"{len(by_owner)} ansökningar" in text  # each application once, counted once


def test_projektagare_sees_only_their_own(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    text = html_text(owner.get("/applications/"))
    assert "En väg in" in text and "Flåtan" in text
    own = text.replace("En väg in", "").replace("Vägen in – arbetsträning 2025–2026", "")
    assert "Vägen in" not in own and "Trisam" not in text  # AME Ludvika's, IFO's
    other = app_id(app, "Trisam – team för tidig samordning")
    for url in (
        f"/applications/{other}",
        f"/applications/{other}/print",
        f"/applications/{other}/history",
        f"/applications/{other}/edit",
    ):
        assert owner.get(url).status_code == 403, url
    assert owner.post(f"/applications/{other}/lines", {}).status_code == 403
    assert owner.post(f"/applications/{other}/step", {"to": "withdrawn"}).status_code == 403


def test_board_member_reads_but_changes_nothing(app: Flask, demo: dict) -> None:
    board = as_user(app, "styrelse@example.com")
    evi = app_id(app, "En väg in")
    text = html_text(board.get(f"/applications/{evi}"))
    assert "512 000 kr" in text and "Förslag till beslut" in text
    assert "Nästa steg" not in text
    assert board.get(f"/applications/{evi}/edit").status_code == 403
    assert board.post(f"/applications/{evi}/step", {"to": "withdrawn"}).status_code == 403


def test_projektagare_creates_budgets_and_submits(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    response = owner.post("/applications/new", {**NEW, "owner_id": str(demo["orgs"]["AME"])})
    assert response.status_code == 302
    url = response.headers["Location"].split("#")[0]
    application = int(re.search(r"/applications/(\d+)/edit", url).group(1))
    base = f"/applications/{application}"
    assert (
        owner.post(f"{base}/parties", {"party-organisation_id": demo["orgs"]["AF"]}).status_code
        == 302
    )
    owner.post(
        f"{base}/staff",
        {
            "staff-year": "2027",
            "staff-role": "Handledare",
            "staff-person": "Eva Ek",
            "staff-employer_id": demo["orgs"]["AME"],
            "staff-hours_per_week": "12",
            "staff-annual_salary": "375 600",
            "staff-months": "12",
        },
    )
    owner.post(
        f"{base}/lines",
        {"line-year": "2028", "line-category": "premises", "line-amount": "24 000,50"},
    )
    text = html_text(owner.get(url))
    assert "30 %" in text and "44,53 %" in text  # 12 h of 40; SKR kommun 2023 figure
    assert "162 856,40 kr" in text  # 375 600 × 30 % × 1,4453
    assert "186 856,90 kr" in text  # requested over both years: 162 856,40 + 24 000,50
    response = owner.post(f"{base}/step", {"to": "submitted", "note": ""})
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(Application, application)
        assert saved.registry_number is not None and saved.status == "submitted"
        number = saved.registry_number
    text = html_text(owner.get(base))
    assert f'data-testid="registry-number">{number}<' in text and "Inkommen" in text
    assert owner.get(f"{base}/edit").status_code == 302  # no longer editable by the applicant


def test_invalid_input_keeps_what_was_typed(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    response = owner.post(
        "/applications/new",
        {**NEW, "owner_id": str(demo["orgs"]["AME"]), "period_end": "2026-02-30"},
    )
    assert response.status_code == 400
    text = html_text(response)
    assert "Arbetsträning i Smedjebacken" in text and "Att deltagarna ska komma" in text
    flatan = app_id(app, "Flåtan – vägen till arbete")
    response = owner.post(
        f"/applications/{flatan}/co-financing",
        {
            "cofin-year": "2027",
            "cofin-organisation_id": demo["orgs"]["ESF"],
            "cofin-kind": "cash",
            "cofin-amount": "99 000 000",
            "cofin-description": "För mycket",
        },
    )
    assert response.status_code == 400
    text = html_text(response)
    assert "Medfinansieringen för 2027" in text and 'value="99 000 000"' in text


def test_hostile_text_is_shown_as_text(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    hostile = '<script>alert("x")</script>'
    response = owner.post(
        "/applications/new",
        {
            **NEW,
            "owner_id": str(demo["orgs"]["AME"]),
            "title": f"Titel {hostile}",
            "background": f"Första stycket {hostile}\nrad två\n\nAndra stycket",
        },
    )
    application = int(re.search(r"/applications/(\d+)/", response.headers["Location"]).group(1))
    for url in (f"/applications/{application}", f"/applications/{application}/print"):
        body = owner.get(url).get_data(as_text=True)
        assert hostile not in body
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in body
        assert "<p>Första stycket &lt;script&gt;" in body
        assert "<br>rad två</p><p>Andra stycket</p>" in body


def test_stale_save_is_refused_and_keeps_the_typing(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    chef = as_user(app, "chef@example.com")
    flatan = app_id(app, "Flåtan – vägen till arbete")
    page = owner.get(f"/applications/{flatan}/edit").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    form = {**NEW, "owner_id": str(demo["orgs"]["AME"]), "version": version}
    form.update(title="Flåtan", period_start="2027-01-01", period_end="2029-12-31")
    assert (
        chef.post(f"/applications/{flatan}/edit", {**form, "title": "Chefens"}).status_code == 302
    )
    response = owner.post(f"/applications/{flatan}/edit", {**form, "title": "Min ändring"})
    assert response.status_code == 409
    text = html_text(response)
    assert 'value="Min ändring"' in text
    with app.app_context():
        saved = db.session.get(Application, flatan)
        assert saved.title == "Chefens"
        local = saved.updated_at.astimezone(STOCKHOLM)
    stamp = f"{local:%Y-%m-%d} kl. {local:%H.%M}"
    assert f"Ansökan har ändrats av Karin Lindqvist {stamp} efter att du öppnade den." in text


def test_chef_prepares_and_proposes(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    samverk = app_id(app, "SAMVERK – gemensam kompetensutveckling")
    base = f"/applications/{samverk}"
    response = chef.post(f"{base}/step", {"to": "proposed", "note": ""})
    assert response.status_code == 400
    assert "Skriv förslaget till beslut" in html_text(response)
    response = chef.post(
        f"{base}/proposal",
        {
            "assessment": "Strukturinsats i linje med verksamhetsplanen.",
            "proposal_text": "Styrelsen beviljar 150 000 kr.",
            "conditions": "",
            "amount_2027": "150 000",
            "version": "",
        },
    )
    assert response.status_code == 302
    assert chef.post(f"{base}/step", {"to": "proposed", "note": ""}).status_code == 302
    text = html_text(chef.get(base))
    assert "Föreslagen" in text and "150 000 kr" in text and "210 000 kr" in text
    history = html_text(chef.get(f"{base}/history"))
    assert "Version 2" in history
    diff = html_text(chef.get(f"{base}/history/2"))
    assert "Styrelsen beviljar 150 000 kr." in diff
    assert "2027: 150 000 kr" in diff and "150000.00" not in diff
    first = html_text(chef.get(f"{base}/history/1"))
    assert "Strukturinriktad insats" in first and ">structural<" not in first
    assert re.search(r"2027: \d{1,3}( \d{3})* kr", first)
    assert not re.search(r"\d\.\d\d\b", first)  # no raw 512000.00 anywhere


def test_applicant_sees_the_proposal_only_once_it_is_on_the_table(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    chef = as_user(app, "chef@example.com")
    flatan = app_id(app, "Flåtan – vägen till arbete")
    base = f"/applications/{flatan}"
    assert owner.post(f"{base}/step", {"to": "submitted", "note": ""}).status_code == 302
    assert chef.post(f"{base}/step", {"to": "in_preparation", "note": ""}).status_code == 302
    proposal = {"assessment": "Intern bedömning", "proposal_text": "Bevilja.", "conditions": ""}
    assert chef.post(f"{base}/proposal", proposal).status_code == 302
    assert "Intern bedömning" in html_text(chef.get(base))
    assert "Intern bedömning" not in html_text(owner.get(base))
    assert "Intern bedömning" not in html_text(owner.get(f"{base}/print"))
    assert owner.get(f"{base}/proposal").status_code == 403
    assert chef.post(f"{base}/step", {"to": "proposed", "note": ""}).status_code == 302
    assert "Intern bedömning" in html_text(owner.get(base))


def test_a_step_from_a_stale_page_says_what_happened(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    with app.app_context():
        submitted = db.session.scalar(
            select(Application.id).where(Application.status == "submitted").limit(1)
        )
    base = f"/applications/{submitted}"
    page = chef.get(base).get_data(as_text=True)
    assert 'name="seen_status" value="submitted"' in page
    stale = {"to": "in_preparation", "note": "", "seen_status": "submitted"}
    assert chef.post(f"{base}/step", stale).status_code == 302
    with app.app_context():
        at = db.session.get(Application, submitted).status_changes[-1].at.astimezone(STOCKHOLM)
    stamp = f"{at:%Y-%m-%d} kl. {at:%H.%M}"
    # the same button pressed again on the old page (another tab, a double click)
    response = chef.post(f"{base}/step", stale)
    assert response.status_code == 400
    text = html_text(response)
    assert (
        f"Ansökan är redan Under beredning (ändrad av Karin Lindqvist {stamp}). Ladda om sidan."
        in text
    )
    assert "kan inte gå från" not in text
    # another step that the old page offered: refused too, not silently taken
    response = chef.post(
        f"{base}/step",
        {"to": "supplement_requested", "note": "Bifoga budget", "seen_status": "submitted"},
    )
    assert response.status_code == 400
    assert (
        f"Ansökan har ändrats till Under beredning av Karin Lindqvist {stamp} efter att du "
        "öppnade sidan. Ladda om sidan." in html_text(response)
    )
    with app.app_context():
        assert db.session.get(Application, submitted).status == "in_preparation"
