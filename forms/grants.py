"""Forms for grants: own insatser, amendments, payments, outcomes, reports and staff."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from models.grant import CATEGORY_LABELS, INSATS_TYPE_LABELS, CostCategory, InsatsType
from models.grant_followup import REPORT_KIND_LABELS, ReportKind

from .base import (
    BaseForm,
    MoneyField,
    PercentField,
    SubmitOnceMixin,
    choices,
    required_money,
    single_line,
)

YEAR_SLOTS = 4


def optional_int(value: Any) -> int | None:
    """Select coercion: '' → None, digits → int, anything else → None (then refused)."""
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and len(text) < 10 else None


def _year_field(label: Any) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            Optional(),
            NumberRange(min=1990, max=2100, message=_l("Enter a year between 1990 and 2100.")),
        ],
    )


def _count(label: Any) -> IntegerField:
    return IntegerField(
        label,
        default=0,
        validators=[
            Optional(),
            NumberRange(min=0, max=100_000, message=_l("Enter a number from 0.")),
        ],
    )


class YearAmountsMixin:
    """Up to four "year + amount" pairs; ``years()`` gives the filled ones as a dict."""

    def years(self) -> dict[int, Any]:
        result = {}
        for i in range(1, YEAR_SLOTS + 1):
            year, amount = getattr(self, f"year_{i}"), getattr(self, f"amount_{i}")
            if year.data and amount.data is not None:
                result[year.data] = amount.data
        return result

    def check_pairs(self) -> bool:
        ok = True
        for i in range(1, YEAR_SLOTS + 1):
            year, amount = getattr(self, f"year_{i}"), getattr(self, f"amount_{i}")
            if year.data and amount.data is None and not amount.errors:
                amount.errors.append(str(_l("Enter an amount for the year.")))
                ok = False
            if amount.data is not None and not year.data and not year.errors:
                year.errors.append(str(_l("Enter the year the amount is for.")))
                ok = False
        return ok


def _add_year_slots(cls: type, allow_negative: bool = False) -> type:
    for i in range(1, YEAR_SLOTS + 1):
        setattr(cls, f"year_{i}", _year_field(_l("Year")))
        setattr(cls, f"amount_{i}", MoneyField(_l("Amount"), allow_negative=allow_negative))
    return cls


class OwnGrantForm(YearAmountsMixin, BaseForm):
    """A grant registered straight from a board decision, without an application."""

    name = StringField(
        _l("Name of the insats"),
        validators=[DataRequired(_l("Enter a name.")), Length(max=200), single_line],
    )
    owner_id = SelectField(
        _l("Owner"), coerce=optional_int, validators=[DataRequired(_l("Choose the owner."))]
    )
    insats_type = SelectField(
        _l("Kind of insats"), choices=choices(INSATS_TYPE_LABELS.items()), default=InsatsType.OWN
    )
    decision_id = SelectField(
        _l("Decision"),
        coerce=optional_int,
        validators=[Optional()],
        description=_l("The board's § that granted the money."),
    )
    decision_reference = StringField(
        _l("Decision reference"),
        validators=[Length(max=200)],
        description=_l("If the decision is not in Samordna, e.g. § 12, 2016-02-15."),
    )
    period_start = DateField(_l("Period from"), validators=[DataRequired(_l("Enter a date."))])
    period_end = DateField(_l("Period to"), validators=[DataRequired(_l("Enter a date."))])
    conditions = TextAreaField(_l("Conditions"), validators=[Length(max=5000)])
    status_due_1 = DateField(_l("Status report due"), validators=[Optional()])
    status_due_2 = DateField(_l("Second status report due"), validators=[Optional()])
    final_due = DateField(_l("Final report due"), validators=[Optional()])
    submit = SubmitField(_l("Register the grant"))

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        pairs_ok = self.check_pairs()
        ok = pairs_ok and ok
        if pairs_ok and not self.years() and not self.year_1.errors:
            self.year_1.errors.append(str(_l("Enter the amount granted for at least one year.")))
            ok = False
        if not self.decision_id.data and not self.decision_reference.data:
            self.decision_id.errors.append(str(_l("Choose the decision or give a reference.")))
            ok = False
        return ok

    def report_dates(self) -> list[tuple[str, Any]]:
        """(kind, due date) for each date given."""
        dates = [
            (ReportKind.STATUS.value, self.status_due_1.data),
            (ReportKind.STATUS.value, self.status_due_2.data),
            (ReportKind.FINAL.value, self.final_due.data),
        ]
        return [(kind, due) for kind, due in dates if due]


_add_year_slots(OwnGrantForm)


class AmendForm(SubmitOnceMixin, YearAmountsMixin, BaseForm):
    """An extension or supplement decided by the board."""

    decision_id = SelectField(_l("Decision"), coerce=optional_int, validators=[Optional()])
    decision_reference = StringField(_l("Decision reference"), validators=[Length(max=200)])
    period_end = DateField(_l("New end of the period"), validators=[Optional()])
    note = TextAreaField(
        _l("Note"),
        validators=[Length(max=2000)],
        description=_l("E.g. förlängning to 2027 or tilläggsansökan."),
    )
    submit = SubmitField(_l("Register the amendment"))

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        ok = self.check_pairs() and ok
        if not self.decision_id.data and not self.decision_reference.data:
            self.decision_id.errors.append(str(_l("Choose the decision or give a reference.")))
            ok = False
        return ok


_add_year_slots(AmendForm, allow_negative=True)


class PaymentForm(SubmitOnceMixin, BaseForm):
    """An utbetalning, or a correction with a negative amount and a reason."""

    year = SelectField(
        _l("Grant year"), coerce=optional_int, validators=[DataRequired(_l("Choose the year."))]
    )
    paid_on = DateField(_l("Payment date"), validators=[DataRequired(_l("Enter a date."))])
    amount = MoneyField(
        _l("Amount"),
        allow_negative=True,
        validators=[required_money],
        description=_l("A correction is entered as a negative amount."),
    )
    covered_from = DateField(_l("Period covered from"), validators=[Optional()])
    covered_to = DateField(_l("Period covered to"), validators=[Optional()])
    reference = StringField(
        _l("Reference"),
        validators=[Length(max=100), single_line],
        description=_l("Rekvisition or invoice number."),
    )
    corrects_id = SelectField(_l("Corrects payment"), coerce=optional_int, validators=[Optional()])
    reason = TextAreaField(_l("Reason for the correction"), validators=[Length(max=2000)])
    date_confirmed = BooleanField(
        _l("The date is right"),
        description=_l(
            "Needed when the payment is dated before the decision, or more than 60 days "
            "outside the grant's period."
        ),
    )
    date_reason = TextAreaField(_l("Reason for the date"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Record the payment"))

    def validate_covered_to(self, field: Any) -> None:
        if field.data and self.covered_from.data and field.data < self.covered_from.data:
            raise ValidationError(_l("The period covered ends before it starts."))


class AmountForm(SubmitOnceMixin, BaseForm):
    """An outcome or budget figure for a year and cost category."""

    year = SelectField(
        _l("Year"), coerce=optional_int, validators=[DataRequired(_l("Choose the year."))]
    )
    category = SelectField(_l("Cost category"), choices=choices(CATEGORY_LABELS.items()))
    amount = MoneyField(_l("Amount"), validators=[required_money])
    comment = StringField(_l("Comment"), validators=[Length(max=500)])
    submit = SubmitField(_l("Save"))


MONTH_CHOICES = [("", _l("The whole year"))] + [
    (str(m), name)
    for m, name in enumerate(
        (
            _l("January"), _l("February"), _l("March"), _l("April"), _l("May"), _l("June"),
            _l("July"), _l("August"), _l("September"), _l("October"), _l("November"),
            _l("December"),
        ),
        start=1,
    )
]  # fmt: skip


class OutcomeForm(SubmitOnceMixin, BaseForm):
    """An outcome entry: a year, a period (a month or the whole year) and a category."""

    year = SelectField(
        _l("Year"), coerce=optional_int, validators=[DataRequired(_l("Choose the year."))]
    )
    month = SelectField(
        _l("Period"),
        coerce=optional_int,
        choices=choices(MONTH_CHOICES),
        validators=[Optional()],
        description=_l("Monthly figures add up to the year's outcome."),
    )
    category = SelectField(_l("Cost category"), choices=choices(CATEGORY_LABELS.items()))
    amount = MoneyField(_l("Amount"), validators=[required_money])
    comment = StringField(_l("Comment"), validators=[Length(max=500)])
    submit = SubmitField(_l("Save"))


class CorrectOutcomeForm(BaseForm):
    """A new amount for one outcome entry; the history keeps the old one."""

    amount = MoneyField(_l("New amount"), validators=[required_money])
    comment = StringField(_l("Comment"), validators=[Length(max=500)])
    submit = SubmitField(_l("Correct"))


class CarryOverForm(BaseForm):
    """Unspent money of a year: carried over by a board decision, or else to be repaid."""

    year = SelectField(
        _l("Year"), coerce=optional_int, validators=[DataRequired(_l("Choose the year."))]
    )
    carry_over = BooleanField(_l("The board decided that unspent money is carried over"))
    reference = StringField(_l("Decision reference"), validators=[Length(max=200)])
    submit = SubmitField(_l("Save"))


class ReportDateForm(BaseForm):
    """Ask for one more report."""

    kind = SelectField(_l("Kind of report"), choices=choices(REPORT_KIND_LABELS.items()))
    due_on = DateField(_l("Due"), validators=[DataRequired(_l("Enter a date."))])
    submit = SubmitField(_l("Add"))


class ReportForm(BaseForm):
    """What the projektägare reports."""

    period_start = DateField(_l("Period from"), validators=[DataRequired(_l("Enter a date."))])
    period_end = DateField(_l("Period to"), validators=[DataRequired(_l("Enter a date."))])
    participants_started = _count(_l("Participants who started"))
    participants_ended = _count(_l("Participants who ended"))
    to_work = _count(_l("Went to work"))
    to_studies = _count(_l("Went to studies"))
    to_other_support = _count(_l("Went to other support"))
    to_other = _count(_l("Other destination"))
    narrative = TextAreaField(
        _l("Report"),
        validators=[Length(max=20000)],
        description=_l("What was done, results, deviations."),
    )
    outcome_year = SelectField(
        _l("Outcome figures for year"), coerce=optional_int, validators=[Optional()]
    )
    submit = SubmitField(_l("Submit the report"))

    def outcomes(self) -> dict[str, Any]:
        """Category → amount for the outcome fields filled in."""
        return {
            c.value: getattr(self, f"outcome_{c.value}").data
            for c in CostCategory
            if getattr(self, f"outcome_{c.value}").data is not None
        }


for _category, _label in CATEGORY_LABELS.items():
    setattr(ReportForm, f"outcome_{_category.value}", MoneyField(_label))


class StaffForm(BaseForm):
    """A person or role working in the insats for a period."""

    person = StringField(
        _l("Person or role"),
        validators=[DataRequired(_l("Enter a name or a role.")), Length(max=200)],
    )
    employer_id = SelectField(_l("Employer"), coerce=optional_int, validators=[Optional()])
    percent = PercentField(
        _l("Share of full time (%)"), validators=[DataRequired(_l("Enter the share of full time."))]
    )
    start_on = DateField(_l("From"), validators=[DataRequired(_l("Enter a date."))])
    end_on = DateField(_l("To"), validators=[DataRequired(_l("Enter a date."))])
    annual_salary = MoneyField(_l("Full-time salary per year"), validators=[required_money])
    po_rate = PercentField(_l("PO-pålägg (%)"), validators=[DataRequired(_l("Enter PO-pålägg."))])
    submit = SubmitField(_l("Save"))

    def validate_percent(self, field: Any) -> None:
        if field.data is not None and field.data <= 0:
            raise ValidationError(_l("The share of full time must be between 0 and 100 %."))


class ConfirmForm(BaseForm):
    """A button that changes state (close, remove): CSRF only."""

    submit = SubmitField(_l("Confirm"))
