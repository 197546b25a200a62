"""The layout's fixed parts (issue 24.12): favicon, user menu, the navigation's contrast."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask

from ..conftest import WebClient, as_user

CSS = Path(__file__).parents[2] / "app" / "static" / "css" / "samordna.css"


def _luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of #rrggbb."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    # Bootstrap's old bg-primary with white: just over the line; 55 % white on it is far under.
    assert round(contrast("#ffffff", "#0d6efd"), 2) == 4.5


def test_navigation_links_meet_wcag_aa_contrast() -> None:
    css = CSS.read_text(encoding="utf-8")
    block = re.search(r"\.navbar-samordna \{(.*?)\}", css, re.S)
    assert block, "samordna.css sets the navbar's colours in .navbar-samordna"
    rules = dict(re.findall(r"([-\w]+):\s*(#[0-9a-fA-F]{6})", block.group(1)))
    background = rules["background-color"]
    for name in ("--bs-navbar-color", "--bs-navbar-hover-color", "--bs-navbar-active-color"):
        ratio = contrast(rules[name], background)
        assert ratio >= 4.5, f"{name} {rules[name]} on {background}: {ratio:.2f}:1"
    assert round(contrast(rules["--bs-navbar-color"], background), 1) == 12.4


def test_every_page_uses_the_samordna_navbar(app: Flask, demo: dict) -> None:
    html = as_user(app, "chef@example.com").get("/").get_data(as_text=True)
    assert 'class="navbar navbar-expand-xl navbar-dark navbar-samordna"' in html
    assert "bg-primary" not in html.split("</nav>")[0]


def test_favicon_is_linked_and_served(app: Flask, web: WebClient, demo: dict) -> None:
    html = web.get("/auth/login").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    for url in ("/favicon.ico", "/static/favicon.svg"):
        response = web.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == "image/svg+xml"
        assert response.get_data(as_text=True).startswith("<svg")


def test_user_menu_holds_account_outbox_and_log_out(app: Flask, demo: dict) -> None:
    html = as_user(app, "chef@example.com").get("/").get_data(as_text=True)
    main_nav = html.split('data-testid="main-nav"')[1].split("</ul>")[0]
    user_menu = html.split('data-testid="user-menu"')[1].split("</nav>")[0]
    assert "/admin/outbox" not in main_nav and "Inställningar" in main_nav
    assert 'id="user-menu"' in user_menu and "Karin Lindqvist" in user_menu
    assert ">Mitt konto</a>" in user_menu
    assert ">Utkorg</a>" in user_menu and 'href="/admin/outbox"' in user_menu
    assert "Förbundschef" in user_menu
    assert 'class="dropdown-item">Logga ut</button>' in user_menu


def test_user_menu_shows_the_outbox_only_to_who_may_see_it(app: Flask, demo: dict) -> None:
    html = as_user(app, "ekonom@example.com").get("/").get_data(as_text=True)
    user_menu = html.split('data-testid="user-menu"')[1].split("</nav>")[0]
    assert "Mitt konto" in user_menu and "Logga ut" in user_menu
    assert "/admin/outbox" not in user_menu
