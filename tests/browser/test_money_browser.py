"""The treasurer shares a cost in a real browser and sees the parts add up."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_ekonom_creates_a_cost_split_and_sees_the_parts(page: Page, login, demo: dict) -> None:
    login("ekonom@example.com")
    page.locator("[data-nav='money.contributions']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medlemsbidrag")
    page.get_by_role("link", name="Kostnadsfördelningar").click()
    page.get_by_role("link", name="Ny kostnadsfördelning").click()

    page.get_by_label("Namn").fill("Gemensam licens för dokumentationssystem")
    page.get_by_label("Kostnad per år").fill("100 000 kr")
    page.get_by_label("Första år").fill("2027")
    page.get_by_label("Sista år").fill("2028")
    page.get_by_label("Fördelningsgrund").select_option(label="Fasta belopp, resten i lika delar")
    for name in ("Försäkringskassan", "Arbetsförmedlingen", "Ludvika kommun"):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("Fast belopp för Försäkringskassan").fill("40 000")
    page.get_by_role("button", name="Spara och beräkna").click()

    expect(page.locator(".alert-success")).to_contain_text("har sparats")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gemensam licens för dokumentationssystem"
    )
    parts = page.locator("[data-testid=split-parts]")
    expect(parts).to_contain_text("Andelarna är desamma varje år 2027–2028.")
    expect(parts.locator("tr[data-org=FK] [data-testid=part-amount]")).to_have_text("40 000 kr")
    expect(parts.locator("tr[data-org=AF] [data-testid=part-amount]")).to_have_text("30 000 kr")
    expect(parts.locator("tr[data-org=Ludvika] [data-testid=part-amount]")).to_have_text(
        "30 000 kr"
    )
    expect(parts.locator("tfoot")).to_contain_text("100 000 kr")


def test_chef_sees_a_domain_error_with_the_typed_values_kept(page: Page, login, demo: dict) -> None:
    login("chef@example.com")
    page.goto("/money/?year=2015")
    page.get_by_label("Totalt medlemsbidrag").fill("4 000 000")
    page.get_by_label("Hur kommunerna delar sin fjärdedel").select_option("percent")
    page.get_by_label("Ludvika kommun").fill("60")
    page.get_by_label("Smedjebackens kommun").fill("30")
    page.get_by_role("button", name="Spara och beräkna andelar").click()
    expect(page.locator("[data-testid=domain-error]")).to_have_text(
        "Procentsatserna blir 90 %; de måste bli exakt 100 %."
    )
    expect(page.get_by_label("Ludvika kommun")).to_have_value("60")
    page.get_by_label("Ludvika kommun").fill("70")
    page.get_by_role("button", name="Spara och beräkna andelar").click()
    expect(page.locator("[data-testid=sum-check]")).to_have_text(
        "Andelarna blir exakt totalbeloppet, 4 000 000 kr."
    )
    expect(page.locator("tr[data-org=Ludvika] [data-testid=share-amount]")).to_have_text(
        "700 000 kr"
    )
