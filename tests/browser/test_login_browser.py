"""Log in as each role in a real browser and see that role's navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_user_menu

NAV = {
    "chef@example.com": {"Översikt", "Parter", "Användare", "Ändringslogg", "Inställningar"},
    "styrelse@example.com": {"Översikt", "Parter"},
    "ekonom@example.com": {"Översikt", "Parter"},
    "projektagare@example.com": {"Översikt"},
    "revisor@example.com": {"Översikt", "Parter", "Ändringslogg"},
}


@pytest.mark.parametrize("email", list(NAV))
def test_each_role_sees_its_navigation(page: Page, login, demo: dict, email: str) -> None:
    login(email)
    open_user_menu(page)
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    links = page.locator("[data-testid=main-nav] a").all_inner_texts()
    expected = NAV[email]
    assert expected <= set(links)
    for forbidden in {"Användare", "Inställningar", "Ändringslogg"} - expected:
        assert forbidden not in links


def test_wrong_password_shows_the_swedish_error(page: Page, login, demo: dict) -> None:
    login("chef@example.com", "inte-rätt")
    expect(page.locator("#password-error")).to_have_text("Fel e-postadress eller lösenord.")


def test_form_without_csrf_token_is_refused_in_the_browser(page: Page, login, demo: dict) -> None:
    page.goto("/auth/login")
    page.evaluate("document.querySelector('input[name=csrf_token]').remove()")
    page.get_by_label("E-post").fill("chef@example.com")
    page.get_by_label("Lösenord").fill("samordna-demo")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formuläret kunde inte tas emot")
