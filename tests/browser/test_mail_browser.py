"""In a real browser: the förbundschef mails the kallelse of an open demo meeting and sees
who it went to; the Utkorg lists the mails."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import open_user_menu


def test_chef_sends_the_kallelse_from_the_meeting_page(page: Page, login, demo: dict) -> None:
    login("chef@example.com")
    page.get_by_role("link", name="Sammanträden").click()
    page.get_by_role("link", name="Sammanträde 5/2026").click()
    page.get_by_test_id("send-kallelse").click()
    expect(
        page.get_by_text(re.compile(r"Kallelsen till sammanträde 5/2026 är köad till \d+"))
    ).to_be_visible()
    section = page.get_by_test_id("kallelse-mail")
    expect(section.get_by_role("row", name=re.compile("Köad"))).not_to_have_count(0)
    expect(page.get_by_test_id("send-kallelse")).to_have_text("Skicka reviderad kallelse")
    open_user_menu(page)  # the Utkorg is in the user menu
    page.get_by_role("link", name="Utkorg").click()
    expect(page.get_by_test_id("mail-mode")).to_contain_text("MAIL_URL är inte satt")
    expect(page.get_by_text("Kallelse till styrelsens sammanträde 5/2026").first).to_be_visible()
