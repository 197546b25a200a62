"""Real-browser tests: Playwright drives Debian's Chromium against the app in a thread.

Browsers cannot be downloaded here, so Playwright is pointed at /usr/bin/chromium.
Without it the tests skip loudly, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser tests; skip (or, in CI, fail) them when Chromium is missing."""
    here = os.path.dirname(__file__)
    missing = not os.path.exists(CHROMIUM)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)
            if missing and os.environ.get("CI") != "true":
                item.add_marker(
                    pytest.mark.skip(
                        reason=f"NO CHROMIUM at {CHROMIUM}: browser tests skipped "
                        "(apt-get install chromium, or run .ci/run)"
                    )
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium with the flags that keep it off the closed network."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"CI=true but no Chromium at {CHROMIUM}")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The app served on a free loopback port for the whole session."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """pytest-playwright resolves relative page.goto() against this."""
    return live_server


@pytest.fixture
def login(page: Any, base_url: str, app: Flask) -> Any:
    """Log in through the form as a demo user."""

    def _login(email: str, password: str = "samordna-demo") -> None:
        page.goto("/auth/login")
        page.get_by_label("E-post").fill(email)
        page.get_by_label("Lösenord").fill(password)
        # Wait for the next page's scripts (Bootstrap's dropdowns among them): a click on
        # the user menu before they have run opens nothing, which a loaded machine shows.
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Logga in").click()

    return _login


def open_user_menu(page: Any) -> None:
    """Open the user menu once the page's scripts have run (Bootstrap opens the dropdown;
    a click before that opens nothing)."""
    page.wait_for_load_state("load")
    page.locator("#user-menu").click()
    expect(page.locator("#user-menu")).to_have_attribute("aria-expanded", "true")
