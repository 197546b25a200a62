"""The page cache (app/page_cache.py) serves a page again only while nothing has been written.

The whole suite runs with the cache on, so every test that reads a page after a
write checks it too; these tests pin down the cases that matter for a legal
record: any committed write (through the UI, a service, another process's
engine, a restore) shows at once, users never see each other's pages, and a
cached page's forms carry the reader's own CSRF token.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, event, select, text, update

from models import Application, data_version, db

from ..conftest import CSRF_RE, WebClient, as_user, html_text

TITLE = "SAMVERK – gemensam kompetensutveckling"


def _application_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(Application.id).where(Application.title == TITLE))


def _statements(app: Flask, client: WebClient, url: str) -> tuple[int, Any]:
    """(SQL statements, response) of one GET."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen), response


def _version(app: Flask) -> str | None:
    with app.app_context():
        return data_version.current(db.session())


def _without_tokens(body: str) -> str:
    return CSRF_RE.sub("", body)


def test_a_page_is_served_again_without_rebuilding_it(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    url = f"/applications/{_application_id(app)}"
    built, first = _statements(app, chef, url)
    again, second = _statements(app, chef, url)
    assert first.status_code == second.status_code == 200
    # the data version (and BEGIN on SQLite) instead of the application page's 4 or more
    assert again <= 2 < built, (built, again)
    assert _without_tokens(second.get_data(as_text=True)) == _without_tokens(
        first.get_data(as_text=True)
    )


def test_a_write_by_a_service_shows_at_once(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    application = _application_id(app)
    assert TITLE in html_text(chef.get(f"/applications/{application}"))
    assert TITLE in html_text(chef.get("/applications/"))
    with app.app_context():
        db.session.get(Application, application).title = "Samverk 2.0"
        db.session.commit()
    assert "Samverk 2.0" in html_text(chef.get(f"/applications/{application}"))
    assert "Samverk 2.0" in html_text(chef.get("/applications/"))


def test_a_write_by_another_process_shows_at_once(app: Flask, demo: dict) -> None:
    """Another gunicorn worker has its own engine: the version in the database tells."""
    chef = as_user(app, "chef@example.com")
    application = _application_id(app)
    assert TITLE in html_text(chef.get(f"/applications/{application}"))
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    data_version.track(other)
    try:
        with other.begin() as connection:
            connection.execute(
                update(Application).where(Application.id == application).values(title="Nytt namn")
            )
    finally:
        other.dispose()
    assert "Nytt namn" in html_text(chef.get(f"/applications/{application}"))


def test_the_version_moves_on_commit_only(app: Flask, demo: dict) -> None:
    before = _version(app)
    with app.app_context():
        db.session.get(Application, _application_id(app)).title = "Ångrat"
        db.session.flush()
        db.session.rollback()
    assert _version(app) == before, "a rolled-back write must not move the version"
    with app.app_context():
        db.session.execute(select(Application.id)).all()
        db.session.commit()
    assert _version(app) == before, "a read-only transaction must not move the version"
    with app.app_context():
        db.session.get(Application, _application_id(app)).title = "Sparat"
        db.session.commit()
    after = _version(app)
    assert after is not None and before is not None
    assert after.split(":")[0] == before.split(":")[0]
    assert int(after.split(":")[1]) == int(before.split(":")[1]) + 1


def test_an_emptied_table_starts_a_new_epoch(app: Flask, demo: dict) -> None:
    """Version numbers are never reused for other data (tests empty every table)."""
    before = _version(app)
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("DELETE FROM data_version"))
    after = _version(app)
    assert after is not None and before is not None
    assert after.split(":")[0] != before.split(":")[0]
    with app.app_context(), db.engine.connect() as connection:
        with connection.begin():
            connection.execute(text("DELETE FROM data_version"))
        # the new epoch's row is the bump itself, not a write left pending on the connection
        assert not connection.info.get(data_version._WROTE)


def test_users_never_get_each_others_pages(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    owner = as_user(app, "projektagare@example.com")
    chef_list = _without_tokens(chef.get("/applications/").get_data(as_text=True))
    owner_list = _without_tokens(owner.get("/applications/").get_data(as_text=True))
    assert chef_list != owner_list
    # (tokens differ once a second has passed: they carry a timestamp)
    assert _without_tokens(owner.get("/applications/").get_data(as_text=True)) == owner_list
    # the role check runs before the cache: a refused page stays refused
    board = as_user(app, "styrelse@example.com")
    meeting = re.search(r'href="/meetings/(\d+)"', chef.get("/meetings/").get_data(as_text=True))
    assert meeting
    assert chef.get(f"/meetings/{meeting.group(1)}").status_code == 200
    assert owner.get(f"/meetings/{meeting.group(1)}").status_code == 403
    assert board.get(f"/meetings/{meeting.group(1)}").status_code == 200


def test_a_cached_page_carries_the_readers_own_form_token(app: Flask, demo: dict) -> None:
    first, second = as_user(app, "chef@example.com"), as_user(app, "chef@example.com")
    url = f"/applications/{_application_id(app)}"
    first.get(url)
    body = second.get(url).get_data(as_text=True)
    tokens = {m.group(1) or m.group(2) for m in CSRF_RE.finditer(body)}
    assert len(tokens) == 1, tokens
    token = tokens.pop()
    assert "samordna-csrf" not in body
    # the token works for the reader's own session: a step posted with it is not refused
    response = second.client.post(
        f"{url}/step", data={"csrf_token": token, "to": "proposed", "note": ""}
    )
    assert response.status_code == 400  # the domain's answer (no proposal yet), not CSRF's
    assert "Skriv förslaget till beslut" in html_text(response)


def test_a_message_after_a_save_is_shown_once(app: Flask, demo: dict) -> None:
    """The layout shows flash messages once: a page is neither kept nor served with one waiting."""
    chef = as_user(app, "chef@example.com")
    base = f"/applications/{_application_id(app)}"
    chef.get(base)
    chef.get(base)  # cached now
    proposal = {"assessment": "Bra.", "proposal_text": "Bevilja.", "conditions": ""}
    assert chef.post(f"{base}/proposal", proposal).status_code == 302
    chef.get(f"{base}/proposal")  # the message of the proposal's save is shown there
    assert chef.post(f"{base}/step", {"to": "proposed", "note": ""}).status_code == 302
    alert = re.compile(r'<div class="alert alert-success"')
    first = chef.get(base).get_data(as_text=True)
    assert alert.search(first) and "Föreslagen" in html_text(chef.get(base))
    assert not alert.search(chef.get(base).get_data(as_text=True))


def test_a_restore_moves_the_version_on(app: Flask, demo: dict, runner: Any) -> None:
    from flask_migrate import upgrade

    from app import create_app

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("needs a second database; the PostgreSQL restore is in test_backup.py")
    folder = Path(tempfile.mkdtemp(prefix="samordna-cache-"))
    assert runner.invoke(args=["backup", str(folder / "b.zip")]).exit_code == 0
    other = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'r.sqlite'}", "TESTING": True}
    )
    with other.app_context():
        upgrade()
        before = data_version.current(db.session())
        db.session.remove()
    result = other.test_cli_runner().invoke(args=["restore", str(folder / "b.zip")])
    assert result.exit_code == 0, result.output
    with other.app_context():
        after = data_version.current(db.session())
        db.session.remove()
        db.engine.dispose()
    assert before is not None and after is not None and after != before


def test_off_switch_builds_every_page(app: Flask, demo: dict, no_page_cache: None) -> None:
    chef = as_user(app, "chef@example.com")
    url = f"/applications/{_application_id(app)}"
    _statements(app, chef, url)  # names are then kept per data version (app/versioned.py)
    built, _ = _statements(app, chef, url)
    again, _ = _statements(app, chef, url)
    assert again == built >= 3  # data version, the application, its lists (BEGIN on SQLite)
