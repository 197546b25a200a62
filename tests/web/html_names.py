"""What a screen reader would call a page's tables, controls and form fields.

A small tree of the page (``html.parser`` with the few end tags HTML lets a page leave
out) and a simplified accessible-name computation after the WAI-ARIA "accname" rules:
``aria-labelledby``, then ``aria-label``, then a field's ``<label>``, then the text
inside (``aria-hidden`` and ``hidden`` parts left out, visually-hidden text kept), then
``title``. The three checks of issue 24.12 return one line per problem, with the
element's source line, so a failure says where to look.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
#: Elements a new sibling of the same kind closes (the end tags HTML allows to omit).
SELF_CLOSING_SIBLINGS = {"li", "option", "tr", "td", "th", "dt", "dd", "p"}
#: Names that tell a screen-reader user a verb but not its object: "Ta bort, knapp" ten
#: times over says nothing. Compared without case, spaces and a trailing ':' or '…'.
GENERIC_NAMES = {
    "ta bort", "radera", "ändra", "redigera", "rätta", "korrigera", "läs", "läs mer",
    "öppna", "mer", "här", "klicka här", "detaljer", "välj", "flytta upp", "flytta ned",
    "flytta ner", "upp", "ned", "ner",
    "remove", "delete", "edit", "change", "correct", "read", "open", "more", "here",
    "details",
}  # fmt: skip
#: Inputs that are not fields a user fills in (buttons name themselves by value).
NOT_FIELDS = {"hidden", "submit", "button", "reset", "image"}


@dataclass(eq=False)
class Node:
    """One element of the page."""

    tag: str
    attrs: dict[str, str]
    line: int
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, 0)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SELF_CLOSING_SIBLINGS and self.stack[-1].tag == tag:
            self.stack.pop()
        node = Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0], self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0], self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        if any(n.tag == tag for n in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


class Page:
    """A parsed page and the accessible names of its elements."""

    def __init__(self, html: str) -> None:
        builder = _TreeBuilder()
        builder.feed(html)
        builder.close()
        self.root = builder.root
        self.elements = list(self.root.walk())
        self.by_id = {n.attrs["id"]: n for n in self.elements if n.attrs.get("id")}
        self.labels_for: dict[str, list[Node]] = {}
        for node in self.elements:
            if node.tag == "label" and node.attrs.get("for"):
                self.labels_for.setdefault(node.attrs["for"], []).append(node)

    def text(self, node: Node) -> str:
        """The text a screen reader reads inside ``node`` (hidden parts left out)."""
        parts: list[str] = []
        for child in node.children:
            if isinstance(child, str):
                parts.append(child)
            elif not _hidden(child) and child.tag not in ("script", "style", "template"):
                if child.tag == "img":
                    parts.append(child.attrs.get("alt", ""))
                elif child.tag in ("select", "textarea", "input"):
                    continue
                else:
                    parts.append(self.name(child, inner=True))
        return _fold(" ".join(parts))

    def name(self, node: Node, *, inner: bool = False) -> str:
        """The accessible name of ``node``, simplified from the accname rules."""
        attrs = node.attrs
        if not inner and attrs.get("aria-labelledby"):
            ids = attrs["aria-labelledby"].split()
            return _fold(" ".join(self.text(self.by_id[i]) for i in ids if i in self.by_id))
        if attrs.get("aria-label", "").strip():
            return _fold(attrs["aria-label"])
        if node.tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            return _fold(attrs.get("value", ""))
        if node.tag in ("input", "select", "textarea"):
            return self.field_label(node)
        return self.text(node) or _fold(attrs.get("title", ""))

    def field_label(self, node: Node) -> str:
        """A form field's name from its ``<label for>`` or the ``<label>`` around it."""
        labels = list(self.labels_for.get(node.attrs.get("id", ""), []))
        labels += [a for a in node.ancestors() if a.tag == "label"]
        return _fold(" ".join(self.text(label) for label in labels))


def _hidden(node: Node) -> bool:
    return node.attrs.get("aria-hidden") == "true" or "hidden" in node.attrs


def _fold(text: str) -> str:
    return " ".join(text.split())


def _shown(node: Node) -> bool:
    """Whether neither the element nor anything around it is hidden from screen readers."""
    return not _hidden(node) and not any(_hidden(a) for a in node.ancestors())


def _where(node: Node, lines: list[str]) -> str:
    source = lines[node.line - 1].strip() if 0 < node.line <= len(lines) else ""
    return f"{source[:100]} (line {node.line})"


def _generic(name: str) -> bool:
    """A verb without its object, or only symbols (✕, ↺, ↑): nothing to tell the controls apart."""
    return name.casefold().rstrip(":…. ") in GENERIC_NAMES or not any(c.isalnum() for c in name)


def unnamed_tables(page: Page, lines: list[str]) -> list[str]:
    """Tables with neither a ``<caption>`` nor ``aria-label``/``aria-labelledby``."""
    problems = []
    for table in (n for n in page.elements if n.tag == "table"):
        captions = [c for c in table.walk() if c.tag == "caption"]
        has_name = "aria-label" in table.attrs or "aria-labelledby" in table.attrs
        named = page.name(table) if has_name else ""
        if not named and not any(page.text(c) for c in captions):
            problems.append(_where(table, lines))
    return problems


def generic_controls(page: Page, lines: list[str]) -> list[str]:
    """Links and buttons named only by a verb ("Ta bort", "Ändra", "✕"), or not at all."""
    problems = []
    for node in page.elements:
        is_button = node.tag == "button" or node.attrs.get("role") == "button"
        is_input = node.tag == "input" and node.attrs.get("type") in ("submit", "button")
        is_link = node.tag == "a" and "href" in node.attrs
        if not (is_button or is_input or is_link) or not _shown(node):
            continue
        name = page.name(node)
        if not name or _generic(name):
            problems.append(f"{name or '(no name)'!r} at {_where(node, lines)}")
    return problems


def unlabelled_fields(page: Page, lines: list[str]) -> list[str]:
    """Form fields without ``<label for>``, a ``<label>`` around them, ``aria-label`` or
    ``aria-labelledby``; and labels that point at no field."""
    problems = []
    for node in page.elements:
        if node.tag not in ("input", "select", "textarea"):
            continue
        if node.tag == "input" and node.attrs.get("type", "text") in NOT_FIELDS:
            continue
        if not page.name(node):
            problems.append(f"<{node.tag} name={node.attrs.get('name')!r}> {_where(node, lines)}")
    for target, labels in page.labels_for.items():
        if target not in page.by_id:
            problems.append(f"<label for={target!r}> names no element: {_where(labels[0], lines)}")
    return problems


def broken_references(page: Page, lines: list[str]) -> list[str]:
    """``aria-labelledby`` naming an id the page does not have."""
    return [
        f"aria-labelledby={n.attrs['aria-labelledby']!r} at {_where(n, lines)}"
        for n in page.elements
        if n.attrs.get("aria-labelledby")
        and any(i not in page.by_id for i in n.attrs["aria-labelledby"].split())
    ]


def check(html: str) -> dict[str, list[str]]:
    """Every problem of the page, per check."""
    return check_page(Page(html), html.splitlines())


def check_page(page: Page, lines: list[str]) -> dict[str, list[str]]:
    """Every problem of a parsed page, per check (``lines``: its source, for the report)."""
    return {
        "tables": unnamed_tables(page, lines),
        "controls": generic_controls(page, lines),
        "fields": unlabelled_fields(page, lines),
        "references": broken_references(page, lines),
    }


def control_names(page: Page) -> list[str]:
    """The accessible name of every link and button shown."""
    return [
        page.name(n)
        for n in page.elements
        if (n.tag in ("a", "button") or n.attrs.get("type") in ("submit", "button")) and _shown(n)
    ]
