"""A projektägare enters a two-year application with staff and co-financing and submits it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def test_projektagare_enters_budget_sees_table_and_submits(page: Page, login, demo: dict) -> None:
    login("projektagare@example.com")
    page.locator("[data-testid=main-nav]").get_by_role("link", name="Ansökningar").click()
    page.get_by_role("link", name="Ny ansökan").click()
    page.get_by_label("Insatsens namn").fill("Arbetsträning i Smedjebacken")
    page.get_by_label("Typ av insats").select_option(label="Individinriktad insats")
    page.get_by_label("Kontaktperson", exact=True).fill("Johan Berg")
    page.get_by_label("Period från").fill("2027-01-01")
    page.get_by_label("Period till").fill("2028-12-31")
    page.get_by_label("Syfte", exact=True).fill(
        "Att deltagarna ska komma närmare arbete.\n\nAndra stycket."
    )
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".alert-success")).to_contain_text("Utkastet har sparats")

    parties = page.locator("form[action$='/parties']")
    parties.get_by_label("Organisation", exact=True).select_option(label="Försäkringskassan")
    parties.get_by_role("button", name="Lägg till medsökande").click()
    expect(page.locator("[data-testid=parties]")).to_contain_text("Försäkringskassan")

    staff = page.locator("form[action$='/staff']")
    staff.get_by_label("År", exact=True).select_option("2027")
    staff.get_by_label("Roll", exact=True).fill("Handledare")
    staff.get_by_label("Person", exact=True).fill("Eva Ek")
    staff.get_by_label("Arbetsgivare").select_option(
        label="AME Smedjebacken (Smedjebackens kommun)"
    )
    staff.get_by_label("eller timmar per vecka").fill("12")
    staff.get_by_label("Årslön vid heltid").fill("375 600")
    staff.get_by_role("button", name="Lägg till personal").click()
    table = page.locator("[data-testid=budget-table]")
    # 375 600 × 30 % × (1 + 44,53 %) = 162 856,40 kr
    expect(page.locator("[data-testid=requested-2027]")).to_have_text("162 856,40 kr")
    expect(page.locator("[data-testid=staff-lines]")).to_contain_text("30 %")

    staff = page.locator("form[action$='/staff']")
    staff.get_by_label("År", exact=True).select_option("2028")
    staff.get_by_label("Roll", exact=True).fill("Projektledare")
    staff.get_by_label("Arbetsgivare").select_option(label="Region Dalarna")
    staff.get_by_label("Tjänstgöringsgrad (%)").fill("50")
    staff.get_by_label("Årslön vid heltid").fill("480 000")
    staff.get_by_label("Månader", exact=True).fill("6")
    staff.get_by_role("button", name="Lägg till personal").click()
    # 480 000 × 50 % × 1,5228 × 6/12 = 182 736 kr
    expect(page.locator("[data-testid=requested-2028]")).to_have_text("182 736 kr")

    co = page.locator("form[action$='/co-financing']")
    co.get_by_label("År", exact=True).select_option("2027")
    co.get_by_label("Från", exact=True).select_option(label="Arbetsförmedlingen")
    co.get_by_label("Form", exact=True).select_option(label="I annat än pengar (t.ex. personaltid)")
    co.get_by_label("Belopp", exact=True).fill("40 000")
    co.get_by_role("button", name="Lägg till medfinansiering").click()
    expect(page.locator("[data-testid=requested-2027]")).to_have_text("122 856,40 kr")
    expect(page.locator("[data-testid=requested-total]")).to_have_text("305 592,40 kr")
    expect(table).to_contain_text("40 000 kr")

    page.get_by_role("link", name="Visa ansökan").click()
    expect(page.locator("[data-testid=text-purpose] p")).to_have_count(2)
    page.get_by_role("button", name="Skicka in ansökan").click()
    expect(page.locator(".alert-success")).to_contain_text("diarieförts som")
    number = page.locator("[data-testid=registry-number]")
    expect(number).to_have_text(re.compile(r"^\d{4}/\d{3}$"))
    expect(page.locator("[data-testid=status]").first).to_have_text("Inkommen")
    expect(page.locator("[data-testid=requested-total]")).to_have_text("305 592,40 kr")


def test_chef_edits_a_staff_lines_percent_and_sees_the_new_cost(
    page: Page, login, demo: dict
) -> None:
    """Issue 24.9: "Ändra" on a staff line opens it filled in; a new percent is saved and
    the budget shows the new cost, back at the budget section."""
    login("chef@example.com")
    page.goto("/applications/")
    page.get_by_role("link", name="Flåtan – vägen till arbete").click()
    page.get_by_role("link", name="Ändra Flåtan – vägen till arbete", exact=True).click()
    staff = page.get_by_role("table", name="Personal")
    row = staff.get_by_role("row").filter(has_text="Projektledare").first
    # 480 000 × 50 % × (1 + 44,53 %) = 346 872 kr
    expect(row).to_contain_text("346 872 kr")
    staff.get_by_role("link", name="Ändra Projektledare 2027").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ändra personalraden Projektledare 2027"
    )
    expect(page.get_by_label("Roll", exact=True)).to_have_value("Projektledare")
    share = page.get_by_label("Tjänstgöringsgrad (%)")
    expect(share).to_have_value("50")
    share.fill("40")
    page.get_by_role("button", name="Spara personalraden").click()
    expect(page.locator(".alert-success")).to_contain_text("Personalraden har sparats.")
    expect(page).to_have_url(re.compile(r"/edit#budget$"))
    changed = page.get_by_role("table", name="Personal").get_by_role("row")
    changed = changed.filter(has_text="Projektledare").first
    # 480 000 × 40 % × 1,4453 = 277 497,60 kr
    expect(changed).to_contain_text("40 %")
    expect(changed).to_contain_text("277 497,60 kr")
