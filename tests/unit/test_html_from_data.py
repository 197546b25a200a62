"""No label, message or flash built from data is marked safe (issue 22, section 8).

Flask-Babel's lazy strings define ``__html__``: Jinja and WTForms take them as
safe HTML, so a lazy string with data in it (``_l("Percent for %(name)s",
name=org.name)``) renders the data as markup. These checks read the source:
a lazy string with variables is turned into text at once (``str()``, or a
``DomainError``, which keeps ``str(message)``); ``Markup`` is never built
around data; templates never switch escaping off.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from flask import Flask, render_template_string
from markupsafe import escape

from forms.money import split_form

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*ROOT.glob("app/**/*.py"), *ROOT.glob("forms/*.py"), *ROOT.glob("models/*.py")]
HOSTILE = "<button formaction=//evil.example>x</button>"


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _made_text_at_once(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether the lazy string ends in ``str(...)`` or in a raised error (its ``str()``)."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name == "str" or (name.endswith("Error") and name != "ValidationError"):
                return True  # a DomainError keeps str(message); WTForms keeps the lazy string
        if isinstance(node, ast.stmt):
            return False
    return False


def _constant(value: ast.expr) -> bool:
    """A literal or a module constant (``MIN_PASSWORD``): no data a user typed."""
    return isinstance(value, ast.Constant) or (isinstance(value, ast.Name) and value.id.isupper())


def lazy_strings_with_data(paths: list[Path]) -> list[str]:
    """``_l(..., name=value)`` calls whose result stays lazy (so: safe HTML)."""
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = _parents(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_l", "lazy_gettext")
                and not all(_constant(k.value) for k in node.keywords)
                and not _made_text_at_once(node, parents)
            ):
                found.append(
                    f"{path.name}:{node.lineno}"
                    if ROOT not in path.parents
                    else f"{path.relative_to(ROOT)}:{node.lineno}"
                )
    return found


def markup_around_data(paths: list[Path]) -> list[str]:
    """``Markup(x)`` where x is not a literal, unless the line says why it is escaped."""
    found = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Markup"
                and node.args
                and not isinstance(node.args[0], ast.Constant)
                and "escape" not in lines[node.lineno - 1]
            ):
                found.append(
                    f"{path.name}:{node.lineno}"
                    if ROOT not in path.parents
                    else f"{path.relative_to(ROOT)}:{node.lineno}"
                )
    return found


def test_no_lazy_string_keeps_data() -> None:
    found = lazy_strings_with_data(SOURCES)
    assert found == [], "\n".join(found)


def test_the_check_finds_a_lazy_label_with_a_name(tmp_path: Path) -> None:
    module = tmp_path / "form.py"
    module.write_text(
        "label = _l('Percent for %(name)s', name=org.name)\n"
        "message = str(_l('No plan for %(year)s', year=year))\n"
        "def f():\n    raise Error(_l('%(name)s is absent', name=member.name))\n"
        "short = _l('At least %(num)d characters.', num=MIN_PASSWORD)\n"
    )
    found = lazy_strings_with_data([module])
    assert len(found) == 1 and found[0].endswith("form.py:1")


def test_markup_is_built_only_around_escaped_text() -> None:
    assert markup_around_data(SOURCES) == []


def test_no_template_switches_escaping_off() -> None:
    pattern = re.compile(r"\|\s*safe\b|autoescape\s+false|Markup\(")
    hits = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.glob("templates/**/*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def test_no_flash_of_markup() -> None:
    hits = [
        str(path.relative_to(ROOT))
        for path in SOURCES
        if re.search(r"flash\(\s*Markup", path.read_text(encoding="utf-8"))
    ]
    assert hits == []


class _Org:
    id = 7
    name = HOSTILE
    label = HOSTILE


def test_a_split_form_label_escapes_the_organisation_name(app: Flask) -> None:
    with app.test_request_context():
        form = split_form([_Org()], meta={"csrf": False})
        html = render_template_string(
            "{{ form.pct_7.label() }}{{ form.fix_7.label() }}{{ form.inc_7.label() }}", form=form
        )
    assert HOSTILE not in html
    assert html.count(str(escape(HOSTILE))) == 3
