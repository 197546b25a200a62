"""The session timeout warning in a real browser (js/session-timeout.js, GOV.UK's pattern).

The idle limit is made a few seconds long (``SESSION_IDLE_MINUTES`` may be a fraction
in the app's config, not from the environment): the warning comes when half of it has
passed without activity, "Fortsätt vara inloggad" keeps the session, typing keeps it
too, and a session that ended anyway leaves the typed text on the page to be saved
after logging in again in another tab.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

PURPOSE = "Att deltagarna ska komma närmare arbete genom praktik och stöd"


@pytest.fixture
def idle_minutes(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Set the idle limit for one test; each test picks what its timing needs on a loaded CI."""

    def _set(minutes: float) -> None:
        monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", minutes)

    return _set


def _edit_flatan(page: Page) -> None:
    page.goto("/applications/")
    page.get_by_role("link", name="Flåtan – vägen till arbete").click()
    page.get_by_role("link", name="Ändra Flåtan – vägen till arbete", exact=True).click()


def test_the_warning_comes_and_continuing_keeps_the_session(
    page: Page, login, demo: dict, idle_minutes: Callable[[float], None]
) -> None:
    idle_minutes(0.25)  # 15 seconds; the warning comes after 7.5
    # Tall enough for "Syfte" to be in view: focusing it must not scroll, as a scroll is use
    # and its keep-alive would keep the session without the continue button.
    page.set_viewport_size({"width": 1280, "height": 1100})
    login("chef@example.com")
    _edit_flatan(page)
    t0 = time.monotonic()  # the session was last used before this
    keep_alives: list[float] = []
    page.on(
        "request",
        lambda r: keep_alives.append(time.monotonic()) if r.url.endswith("/keep-alive") else None,
    )
    purpose = page.get_by_label("Syfte", exact=True)
    purpose.focus()
    warning = page.get_by_role("alertdialog", name="Du loggas snart ut")
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=12000)
    expect(warning).to_contain_text(
        re.compile(
            r"Du loggas ut kl\. \d\d\.\d\d om du inte fortsätter\. "
            r"Det du skrivit men inte sparat går förlorat\."
        )
    )
    expect(warning).to_be_focused()
    assert keep_alives == []  # the session is as the page's load left it
    warning.get_by_role("button", name="Fortsätt vara inloggad").click()
    expect(warning).to_be_hidden()
    expect(purpose).to_be_focused()  # back where the user was
    continued = time.monotonic()
    # Reload at t0 + 18 s: 3 s or more past the end of the session as the page's load left it,
    # and 3 s or more before the end of the one continued at (at least) t0 + 6 s.
    assert continued >= t0 + 6, continued - t0
    page.wait_for_timeout((t0 + 18 - time.monotonic()) * 1000)
    page.reload()
    expect(page).to_have_url(re.compile(r"/applications/\d+/edit$"))


def test_typing_keeps_the_session_and_the_text_is_saved(
    page: Page, login, demo: dict, idle_minutes: Callable[[float], None]
) -> None:
    idle_minutes(0.1)  # six seconds; the warning would come after three
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
    page: Page, login, demo: dict, idle_minutes: Callable[[float], None]
) -> None:
    idle_minutes(0.2)  # 12 seconds, counted from the keep-alive that the typing sends
    login("chef@example.com")
    _edit_flatan(page)
    url = page.url
    page.get_by_label("Syfte", exact=True).fill("Text skriven innan sessionen tog slut")
    ended = page.get_by_role("alert").filter(has_text="Du har loggats ut")
    expect(ended).to_be_visible(timeout=25000)
    expect(ended).to_contain_text("Du loggades ut efter 0,2 minuter utan aktivitet.")
    expect(ended).to_contain_text("Kopiera texten, logga in igen i en ny flik")
    assert page.url == url  # no navigation: the text is still there
    expect(page.get_by_label("Syfte", exact=True)).to_have_value(
        "Text skriven innan sessionen tog slut"
    )
    other = page.context.new_page()
    other.goto("/auth/login")
    expect(other.get_by_role("alert")).to_have_text(
        "Du loggades ut efter 0,2 minuter utan aktivitet."
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


def test_a_stale_token_is_renewed_and_the_session_is_not_called_ended(
    page: Page, login, demo: dict, idle_minutes: Callable[[float], None]
) -> None:
    """A keep-alive refused for its CSRF token (a new session from another tab, or a token
    older than WTF_CSRF_TIME_LIMIT) takes the live session's token and tries once more."""
    idle_minutes(0.25)  # a keep-alive at most every 3.75 seconds
    login("chef@example.com")
    _edit_flatan(page)
    # Logged in again in another tab (same cookies): a new session, so a new CSRF secret, and
    # the token on this page is stale while the session is alive. Done well before the page's
    # first status request (at 7.5 s), which would see no session in between.
    page.context.clear_cookies()
    other = page.context.new_page()
    other.goto("/auth/login")
    other.get_by_label("E-post").fill("chef@example.com")
    other.get_by_label("Lösenord").fill("samordna-demo")
    other.get_by_role("button", name="Logga in").click()
    expect(other).not_to_have_url(re.compile(r"/auth/login"))
    other.close()
    text = "Skrivet med en token från sessionen före"
    with page.expect_response(
        lambda r: r.url.endswith("/auth/keep-alive") and r.status == 204, timeout=15000
    ):
        page.get_by_label("Syfte", exact=True).fill(text)
    expect(page.get_by_text("Du har loggats ut")).to_be_hidden()
    expect(page.get_by_text("Du är inloggad igen")).to_be_hidden()  # never seen as ended
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Ansökan har sparats.")).to_be_visible()
    expect(page.get_by_label("Syfte", exact=True)).to_have_value(text)
