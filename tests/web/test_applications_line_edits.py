"""Editing a budget line in place (issue 24, "Edit, don't re-type"): cost, staff and
co-financing lines come back in their form with their values, and a changed figure
changes the stored line, the budget totals, the version difference and the audit trail."""

from __future__ import annotations

import re
from decimal import Decimal

from flask import Flask
from sqlalchemy import select

from app.services.applications import budget
from models import Application, AuditEntry, BudgetLine, CoFinancing, StaffLine, db

from ..conftest import as_user, html_text

D = Decimal
SAMVERK = "SAMVERK – gemensam kompetensutveckling"  # in preparation: the chef edits it
FLATAN = "Flåtan – vägen till arbete"  # a draft of AME: its projektägare edits it
VAGEN_IN = "Vägen in"  # proposed: no longer editable


def _application(app: Flask, title: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Application.id).where(Application.title == title))


def _line(app: Flask, model: type, application_id: int, **where: object) -> int:
    with app.app_context():
        query = select(model.id).where(model.application_id == application_id)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return db.session.scalars(query.order_by(model.id)).first()


def _requested(app: Flask, application_id: int) -> dict[int, Decimal]:
    with app.app_context():
        return budget.requested_by_year(db.session.get(Application, application_id))


def _seen(page: str, prefix: str) -> str:
    return re.search(rf'name="{prefix}-seen" type="hidden" value="([^"]*)"', page).group(1)


def _shown(page: str, name: str) -> str:
    """What a text box of the page holds."""
    return re.search(rf'name="{name}" type="text" value="([^"]*)"', page).group(1)


def _staff_form(demo: dict, **given: str) -> dict[str, str]:
    """A staff line as its form posts it: Handledare 2027 at AME, 100 % of 372 000 kr."""
    form = {
        "staff-year": "2027",
        "staff-role": "Handledare",
        "staff-person": "",
        "staff-employer_id": demo["orgs"]["AME"],
        "staff-percent": "100",
        "staff-hours_per_week": "",
        "staff-cost_basis": "salary",
        "staff-annual_salary": "372 000",
        "staff-annual_cost": "",
        "staff-po_rate": "",
        "staff-months": "12",
    }
    return {**form, **{f"staff-{key}": value for key, value in given.items()}}


def test_edit_page_offers_a_named_edit_for_every_line(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    flatan = _application(app, FLATAN)
    page = chef.get(f"/applications/{flatan}/edit").get_data(as_text=True)
    staff = _line(app, StaffLine, flatan, role="Handledare", year=2027)
    cofin = _line(app, CoFinancing, flatan, year=2028)
    assert re.search(
        rf'href="/applications/{flatan}/staff/{staff}/edit"[^>]*>Ändra'
        r'<span class="visually-hidden"> Handledare 2027</span>',
        page,
    )
    assert re.search(
        rf'href="/applications/{flatan}/co-financing/{cofin}/edit"[^>]*>Ändra'
        r'<span class="visually-hidden"> Europeiska socialfonden 2028</span>',
        page,
    )
    samverk = _application(app, SAMVERK)
    line = _line(app, BudgetLine, samverk, category="other")
    page = chef.get(f"/applications/{samverk}/edit").get_data(as_text=True)
    assert re.search(
        rf'href="/applications/{samverk}/lines/{line}/edit"[^>]*>Ändra'
        r'<span class="visually-hidden"> Utbildningsdagar och föreläsare 2027</span>',
        page,
    )


def test_chef_edits_a_cost_line_totals_version_and_audit_follow(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    samverk = _application(app, SAMVERK)
    line = _line(app, BudgetLine, samverk, category="other")
    url = f"/applications/{samverk}/lines/{line}/edit"
    page = chef.get(url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'value="180 000"' in text and 'value="Utbildningsdagar och föreläsare"' in text
    assert 'option selected value="other"' in text or 'selected value="other"' in text
    assert _requested(app, samverk)[2027] == D("210000.00")
    response = chef.post(
        url,
        {
            "line-year": "2027",
            "line-category": "other",
            "line-description": "Utbildningsdagar",
            "line-amount": "200 000,50",
            "line-seen": _seen(text, "line"),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/applications/{samverk}/edit#budget")
    with app.app_context():
        saved = db.session.get(BudgetLine, line)
        assert (saved.amount, saved.description) == (D("200000.50"), "Utbildningsdagar")
        entry = db.session.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "budget_line",
                AuditEntry.row_id == str(line),
                AuditEntry.action == "update",
            )
        ).one()
        assert entry.changes["amount"] == ["180000.00", "200000.50"]
        assert entry.changes["description"] == [
            "Utbildningsdagar och föreläsare",
            "Utbildningsdagar",
        ]
        assert entry.user.email == "chef@example.com"
        revisions = db.session.get(Application, samverk).revisions
        number = revisions[-1].number
    assert _requested(app, samverk) == {2027: D("230000.50")}
    flashed = html_text(chef.get(f"/applications/{samverk}/edit"))
    assert "Kostnaden har sparats." in flashed and "230 000,50 kr" in flashed
    diff = html_text(chef.get(f"/applications/{samverk}/history/{number}"))
    assert "−</span> 2027 · Övrigt · Utbildningsdagar och föreläsare · 180 000 kr" in diff
    assert "+</span> 2027 · Övrigt · Utbildningsdagar · 200 000,50 kr" in diff
    assert "Enkäter" not in diff  # the unchanged line is not shown as removed and added


def test_staff_line_comes_back_as_entered_and_saves_a_new_percent(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    flatan = _application(app, FLATAN)
    line = _line(app, StaffLine, flatan, role="Handledare", year=2027)
    url = f"/applications/{flatan}/staff/{line}/edit"
    text = owner.get(url).get_data(as_text=True)
    assert 'name="staff-percent" type="text" value="100"' in text
    assert 'name="staff-annual_salary" type="text" value="372 000"' in text
    assert 'name="staff-po_rate" type="text" value=""' in text  # the förbund's 44,53 %
    assert 'selected value="salary"' in text
    before = _requested(app, flatan)
    response = owner.post(url, _staff_form(demo, percent="80", seen=_seen(text, "staff")))
    assert response.status_code == 302, html_text(response)
    assert response.headers["Location"].endswith("#budget")
    with app.app_context():
        saved = db.session.get(StaffLine, line)
        assert (saved.percent, saved.annual_salary, saved.annual_cost) == (D(80), D(372000), None)
        assert budget.staff_cost(saved) == D("430121.28")  # 372 000 × 80 % × 1,4453
    # the year's request falls by the 20 % no longer costed: 372 000 × 20 % × 1,4453
    assert _requested(app, flatan)[2027] == before[2027] - D("107530.32")
    assert _requested(app, flatan)[2028] == before[2028]


def test_annual_cost_and_hours_come_back_the_way_they_were_entered(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    flatan = _application(app, FLATAN)
    base = f"/applications/{flatan}"
    as_entered = {
        "year": "2028",
        "role": "Studievägledare",
        "person": "Eva Ek",
        "percent": "",
        "hours_per_week": "12",
        "cost_basis": "annual",
        "annual_salary": "",
    }
    added = owner.post(f"{base}/staff", _staff_form(demo, **as_entered, annual_cost="156 000"))
    assert added.status_code == 302
    line = _line(app, StaffLine, flatan, role="Studievägledare")
    url = f"{base}/staff/{line}/edit"
    text = owner.get(url).get_data(as_text=True)
    assert 'selected value="annual"' in text
    assert 'name="staff-annual_cost" type="text" value="156 000"' in text
    assert 'name="staff-hours_per_week" type="text" value="12"' in text
    assert 'name="staff-percent" type="text" value=""' in text
    assert 'name="staff-annual_salary" type="text" value=""' in text
    before = _requested(app, flatan)[2028]
    response = owner.post(
        url,
        _staff_form(demo, **as_entered, annual_cost="0", months="6", seen=_seen(text, "staff")),
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(StaffLine, line)
        assert (saved.annual_cost, saved.months, saved.hours_per_week) == (D(0), 6, D(12))
        assert saved.percent == D(30)
    assert _requested(app, flatan)[2028] == before - D("156000.00")
    assert "Raden är 0 kr: har beloppet fallit bort?" in html_text(owner.get(f"{base}/edit"))


def test_a_default_po_rate_follows_a_new_employer_an_own_rate_stays(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    flatan = _application(app, FLATAN)
    base = f"/applications/{flatan}"
    region = str(demo["orgs"]["Region"])
    for role, po_rate in (("Coach", ""), ("Jobbcoach", "31,42")):
        added = owner.post(
            f"{base}/staff",
            _staff_form(demo, role=role, percent="50", annual_salary="400 000", po_rate=po_rate),
        )
        assert added.status_code == 302
    default = _line(app, StaffLine, flatan, role="Coach")
    own = _line(app, StaffLine, flatan, role="Jobbcoach")
    with app.app_context():
        assert db.session.get(StaffLine, default).po_rate == D("44.53")  # kommun 2027
    for line, role, shown, saved_rate, cost in (
        (default, "Coach", "", D("52.28"), D("304560.00")),  # 400 000 × 50 % × 1,5228
        (own, "Jobbcoach", "31,42", D("31.42"), D("262840.00")),  # 400 000 × 50 % × 1,3142
    ):
        url = f"{base}/staff/{line}/edit"
        page = owner.get(url).get_data(as_text=True)
        assert _shown(page, "staff-po_rate") == shown
        assert "Tomt: förbundets procentsats för arbetsgivaren och året som de sparas" in page
        form = _staff_form(
            demo,
            role=role,
            employer_id=region,
            percent="50",
            annual_salary="400 000",
            po_rate=_shown(page, "staff-po_rate"),
            seen=_seen(page, "staff"),
        )
        assert owner.post(url, form).status_code == 302
        with app.app_context():
            saved = db.session.get(StaffLine, line)
            assert (saved.employer.name, saved.po_rate) == ("Region Dalarna", saved_rate)
            assert budget.staff_cost(saved) == cost


def test_chef_edits_co_financing_and_the_request_follows(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    flatan = _application(app, FLATAN)
    line = _line(app, CoFinancing, flatan, year=2027)
    url = f"/applications/{flatan}/co-financing/{line}/edit"
    text = chef.get(url).get_data(as_text=True)
    assert 'value="400 000"' in text and 'value="ESF-stöd enligt ansökan"' in text
    before = _requested(app, flatan)
    response = chef.post(
        url,
        {
            "cofin-year": "2027",
            "cofin-organisation_id": demo["orgs"]["ESF"],
            "cofin-kind": "cash",
            "cofin-description": "ESF-stöd enligt beslut",
            "cofin-amount": "350 000",
            "cofin-seen": _seen(text, "cofin"),
        },
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(CoFinancing, line)
        assert (saved.amount, saved.description) == (D("350000.00"), "ESF-stöd enligt beslut")
    after = _requested(app, flatan)
    assert after[2027] == before[2027] + D("50000.00") and after[2029] == before[2029]
    assert "Medfinansieringen har sparats." in html_text(chef.get(f"/applications/{flatan}/edit"))


def test_bad_input_shows_the_message_keeps_the_typing_and_the_line(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    flatan = _application(app, FLATAN)
    staff = _line(app, StaffLine, flatan, role="Handledare", year=2027)
    url = f"/applications/{flatan}/staff/{staff}/edit"
    text = chef.get(url).get_data(as_text=True)
    form = _staff_form(demo, percent="120", po_rate="44,53", seen=_seen(text, "staff"))
    response = chef.post(url, form)
    assert response.status_code == 400
    shown = html_text(response)
    assert "Procentsatsen måste vara mellan 0 och 100." in shown
    assert 'value="120"' in shown
    response = chef.post(url, {**form, "staff-percent": "åttio"})
    assert response.status_code == 400
    shown = response.get_data(as_text=True)
    assert 'id="staff-percent-error"' in shown and 'value="åttio"' in shown
    cofin = _line(app, CoFinancing, flatan, year=2027)
    url = f"/applications/{flatan}/co-financing/{cofin}/edit"
    text = chef.get(url).get_data(as_text=True)
    response = chef.post(
        url,
        {
            "cofin-year": "2027",
            "cofin-organisation_id": demo["orgs"]["ESF"],
            "cofin-kind": "cash",
            "cofin-amount": "99 000 000",
            "cofin-seen": _seen(text, "cofin"),
        },
    )
    assert response.status_code == 400
    shown = html_text(response)
    assert "Medfinansieringen för 2027" in shown and 'value="99 000 000"' in shown
    with app.app_context():
        assert db.session.get(StaffLine, staff).percent == D(100)
        assert db.session.get(CoFinancing, cofin).amount == D("400000.00")


def test_a_line_changed_meanwhile_is_not_overwritten(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    owner = as_user(app, "projektagare@example.com")
    flatan = _application(app, FLATAN)
    line = _line(app, CoFinancing, flatan, year=2027)
    url = f"/applications/{flatan}/co-financing/{line}/edit"
    form = {
        "cofin-year": "2027",
        "cofin-organisation_id": demo["orgs"]["ESF"],
        "cofin-kind": "cash",
        "cofin-amount": "300 000",
    }
    chef_seen = _seen(chef.get(url).get_data(as_text=True), "cofin")
    owner_seen = _seen(owner.get(url).get_data(as_text=True), "cofin")
    assert owner.post(url, {**form, "cofin-seen": owner_seen}).status_code == 302
    response = chef.post(url, {**form, "cofin-amount": "250 000", "cofin-seen": chef_seen})
    assert response.status_code == 409
    shown = html_text(response)
    assert "Raden har ändrats efter att du öppnade den." in shown
    assert 'value="250 000"' in shown
    with app.app_context():
        assert db.session.get(CoFinancing, line).amount == D("300000.00")
    again = _seen(response.get_data(as_text=True), "cofin")
    response = chef.post(url, {**form, "cofin-amount": "250 000", "cofin-seen": again})
    assert response.status_code == 302


def test_roles_and_locked_applications_are_refused(app: Flask, demo: dict) -> None:
    flatan = _application(app, FLATAN)
    staff = _line(app, StaffLine, flatan, role="Handledare", year=2027)
    url = f"/applications/{flatan}/staff/{staff}/edit"
    board = as_user(app, "styrelse@example.com")
    assert board.get(url).status_code == 403
    assert board.post(url, {"staff-percent": "10"}).status_code == 403
    vagen_in = _application(app, VAGEN_IN)
    line = _line(app, BudgetLine, vagen_in)
    other = as_user(app, "projektagare@example.com")  # AME's: Vägen in is AME Ludvika's
    assert other.get(f"/applications/{vagen_in}/lines/{line}/edit").status_code == 403
    chef = as_user(app, "chef@example.com")
    with app.app_context():
        amount = db.session.get(BudgetLine, line).amount
    response = chef.post(
        f"/applications/{vagen_in}/lines/{line}/edit",
        {"line-year": "2027", "line-category": "premises", "line-amount": "1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/applications/{vagen_in}")
    assert "kan inte längre ändras" in html_text(chef.get(f"/applications/{vagen_in}"))
    with app.app_context():
        assert db.session.get(BudgetLine, line).amount == amount
    # a line of another application is not reachable through this one
    assert chef.get(f"/applications/{flatan}/lines/{line}/edit").status_code == 404
