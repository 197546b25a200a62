"""Swedish UI through Babel, English per user."""

from __future__ import annotations

from flask import Flask, render_template_string
from flask_babel import force_locale

from app.i18n import missing_translations

from ..conftest import WebClient, as_user, html_text


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


def test_templates_translate_to_the_language_in_force(app: Flask) -> None:
    """``_()`` in a template gives the language in force, formats its variables and
    escapes them where the template escapes, as Jinja's newstyle gettext does."""
    formatted = "{{ _('Versions (%(count)d)', count=3) }}"
    with app.test_request_context(), force_locale("en"):
        assert render_template_string(formatted) == "Versions (3)"
        assert render_template_string("{{ _('Budget per year (kr)') }}") == "Budget per year (kr)"
        with force_locale("sv"):
            assert render_template_string(formatted) == "Versioner (3)"
            assert render_template_string("{{ _('Budget per year (kr)') }}") == "Budget per år (kr)"
        assert render_template_string(formatted) == "Versions (3)"
        plain = "{% autoescape false %}{{ _('%(n)s of 100 %%', n='<b>') }}{% endautoescape %}"
        assert render_template_string(plain) == "<b> of 100 %"
        assert render_template_string("{{ _('%(n)s of 100 %%', n='<b>') }}") == (
            "&lt;b&gt; of 100 %"
        )


def test_labels_menu_and_role_follow_the_language_in_force(app: Flask) -> None:
    """Status labels, the role's name and the menu are shown in the language in force,
    switching back and forth within one process."""
    page = (
        "{{ APPLICATION_LABELS.status['granted'] }}|{{ 'granted'|application_status }}|"
        "{{ role_label('revisor') }}|{% for _e, _s, _u, label in nav_items() %}{{ label }},"
        "{% endfor %}"
    )
    with app.test_request_context():
        for _ in range(2):
            with force_locale("sv"):
                assert render_template_string(page).startswith("Beviljad|Beviljad|Revisor|")
            with force_locale("en"):
                english = render_template_string(page)
                assert english.startswith("Granted in full|Granted in full|")


def test_two_users_see_the_same_pages_each_in_their_own_language(
    app: Flask, web: WebClient, demo: dict
) -> None:
    """One user reads in English, another in Swedish, turn about: neither page shows
    the other's language (menu, role, statuses, form errors)."""
    english = WebClient(app.test_client())
    english.login("ekonom@example.com")
    english.post("/auth/account", {"profile-locale": "en", "profile-submit": "y"})
    web.login("chef@example.com")
    for _ in range(2):
        text = html_text(english.get("/applications/"))
        assert "Board meetings" in text and "Sammanträden" not in text
        assert "Log out" in text and "Logga ut" not in text
        text = html_text(web.get("/applications/"))
        assert "Sammanträden" in text and "Board meetings" not in text
        assert "Förbundschef" in text and "Logga ut" in text
    bad = {"total": "abc", "kommun_key": "population"}
    for _ in range(2):
        text = html_text(english.post("/money/contributions/2030", bad))
        assert "Enter an amount in kronor using digits, e.g. 512 000." in text
        text = html_text(web.post("/money/contributions/2030", bad))
        assert "Ange beloppet i kronor med siffror, t.ex. 512 000." in text
        assert "Enter an amount" not in text


def test_a_form_address_opened_again_goes_to_its_page(app: Flask, demo: dict) -> None:
    """A refused form leaves its target in the address bar; pressing Enter there (a GET)
    leads to the page the form belongs to, and any other method gets a Swedish page."""
    chef = as_user(app, "chef@example.com")
    opened = chef.get("/meetings/9/items")
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/meetings/9")
    lines = chef.get("/applications/15/lines?x=1")
    assert lines.headers["Location"].endswith("/applications/15")  # the query is dropped
    doubled = chef.get("//meetings/9/items")  # never a redirect another host could take
    assert doubled.status_code in (404, 405) or not doubled.headers["Location"].startswith("//")
    put = chef.client.put("/meetings/9/items")
    assert put.status_code == 405
    assert "Adressen tar emot ett formulär" in html_text(put)
