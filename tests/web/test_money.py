"""Member contributions, cost splits and the staff-cost calculator through the web pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app import clock
from app.services.money import contributions
from models import CostSplit, CostSplitPart, db

from ..conftest import WebClient, html_text

D = Decimal


@pytest.fixture
def chef(web: WebClient, demo: dict) -> WebClient:
    web.login("chef@example.com")
    return web


def _client(app: Flask, email: str) -> WebClient:
    client = WebClient(app.test_client())
    client.login(email)
    return client


def _amounts(app: Flask, year: int) -> dict[str, Decimal]:
    with app.app_context():
        return {
            org.short_name: amount
            for org, amount in contributions.contributions_by_party(year).items()
        }


def _contribution(total: str, key: str = "population", **extra: str) -> dict[str, str]:
    return {"total": total, "kommun_key": key, "note": "", **extra}


# --- member contributions ------------------------------------------------------------------


def test_chef_sets_4_000_000_and_sees_the_statutory_shares(app: Flask, chef: WebClient) -> None:
    response = chef.post(
        "/money/contributions/2015",
        _contribution("4 000 000 kr"),
    )
    assert response.status_code == 302
    text = html_text(chef.get("/money/?year=2015"))
    for name, amount in [
        ("Försäkringskassan", "2 000 000 kr"),
        ("Region Dalarna", "1 000 000 kr"),
        ("Ludvika kommun", "706 714 kr"),
        ("Smedjebackens kommun", "293 286 kr"),
    ]:
        assert f'{name}</th> <td class="text-end"></td>' in text
        assert amount in text
    assert "Andelarna blir exakt totalbeloppet, 4 000 000 kr." in text
    assert _amounts(app, 2015) == {
        "FK": D(2_000_000),
        "AF": D(0),
        "Region": D(1_000_000),
        "Ludvika": D(706_714),
        "Smedjebacken": D(293_286),
    }
    # The money for insatser is the adopted plan's, not set aside here (one figure).
    assert "insatser_budget" not in text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,3,4", "Använd bara ett decimalkomma, t.ex. 512 000,50."),
        ("abc", "Ange beloppet i kronor med siffror, t.ex. 512 000."),
        ("-5", "Beloppet kan inte vara negativt."),
        ("", "Ange ett belopp."),
    ],
)
def test_bad_amounts_get_a_swedish_message_beside_the_field(
    app: Flask, chef: WebClient, typed: str, message: str
) -> None:
    response = chef.post("/money/contributions/2015", _contribution(typed))
    assert response.status_code == 400
    text = html_text(response)
    assert f'<div id="total-error" class="invalid-feedback d-block">{message}</div>' in text
    assert f'value="{typed}"' in text
    with app.app_context():
        assert contributions.contribution_for(2015) is None


def test_percent_key_must_add_up_to_100(app: Flask, chef: WebClient, demo: dict) -> None:
    ludvika, smedjebacken = demo["orgs"]["Ludvika"], demo["orgs"]["Smedjebacken"]
    fields = {f"pct_{ludvika}": "60", f"pct_{smedjebacken}": "30"}
    response = chef.post(
        "/money/contributions/2015", _contribution("1 000 000", "percent", **fields)
    )
    assert response.status_code == 400
    text = html_text(response)
    assert "Procentsatserna blir 90 %; de måste bli exakt 100 %." in text
    assert 'value="60"' in text and 'value="1 000 000"' in text
    with app.app_context():
        assert contributions.contribution_for(2015) is None
    fields[f"pct_{ludvika}"] = "70 %"
    response = chef.post(
        "/money/contributions/2015", _contribution("1 000 000", "percent", **fields)
    )
    assert response.status_code == 302
    assert _amounts(app, 2015)["Ludvika"] == D(175_000)


def test_demo_years_are_listed_and_2025_uses_agreed_percentages(
    app: Flask, chef: WebClient
) -> None:
    text = html_text(chef.get("/money/"))
    assert "2016" in text and "4 400 000 kr" in text
    assert _amounts(app, 2025)["Ludvika"] == D(770_000)
    assert "70 %" in html_text(chef.get("/money/?year=2025"))


def test_board_member_reads_but_cannot_write(app: Flask, demo: dict) -> None:
    board = _client(app, "styrelse@example.com")
    assert board.get("/money/?year=2016").status_code == 200
    assert board.post("/money/contributions/2015", _contribution("100")).status_code == 403
    assert board.get("/money/splits/2016/kostnadsfordelning.xlsx").status_code == 403
    assert "Spara och beräkna andelar" not in html_text(board.get("/money/"))


def test_projektagare_sees_only_splits_of_their_own_organisation(app: Flask, demo: dict) -> None:
    owner = _client(app, "projektagare@example.com")  # AME Smedjebacken
    assert owner.get("/money/").status_code == 403
    text = html_text(owner.get("/money/splits?year=all"))
    assert "En väg in – uppstart" in text and "En väg in – drift" in text
    assert "Trisam" not in text
    with app.app_context():
        trisam = db.session.scalar(select(CostSplit).where(CostSplit.name.like("Trisam%")))
        evi = db.session.scalar(select(CostSplit).where(CostSplit.name == "En väg in – drift"))
    assert owner.get(f"/money/splits/{trisam.id}").status_code == 403
    assert owner.get(f"/money/splits/{evi.id}").status_code == 200
    assert owner.get(f"/money/splits/{evi.id}/edit").status_code == 403
    assert owner.get("/money/splits/2020/kostnadsfordelning.xlsx").status_code == 403


def test_revisor_downloads_the_workbook_and_csv(app: Flask, demo: dict) -> None:
    revisor = _client(app, "revisor@example.com")
    response = revisor.get("/money/splits/2020/kostnadsfordelning.xlsx")
    assert response.status_code == 200
    assert "kostnadsfordelning-2020.xlsx" in response.headers["Content-Disposition"]
    assert response.data[:2] == b"PK"
    response = revisor.get("/money/splits/2020/kostnadsfordelning.csv")
    assert response.status_code == 200
    assert "kostnadsfordelning-2020.csv" in response.headers["Content-Disposition"]
    body = response.data.decode("utf-8-sig")
    assert "Försäkringskassan;En väg in – drift" in body
    assert "40 250" in body or "40250" in body


def test_year_out_of_range_is_not_found(chef: WebClient) -> None:
    assert chef.post("/money/contributions/12", _contribution("100")).status_code == 404
    assert chef.get("/money/splits/3000/kostnadsfordelning.xlsx").status_code == 404


# --- cost splits --------------------------------------------------------------------------


def _split_form(demo: dict, **fields: str) -> dict[str, str]:
    data = {
        "name": "Gemensam licens",
        "description": "Licens för <b>dokumentationssystem</b>",
        "first_year": "2027",
        "last_year": "",
        "total": "265 000",
        "rule": "equal",
        "kommun_key": "population",
        "unit": "1.00",
    }
    for short in ("AF", "FK", "AME", "IFO"):
        data[f"inc_{demo['orgs'][short]}"] = "y"
    data.update(fields)
    return data


def _split(app: Flask, name: str) -> tuple[int, list[tuple[int, int, Decimal]]] | None:
    with app.app_context():
        found = db.session.scalar(select(CostSplit).where(CostSplit.name == name))
        if found is None:
            return None
        return found.id, [(p.year, p.organisation_id, p.amount) for p in found.parts]


def test_create_edit_and_delete_a_cost_split(app: Flask, chef: WebClient, demo: dict) -> None:
    response = chef.post("/money/splits/new", _split_form(demo))
    assert response.status_code == 302
    split_id, parts = _split(app, "Gemensam licens")
    assert [(year, amount) for year, _org, amount in parts] == [(2027, D(66_250))] * 4
    text = html_text(chef.get(f"/money/splits/{split_id}"))
    assert text.count("66 250 kr") == 4 and "265 000 kr" in text
    assert "&lt;b&gt;dokumentationssystem&lt;/b&gt;" in text  # user text is escaped

    edited = _split_form(demo, total="161 000", first_year="2027", last_year="2029")
    edited.pop(f"inc_{demo['orgs']['IFO']}")
    response = chef.post(f"/money/splits/{split_id}/edit", edited)
    assert response.status_code == 302
    _id, parts = _split(app, "Gemensam licens")
    assert len(parts) == 9
    assert sorted({amount for *_rest, amount in parts}) == [D("53666"), D("53667")]
    with app.app_context():
        for year in (2027, 2028, 2029):
            assert sum(a for y, _o, a in parts if y == year) == D(161_000)

    response = chef.post(f"/money/splits/{split_id}/delete")
    assert response.status_code == 302
    assert _split(app, "Gemensam licens") is None
    with app.app_context():
        assert db.session.query(CostSplitPart).filter_by(split_id=split_id).count() == 0


def test_split_errors_are_shown_with_what_was_typed(
    app: Flask, chef: WebClient, demo: dict
) -> None:
    af, fk = demo["orgs"]["AF"], demo["orgs"]["FK"]
    data = _split_form(demo, rule="percent", **{f"pct_{af}": "50", f"pct_{fk}": "45"})
    response = chef.post("/money/splits/new", data)
    assert response.status_code == 400
    text = html_text(response)
    assert "Ange en procentsats för AME Smedjebacken." in text
    assert 'value="45"' in text and 'value="Gemensam licens"' in text
    response = chef.post("/money/splits/new", _split_form(demo, total="12,3,4"))
    assert "Använd bara ett decimalkomma" in html_text(response)
    nobody = {k: v for k, v in _split_form(demo).items() if not k.startswith("inc_")}
    assert "Välj minst en organisation." in html_text(chef.post("/money/splits/new", nobody))
    backwards = _split_form(demo, first_year="2027", last_year="2026")
    assert "Sista året kan inte ligga före första året." in html_text(
        chef.post("/money/splits/new", backwards)
    )
    assert _split(app, "Gemensam licens") is None


def test_fixed_amount_above_total_is_refused(app: Flask, chef: WebClient, demo: dict) -> None:
    af = demo["orgs"]["AF"]
    data = _split_form(demo, rule="fixed_rest", total="1 000", **{f"fix_{af}": "2 000"})
    response = chef.post("/money/splits/new", data)
    assert "De fasta beloppen är tillsammans större än totalbeloppet." in html_text(response)
    data[f"fix_{af}"] = "400"
    assert chef.post("/money/splits/new", data).status_code == 302
    _id, parts = _split(app, "Gemensam licens")
    assert sorted(amount for *_rest, amount in parts) == [D(200)] * 3 + [D(400)]


def test_split_list_filters_by_year_and_organisation(chef: WebClient, demo: dict) -> None:
    text = html_text(chef.get("/money/splits?year=2019"))
    assert "Gemensam utbildningsdag om samverkan" in text and "En väg in – drift" in text
    assert "Trisam" not in text and "En väg in – uppstart" not in text
    region = demo["orgs"]["Region"]
    text = html_text(chef.get(f"/money/splits?year=2019&org={region}"))
    assert "Gemensam utbildningsdag" in text and "En väg in – drift" not in text
    assert "12 000 kr" in text
    assert "kostnadsfordelning.xlsx" in text


# --- staff cost ----------------------------------------------------------------------------


def test_staff_calculator_twelve_hours_is_thirty_percent(chef: WebClient) -> None:
    query = "hours=12&full_week=40&annual_salary=375+600&employer=kommun&year=2016&months=12"
    text = html_text(chef.get(f"/money/staff-cost?{query}"))
    assert '<dd class="col-sm-6" data-testid="staff-percent">30 %</dd>' in text
    assert "38,46 %" in text and "156 016,73 kr" in text


def test_staff_calculator_explains_bad_input(chef: WebClient) -> None:
    response = chef.get("/money/staff-cost?hours=abc&annual_salary=&employer=kommun&year=2016")
    assert response.status_code == 400
    text = html_text(response)
    assert "Ange timmar per vecka, t.ex. 12 eller 37,5." in text
    assert "Ange ett belopp." in text
    response = chef.get(
        "/money/staff-cost?hours=50&annual_salary=400000&employer=state&year=2024&months=12"
    )
    assert "Timmar per vecka måste vara mellan 0 och 40." in html_text(response)


def test_every_role_may_use_the_calculator(app: Flask, demo: dict) -> None:
    owner = _client(app, "projektagare@example.com")
    query = "percent=25&annual_salary=500000&employer=region&year=2023&months=6"
    text = html_text(owner.get(f"/money/staff-cost?{query}"))
    assert "52,28 %" in text and "95 175 kr" in text


def test_cost_split_page_opens_on_the_current_year_with_its_workbook(
    app: Flask, chef: WebClient
) -> None:
    year = clock.today().year
    page = chef.get("/money/splits").get_data(as_text=True)
    assert f'<option value="{year}" selected>{year}</option>' in page
    assert f'href="/money/splits/{year}/kostnadsfordelning.xlsx"' in page
    everything = chef.get("/money/splits?year=all").get_data(as_text=True)
    assert '<option value="all" selected>' in everything
    assert "kostnadsfordelning.xlsx" not in everything
    assert "En väg in – uppstart" in html_text(chef.get("/money/splits?year=all"))
