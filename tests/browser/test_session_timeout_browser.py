"""The session timeout warning in a real browser (js/session-timeout.js, GOV.UK's pattern).

The idle limit is made a few seconds long (``SESSION_IDLE_MINUTES`` may be a fraction
in the app's config, not from the environment): the warning comes when half of it has
passed without activity, "Fortsätt vara inloggad" keeps the session, typing keeps it
too, and a session that ended anyway leaves the typed text on the page to be saved
after logging in again in another tab.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

IDLE_MINUTES = 0.1  # six seconds; the warning comes after three
PURPOSE = "Att deltagarna ska komma närmare arbete genom praktik och stöd"


@pytest.fixture
def short_idle(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", IDLE_MINUTES)


def _edit_flatan(page: Page) -> None:
    page.goto("/applications/")
    page.get_by_role("link", name="Flåtan – vägen till arbete").click()
    page.get_by_role("link", name="Ändra Flåtan – vägen till arbete", exact=True).click()


def test_the_warning_comes_and_continuing_keeps_the_session(
    page: Page, login, demo: dict, short_idle: None
) -> None:
    login("chef@example.com")
    _edit_flatan(page)
    purpose = page.get_by_label("Syfte", exact=True)
    purpose.focus()
    warning = page.get_by_role("alertdialog", name="Du loggas snart ut")
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=6000)
    expect(warning).to_contain_text(
        re.compile(
            r"Du loggas ut kl\. \d\d\.\d\d om du inte fortsätter\. "
            r"Det du skrivit men inte sparat går förlorat\."
        )
    )
    expect(warning).to_be_focused()
    warning.get_by_role("button", name="Fortsätt vara inloggad").click()
    expect(warning).to_be_hidden()
    expect(purpose).to_be_focused()  # back where the user was
    page.wait_for_timeout(4000)  # past the six seconds counted from the page's load
    page.reload()
    expect(page).to_have_url(re.compile(r"/applications/\d+/edit$"))


def test_typing_keeps_the_session_and_the_text_is_saved(
    page: Page, login, demo: dict, short_idle: None
) -> None:
    login("chef@example.com")
    _edit_flatan(page)
    purpose = page.get_by_label("Syfte", exact=True)
    purpose.fill("")
    for word in PURPOSE.split():
        purpose.press_sequentially(word + " ")
        page.wait_for_timeout(800)  # ten seconds of typing, more than the idle limit
    expect(page.get_by_role("alertdialog")).to_be_hidden()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/auth/login"))
    expect(page.get_by_text("Ansökan har sparats.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Syfte", exact=True)).to_have_value(PURPOSE)


def test_an_ended_session_keeps_the_text_for_saving_after_a_new_log_in(
    page: Page, login, demo: dict, short_idle: None
) -> None:
    login("chef@example.com")
    _edit_flatan(page)
    url = page.url
    page.get_by_label("Syfte", exact=True).fill("Text skriven innan sessionen tog slut")
    ended = page.get_by_role("alert").filter(has_text="Du har loggats ut")
    expect(ended).to_be_visible(timeout=12000)
    expect(ended).to_contain_text("Du loggades ut efter 0,1 minuter utan aktivitet.")
    expect(ended).to_contain_text("Kopiera texten, logga in igen i en ny flik")
    assert page.url == url  # no navigation: the text is still there
    expect(page.get_by_label("Syfte", exact=True)).to_have_value(
        "Text skriven innan sessionen tog slut"
    )
    other = page.context.new_page()
    other.goto("/auth/login")
    expect(other.get_by_role("alert")).to_have_text(
        "Du loggades ut efter 0,1 minuter utan aktivitet."
    )
    other.get_by_label("E-post").fill("chef@example.com")
    other.get_by_label("Lösenord").fill("samordna-demo")
    other.get_by_role("button", name="Logga in").click()
    expect(other).not_to_have_url(re.compile(r"/auth/login"))
    other.close()
    page.bring_to_front()
    expect(page.get_by_role("status").filter(has_text="Du är inloggad igen")).to_be_visible()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Ansökan har sparats.")).to_be_visible()
    page.goto(url)
    expect(page.get_by_label("Syfte", exact=True)).to_have_value(
        "Text skriven innan sessionen tog slut"
    )
