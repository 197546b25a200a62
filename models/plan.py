"""The verksamhetsplan: versions per year, goals and indicators, budget lines, insatser,
follow-up per period, the equity (eget kapital) history and the recommended-level steps.

The rules (the lock after adoption, the budget arithmetic, follow-up figures) live in
``app/services/plans/`` (``rules.py``, ``budget.py``, ``followup.py``,
``budget_followup.py``); the models only guard their own invariants with constraints.
The ``*_LABELS`` name each enum's values in the user's language.

Indicator values and percentages are exact two-decimal numbers stored like money
(``Percent``: NUMERIC on PostgreSQL, integer hundredths on SQLite), never float.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Money, Percent, TimestampMixin


class BudgetCategory(StrEnum):
    """Budget lines of the plan; contributions and insatser are drawn, not typed."""

    CONTRIBUTION = "contribution"  # medlemsbidrag per party (derived)
    OTHER_INCOME = "other_income"
    INSATSER = "insatser"  # granted + planned insatser for the year (derived)
    KANSLI = "kansli"  # kansli/administration
    STYRELSE = "styrelse"
    REVISION = "revision"
    EVALUATION = "evaluation"  # utvärdering och utveckling
    RESERVE = "reserve"
    OTHER_COST = "other_cost"


CATEGORY_LABELS = {
    BudgetCategory.CONTRIBUTION: _l("Member contributions"),
    BudgetCategory.OTHER_INCOME: _l("Other income"),
    BudgetCategory.INSATSER: _l("Insatser (granted and planned)"),
    BudgetCategory.KANSLI: _l("Office and administration"),
    BudgetCategory.STYRELSE: _l("Board"),
    BudgetCategory.REVISION: _l("Audit"),
    BudgetCategory.EVALUATION: _l("Evaluation and development"),
    BudgetCategory.RESERVE: _l("Reserve"),
    BudgetCategory.OTHER_COST: _l("Other costs"),
}


INCOME_CATEGORIES = frozenset({BudgetCategory.CONTRIBUTION, BudgetCategory.OTHER_INCOME})
DERIVED_CATEGORIES = frozenset({BudgetCategory.CONTRIBUTION, BudgetCategory.INSATSER})


class PeriodKind(StrEnum):
    """Follow-up periods: tertial 1 (to 30 April), delår (to 31 August), helår."""

    TERTIAL1 = "tertial1"
    DELAR = "delar"
    HELAR = "helar"


PERIOD_LABELS = {
    PeriodKind.TERTIAL1: _l("Tertial 1 (to 30 April)"),
    PeriodKind.DELAR: _l("Interim report (to 31 August)"),
    PeriodKind.HELAR: _l("Full year"),
}


class FollowUpStatus(StrEnum):
    """How an indicator is doing; always shown with text and an icon, not colour alone."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


#: With "missing" for an indicator that has no value for the period yet.
STATUS_LABELS = {
    FollowUpStatus.ON_TRACK: _l("On track"),
    FollowUpStatus.AT_RISK: _l("At risk"),
    FollowUpStatus.OFF_TRACK: _l("Off track"),
    "missing": _l("Not followed up"),
}

#: Shape as well as colour: a check, a warning sign, a cross, a dash.
STATUS_ICONS = {
    FollowUpStatus.ON_TRACK: "✔",
    FollowUpStatus.AT_RISK: "⚠",
    FollowUpStatus.OFF_TRACK: "✖",
    "missing": "–",
}


class InsatsKind(StrEnum):
    """Individinriktad (has participants) or strukturinriktad (no participants)."""

    INDIVIDUAL = "individual"
    STRUCTURAL = "structural"


INSATS_KIND_LABELS = {
    InsatsKind.INDIVIDUAL: _l("Individual (with participants)"),
    InsatsKind.STRUCTURAL: _l("Structural"),
}


def _new_key() -> str:
    return uuid.uuid4().hex


class Plan(Audited, TimestampMixin, Base):
    """One version of a year's verksamhetsplan; locked once adopted (linked to a §)."""

    __tablename__ = "plan"
    __table_args__ = (
        UniqueConstraint("year", "version"),
        CheckConstraint("version > 0", name="positive_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200), default="")
    vision: Mapped[str] = mapped_column(Text, default="")
    # One focus area (fokusområde) per line.
    focus_areas: Mapped[str] = mapped_column(Text, default="")
    # Governance and office (styrning och kansli), free text.
    governance: Mapped[str] = mapped_column(Text, default="")
    # Why this version was made (revisions only).
    revision_note: Mapped[str] = mapped_column(Text, default="")
    # Equity at the start of the year when typed; else drawn from the history. Kept at adoption.
    equity_start: Mapped[Decimal | None] = mapped_column(Money())
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id", ondelete="SET NULL"))
    adopted_paragraph_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraph.id"), unique=True
    )
    adopted_on: Mapped[dt.date | None] = mapped_column(Date)

    copied_from: Mapped[Plan | None] = relationship(remote_side=[id])
    adopted_paragraph: Mapped[Any] = relationship("Paragraph")
    goals: Mapped[list[Goal]] = relationship(
        back_populates="plan", order_by="Goal.position, Goal.id", cascade="all, delete-orphan"
    )
    budget_lines: Mapped[list[PlanBudgetLine]] = relationship(
        back_populates="plan",
        order_by="PlanBudgetLine.position, PlanBudgetLine.id",
        cascade="all, delete-orphan",
    )
    insatser: Mapped[list[PlanInsats]] = relationship(
        back_populates="plan", order_by="PlanInsats.id", cascade="all, delete-orphan"
    )
    periods: Mapped[list[FollowUpPeriod]] = relationship(
        back_populates="plan", order_by="FollowUpPeriod.end_date", cascade="all, delete-orphan"
    )

    @property
    def is_adopted(self) -> bool:
        """True once the board adopted this version: it can no longer change."""
        return self.adopted_paragraph_id is not None

    @property
    def focus_area_list(self) -> list[str]:
        """The focus areas, one per non-empty line."""
        return [line.strip() for line in self.focus_areas.splitlines() if line.strip()]

    def indicators(self) -> list[Indicator]:
        """Every indicator of every goal, in goal order."""
        return [indicator for goal in self.goals for indicator in goal.indicators]


class Goal(Audited, TimestampMixin, Base):
    """A goal (mål) of the plan, under one of its focus areas."""

    __tablename__ = "plan_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    focus_area: Mapped[str] = mapped_column(String(200), default="")

    plan: Mapped[Plan] = relationship(back_populates="goals")
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="goal",
        order_by="Indicator.position, Indicator.id",
        cascade="all, delete-orphan",
    )


class Indicator(Audited, TimestampMixin, Base):
    """How a goal is measured: unit, baseline, target and method.

    ``key`` stays the same when the plan is copied or revised, so an indicator can be
    followed across versions and years.
    """

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_goal.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32), default=_new_key, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40), default="")
    baseline: Mapped[Decimal | None] = mapped_column(Percent())
    target: Mapped[Decimal | None] = mapped_column(Percent())
    how_measured: Mapped[str] = mapped_column(Text, default="")

    goal: Mapped[Goal] = relationship(back_populates="indicators")


class PlanBudgetLine(Audited, TimestampMixin, Base):
    """A typed income or cost line; derived lines are stored only when a plan is adopted."""

    __tablename__ = "plan_budget_line"
    __table_args__ = (
        CheckConstraint(
            "category IN ('contribution', 'other_income', 'insatser', 'kansli', 'styrelse',"
            " 'revision', 'evaluation', 'reserve', 'other_cost')",
            name="category",
        ),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Decimal] = mapped_column(Money())
    # Contribution lines: the paying party. Set only on lines kept at adoption.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    # True for the contributions and insatser figures kept when the plan was adopted.
    derived: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[Plan] = relationship(back_populates="budget_lines")
    organisation: Mapped[Any] = relationship("Organisation")

    @property
    def is_income(self) -> bool:
        """Income lines (contributions, other income) as opposed to costs."""
        return self.category in INCOME_CATEGORIES


class PlanInsats(Audited, TimestampMixin, Base):
    """An insats in the plan: a grant, an application, or a planned call with an amount."""

    __tablename__ = "plan_insats"
    __table_args__ = (
        CheckConstraint("planned_amount IS NULL OR planned_amount >= 0", name="amount_ok"),
        CheckConstraint(
            "planned_participants IS NULL OR planned_participants >= 0", name="participants_ok"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_goal.id", ondelete="SET NULL"), index=True
    )
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("funding_grant.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), default=InsatsKind.INDIVIDUAL)
    # For planned calls and applications not yet granted: the amount planned for the year.
    planned_amount: Mapped[Decimal | None] = mapped_column(Money())
    planned_participants: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="insatser")
    goal: Mapped[Goal | None] = relationship()
    grant: Mapped[Any] = relationship("Grant")
    application: Mapped[Any] = relationship("Application")


class FollowUpPeriod(Audited, TimestampMixin, Base):
    """A follow-up of the plan in force: tertial 1, delår or helår; the delårsrapport."""

    __tablename__ = "follow_up_period"
    __table_args__ = (
        UniqueConstraint("year", "kind"),
        CheckConstraint("kind IN ('tertial1', 'delar', 'helar')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    end_date: Mapped[dt.date] = mapped_column(Date)
    # The report's own text (förvaltningsberättelse in short).
    summary: Mapped[str] = mapped_column(Text, default="")
    adopted_paragraph_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraph.id"), unique=True
    )
    adopted_on: Mapped[dt.date | None] = mapped_column(Date)

    plan: Mapped[Plan] = relationship(back_populates="periods")
    adopted_paragraph: Mapped[Any] = relationship("Paragraph")
    indicator_values: Mapped[list[IndicatorFollowUp]] = relationship(
        back_populates="period", cascade="all, delete-orphan"
    )
    budget_values: Mapped[list[BudgetFollowUp]] = relationship(
        back_populates="period", cascade="all, delete-orphan"
    )

    @property
    def is_adopted(self) -> bool:
        """True once the board adopted the report: its follow-up is locked."""
        return self.adopted_paragraph_id is not None


class IndicatorFollowUp(Audited, TimestampMixin, Base):
    """An indicator's actual value and status at the end of a period."""

    __tablename__ = "indicator_follow_up"
    __table_args__ = (
        UniqueConstraint("period_id", "indicator_id"),
        CheckConstraint("status IN ('on_track', 'at_risk', 'off_track')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("follow_up_period.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    actual: Mapped[Decimal | None] = mapped_column(Percent())
    status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")

    period: Mapped[FollowUpPeriod] = relationship(back_populates="indicator_values")
    indicator: Mapped[Indicator] = relationship()


class BudgetFollowUp(Audited, TimestampMixin, Base):
    """The outcome to the period's end (and forecast) of a typed budget line."""

    __tablename__ = "follow_up_budget"
    __table_args__ = (UniqueConstraint("period_id", "budget_line_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("follow_up_period.id", ondelete="CASCADE"), index=True
    )
    budget_line_id: Mapped[int] = mapped_column(
        ForeignKey("plan_budget_line.id", ondelete="CASCADE"), index=True
    )
    actual: Mapped[Decimal] = mapped_column(Money())
    forecast: Mapped[Decimal | None] = mapped_column(Money())
    comment: Mapped[str] = mapped_column(Text, default="")

    period: Mapped[FollowUpPeriod] = relationship(back_populates="budget_values")
    budget_line: Mapped[PlanBudgetLine] = relationship()


class EquityYear(Audited, TimestampMixin, Base):
    """Eget kapital at the end of a year, from the annual accounts."""

    __tablename__ = "equity_year"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    note: Mapped[str] = mapped_column(String(300), default="")


class EquityStep(Audited, TimestampMixin, Base):
    """A step of the recommended equity level: from a yearly contribution total, at most N %.

    A step applies from its amount (inclusive) up to the next step's amount. Without
    rows the defaults of docs/domain.md (Equity guidance) apply (see app/services/plans/budget.py).
    """

    __tablename__ = "equity_step"
    __table_args__ = (
        CheckConstraint("from_amount >= 0", name="from_not_negative"),
        # Only the sign is checked here: on SQLite the value is stored in hundredths.
        CheckConstraint("max_percent >= 0", name="percent_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_amount: Mapped[Decimal] = mapped_column(Money(), unique=True)
    max_percent: Mapped[Decimal] = mapped_column(Percent())
