"""A refused budget line: the page comes back where the line is — its error summary, down at
the budget, has the focus — and the summary's link takes the user to the field."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_a_refused_budget_line_focuses_the_summary_and_links_to_the_field(
    page: Page, login, demo: dict
) -> None:
    page.set_viewport_size({"width": 1280, "height": 600})
    login("projektagare@example.com")
    page.goto("/applications/new")
    page.get_by_label("Insatsens namn").fill("Felsammanfattning i Ludvika")
    page.get_by_label("Typ av insats").select_option(label="Individinriktad insats")
    page.get_by_label("Kontaktperson", exact=True).fill("Johan Berg")
    page.get_by_label("Period från").fill("2027-01-01")
    page.get_by_label("Period till").fill("2027-12-31")
    page.get_by_label("Syfte", exact=True).fill("Att deltagarna ska komma närmare arbete.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".alert-success")).to_contain_text("Utkastet har sparats")

    line = page.locator("form[action$='/lines']")
    line.get_by_label("Belopp", exact=True).fill("tio")
    line.get_by_role("button", name="Lägg till kostnad").click()

    summary = page.locator("#budget [data-testid=error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Det finns ett problem")
    assert page.evaluate("window.scrollY") > 1000  # not back at the top of the page
    expect(page.locator("h1")).not_to_be_in_viewport()
    amount = page.locator("#line-amount")
    expect(amount).to_have_attribute("aria-invalid", "true")

    summary.locator("a[href='#line-amount']").click()
    expect(amount).to_be_in_viewport()
    expect(amount).to_be_focused()
    expect(page.locator("#line-amount-error")).to_be_in_viewport()
