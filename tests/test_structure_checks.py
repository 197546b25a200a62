"""Each structure check (tests/structure.py) fails on a small tree made to break it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .structure import (
    MAX_INNER_IMPORTS,
    MAX_MODULE_LINES,
    PACKAGES,
    cross_area_view_imports,
    forbidden_imports,
    import_cycles,
    inner_import_problems,
    order_violations,
    oversized_modules,
)

# --- each check fails on a tree made to break it ----------------------------------------


def _tree(root: Path, files: dict[str, str]) -> Path:
    for package in PACKAGES:
        (root / package).mkdir(parents=True, exist_ok=True)
        (root / package / "__init__.py").touch()
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in path.relative_to(root).parents:
            if folder != Path("."):
                (root / folder / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return root


def test_a_circle_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "app/services/grants/one.py": "from . import two\n",
            "app/services/grants/two.py": "from .three import thing\n",
            "app/services/grants/three.py": "from app.services.grants.one import other\n",
            "models/fine.py": "from . import base\n",
            "models/base.py": "",
        },
    )
    assert import_cycles(root) == [
        [
            "app.services.grants.one",
            "app.services.grants.three",
            "app.services.grants.two",
        ]
    ]


def test_a_circle_inside_a_function_or_for_type_checking_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "models/a.py": "from .b import B\n",
            "models/b.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A\n"
            ),
            "forms/c.py": "def f():\n    from forms.d import x  # why\n",
            "forms/d.py": "from . import c\n",
        },
    )
    assert import_cycles(root) == [["forms.c", "forms.d"], ["models.a", "models.b"]]


def test_a_service_or_model_importing_forms_or_views_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "app/services/grants/labels.py": "from forms.grants import LABELS\n",
            "models/grant.py": "def f():\n    from app.views import grants  # why\n",
            "forms/grants.py": "LABELS = {}\n",
            "app/views/grants.py": "from forms.grants import LABELS\n",
        },
    )
    assert forbidden_imports(root) == [
        "app/services/grants/labels.py:1 imports forms.grants",
        "models/grant.py:2 imports app.views.grants",
    ]


def test_a_view_area_using_another_area_s_views_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "app/views/service_call.py": "",
            "app/views/charts.py": "",
            "app/views/board.py": "from .grants.common import grant_or_403\n",
            "app/views/grants/common.py": "from ..service_call import call_service\n",
            "app/views/grants/money.py": (
                "from . import common\nfrom ..charts import equity_chart\n"
                "from app.views.plans import routes\n"
            ),
            "app/views/plans/routes.py": "from .. import board\n",
            "app/views/main/dashboard.py": "from app import views\n",
        },
    )
    assert sorted(cross_area_view_imports(root)) == [
        "app/views/board.py:1 imports app.views.grants.common",
        "app/views/grants/money.py:3 imports app.views.plans.routes",
        "app/views/main/dashboard.py:1 imports app.views",
        "app/views/plans/routes.py:1 imports app.views.board",
    ]


def test_a_package_using_one_after_it_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "app/services/grants/lifecycle.py": "from ..meetings import agenda\n",
            "app/services/meetings/agenda.py": "from ..grants import lifecycle\n",
            "app/services/admin/audit.py": "from ..plans import budget\n",
            "app/services/plans/budget.py": "from app.services.money import splits\n",
            "app/services/money/splits.py": "from ..errors import DomainError\n",
            "app/services/errors.py": "from .money import splits\n",
        },
    )
    assert order_violations(root) == [
        "app/services/errors.py:1: errors uses money",
        "app/services/grants/lifecycle.py:1: grants uses meetings",
    ]


def test_an_unexplained_import_inside_a_function_is_found(tmp_path: Path) -> None:
    explained = (
        "def a():\n"
        "    import json  # only the backup command needs it\n"
        "def b():\n"
        "    # only the backup command needs it\n"
        "    from decimal import (\n"
        "        Decimal,\n"
        "    )\n"
    )
    root = _tree(
        tmp_path,
        {
            "exports/fine.py": explained,
            "app/cli.py": "import os\n\ndef run():\n    x = 1  # a comment elsewhere\n"
            "    import sys\n",
        },
    )
    assert inner_import_problems(root) == [
        "app/cli.py:5: an import inside a function needs a comment"
    ]


def test_too_many_imports_inside_functions_are_found(tmp_path: Path) -> None:
    body = "".join(f"def f{n}():\n    import json  # why\n" for n in range(MAX_INNER_IMPORTS + 1))
    root = _tree(tmp_path, {"models/many.py": body})
    assert inner_import_problems(root) == [
        f"{MAX_INNER_IMPORTS + 1} imports inside functions, at most {MAX_INNER_IMPORTS}"
    ]


def _git(root: Path, *args: str) -> None:
    subprocess.run(  # noqa: S603 - fixed command line
        [shutil.which("git") or "git", *args], cwd=root, check=True, capture_output=True
    )


def test_a_tracked_module_over_the_line_limit_is_found(tmp_path: Path) -> None:
    too_long = "x = 1\n" * (MAX_MODULE_LINES + 1)
    files = {
        "models/long.py": too_long,
        "tests/web/test_long.py": too_long + "y = 2\n",
        "app/demo_notes.py": too_long,  # beside app/demo/, not in it
        "bench/at_the_limit.py": "x = 1\n" * MAX_MODULE_LINES,
        "migrations/versions/0001_long.py": too_long,
        "app/demo/data.py": too_long,
    }
    root = _tree(tmp_path, files)
    (root / "app" / "scratch.py").write_text(too_long, encoding="utf-8")  # never added
    _git(root, "init", "-q")
    _git(root, "add", "--", *files)
    assert oversized_modules(root) == [
        f"app/demo_notes.py: {MAX_MODULE_LINES + 1} lines, at most {MAX_MODULE_LINES}",
        f"models/long.py: {MAX_MODULE_LINES + 1} lines, at most {MAX_MODULE_LINES}",
        f"tests/web/test_long.py: {MAX_MODULE_LINES + 2} lines, at most {MAX_MODULE_LINES}",
    ]
