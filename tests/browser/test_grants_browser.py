"""The ekonom records a payment in a real browser, sees paid and remaining change, and
downloads the grant register."""

from __future__ import annotations

import io

import openpyxl
from playwright.sync_api import Page, expect


def test_ekonom_records_a_payment_and_downloads_the_register(page: Page, login, demo: dict) -> None:
    login("ekonom@example.com")
    page.get_by_role("link", name="Beviljade medel").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bidragsregister")
    page.get_by_role("link", name="Vägen in", exact=True).click()
    row = page.locator("[data-testid=grant-years] tr[data-year='2026']")
    expect(row.locator("[data-col=paid]")).to_have_text("480 000 kr")
    expect(row.locator("[data-col=remaining]")).to_have_text("160 000 kr")

    page.get_by_role("link", name="Registrera utbetalning").click()
    page.get_by_label("Bidragsår").select_option("2026")
    page.get_by_label("Utbetalningsdag").fill("2026-11-20")
    page.get_by_label("Belopp").fill("160 000,01")
    page.get_by_label("Referens").fill("Rekv V-2026-4")
    page.get_by_role("button", name="Registrera utbetalningen").click()
    expect(page.locator("#amount-error")).to_contain_text("högst 160 000 kr återstår")
    expect(page.get_by_label("Belopp")).to_have_value("160 000,01")

    page.get_by_label("Belopp").fill("160 000")
    page.get_by_role("button", name="Registrera utbetalningen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "En utbetalning på 160 000 kr för 2026 är registrerad."
    )
    expect(row.locator("[data-col=paid]")).to_have_text("640 000 kr")
    expect(row.locator("[data-col=remaining]")).to_have_text("0 kr")
    expect(page.locator("[data-testid=payments]")).to_contain_text("Rekv V-2026-4")

    page.get_by_role("link", name="Beviljade medel").first.click()
    page.get_by_label("År", exact=True).select_option("all")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_test_id("register-year")).to_contain_text("Visar alla år")
    with page.expect_download() as info:
        page.get_by_test_id("register-xlsx").click()
    download = info.value
    assert download.suggested_filename == "bidragsregister.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()), data_only=True)
    rows = list(book["Bidragsregister"].iter_rows(min_row=3, values_only=True))
    vagen_2026 = next(r for r in rows if r[0] == "Vägen in" and r[7] == 2026)
    assert vagen_2026[8:11] == (640000, 640000, 0)
