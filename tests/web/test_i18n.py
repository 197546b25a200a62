"""Swedish UI through Babel, English per user."""

from __future__ import annotations

from flask import Flask

from app.i18n import missing_translations

from ..conftest import WebClient, html_text


def test_every_ui_string_has_a_swedish_translation() -> None:
    missing = missing_translations("sv")
    assert missing == {}, "untranslated (run python -m app.i18n missing): " + ", ".join(
        f"{where}: {msgid!r}" for msgid, where in list(missing.items())[:20]
    )


def test_user_can_choose_english(app: Flask, web: WebClient, demo: dict) -> None:
    web.login("ekonom@example.com")
    assert "Logga ut" in html_text(web.get("/"))
    response = web.post("/auth/account", {"profile-locale": "en", "profile-submit": "y"})
    assert response.status_code == 302
    text = html_text(web.get("/"))
    assert "Log out" in text and 'lang="en"' in text


def test_visitor_can_switch_language_on_login_page(web: WebClient) -> None:
    web.post("/lang/en")
    assert "Log in to Samordna" in html_text(web.get("/auth/login"))
