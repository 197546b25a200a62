"""Every ORM path that removes or changes a row leaves an audit entry.

Items removed from a list (``delete-orphan``) only become deletes during the
flush, rows reached by a cascade are found by the unit of work, and bulk
statements bypass it: each path is tried here on the demo data.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, func, select, update

from models import AuditEntry, db
from models.application import (
    Application,
    ApplicationParty,
    Attachment,
    BudgetLine,
    CoFinancing,
    StaffLine,
)
from models.auditing import AuditTrailIsReadOnly
from models.plan import Goal, Indicator, Plan, PlanInsats


def _last_id() -> int:
    return db.session.scalar(select(func.max(AuditEntry.id))) or 0


def _entries_since(since: int) -> set[tuple[str, str, str]]:
    rows = db.session.execute(
        select(AuditEntry.table_name, AuditEntry.row_id, AuditEntry.action).where(
            AuditEntry.id > since
        )
    )
    return {tuple(row) for row in rows}


def _first_with(model: Any, relation: str) -> Any:
    """The first parent whose ``relation`` list holds at least one item."""
    for parent in db.session.scalars(select(model).order_by(model.id)):
        if getattr(parent, relation):
            return parent
    pytest.skip(f"the demo data has no {model.__name__} with {relation}")


LISTS = [
    (Application, "parties", ApplicationParty),
    (Application, "budget_lines", BudgetLine),
    (Application, "staff_lines", StaffLine),
    (Application, "co_financing", CoFinancing),
    (Application, "attachments", Attachment),
    (Plan, "goals", Goal),
    (Goal, "indicators", Indicator),
    (Plan, "insatser", PlanInsats),
]


@pytest.mark.parametrize(("parent_model", "relation", "child_model"), LISTS)
def test_removing_an_item_from_its_list_is_audited(
    app: Flask, demo: dict, parent_model: Any, relation: str, child_model: Any
) -> None:
    with app.app_context():
        parent = _first_with(parent_model, relation)
        items = getattr(parent, relation)
        removed = items[-1]
        removed_id = str(removed.id)
        since = _last_id()
        items.remove(removed)
        db.session.commit()
        assert db.session.get(child_model, int(removed_id)) is None
        entry = db.session.scalars(
            select(AuditEntry).where(
                AuditEntry.id > since,
                AuditEntry.table_name == child_model.__tablename__,
                AuditEntry.row_id == removed_id,
            )
        ).one()
        assert entry.action == "delete"
        assert entry.changes["id"] == [int(removed_id), None]


def test_cascade_from_a_deleted_plan_audits_every_row_it_takes(app: Flask, demo: dict) -> None:
    with app.app_context():
        plan = _first_with(Plan, "goals")
        goals = {str(goal.id) for goal in plan.goals}
        indicators = {str(i.id) for goal in plan.goals for i in goal.indicators}
        since = _last_id()
        db.session.delete(plan)
        db.session.commit()
        found = _entries_since(since)
        assert ("plan", str(plan.id), "delete") in found
        assert {("plan_goal", g, "delete") for g in goals} <= found
        assert {("indicator", i, "delete") for i in indicators} <= found


def test_bulk_delete_audits_each_row(app: Flask, demo: dict) -> None:
    with app.app_context():
        application = _first_with(Application, "budget_lines")
        app_id = application.id
        lines = {str(line.id) for line in application.budget_lines}
        db.session.expunge_all()
        since = _last_id()
        db.session.execute(delete(BudgetLine).where(BudgetLine.application_id == app_id))
        db.session.commit()
        assert _entries_since(since) == {("budget_line", line, "delete") for line in lines}


def test_bulk_delete_audits_what_the_database_cascades_and_nulls(app: Flask, demo: dict) -> None:
    with app.app_context():
        goal = next(
            (
                g
                for g in db.session.scalars(select(Goal).order_by(Goal.id))
                if g.indicators
                and db.session.scalar(select(func.count()).where(PlanInsats.goal_id == g.id))
            ),
            None,
        )
        if goal is None:
            pytest.skip("the demo data has no goal with indicators and insatser")
        goal_id = goal.id
        indicators = {str(i.id) for i in goal.indicators}
        insatser = set(
            db.session.scalars(select(PlanInsats.id).where(PlanInsats.goal_id == goal_id))
        )
        db.session.expunge_all()
        since = _last_id()
        db.session.execute(delete(Goal).where(Goal.id == goal_id))
        db.session.commit()
        found = _entries_since(since)
        assert ("plan_goal", str(goal_id), "delete") in found
        assert {("indicator", i, "delete") for i in indicators} <= found
        assert {("plan_insats", str(i), "update") for i in insatser} <= found
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.id > since, AuditEntry.table_name == "plan_insats")
        ).first()
        assert entry.changes == {"goal_id": [goal_id, None]}


def test_bulk_update_audits_old_and_new_values(app: Flask, demo: dict) -> None:
    with app.app_context():
        line = db.session.scalars(select(BudgetLine).order_by(BudgetLine.id)).first()
        old = line.description
        since = _last_id()
        db.session.execute(
            update(BudgetLine).where(BudgetLine.id == line.id).values(description="Ändrad rad")
        )
        db.session.commit()
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.id > since)).one()
        assert (entry.table_name, entry.row_id, entry.action) == (
            "budget_line",
            str(line.id),
            "update",
        )
        assert entry.changes == {"description": [old, "Ändrad rad"]}


def test_bulk_statements_cannot_touch_the_audit_trail(app: Flask, demo: dict) -> None:
    with app.app_context():
        with pytest.raises(AuditTrailIsReadOnly):
            db.session.execute(delete(AuditEntry))
        db.session.rollback()
        with pytest.raises(AuditTrailIsReadOnly):
            db.session.execute(update(AuditEntry).values(action="forged"))
        db.session.rollback()


def test_a_failed_flush_leaves_no_stray_entries(app: Flask, demo: dict) -> None:
    with app.app_context():
        line = db.session.scalars(select(BudgetLine).order_by(BudgetLine.id)).first()
        line.application_id = 10**9  # no such application: the flush fails
        with pytest.raises(Exception):  # noqa: B017 - the driver's IntegrityError
            db.session.flush()
        db.session.rollback()
        since = _last_id()
        line = db.session.scalars(select(BudgetLine).order_by(BudgetLine.id)).first()
        line.description = "Efter felet"
        db.session.commit()
        found = _entries_since(since)
        assert found == {("budget_line", str(line.id), "update")}
