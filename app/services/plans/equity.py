"""Equity (eget kapital) against the recommended level: the förbund's steps, the check of
one year's equity and the recorded equity at the end of each year.

Kept apart from the plan's budget (``budget.py``) because it stands on its own: the
settings page edits the steps, the equity page records the years from the annual
accounts, and the dashboard checks each recorded year, with no plan at hand. The
budget uses it for the equity at the start of its year and the check at the end.
The steps are a per-förbund setting with the defaults of docs/domain.md, Equity guidance.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from models import db
from models.plan import EquityStep, EquityYear

from ..errors import DomainError

ORE = Decimal("0.01")
HUNDRED = Decimal(100)

#: docs/domain.md, Equity guidance (an assumption to confirm): at most 20 % of the
#: year's contributions up to 15 mkr, 15 % of the part from 15 to 30 mkr, 10 % of the
#: part above. The steps are marginal: each percentage applies to the part of the
#: contributions within its step, so the limit in kronor never falls as they grow.
DEFAULT_EQUITY_STEPS: tuple[tuple[Decimal, Decimal], ...] = (
    (Decimal("0.00"), Decimal("20.00")),
    (Decimal("15000000.00"), Decimal("15.00")),
    (Decimal("30000000.00"), Decimal("10.00")),
)


class EquityError(DomainError):
    """An equity rule was broken (a step or a recorded year); ``str()`` is the Swedish message."""


# --- equity steps and the recommended level ---------------------------------------------


def equity_steps() -> tuple[tuple[Decimal, Decimal], ...]:
    """The förbund's steps (from amount, max percent), lowest first; defaults when unset."""
    rows = db.session.execute(
        select(EquityStep.from_amount, EquityStep.max_percent).order_by(EquityStep.from_amount)
    ).all()
    if not rows:
        return DEFAULT_EQUITY_STEPS
    return tuple((row.from_amount, row.max_percent) for row in rows)


def set_equity_steps(steps: Iterable[tuple[Decimal, Decimal]]) -> None:
    """Replace the steps; the first must start at 0 kr and amounts must differ."""
    cleaned = sorted((Decimal(a), Decimal(p)) for a, p in steps)
    if not cleaned or cleaned[0][0] != 0:
        raise EquityError(_l("The first step must start at 0 kr."))
    amounts = [amount for amount, _percent in cleaned]
    if len(set(amounts)) != len(amounts):
        raise EquityError(_l("Two steps cannot start at the same amount."))
    for _amount, percent in cleaned:
        if not 0 <= percent <= 100:
            raise EquityError(_l("A percentage must be between 0 and 100."))
    for row in db.session.scalars(select(EquityStep)).all():
        db.session.delete(row)
    db.session.flush()
    for amount, percent in cleaned:
        db.session.add(EquityStep(from_amount=amount, max_percent=percent))
    db.session.flush()


@dataclass(frozen=True)
class EquityStepRow:
    """One step as the settings show it: the part of the contributions from ``from_amount``
    up to ``to_amount`` (None: no upper end) may add ``percent`` of itself to the limit."""

    from_amount: Decimal
    to_amount: Decimal | None
    percent: Decimal


def equity_step_rows(steps: Sequence[tuple[Decimal, Decimal]] | None = None) -> list[EquityStepRow]:
    """The steps with their upper ends, lowest first (for the settings page)."""
    chosen = sorted(steps if steps is not None else equity_steps())
    return [
        EquityStepRow(amount, chosen[i + 1][0] if i + 1 < len(chosen) else None, percent)
        for i, (amount, percent) in enumerate(chosen)
    ]


def recommended_limit(
    contributions: Decimal, steps: Sequence[tuple[Decimal, Decimal]] | None = None
) -> Decimal:
    """The highest recommended equity in kronor, exact (not rounded).

    Marginal, like tax brackets (docs/domain.md, Equity guidance): each step's percentage
    applies to the part of the contributions between its amount and the next step's, so a
    bigger förbund never gets a lower limit than a smaller one.
    """
    chosen = sorted(steps if steps is not None else equity_steps())
    limit = Decimal(0)
    for index, (from_amount, percent) in enumerate(chosen):
        if contributions <= from_amount:
            break
        upper = chosen[index + 1][0] if index + 1 < len(chosen) else None
        top = contributions if upper is None else min(contributions, upper)
        limit += (top - from_amount) * percent / HUNDRED
    return limit


def recommended_max_percent(
    contributions: Decimal, steps: Sequence[tuple[Decimal, Decimal]] | None = None
) -> Decimal:
    """The highest recommended equity as a share of the year's contributions (the marginal
    limit over the total), in percent to two decimals."""
    if contributions <= 0:
        chosen = steps if steps is not None else equity_steps()
        return chosen[0][1] if chosen else DEFAULT_EQUITY_STEPS[0][1]
    share = recommended_limit(contributions, steps) * HUNDRED / contributions
    return share.quantize(ORE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class EquityCheck:
    """Equity against the recommended level for one year."""

    equity: Decimal
    contributions: Decimal
    max_percent: Decimal
    share_percent: Decimal | None
    limit: Decimal
    above: bool


def equity_check(
    equity: Decimal,
    contributions: Decimal | None,
    steps: Sequence[tuple[Decimal, Decimal]] | None = None,
) -> EquityCheck | None:
    """The share of equity against the contributions and whether it passes the level."""
    if not contributions:
        return None
    exact = recommended_limit(contributions, steps)
    max_percent = recommended_max_percent(contributions, steps)
    share = (equity * HUNDRED / contributions).quantize(ORE, rounding=ROUND_HALF_UP)
    limit = exact.quantize(ORE, rounding=ROUND_HALF_UP)
    # Compared exactly (no rounding) with the marginal limit.
    above = equity > exact
    return EquityCheck(equity, contributions, max_percent, share, limit, above)


# --- equity history ---------------------------------------------------------------------


def equity_history() -> list[EquityYear]:
    """Eget kapital at the end of each recorded year, oldest first."""
    return list(db.session.scalars(select(EquityYear).order_by(EquityYear.year)))


def equity_at_end(year: int) -> Decimal | None:
    """The recorded equity at the end of ``year`` (from the annual accounts), if any."""
    return db.session.scalar(select(EquityYear.amount).where(EquityYear.year == year))


def set_equity_year(year: int, amount: Decimal, note: str = "") -> EquityYear:
    """Record or correct the equity at the end of a year."""
    if not 1990 <= year <= 2100:
        raise EquityError(_l("%(year)s is not a valid year.", year=year))
    row = db.session.scalar(select(EquityYear).where(EquityYear.year == year))
    if row is None:
        row = EquityYear(year=year, amount=amount)
        db.session.add(row)
    row.amount = amount
    row.note = note or ""
    db.session.flush()
    return row


def delete_equity_year(row: EquityYear) -> None:
    """Remove a year recorded by mistake."""
    db.session.delete(row)
    db.session.flush()
