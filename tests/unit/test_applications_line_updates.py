"""Updating a budget line in place: the add rules apply, the line's own share is not
counted twice, a stale fingerprint is refused, and the version shows the one change."""

from __future__ import annotations

import threading
import time
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete

from app.services.applications import budget, lines, revisions
from app.services.applications.budget import BudgetError
from app.services.applications.lines import StaffFigures
from app.services.applications.rules import ApplicationError
from app.services.money.staffing import StaffingError
from models import Application, BudgetLine, Role, User, db

from .test_applications_factories import draft, organisations, proposed, submitted, user

D = Decimal


@pytest.fixture
def world(app_ctx: Flask) -> dict:
    return {"orgs": organisations(), "chef": user(Role.FORBUNDSCHEF)}


def _staff(application, chef, orgs, **kw):
    values = {"year": 2026, "role": "Coach", "employer": orgs["AME"], "annual_salary": D(400_000)}
    return lines.add_staff_line(application, StaffFigures(**{**values, **kw}), user=chef)


def test_a_person_s_own_old_share_is_replaced_not_added(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = draft(orgs, chef)
    line = _staff(application, chef, orgs, person="Per Ek", percent=D(60))
    fields = {"year": 2026, "role": "Coach", "employer": orgs["AME"], "person": "Per Ek"}
    lines.update_staff_line(
        application,
        line,
        StaffFigures(percent=D(90), annual_salary=D(400_000), **fields),
        user=chef,
    )
    assert line.percent == D(90)
    other = draft(orgs, chef, title="Trisam")
    _staff(other, chef, orgs, person="Per Ek", percent=D(10))
    with pytest.raises(StaffingError):  # 90 % here and 10 % there leave no room for 95 %
        lines.update_staff_line(
            application,
            line,
            StaffFigures(percent=D(95), annual_salary=D(400_000), **fields),
            user=chef,
        )


def test_update_keeps_the_add_rules(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = draft(orgs, chef)
    cost = lines.add_budget_line(
        application, user=chef, year=2026, category="premises", amount=D(50_000)
    )
    co = lines.add_co_financing(
        application, user=chef, year=2026, organisation=orgs["AF"], kind="cash", amount=D(40_000)
    )
    with pytest.raises(ApplicationError, match="2031"):
        lines.update_budget_line(
            application, cost, user=chef, year=2031, category="premises", amount=D(1)
        )
    with pytest.raises(ApplicationError):
        lines.update_budget_line(
            application, cost, user=chef, year=2026, category="premises", amount=D(-1)
        )
    with pytest.raises(BudgetError):  # the costs would fall below the co-financing
        lines.update_budget_line(
            application, cost, user=chef, year=2026, category="premises", amount=D(30_000)
        )
    db.session.rollback()
    with pytest.raises(ApplicationError):
        lines.update_co_financing(
            application, co, user=chef, year=2026, organisation=orgs["AF"], kind="x", amount=D(1)
        )


def test_a_stale_fingerprint_and_a_foreign_line_are_refused(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = draft(orgs, chef)
    line = lines.add_budget_line(
        application, user=chef, year=2026, category="travel", amount=D(1_000)
    )
    db.session.expire_all()  # the edit page takes the fingerprint of the stored line
    seen = lines.line_fingerprint(line)
    lines.update_budget_line(
        application, line, user=chef, year=2026, category="travel", amount=D(2_000), expected=seen
    )
    assert lines.line_fingerprint(line) != seen
    with pytest.raises(lines.LineChangedError):
        lines.update_budget_line(
            application, line, user=chef, year=2026, category="travel", amount=D(3), expected=seen
        )
    other = draft(orgs, chef, title="Annan")
    with pytest.raises(ApplicationError):
        lines.update_budget_line(other, line, user=chef, year=2026, category="travel", amount=D(3))


def test_a_line_removed_by_someone_else_is_refused_with_a_message(app: Flask) -> None:
    """The edit form was opened, then someone removed the line: saving says so (no 500)."""
    with app.app_context():
        chef = user(Role.FORBUNDSCHEF)
        application = draft(organisations(), chef)
        line = lines.add_budget_line(
            application, user=chef, year=2026, category="travel", amount=D(1_000)
        )
        db.session.commit()
        seen = lines.line_fingerprint(line)
        # Another user's removal, committed between this request reading the line and its
        # save (on PostgreSQL; SQLite lets one writer at a time): the row is gone.
        db.session.execute(
            delete(BudgetLine).where(BudgetLine.id == line.id),
            execution_options={"synchronize_session": False},
        )
        with pytest.raises(lines.LineChangedError, match=r"removed|tagits bort"):
            lines.update_budget_line(
                application, line, user=chef, year=2026, category="travel", amount=D(2_000),
                expected=seen,
            )  # fmt: skip
        db.session.rollback()


def test_two_saves_of_one_line_at_once_the_second_is_refused(app: Flask, monkeypatch: Any) -> None:
    """Both opened the line; both save at once. The check reads the line under a row lock
    (PostgreSQL; SQLite lets one writer at a time), so the second save waits, sees the first
    one's line and is refused instead of overwriting it."""
    with app.app_context():
        chef = user(Role.FORBUNDSCHEF)
        application = draft(organisations(), chef)
        line = lines.add_budget_line(
            application, user=chef, year=2026, category="travel", amount=D(1_000)
        )
        db.session.commit()
        ids = (application.id, line.id, chef.id)
        db.session.expire_all()
        seen = lines.line_fingerprint(db.session.get(BudgetLine, line.id))

    check_year = lines.check_year

    def check_year_slowly(application: Application, year: int) -> None:
        check_year(application, year)
        time.sleep(0.3)  # after the fingerprint check: without the lock both pass it

    monkeypatch.setattr(lines, "check_year", check_year_slowly)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def save(amount: Decimal) -> None:
        barrier.wait()
        with app.test_request_context(method="POST"):
            application_id, line_id, chef_id = ids
            try:
                lines.update_budget_line(
                    db.session.get(Application, application_id),
                    db.session.get(BudgetLine, line_id),
                    user=db.session.get(User, chef_id),
                    year=2026,
                    category="travel",
                    amount=amount,
                    expected=seen,
                )
                db.session.commit()
                results.append(f"saved {amount}")
            except lines.LineChangedError:
                db.session.rollback()
                results.append("refused")
            except Exception as error:  # reported by the assertion below
                db.session.rollback()
                results.append(repr(error))

    threads = [threading.Thread(target=save, args=(D(n),)) for n in (2_000, 3_000)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2 and "refused" in results, results
    (saved,) = [r for r in results if r != "refused"]
    with app.app_context():
        assert f"saved {db.session.get(BudgetLine, ids[1]).amount:.0f}" == saved


def test_a_locked_application_is_not_changed(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = proposed(orgs, chef)
    line = application.budget_lines[0]
    with pytest.raises(ApplicationError, match="inte längre ändras"):
        lines.update_budget_line(
            application, line, user=chef, year=2026, category="premises", amount=D(1)
        )


def test_the_version_shows_only_the_changed_line_in_kronor(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = submitted(orgs, chef, start=date(2026, 1, 1), end=date(2026, 12, 31))
    staff = _staff(application, chef, orgs, percent=D(50))
    db.session.expire_all()  # read back as stored: "400000.00", not the typed "400000"
    lines.update_staff_line(
        application,
        staff,
        StaffFigures(
            year=2026,
            role="Coach",
            employer=orgs["AME"],
            percent=D(40),
            annual_salary=D(400_000),
            po_rate=staff.po_rate,
        ),
        user=chef,
    )
    last = application.revisions[-1]
    fields, changed = revisions.readable(*revisions.revision_diff(last, with_beredning=True))
    assert [c.key for c in changed] == ["staff_lines"]  # the cost line is not listed
    (change,) = changed
    cost = budget.staff_cost(staff)
    assert change.removed[0].startswith("2026 · Coach ·  · ")
    assert "· 50\xa0% · 400\xa0000\xa0kr ·" in change.removed[0]
    assert "· 40\xa0% · 400\xa0000\xa0kr ·" in change.added[0]
    assert change.added[0].endswith(f"12 mån = {revisions.sek(cost)}")
    assert [f.key for f in fields] == ["requested"]


def _last_budget_change(application) -> revisions.ListChange:
    _fields, changed = revisions.revision_diff(application.revisions[-1], with_beredning=True)
    return next(c for c in changed if c.key == "budget_lines")


def test_removing_one_of_two_identical_lines_is_a_version(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = submitted(orgs, chef, start=date(2026, 1, 1), end=date(2026, 12, 31))
    for _ in range(2):
        lines.add_budget_line(application, user=chef, year=2026, category="travel", amount=D(0))
    assert len(application.revisions) == 3  # submitted, then each 0 kr line added
    lines.remove_budget_line(application, application.budget_lines[-1], user=chef)
    assert len(application.revisions) == 4
    change = _last_budget_change(application)
    assert (change.removed, change.added) == (["2026 · travel ·  · 0.00"], [])


def test_a_line_changed_to_equal_another_shows_as_added(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = submitted(orgs, chef, start=date(2026, 1, 1), end=date(2026, 12, 31))
    lines.add_budget_line(application, user=chef, year=2026, category="travel", amount=D(5_000))
    line = lines.add_budget_line(
        application, user=chef, year=2026, category="travel", amount=D(3_000)
    )
    lines.update_budget_line(
        application, line, user=chef, year=2026, category="travel", amount=D(5_000)
    )
    change = _last_budget_change(application)
    assert change.removed == ["2026 · travel ·  · 3000.00"]
    assert change.added == ["2026 · travel ·  · 5000.00"]
