"""The plan's budget: income, costs, result and equity against the recommended level.

Member contributions per party come from the money area (``party_amounts``)
and the insatser line from the grants area (granted for the year) plus the plan's
planned calls, so nothing is typed twice. While a plan is a draft these figures are
drawn live; when it is adopted they are kept as derived lines (``snapshot_derived``)
so the adopted version never drifts. The equity history, the recommended-level steps and
the check of a year's equity against them are in ``equity.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models import Organisation, db
from models.plan import (
    DERIVED_CATEGORIES,
    INCOME_CATEGORIES,
    BudgetCategory,
    Plan,
    PlanBudgetLine,
)

from ... import formatting
from ..errors import DomainError
from ..grants import lifecycle as grants
from ..money.contributions import contribution_total, party_amounts
from .equity import EquityCheck, equity_at_end, equity_check, equity_steps
from .insatser import insats_is_planned
from .rules import plan_in_force

ZERO = Decimal("0.00")

COST_ORDER = (
    BudgetCategory.INSATSER,
    BudgetCategory.KANSLI,
    BudgetCategory.STYRELSE,
    BudgetCategory.REVISION,
    BudgetCategory.EVALUATION,
    BudgetCategory.RESERVE,
    BudgetCategory.OTHER_COST,
)
INCOME_ORDER = (BudgetCategory.CONTRIBUTION, BudgetCategory.OTHER_INCOME)


class BudgetError(DomainError):
    """A budget rule was broken; ``str()`` is the Swedish message."""


def budget_warnings(
    result: Decimal, equity_end: Decimal | None, check: EquityCheck | None
) -> list[str]:
    """What the board should see about a year's money: a negative result (equity used),
    equity below zero at the year's end, and equity above the recommended level."""
    warnings = []
    if result < 0:
        warnings.append(
            str(
                _l(
                    "The year's result is negative: %(result)s, taken from equity.",
                    result=formatting.sek(result),
                )
            )
        )
    if equity_end is not None and equity_end < 0:
        share = (
            f" ({formatting.percent(check.share_percent)})" if check and check.share_percent else ""
        )
        warnings.append(
            str(
                _l(
                    "Equity at the end of the year is negative: %(equity)s%(share)s. The"
                    " förbund would spend money it does not have; lower the costs or raise"
                    " the income.",
                    equity=formatting.sek(equity_end),
                    share=share,
                )
            )
        )
    return warnings


# --- the budget -------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetRow:
    """One line of the budget as shown: typed, drawn live, or kept at adoption."""

    category: str
    name: str
    amount: Decimal
    line_id: int | None = None
    organisation_id: int | None = None
    derived: bool = False


@dataclass
class Budget:
    """A plan's budget with its totals; every figure is derived here, never in a view."""

    year: int
    income: list[BudgetRow]
    costs: list[BudgetRow]
    equity_start: Decimal | None
    steps: Sequence[tuple[Decimal, Decimal]] = ()

    @property
    def contributions(self) -> Decimal:
        """The members' contributions in the budget (the base of the equity share)."""
        return _total(r for r in self.income if r.category == BudgetCategory.CONTRIBUTION)

    @property
    def total_income(self) -> Decimal:
        return _total(self.income)

    @property
    def total_costs(self) -> Decimal:
        return _total(self.costs)

    @property
    def result(self) -> Decimal:
        """Årets resultat: income less costs (negative when equity is used)."""
        return self.total_income - self.total_costs

    @property
    def equity_used(self) -> Decimal:
        """Ianspråktaget eget kapital: the part of the costs not covered by income."""
        return max(ZERO, -self.result)

    @property
    def equity_end(self) -> Decimal | None:
        """Eget kapital at the end of the year: the start plus the result."""
        return None if self.equity_start is None else self.equity_start + self.result

    @property
    def equity(self) -> EquityCheck | None:
        """The end-of-year equity against the recommended level."""
        if self.equity_end is None:
            return None
        return equity_check(self.equity_end, self.contributions, self.steps or None)

    @property
    def warnings(self) -> list[str]:
        """A negative result or negative equity at the year's end (``budget_warnings``)."""
        return budget_warnings(self.result, self.equity_end, self.equity)

    def category_total(self, category: str) -> Decimal:
        """Sum of the lines of one category."""
        return _total(r for r in [*self.income, *self.costs] if r.category == category)


def _total(rows: Iterable[BudgetRow]) -> Decimal:
    return sum((r.amount for r in rows), ZERO)


def planned_insatser_amount(plan: Plan) -> Decimal:
    """Amounts planned for calls and applications that have no grant yet."""
    return sum(
        (i.planned_amount or ZERO for i in plan.insatser if insats_is_planned(i)),
        ZERO,
    )


def live_insatser_amount(plan: Plan) -> Decimal:
    """Granted for the plan's year (all grants) plus the planned calls not yet granted."""
    return grants.granted_in_year(plan.year) + planned_insatser_amount(plan)


def live_contributions(year: int) -> list[BudgetRow]:
    """One income row per paying party, drawn from the year's member contributions."""
    return [
        BudgetRow(
            BudgetCategory.CONTRIBUTION,
            party.name,
            party.amount,
            organisation_id=party.organisation_id,
            derived=True,
        )
        for party in party_amounts(year)
    ]


def equity_start_for(
    plan: Plan, steps: Sequence[tuple[Decimal, Decimal]] | None = None
) -> Decimal | None:
    """Equity at the start: typed or kept on the plan, else the recorded end of the year before,
    else the projected end of last year's plan in force (``steps`` as for ``budget_for``)."""
    if plan.equity_start is not None:
        return plan.equity_start
    recorded = equity_at_end(plan.year - 1)
    if recorded is not None:
        return recorded
    previous = plan_in_force(plan.year - 1)
    if previous is None or (previous.equity_start is None and equity_at_end(plan.year - 2) is None):
        return None
    return budget_for(previous, steps).equity_end


def budget_for(plan: Plan, steps: Sequence[tuple[Decimal, Decimal]] | None = None) -> Budget:
    """The plan's budget: kept figures for an adopted version, live ones for a draft.

    ``steps`` are the equity steps when the caller has read them already (a page that
    shows several budgets); otherwise they are read here.
    """
    typed = [line for line in plan.budget_lines if not line.derived]
    kept = [line for line in plan.budget_lines if line.derived]
    if plan.is_adopted and kept:
        contributions = [_row(line) for line in kept if line.category in INCOME_CATEGORIES]
        insatser = [_row(line) for line in kept if line.category == BudgetCategory.INSATSER]
    else:
        contributions = live_contributions(plan.year)
        insatser = [
            BudgetRow(BudgetCategory.INSATSER, "", live_insatser_amount(plan), derived=True)
        ]
    income = contributions + [_row(line) for line in _ordered(typed, INCOME_ORDER)]
    costs = insatser + [_row(line) for line in _ordered(typed, COST_ORDER)]
    if steps is None:
        steps = equity_steps()
    return Budget(plan.year, income, costs, equity_start_for(plan, steps), steps)


def _row(line: PlanBudgetLine) -> BudgetRow:
    return BudgetRow(
        line.category, line.name, line.amount, line.id, line.organisation_id, line.derived
    )


def _ordered(lines: list[PlanBudgetLine], order: tuple[str, ...]) -> list[PlanBudgetLine]:
    rank = {category: index for index, category in enumerate(order)}
    chosen = [line for line in lines if line.category in rank]
    return sorted(chosen, key=lambda line: (rank[line.category], line.position, line.id or 0))


def snapshot_derived(plan: Plan) -> None:
    """Keep the drawn figures (contributions per party, insatser, equity at start) on adoption."""
    for line in [line for line in plan.budget_lines if line.derived]:
        plan.budget_lines.remove(line)
    db.session.flush()
    budget = budget_for(plan)
    for position, row in enumerate(r for r in budget.income if r.derived):
        plan.budget_lines.append(
            PlanBudgetLine(
                category=row.category,
                name=row.name,
                amount=row.amount,
                organisation_id=row.organisation_id,
                derived=True,
                position=position,
            )
        )
    for row in (r for r in budget.costs if r.derived):
        plan.budget_lines.append(
            PlanBudgetLine(category=row.category, name="", amount=row.amount, derived=True)
        )
    if plan.equity_start is None:
        plan.equity_start = budget.equity_start
    db.session.flush()


def check_typed_category(category: str) -> None:
    """Only the typed categories can be entered by hand; the others are drawn."""
    if category in DERIVED_CATEGORIES or category not in set(BudgetCategory):
        raise BudgetError(
            _l("Member contributions and insatser are drawn from their registers, not typed.")
        )


def year_contributions(year: int) -> Decimal | None:
    """The members' total for a year (money area); None when not entered."""
    return contribution_total(year)


def organisation_names(ids: Iterable[int]) -> dict[int, str]:
    """Names of organisations by id (for kept contribution lines)."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = db.session.scalars(select(Organisation).where(Organisation.id.in_(wanted)))
    return {org.id: org.name for org in rows}
