"""The records check page (förbundschef, revisor) and a staff line entered as its annual cost."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from models import Application, StaffLine, db
from models.grant import Grant

from ..conftest import as_user, html_text


def test_the_page_shows_no_problems_on_the_demo_for_chef_and_revisor(
    app: Flask, demo: dict
) -> None:
    for email in ("chef@example.com", "revisor@example.com"):
        text = html_text(as_user(app, email).get("/admin/records-check"))
        assert "Kontroll av registren" in text and "0 problem hittades." in text
        assert "Utbetalning före beslutet" in text and "Inga problem av det här slaget." in text
    for email in ("ekonom@example.com", "styrelse@example.com", "projektagare@example.com"):
        assert as_user(app, email).get("/admin/records-check").status_code == 403


def test_the_page_lists_a_problem_with_its_link(app: Flask, demo: dict) -> None:
    with app.app_context():
        grant = db.session.scalar(select(Grant).where(Grant.name == "Vägen in"))
        grant.decision_reference = "§ 31, Sammanträde 5/2024"
        grant_id = grant.id
        db.session.commit()
    text = html_text(as_user(app, "revisor@example.com").get("/admin/records-check"))
    assert "1 problem hittades." in text
    assert (
        f'<li><a href="/grants/{grant_id}">Vägen in: beslutet hänvisar till § 31, Sammanträde '
        "5/2024, men det finns inget sammanträde 5/2024.</a></li>"
    ) in text


def _flatan(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(Application.id).where(Application.title.like("Flåtan%")))


def test_a_staff_line_entered_as_its_annual_cost(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    application = _flatan(app)
    line = {
        "staff-year": "2027",
        "staff-role": "Handläggare",
        "staff-employer_id": demo["orgs"]["AME"],
        "staff-hours_per_week": "12",
        "staff-months": "12",
    }
    response = owner.post(
        f"/applications/{application}/staff",
        {**line, "staff-cost_basis": "annual", "staff-annual_cost": "156 000"},
    )
    assert response.status_code == 302
    text = html_text(owner.get(f"/applications/{application}/edit"))
    assert "156 000 kr per år" in text
    with app.app_context():
        saved = db.session.scalars(
            select(StaffLine).where(
                StaffLine.application_id == application, StaffLine.role == "Handläggare"
            )
        ).one()
        assert saved.annual_cost == 156_000 and saved.percent == 30


def test_the_chosen_way_of_costing_needs_its_amount(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    application = _flatan(app)
    line = {
        "staff-year": "2027",
        "staff-role": "Dubbel",
        "staff-employer_id": demo["orgs"]["AME"],
        "staff-percent": "30",
        "staff-months": "12",
    }
    for basis, given in (("annual", "staff-annual_salary"), ("salary", "staff-annual_cost")):
        response = owner.post(
            f"/applications/{application}/staff",
            {**line, "staff-cost_basis": basis, given: "375 600"},
        )
        assert response.status_code == 400
        text = html_text(response)
        assert "Ange ett belopp." in text and "Dubbel" in text  # what was typed is kept
    with app.app_context():
        assert not db.session.scalars(select(StaffLine).where(StaffLine.role == "Dubbel")).all()
    # both typed: the chosen way counts, the other figure is not kept
    response = owner.post(
        f"/applications/{application}/staff",
        {
            **line,
            "staff-cost_basis": "salary",
            "staff-annual_salary": "375 600",
            "staff-annual_cost": "156 000",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.scalars(select(StaffLine).where(StaffLine.role == "Dubbel")).one()
        assert saved.annual_cost is None and saved.annual_salary == 375_600
