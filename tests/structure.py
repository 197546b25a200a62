"""Checks of the structure the code keeps, as functions of a source tree.

No import circles, services free of forms and views, the service packages in one
order, view areas apart, imports at module level, and no module longer than
``MAX_MODULE_LINES``. The checks read the source with ``ast`` (nothing is imported),
so they see every import, also those that only run inside a function or under
``TYPE_CHECKING``. tests/test_structure.py runs them on the
repository; tests/test_structure_checks.py on small trees made to break each of them,
so a check that cannot fail is noticed.
"""

from __future__ import annotations

import ast
import functools
import io
import shutil
import subprocess
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The top-level packages whose modules are checked.
PACKAGES = ("app", "models", "forms", "exports")
#: The modules of ``app/views`` every view area may use; an area uses no other area's views.
SHARED_VIEWS = (
    "app.views.service_call",
    "app.views.submit_once",
    "app.views.charts",
    "app.views.query",
)
#: The service packages in their order: each may use only those before it.
SERVICE_ORDER = ("notifications", "money", "applications", "grants", "meetings", "plans", "admin")
#: Imports inside functions the whole code base may keep, each with a comment saying why.
MAX_INNER_IMPORTS = 10
#: The most lines a Python file tracked in the repository may have: a longer module is
#: split along a seam (issue 24), so each one has one purpose that a reader can hold.
MAX_MODULE_LINES = 400
#: Folders whose files may be longer: the generated migrations and the demo's data.
LONG_FILE_FOLDERS = ("migrations", "app/demo")


@dataclass(frozen=True)
class Import:
    """One imported module as seen from the module that imports it."""

    source: str
    target: str
    path: Path
    line: int
    inner: bool
    commented: bool


def module_name(root: Path, path: Path) -> str:
    """``app/services/grants/rules.py`` → ``app.services.grants.rules``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    """Every module of the checked packages (migrations left out)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.relative_to(root).parts:
                found[module_name(root, path)] = path
    return found


def _comment_lines(source: str) -> tuple[set[int], set[int]]:
    """Lines carrying a comment, and lines that are only a comment."""
    with_comment, only_comment = set(), set()
    previous_end = 0
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            with_comment.add(token.start[0])
            if previous_end != token.start[0]:
                only_comment.add(token.start[0])
        elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            previous_end = token.end[0]
    return with_comment, only_comment


def _inside_function(tree: ast.Module) -> set[ast.AST]:
    """The import statements that sit in a function's body (run on each call)."""
    inner: set[ast.AST] = set()
    functions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    for node in ast.walk(tree):
        if isinstance(node, functions):
            inner.update(n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return inner


def imports_of(root: Path, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    """The modules ``path`` imports, resolved against ``known`` where they are ours."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    name = module_name(root, path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    with_comment, only_comment = _comment_lines(source)
    inner = _inside_function(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            targets = [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module
                for alias in node.names
            ]
        else:
            continue
        lines = set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        commented = bool(lines & with_comment) or node.lineno - 1 in only_comment
        for target in dict.fromkeys(targets):
            yield Import(name, target, path, node.lineno, node in inner, commented)


@functools.cache
def all_imports(root: Path) -> list[Import]:
    """Every import of every checked module (read once per tree)."""
    known = modules(root)
    return [found for path in known.values() for found in imports_of(root, path, known)]


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            following = next(successors, None)
            if following is not None:
                if following not in index:
                    index[following] = low[following] = len(index)
                    stack.append(following)
                    on_stack.add(following)
                    work.append((following, iter(sorted(graph[following]))))
                elif following in on_stack:
                    low[node] = min(low[node], index[following])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def import_cycles(root: Path) -> list[list[str]]:
    """Groups of checked modules that import each other, directly or round a circle."""
    known = modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for found in all_imports(root):
        if found.target in known and found.target != found.source:
            graph[found.source].add(found.target)
    return _strongly_connected(graph)


def _is_within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def forbidden_imports(root: Path) -> list[str]:
    """Imports from ``forms`` or ``app.views`` in ``app.services`` or ``models``."""
    return [
        f"{found.path.relative_to(root)}:{found.line} imports {found.target}"
        for found in all_imports(root)
        if (_is_within(found.source, "app.services") or _is_within(found.source, "models"))
        and (_is_within(found.target, "forms") or _is_within(found.target, "app.views"))
    ]


def _service_package(name: str) -> str | None:
    parts = name.split(".")
    if len(parts) >= 3 and parts[:2] == ["app", "services"]:
        return parts[2]
    return None


def order_violations(root: Path) -> list[str]:
    """Service packages that use a package after them in ``SERVICE_ORDER``.

    A module of ``app.services`` outside the packages (``errors``, ``forbund``)
    is shared by all of them and may use none.
    """
    problems = []
    for found in all_imports(root):
        source, target = _service_package(found.source), _service_package(found.target)
        if source is None or target is None or source == target or target not in SERVICE_ORDER:
            continue
        if source not in SERVICE_ORDER or SERVICE_ORDER.index(target) > SERVICE_ORDER.index(source):
            problems.append(f"{found.path.relative_to(root)}:{found.line}: {source} uses {target}")
    return problems


def _view_area(name: str) -> str | None:
    """``app.views.grants.money`` → ``grants``; ``app.views.board`` → ``board``."""
    parts = name.split(".")
    if len(parts) >= 3 and parts[:2] == ["app", "views"]:
        return parts[2]
    return None


def cross_area_view_imports(root: Path) -> list[str]:
    """Imports from one view area into another's views (the shared modules excepted).

    An area's views (a module such as ``board.py`` or a package such as
    ``grants/``) use services, forms and models, and of ``app/views`` only
    the ``SHARED_VIEWS``; the package ``app.views`` itself is no area's to use.
    """
    problems = []
    for found in all_imports(root):
        source = _view_area(found.source)
        if source is None or not _is_within(found.target, "app.views"):
            continue
        if any(_is_within(found.target, shared) for shared in SHARED_VIEWS):
            continue
        if _view_area(found.target) != source:
            problems.append(f"{found.path.relative_to(root)}:{found.line} imports {found.target}")
    return problems


def inner_imports(root: Path) -> list[Import]:
    """The imports that sit inside a function, once per statement."""
    found = {(i.path, i.line): i for i in all_imports(root) if i.inner}
    return list(found.values())


def inner_import_problems(root: Path) -> list[str]:
    """Imports inside functions without a comment, or more of them than allowed."""
    found = inner_imports(root)
    problems = [
        f"{i.path.relative_to(root)}:{i.line}: an import inside a function needs a comment"
        for i in found
        if not i.commented
    ]
    if len(found) > MAX_INNER_IMPORTS:
        problems.append(f"{len(found)} imports inside functions, at most {MAX_INNER_IMPORTS}")
    return problems


def tracked_python_files(root: Path) -> list[Path]:
    """Every ``.py`` file git tracks under ``root`` (untracked scratch files are not ours)."""
    listed = subprocess.run(  # noqa: S603 - fixed command line
        [shutil.which("git") or "git", "ls-files", "-z", "--", "*.py"],
        cwd=root,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [root / name for name in listed.split("\0") if name]


def oversized_modules(root: Path) -> list[str]:
    """Tracked Python files outside ``LONG_FILE_FOLDERS`` with more than ``MAX_MODULE_LINES``."""
    problems = []
    for path in tracked_python_files(root):
        relative = path.relative_to(root).as_posix()
        if any(relative.startswith(f"{folder}/") for folder in LONG_FILE_FOLDERS):
            continue
        if not path.exists():  # deleted in the work tree, not yet in git
            continue
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_MODULE_LINES:
            problems.append(f"{relative}: {count} lines, at most {MAX_MODULE_LINES}")
    return problems
