"""In a real browser: the förbundschef walks one meeting from kallelse to anslag."""

from __future__ import annotations

import re
from datetime import timedelta

from docx import Document
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.clock import today
from models import db
from models.organisation import Organisation

from ..unit.test_meetings_support import application

TITLE = "Trisam – team för tidig samordning 2027"


def test_chef_walks_one_meeting_from_kallelse_to_anslag(
    page: Page, login, demo: dict, app: Flask
) -> None:
    # Every proposed application of the demo sits on 5/2026's open agenda, so one more is
    # put on the board's table, the way the beredning leaves it (proposed, not on an agenda).
    with app.app_context():
        owner = db.session.scalar(select(Organisation).where(Organisation.short_name == "Region"))
        application(owner, TITLE, {2027: "500000"})
        db.session.commit()
    day = today().isoformat()

    # Kallelse: plan the meeting with the standard items, add the application, fix and send.
    login("chef@example.com")
    page.get_by_role("link", name="Sammanträden").click()
    page.get_by_role("link", name="Planera sammanträde").click()
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Plats").fill("Kommunhuset, Ludvika")
    page.get_by_label(re.compile("standardpunkterna")).check()
    page.get_by_role("button", name="Spara").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(re.compile(r"Sammanträde \d+/\d{4}"))
    label = re.search(r"\d+/\d{4}", heading.inner_text()).group(0)
    meeting_link = f"Sammanträde {label}"
    agenda = page.get_by_test_id("agenda")
    expect(agenda.get_by_role("row", name=re.compile("Val av justerare"))).to_have_count(1)

    page.get_by_label("Typ av ärende").select_option("application")
    options = page.locator("select#application_id option")
    offered = [text.strip() for text in options.all_inner_texts()]
    assert any(TITLE in text for text in offered)
    # The applications already on 5/2026's open agenda are not offered.
    assert not any("Vägen in" in text for text in offered)
    option = options.filter(has_text=TITLE)
    page.get_by_label("Ansökan").select_option(option.get_attribute("value"))
    page.get_by_role("button", name="Lägg till på dagordningen").click()
    expect(page.get_by_text("Ärendet har lagts till på dagordningen.")).to_be_visible()

    page.get_by_role("button", name="Fastställ dagordningen och skicka kallelsen").click()
    row = page.get_by_test_id("agenda").get_by_role("row", name=re.compile("Trisam"))
    number = row.locator("td").first.inner_text().strip()
    assert re.fullmatch(r"§ \d+", number)
    page.get_by_role("button", name="Skicka kallelsen med e-post").click()
    recipients = page.get_by_test_id("kallelse-mail").get_by_role("table")
    expect(recipients).to_contain_text("Per Nilsson <")
    expect(recipients).to_contain_text("Erik Sandberg <")
    expect(recipients).to_contain_text(f"Kallelse till styrelsens sammanträde {label}")
    # Every ledamot and ersättare of the term: five seats, two each.
    expect(recipients.locator("tbody tr")).to_have_count(10)

    # At the meeting: everyone present.
    page.get_by_role("link", name="Närvaro").click()
    for choice in page.locator("select[name^=status_]").all():
        choice.select_option("present")
    page.get_by_role("button", name="Spara närvaro").click()
    expect(page.get_by_test_id("quorum")).to_contain_text("Beslutför: 5 av 5 platser")

    # Val av justerare.
    page.get_by_role("link", name="Val av justerare").click()
    page.get_by_label("Erik Sandberg").check()
    page.get_by_role("button", name="Registrera valet").click()
    expect(page.get_by_test_id("elected")).to_have_text("Erik Sandberg")

    # Jäv on the application item, with its reason; the party's ersättare steps in.
    page.get_by_role("link", name=meeting_link).click()
    page.get_by_role("link", name=TITLE).click()
    assert _duplicate_ids(page) == []
    jav = page.get_by_role("region", name="Jäv", exact=True)
    member = jav.get_by_label("Medlem")
    # Helena Berg (FK ledamot) is jävig; FK's ersättare, present without serving, steps in.
    javig = "Helena Berg"
    member.select_option(label="Helena Berg (FK)")
    jav.get_by_label("Skäl").fill("styrelseledamot i projektägaren")
    page.get_by_role("button", name="Anteckna jäv").click()
    expect(page.get_by_test_id("recusals")).to_contain_text(
        f"{javig} – styrelseledamot i projektägaren"
    )
    who_acts = page.get_by_test_id("who-acts")
    expect(who_acts).to_contain_text(
        f"{javig} anmäler jäv och deltar inte i handläggningen av ärendet"
        " (styrelseledamot i projektägaren)."
    )
    expect(who_acts).to_contain_text("Jonas Wikström (ersättare) tjänstgör i Helena Bergs ställe")
    expect(page.get_by_test_id("item-quorum")).to_contain_text("5 av 5")

    # Beviljas with the amount; the 2027 plan is a draft, so the board confirms the funds.
    page.get_by_label("Belopp 2027").fill("450 000")
    page.get_by_label("Villkor", exact=True).fill("Lägesrapport i augusti 2027.")
    page.get_by_role("button", name="Registrera beslut").click()
    confirm = page.get_by_label(re.compile("Styrelsen beviljar utöver"))
    if confirm.count():
        confirm.check()
        page.get_by_role("button", name="Registrera beslut").click()
    expect(page.get_by_test_id("decision")).to_contain_text("Beviljas")
    assert _duplicate_ids(page) == []  # the reservation and note forms label their own fields

    # The print view of the draft protocol.
    page.get_by_role("link", name=meeting_link).click()
    page.get_by_role("link", name="Protokoll", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Protokoll nr {label}")
    item = page.get_by_test_id("paragraph").filter(has_text="Trisam")
    expect(item.get_by_role("heading")).to_have_text(f"{number} {TITLE}")
    expect(item).to_contain_text(f"450 000 kr för {TITLE} (2027: 450 000 kr),")
    expect(item).to_contain_text(
        "att beviljade medel förenas med villkoren: Lägesrapport i augusti 2027."
    )
    expect(item).to_contain_text(f"{javig} anmäler jäv")
    expect(page.get_by_test_id("paragraph").filter(has_text="Val av justerare")).to_contain_text(
        "Till justerare valdes Erik Sandberg att jämte ordföranden justera protokollet."
    )
    expect(page.get_by_test_id("draft")).to_have_text("Utkast – ej justerat")

    # Justering by the ordförande and the elected justerare, on the meeting day.
    page.goto(page.url.replace("/protocol", ""))
    page.get_by_role("link", name="Registrera justering").click()
    page.get_by_label("Justeringsdatum").fill(day)
    page.get_by_label("Per Nilsson").check()
    page.get_by_label("Erik Sandberg").check()
    page.get_by_label("Jag förstår").check()
    page.get_by_role("button", name="Registrera justering").click()
    expect(page.get_by_test_id("locked-notice")).to_contain_text("Per Nilsson, Erik Sandberg")

    # The frozen .docx: header with the protocol number, no placeholder anywhere.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Protokoll (.docx)").click()
    path = download_info.value.path()
    document = Document(path)
    header = " ".join(
        p.text for section in document.sections for p in section.header.paragraphs
    ) + " ".join(
        cell.text
        for section in document.sections
        for table in section.header.tables
        for row in table.rows
        for cell in row.cells
    )
    assert label in header
    body = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    assert not any("{" in text for text in [*body, header])
    assert any("Till justerare valdes Erik Sandberg att jämte" in text for text in body)

    # Anslag: posted the day of justering; the appeal window runs three weeks.
    page.goto("/meetings/")
    expect(page.get_by_test_id("awaiting-anslag")).to_contain_text(meeting_link)
    page.get_by_test_id("awaiting-anslag").get_by_role("link", name=meeting_link).click()
    page.get_by_role("link", name="Registrera anslag").click()
    page.get_by_label("Anslaget på anslagstavlan").fill(day)
    page.get_by_role("button", name="Spara anslag").click()
    ends = today() + timedelta(weeks=3)
    expect(page.get_by_test_id("appeal-ends")).to_have_text(
        f"Tiden för överklagande (laglighetsprövning) går ut {ends.isoformat()}."
    )
    page.goto("/meetings/")
    awaiting = page.get_by_test_id("awaiting-anslag")
    expect(awaiting.get_by_role("link", name=meeting_link)).to_have_count(0)


def _duplicate_ids(page: Page) -> list[str]:
    """Labelled ids used by more than one element: the label then names the wrong field."""
    return page.evaluate(
        """() => [...new Set([...document.querySelectorAll('label[for]')].map(l => l.htmlFor))]
            .filter(id => document.querySelectorAll(`[id="${id}"]`).length > 1)"""
    )
