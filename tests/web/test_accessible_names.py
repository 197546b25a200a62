"""Every table has a name and every "Ta bort" button says what it removes (issue 24.12).

A screen-reader user lists a page's tables and buttons out of context: "tabell" or
"Ta bort, knapp" ten times over tells nothing. The test walks the chef's main pages and
the first detail page behind each list.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from flask import Flask

from ..conftest import WebClient, as_user

INDEX_PAGES = (
    "/",
    "/applications/",
    "/meetings/",
    "/grants/",
    "/plans/",
    "/money/",
    "/money/splits",
    "/parties/",
    "/board/",
    "/admin/users",
    "/admin/outbox",
    "/grants/payments",
    "/plans/equity",
)
#: Detail pages: the first link of this shape on the list page is walked too.
DETAIL = {
    "/applications/": r"/applications/\d+",
    "/meetings/": r"/meetings/\d+",
    "/grants/": r"/grants/\d+",
    "/plans/": r"/plans/\d+",
    "/parties/": r"/parties/\d+",
    "/money/splits": r"/money/splits/\d+",
}


class _Names(HTMLParser):
    """Collects each table's name and each button's accessible name."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, str | bool]] = []
        self.buttons: list[str] = []
        self._button: list[str] | None = None
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            named = bool(a.get("aria-label") or a.get("aria-labelledby"))
            self.tables.append({"named": named, "start": self.getpos()[0]})
        elif tag == "caption" and self.tables:
            self.tables[-1]["named"] = True
        elif tag == "button":
            self._button, self._label = [], a.get("aria-label")

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._button is not None:
            text = " ".join("".join(self._button).split())
            self.buttons.append(self._label or text)
            self._button = None

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button.append(data)


def _pages(client: WebClient) -> list[str]:
    pages = list(INDEX_PAGES)
    for index, pattern in DETAIL.items():
        html = client.get(index).get_data(as_text=True)
        found = re.search(rf'href="({pattern})"', html)
        assert found, f"no {pattern} link on {index}"
        pages.append(found.group(1))
    return pages


def test_every_table_has_a_caption_or_a_name(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    unnamed = []
    for url in _pages(chef):
        response = chef.get(url)
        assert response.status_code == 200, url
        names = _Names()
        names.feed(response.get_data(as_text=True))
        lines = response.get_data(as_text=True).splitlines()
        unnamed += [
            f"{url}: {lines[int(t['start']) - 1].strip()[:90]}"
            for t in names.tables
            if not t["named"]
        ]
    assert unnamed == [], "tables without a caption or a name:\n" + "\n".join(unnamed)


def test_every_remove_button_names_what_it_removes(app: Flask, demo: dict) -> None:
    chef = as_user(app, "chef@example.com")
    bare = []
    seen = 0
    for url in _pages(chef):
        names = _Names()
        names.feed(chef.get(url).get_data(as_text=True))
        for name in names.buttons:
            if name.startswith("Ta bort") or name == "✕":
                seen += 1
                if name in ("Ta bort", "✕", "Ta bort:") or len(name) < len("Ta bort") + 3:
                    bare.append(f"{url}: {name!r}")
    assert seen > 0
    assert bare == [], "remove buttons that do not say what:\n" + "\n".join(bare)
