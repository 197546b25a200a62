"""What a plan version holds: goals, their indicators and the typed budget lines.

Every write path here calls ``ensure_plan_editable`` first, so an adopted version
cannot change by any route.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l

from models import db
from models.plan import Goal, Indicator, Plan, PlanBudgetLine

from . import budget as plan_budget
from .rules import PlanError, ensure_plan_editable


def _next_position(items: list[Any]) -> int:
    return max((i.position for i in items), default=0) + 1


def add_goal(plan: Plan, *, title: str, description: str = "", focus_area: str = "") -> Goal:
    """A new goal at the end of the plan."""
    ensure_plan_editable(plan)
    goal = Goal(
        title=title,
        description=description,
        focus_area=focus_area,
        position=_next_position(plan.goals),
    )
    plan.goals.append(goal)
    db.session.flush()
    return goal


def update_goal(goal: Goal, *, title: str, description: str = "", focus_area: str = "") -> None:
    """Change a goal's texts."""
    ensure_plan_editable(goal.plan)
    goal.title, goal.description, goal.focus_area = title, description, focus_area
    db.session.flush()


def delete_goal(goal: Goal) -> None:
    """Remove a goal and its indicators; its insatser stay, without a goal."""
    ensure_plan_editable(goal.plan)
    goal.plan.goals.remove(goal)
    db.session.flush()


INDICATOR_FIELDS = ("name", "unit", "baseline", "target", "how_measured")


def add_indicator(goal: Goal, **fields: Any) -> Indicator:
    """A new indicator for a goal."""
    ensure_plan_editable(goal.plan)
    indicator = Indicator(position=_next_position(goal.indicators))
    _set_indicator(indicator, fields)
    goal.indicators.append(indicator)
    db.session.flush()
    return indicator


def update_indicator(indicator: Indicator, **fields: Any) -> None:
    """Change an indicator's name, unit, baseline, target or method."""
    ensure_plan_editable(indicator.goal.plan)
    _set_indicator(indicator, fields)
    db.session.flush()


def _set_indicator(indicator: Indicator, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name not in INDICATOR_FIELDS:
            raise TypeError(f"unknown indicator field {name}")
        if name in ("baseline", "target"):
            setattr(indicator, name, value)
        else:
            setattr(indicator, name, value or "")


def delete_indicator(indicator: Indicator) -> None:
    """Remove an indicator (and its follow-ups, which belong to this draft only)."""
    ensure_plan_editable(indicator.goal.plan)
    indicator.goal.indicators.remove(indicator)
    db.session.flush()


def add_budget_line(plan: Plan, *, category: str, name: str, amount: Decimal) -> PlanBudgetLine:
    """A typed income or cost line (kansli, styrelse, revision, other income …)."""
    ensure_plan_editable(plan)
    plan_budget.check_typed_category(category)
    line = PlanBudgetLine(
        category=category,
        name=name,
        amount=amount,
        position=_next_position([x for x in plan.budget_lines if not x.derived]),
    )
    plan.budget_lines.append(line)
    db.session.flush()
    return line


def update_budget_line(line: PlanBudgetLine, *, category: str, name: str, amount: Decimal) -> None:
    """Change a typed line."""
    ensure_plan_editable(line.plan)
    if line.derived:
        raise PlanError(_l("This figure is drawn from its register and cannot be typed."))
    plan_budget.check_typed_category(category)
    line.category, line.name, line.amount = category, name, amount
    db.session.flush()


def delete_budget_line(line: PlanBudgetLine) -> None:
    """Remove a typed line."""
    ensure_plan_editable(line.plan)
    if line.derived:
        raise PlanError(_l("This figure is drawn from its register and cannot be typed."))
    line.plan.budget_lines.remove(line)
    db.session.flush()
