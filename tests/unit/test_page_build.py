"""A page build reads each record and remembered sum once (app/page_build.py)."""

from __future__ import annotations

import gc

from flask import Flask, render_template_string
from flask_babel import force_locale

from app.page_build import building, remembered
from app.services import organisations
from models import Organisation, db

from ..conftest import Statements

CALLS: list[int] = []


@remembered
def _square(n: int) -> int:
    CALLS.append(n)
    return n * n


def test_remembered_answers_once_per_build_and_runs_every_time_outside(app_ctx: Flask) -> None:
    CALLS.clear()
    assert (_square(3), _square(3)) == (9, 9)
    assert CALLS == [3, 3]
    with building():
        assert (_square(3), _square(4), _square(3)) == (9, 16, 9)
        with building():  # a nested build shares the outer one's memory
            assert _square(4) == 16
    assert CALLS == [3, 3, 3, 4]
    _square(3)
    assert CALLS == [3, 3, 3, 4, 3]


def test_a_build_keeps_what_it_loaded_so_a_second_lookup_sends_nothing(
    app: Flask, demo: dict
) -> None:
    org_id = demo["orgs"]["FK"]
    with app.test_request_context():
        with building():
            db.session.get(Organisation, org_id)
            gc.collect()  # the identity map alone holds records weakly
            with Statements() as sent:
                assert db.session.get(Organisation, org_id).id == org_id
            assert sent.count == 0
        db.session.rollback()
    with app.test_request_context():
        db.session.get(Organisation, org_id)
        gc.collect()
        with Statements() as sent:
            db.session.get(Organisation, org_id)
        assert sent.count == 1
        db.session.rollback()


def test_all_organisations_is_read_once_per_build(app: Flask, demo: dict) -> None:
    with app.test_request_context(), building():
        first = organisations.all_organisations(populations=False)
        with Statements() as sent:
            again = organisations.all_organisations(populations=False)
        assert sent.count == 0 and again is first and len(first) >= 5
        db.session.rollback()


def test_templates_translate_in_the_language_in_force(app: Flask) -> None:
    template = "{{ _('Applications') }}|{{ _('%(n)s of 100 %%', n='<b>') }}"
    with app.test_request_context(headers={"Accept-Language": "en"}), force_locale("en"):
        assert render_template_string(template) == "Applications|&lt;b&gt; of 100 %"
        with force_locale("sv"):
            assert render_template_string(template).startswith("Ansökningar|")
        assert render_template_string(template).startswith("Applications|")
