"""The structure the code keeps (tests/structure.py): no import circles, services free
of forms and views, the service packages in one order, view areas apart, imports at
module level, and modules of at most ``MAX_MODULE_LINES`` lines."""

from __future__ import annotations

from .structure import (
    ROOT,
    all_imports,
    cross_area_view_imports,
    forbidden_imports,
    import_cycles,
    inner_import_problems,
    order_violations,
    oversized_modules,
    tracked_python_files,
)

# --- the repository ---------------------------------------------------------------------


def test_no_import_cycles() -> None:
    assert import_cycles(ROOT) == []


def test_services_and_models_import_nothing_from_forms_or_views() -> None:
    assert forbidden_imports(ROOT) == []


def test_service_packages_keep_their_order() -> None:
    assert order_violations(ROOT) == []


def test_view_areas_use_no_other_area_s_views() -> None:
    assert cross_area_view_imports(ROOT) == []


def test_imports_inside_functions_are_few_and_explained() -> None:
    assert inner_import_problems(ROOT) == []


def test_no_module_is_longer_than_the_limit() -> None:
    assert oversized_modules(ROOT) == []


def test_the_checks_see_the_repository() -> None:
    """Guards against checks that pass because they read nothing."""
    imports = all_imports(ROOT)
    assert any(i.source == "app.services.grants.lifecycle" for i in imports)
    assert any(
        i.source == "app.services.meetings.effects" and i.target == "app.services.grants.lifecycle"
        for i in imports
    )
    assert any(
        i.source == "app.views.grants.money" and i.target == "app.views.service_call"
        for i in imports
    )
    tracked = {path.relative_to(ROOT).as_posix() for path in tracked_python_files(ROOT)}
    assert {"tests/structure.py", "models/meeting.py", "app/services/plans/budget.py"} <= tracked
