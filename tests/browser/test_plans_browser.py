"""In a real browser: the förbundschef writes a goal with an indicator, records its
follow-up, and sees it on the dashboard of the landing page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from models import db

from ..unit.test_plans_world import build_world

YEAR = date.today().year


@pytest.fixture
def world(app: Flask) -> Any:
    with app.app_context():
        made = build_world(YEAR)
        db.session.commit()
    return made


def test_goal_indicator_follow_up_and_dashboard(page: Page, login: Any, world: Any) -> None:
    login("chef@example.com")
    page.get_by_role("link", name="Verksamhetsplan").click()
    page.get_by_role("link", name="Ny plan").click()
    page.get_by_label("År").fill(str(YEAR))
    page.get_by_role("button", name="Skapa planen").click()
    expect(page.get_by_test_id("draft")).to_contain_text("Utkast")

    page.get_by_role("link", name="Lägg till mål").click()
    page.get_by_label("Mål", exact=True).fill("Den som behöver stöd får kontakt inom två veckor")
    page.get_by_role("button", name="Spara").click()
    page.get_by_label("Indikator").fill("Andel individer som får kontakt inom två veckor")
    page.get_by_label("Enhet").fill("%")
    page.get_by_label("Utgångsvärde").fill("89")
    page.get_by_label("Målvärde").fill("95")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("#goals")).to_contain_text(
        "Andel individer som får kontakt inom två veckor"
    )

    page.get_by_label("Period").select_option("tertial1")
    page.get_by_role("button", name="Påbörja uppföljningen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uppföljning: Tertial 1")
    page.get_by_role("link", name="Registrera Andel individer som får kontakt").click()
    page.get_by_label("Utfall").fill("91,5")
    page.get_by_label("Status").select_option("at_risk")
    page.get_by_label("Kommentar").fill("Sjukskrivning i teamet under mars.")
    page.get_by_role("button", name="Spara").click()
    row = page.get_by_test_id("indicator-table").locator("tbody tr").first
    expect(row).to_contain_text("91,5 %")
    expect(row).to_contain_text("Risk för avvikelse")

    page.get_by_role("link", name="Översikt", exact=True).click()
    indicators = page.get_by_test_id("dashboard-indicators")
    expect(indicators).to_contain_text("Andel individer som får kontakt inom två veckor: 91,5 %")
    expect(indicators.locator("[data-status=at_risk]")).to_contain_text("⚠ Risk för avvikelse")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.locator("[data-kpi=granted]")).to_have_text("812 000,50 kr")
