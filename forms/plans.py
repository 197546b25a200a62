"""Forms for the verksamhetsplan: the plan, goals, indicators, budget lines, insatser,
adoption, follow-up per period and the equity history and steps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField, IntegerField, SelectField, StringField, SubmitField
from wtforms.fields import TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from models.plan import (
    CATEGORY_LABELS,
    INSATS_KIND_LABELS,
    PERIOD_LABELS,
    STATUS_LABELS,
    BudgetCategory,
    FollowUpStatus,
)

from .base import BaseForm, DecimalTextField, MoneyField, PercentField, choices, required_money
from .parsing import format_money_input, parse_money

TYPED_CATEGORIES = [
    BudgetCategory.KANSLI,
    BudgetCategory.STYRELSE,
    BudgetCategory.REVISION,
    BudgetCategory.EVALUATION,
    BudgetCategory.RESERVE,
    BudgetCategory.OTHER_COST,
    BudgetCategory.OTHER_INCOME,
]


def optional_int(value: Any) -> int | None:
    """Select values: an id, or None for the empty choice (also blank or spaces)."""
    if value is None or str(value).strip() in ("", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # not among the choices: refused as "Not a valid choice"


class NumberField(DecimalTextField):
    """A measured value typed the Swedish way ("75", "12,5", "1 200", "75 %")."""

    message = _l("Enter a number, e.g. 75 or 12,5.")

    def parse(self, text: str) -> Decimal:
        return parse_money(text.removesuffix("%").strip(), allow_negative=True)

    def show(self, value: Decimal) -> str:
        return format_money_input(value)


def _text(label: Any, max_length: int = 20_000, **kwargs: Any) -> TextAreaField:
    return TextAreaField(label, validators=[Length(max=max_length)], **kwargs)


class NewPlanForm(BaseForm):
    """Start a year's plan, empty or from another year's."""

    year = IntegerField(
        _l("Year"),
        validators=[
            InputRequired(_l("Enter a year.")),
            NumberRange(min=1990, max=2100, message=_l("Enter a year between 1990 and 2100.")),
        ],
    )
    copy_from = SelectField(_l("Start from"), coerce=optional_int, validators=[Optional()])
    submit = SubmitField(_l("Create the plan"))


class PlanForm(BaseForm):
    """The plan's texts and, when known better than the history, its equity at start."""

    title = StringField(_l("Title"), validators=[Length(max=200)])
    vision = _text(_l("Vision"), render_kw={"rows": 3})
    focus_areas = _text(
        _l("Focus areas"), description=_l("One focus area per line."), render_kw={"rows": 4}
    )
    governance = _text(_l("Governance and office"), render_kw={"rows": 4})
    equity_start = MoneyField(
        _l("Equity at the start of the year"),
        allow_negative=True,
        description=_l("Leave empty to use the equity recorded at the end of last year."),
    )
    submit = SubmitField(_l("Save"))


class RevisionForm(BaseForm):
    """A new version of an adopted plan."""

    revision_note = _text(_l("Why a new version"), max_length=2000, render_kw={"rows": 2})
    submit = SubmitField(_l("Make a new version"))


class GoalForm(BaseForm):
    """A goal of the plan."""

    title = StringField(
        _l("Goal"), validators=[DataRequired(_l("Write the goal.")), Length(max=300)]
    )
    focus_area = SelectField(_l("Focus area"), validators=[Optional()])
    description = _text(_l("Description"), render_kw={"rows": 3})
    submit = SubmitField(_l("Save"))


class IndicatorForm(BaseForm):
    """How a goal is measured."""

    name = StringField(
        _l("Indicator"),
        validators=[DataRequired(_l("Name the indicator.")), Length(max=300)],
        description=_l("E.g. Share of individuals contacted within two weeks."),
    )
    unit = StringField(
        _l("Unit"), validators=[Length(max=40)], description=_l("E.g. %, persons, days.")
    )
    baseline = NumberField(_l("Baseline"))
    target = NumberField(_l("Target"))
    how_measured = _text(_l("How it is measured"), max_length=5000, render_kw={"rows": 2})
    submit = SubmitField(_l("Save"))


class BudgetLineForm(BaseForm):
    """A typed income or cost line."""

    category = SelectField(
        _l("Line"), choices=choices([(c.value, CATEGORY_LABELS[c]) for c in TYPED_CATEGORIES])
    )
    name = StringField(
        _l("Specification"), validators=[Length(max=200)], description=_l("E.g. Premises.")
    )
    amount = MoneyField(_l("Amount"), validators=[required_money])
    submit = SubmitField(_l("Save"))


class InsatsForm(BaseForm):
    """An insats of the plan: a grant, an application or a planned call."""

    grant_id = SelectField(_l("Grant"), coerce=optional_int, validators=[Optional()])
    application_id = SelectField(_l("Application"), coerce=optional_int, validators=[Optional()])
    name = StringField(
        _l("Planned call or insats"),
        validators=[Length(max=200)],
        description=_l("For a call or insats that has no application or grant yet."),
    )
    kind = SelectField(
        _l("Kind"), choices=choices([(k.value, v) for k, v in INSATS_KIND_LABELS.items()])
    )
    goal_id = SelectField(_l("Goal"), coerce=optional_int, validators=[Optional()])
    planned_amount = MoneyField(
        _l("Planned amount for the year"),
        description=_l("Counts in the budget until a grant is made."),
    )
    planned_participants = IntegerField(
        _l("Planned participants"),
        validators=[Optional(), NumberRange(min=0, max=100_000, message=_l("Enter 0 or more."))],
    )
    note = _text(_l("Note"), max_length=5000, render_kw={"rows": 2})
    submit = SubmitField(_l("Save"))


class AdoptForm(BaseForm):
    """Link a version or a report to the board's §."""

    paragraph_id = SelectField(
        _l("Agenda item (§)"),
        coerce=optional_int,
        validators=[InputRequired(_l("Choose the agenda item where the board adopted it."))],
    )
    submit = SubmitField(_l("Record the adoption"))


class PeriodForm(BaseForm):
    """Start a follow-up."""

    kind = SelectField(
        _l("Period"), choices=choices([(k.value, v) for k, v in PERIOD_LABELS.items()])
    )
    submit = SubmitField(_l("Start the follow-up"))


class IndicatorFollowUpForm(BaseForm):
    """An indicator's value, status and comment for a period."""

    actual = NumberField(_l("Actual value"))
    status = SelectField(
        _l("Status"),
        choices=choices([(s.value, STATUS_LABELS[s]) for s in FollowUpStatus]),
    )
    comment = _text(_l("Comment"), max_length=5000, render_kw={"rows": 3})
    submit = SubmitField(_l("Save"))


class BudgetFollowUpForm(BaseForm):
    """A typed line's outcome to the period's end and the year's forecast."""

    actual = MoneyField(_l("Outcome to the end of the period"), validators=[required_money])
    forecast = MoneyField(
        _l("Forecast for the year"), description=_l("Leave empty to keep the budget.")
    )
    comment = _text(_l("Comment"), max_length=5000, render_kw={"rows": 2})
    submit = SubmitField(_l("Save"))


class SummaryForm(BaseForm):
    """The report's own text."""

    summary = _text(_l("Summary"), render_kw={"rows": 6})
    submit = SubmitField(_l("Save"))


class EquityYearForm(BaseForm):
    """Equity at the end of a year, from the annual accounts."""

    year = IntegerField(
        _l("Year"),
        validators=[
            InputRequired(_l("Enter a year.")),
            NumberRange(min=1990, max=2100, message=_l("Enter a year between 1990 and 2100.")),
        ],
    )
    amount = MoneyField(_l("Equity at year end"), allow_negative=True, validators=[required_money])
    note = StringField(_l("Note"), validators=[Length(max=300)])
    submit = SubmitField(_l("Save"))


class StepForm(Form):
    """One step of the recommended equity level (no CSRF: part of EquityStepsForm)."""

    from_amount = MoneyField(_l("From yearly contributions of"))
    max_percent = PercentField(_l("At most (% of contributions)"))


class EquityStepsForm(BaseForm):
    """The recommended-level steps; empty rows are ignored."""

    steps = FieldList(FormField(StepForm), min_entries=5, max_entries=5)
    submit = SubmitField(_l("Save"))

    def filled_steps(self) -> list[tuple[Decimal, Decimal]]:
        """The (from amount, percent) pairs typed, or a ValueError naming what is missing."""
        found = []
        for entry in self.steps:
            amount, percent = entry.form.from_amount.data, entry.form.max_percent.data
            if amount is None and percent is None:
                continue
            if amount is None or percent is None:
                raise ValueError(str(_l("Give both the amount and the percentage of each step.")))
            found.append((amount, percent))
        return found
