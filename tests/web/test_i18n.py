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


def test_template_strings_are_remembered_per_language_and_use(app: Flask) -> None:
    """app/i18n.py memoises ``_()`` per catalog; the memo must not mix languages, the
    bare and the formatted use of one message, or escaped and plain templates."""
    from flask import render_template_string
    from flask_babel import force_locale

    bare = "{{ _('Versions (%(count)d)') }}"  # never formatted: the text as it stands
    formatted = "{{ _('Versions (%(count)d)', count=3) }}"
    with app.test_request_context(), force_locale("en"):
        for _ in range(2):  # the second round is answered from the memo
            assert render_template_string(formatted) == "Versions (3)"
            assert render_template_string("{{ _('Budget per year (kr)') }}") == (
                "Budget per year (kr)"
            )
        with force_locale("sv"):
            assert render_template_string(formatted) == "Versioner (3)"
            assert render_template_string("{{ _('Budget per year (kr)') }}") == "Budget per år (kr)"
        assert render_template_string(formatted) == "Versions (3)"
        try:
            render_template_string(bare)
        except (KeyError, TypeError):
            pass  # as Jinja's own newstyle gettext: %(count)d needs its variable
        else:
            raise AssertionError("a message with a placeholder rendered without its variable")
        plain = "{% autoescape false %}{{ _('%(n)s of 100 %%', n='<b>') }}{% endautoescape %}"
        assert render_template_string(plain) == "<b> of 100 %"
        assert render_template_string("{{ _('%(n)s of 100 %%', n='<b>') }}") == (
            "&lt;b&gt; of 100 %"
        )


def test_label_tables_follow_the_language_in_force(app: Flask) -> None:
    from flask_babel import force_locale

    from app.i18n import TranslatedLabels
    from forms.applications import STATUS_LABELS

    labels = TranslatedLabels(STATUS_LABELS)
    with app.test_request_context():
        with force_locale("sv"):
            swedish = dict(labels)
            assert swedish["granted"] == str(STATUS_LABELS["granted"])
        with force_locale("en"):
            assert labels["granted"] == "Granted in full" != swedish["granted"]
            assert list(labels) == list(STATUS_LABELS) and len(labels) == len(STATUS_LABELS)
            assert labels.get("no such status", "–") == "–"
        with force_locale("sv"):
            assert dict(labels) == swedish
