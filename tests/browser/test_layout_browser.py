"""The layout at a laptop's 1 280 px and a phone's 390 px (issue 24.12).

At 1 280 × 800 the whole menu fits: the user menu and the last menu entry lie inside the
viewport, and the user menu opens on "Mitt konto" and "Logga ut". At 390 × 844 no page
scrolls sideways: wide tables scroll inside their own box.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_user_menu

#: A handful of main pages the chef uses daily.
PAGES = ("/", "/applications/", "/meetings/", "/grants/", "/plans/", "/money/")


def _inside(page: Page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not shown"
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box, width)
    assert box["y"] + box["height"] <= page.viewport_size["height"], (selector, box)


@pytest.mark.parametrize("path", PAGES)
def test_the_menu_fits_at_1280(page: Page, login, demo: dict, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    login("chef@example.com")
    page.goto(path)
    _inside(page, "#user-menu")
    _inside(page, "[data-testid=main-nav] li:last-child a")
    expect(page.locator("[data-testid=main-nav] li:last-child a")).to_have_text("Inställningar")
    # One row: the brand, the menu and the user menu share the navbar's height.
    assert page.locator("nav.navbar").bounding_box()["height"] < 80
    open_user_menu(page)
    expect(page.get_by_role("link", name="Mitt konto")).to_be_visible()
    expect(page.get_by_role("link", name="Utkorg")).to_be_visible()
    _inside(page, "button.dropdown-item:text('Logga ut')")


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_at_390(page: Page, login, demo: dict, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    login("chef@example.com")
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width} px wide at 390 px"


#: Pages with wide tables and hidden button names, long hashes: (list page, link, suffix).
DETAIL_PAGES = (
    ("/plans/equity", None, ""),
    ("/admin/audit", None, ""),
    ("/board/", None, ""),
    ("/grants/", r"^/grants/\d+$", ""),
    ("/plans/", r"^/plans/\d+$", ""),
    ("/applications/", r"^/applications/\d+$", "/edit"),
    ("/meetings/", r"^/meetings/\d+$", "/protocol"),
)


@pytest.mark.parametrize(("start", "link", "suffix"), DETAIL_PAGES)
def test_detail_pages_do_not_scroll_sideways_at_390(
    page: Page, login, demo: dict, start: str, link: str | None, suffix: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    login("chef@example.com")
    page.goto(start)
    if link is not None:
        hrefs = page.eval_on_selector_all(
            "main a[href]", "links => links.map(a => a.getAttribute('href'))"
        )
        target = next(h for h in hrefs if re.match(link, h))
        page.goto(target + suffix)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide at 390 px"


def test_logging_out_from_the_user_menu(page: Page, login, demo: dict) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    login("chef@example.com")
    open_user_menu(page)
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_label("E-post")).to_be_visible()
