"""In a real browser: a board member reads the kallelse; the förbundschef holds a meeting."""

from __future__ import annotations

import re

from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from models import db
from models.organisation import Organisation

from ..unit.test_meetings_support import application


def test_board_member_reads_the_kallelse(page: Page, login, demo: dict) -> None:
    login("styrelse@example.com")
    page.get_by_role("link", name="Sammanträden").click()
    page.get_by_role("link", name="Sammanträde 5/2026").click()
    expect(page.get_by_role("button", name=re.compile("Fastställ"))).to_have_count(0)
    page.get_by_role("link", name="Kallelse med underlag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kallelse till sammanträde 5/2026")
    expect(page.get_by_role("heading", name=re.compile(r"§ \d+ Vägen in"))).to_be_visible()
    expect(page.get_by_text("Styrelsen beviljar Vägen in 900 000 kr för 2027")).to_be_visible()


def test_chef_records_attendance_and_a_grant_and_sees_it_in_the_protocol(
    page: Page, login, demo: dict, app: Flask
) -> None:
    # The demo's proposed applications sit on 5/2026's open agenda: one not on any agenda.
    with app.app_context():
        owner = db.session.scalar(select(Organisation).where(Organisation.short_name == "Region"))
        application(owner, "Trisam – team för tidig samordning 2027", {2027: "500000"})
        db.session.commit()
    login("chef@example.com")
    page.goto("/meetings/new")
    page.get_by_label("Datum").fill("2025-12-11")
    page.get_by_label("Plats").fill("Kommunhuset, Ludvika")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sammanträde 2/2025")

    page.get_by_label("Typ av ärende").select_option("application")
    trisam = page.locator("select#application_id option", has_text="Trisam")
    page.get_by_label("Ansökan").select_option(trisam.get_attribute("value"))
    page.get_by_role("button", name="Lägg till på dagordningen").click()
    expect(page.get_by_text("Ärendet har lagts till på dagordningen.")).to_be_visible()
    page.get_by_role("button", name="Fastställ dagordningen och skicka kallelsen").click()
    row = page.get_by_test_id("agenda").get_by_role("row", name=re.compile("Trisam"))
    number = row.locator("td").first.inner_text().strip()
    assert re.fullmatch(r"§ \d+", number)

    page.get_by_role("link", name="Närvaro").click()
    for choice in page.locator("select[name^=status_]").all():
        choice.select_option("present")
    page.get_by_role("button", name="Spara närvaro").click()
    expect(page.get_by_test_id("quorum")).to_contain_text("Beslutför: 5 av 5 platser")

    page.get_by_role("link", name="Trisam – team för tidig samordning").click()
    # The demo's plan for 2027 is a draft: no adopted budget, so the board must confirm.
    expect(page.get_by_test_id("funds")).to_contain_text("ingen fastställd plan")
    page.get_by_label("Belopp 2027").fill("450 000")
    page.get_by_label("Villkor", exact=True).fill("Lägesrapport i augusti 2027.")
    page.get_by_role("button", name="Registrera beslut").click()
    expect(page.get_by_text("2027: ingen fastställd verksamhetsplan")).to_be_visible()
    page.get_by_label(re.compile("Styrelsen beviljar utöver")).check()
    page.get_by_role("button", name="Registrera beslut").click()
    expect(page.get_by_test_id("decision")).to_contain_text("Beviljas")
    expect(page.get_by_test_id("decision")).to_contain_text("gäller efter justering")

    page.get_by_role("link", name="Sammanträde 2/2025").click()
    page.get_by_role("link", name="Protokoll", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Protokoll nr 2/2025")
    item = page.get_by_test_id("paragraph").filter(has_text="Trisam")
    expect(item.get_by_role("heading")).to_have_text(
        f"{number} Trisam – team för tidig samordning 2027"
    )
    expect(item).to_contain_text(
        "450 000 kr för Trisam – team för tidig samordning 2027 (2027: 450 000 kr),"
    )
    expect(item).to_contain_text(
        "att beviljade medel förenas med villkoren: Lägesrapport i augusti 2027."
    )
    expect(page.get_by_test_id("draft")).to_have_text("Utkast – ej justerat")

    # Val av justerare, then justering by the ordförande and the elected justerare.
    page.goto(page.url.replace("/protocol", ""))
    page.get_by_role("link", name="Val av justerare").click()
    page.get_by_label("Erik Sandberg").check()
    page.get_by_role("button", name="Registrera valet").click()
    expect(page.get_by_test_id("elected")).to_have_text("Erik Sandberg")
    page.get_by_role("link", name="Sammanträde 2/2025").click()
    page.get_by_role("link", name="Registrera justering").click()
    page.get_by_label("Erik Sandberg").uncheck()
    page.get_by_label("Jag förstår").check()
    page.get_by_role("button", name="Registrera justering").click()
    expect(page.get_by_test_id("signers-error")).to_contain_text(
        "Ordföranden kan inte justera ensam"
    )
    page.get_by_label("Erik Sandberg").check()
    page.get_by_label("Jag förstår").check()
    page.get_by_role("button", name="Registrera justering").click()
    expect(page.get_by_test_id("locked-notice")).to_contain_text("Per Nilsson, Erik Sandberg")


def test_chef_records_the_anslag_of_a_justerat_protocol(page: Page, login, demo: dict) -> None:
    login("chef@example.com")
    page.goto("/meetings/?year=2016")
    page.get_by_role("link", name="Sammanträde 1/2016").click()
    page.get_by_role("link", name="Registrera anslag").click()
    page.get_by_label("Anslaget på anslagstavlan").fill("2016-03-10")
    page.get_by_label("Tas ned").fill("2016-03-20")
    page.get_by_role("button", name="Spara anslag").click()
    expect(page.locator("#posted_on-error")).to_contain_text("ta ned det tidigast 2016-03-31")
    page.get_by_label("Tas ned").fill("2016-04-01")
    page.get_by_role("button", name="Spara anslag").click()
    expect(page.get_by_test_id("appeal-ends")).to_have_text(
        "Tiden för överklagande (laglighetsprövning) går ut 2016-03-31."
    )
    page.get_by_role("link", name="Protokoll", exact=True).click()
    expect(page.get_by_test_id("anslagsbevis")).to_contain_text("2016-03-10")
    expect(page.get_by_test_id("sha256")).to_contain_text("SHA-256")
