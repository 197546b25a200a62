"""Forms for an application's budget, parties, participants and attachments.

Each form has its own prefix because several of them share the edit page.
The year and organisation choices are filled in by the view. A line is edited
in the form that adds it, with the line's fingerprint as it was opened
(``seen``) and a button that says what it saves.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from models.application_terms import CATEGORY_LABELS, CO_KIND_LABELS

from .base import BaseForm, MoneyField, PercentField, choices, mail_address, required_money


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "", "None") else None
    except (TypeError, ValueError):
        return None


def _year_field() -> SelectField:
    return SelectField(
        _l("Year"), coerce=_int_or_none, validators=[InputRequired(_l("Choose a year."))]
    )


class BudgetLineForm(BaseForm):
    """A cost for one year."""

    year = _year_field()
    # No preset: a line saved without a choice became "Personal", a second count of staff
    # that belong in the staff lines.
    category = SelectField(
        _l("Category"),
        choices=choices([("", "—"), *CATEGORY_LABELS.items()]),
        validators=[DataRequired(_l("Choose a cost category."))],
        description=_l("Staff belong in the staff lines, with their share of full time."),
    )
    description = StringField(_l("Description"), validators=[Length(max=200)])
    amount = MoneyField(_l("Amount"), validators=[required_money])
    submit = SubmitField(_l("Add cost"))


class StaffLineForm(BaseForm):
    """A person or role: share of full time (percent or hours/week), then either salary and
    PO-pålägg, or the line's cost per year as the förbund's document gives it; months."""

    year = _year_field()
    role = StringField(
        _l("Role"),
        validators=[DataRequired(_l("Enter the role, e.g. processledare.")), Length(max=200)],
    )
    person = StringField(
        _l("Person"),
        validators=[Length(max=200)],
        description=_l("The name, if known: nobody may be allocated more than 100 %."),
    )
    employer_id = SelectField(
        _l("Employer"), coerce=_int_or_none, validators=[InputRequired(_l("Choose the employer."))]
    )
    percent = PercentField(_l("Share of full time (%)"))
    hours_per_week = PercentField(
        _l("or hours per week"), description=_l("40 hours a week is full time: 12 h = 30 %.")
    )
    cost_basis = SelectField(
        _l("Cost from"),
        choices=choices(
            [
                ("salary", _l("Salary × share × PO-pålägg")),
                ("annual", _l("The line's cost per year, as given")),
            ]
        ),
        default="salary",
    )
    annual_salary = MoneyField(
        _l("Annual salary at full time"),
        description=_l("Monthly salary × 12, without PO-pålägg."),
    )
    annual_cost = MoneyField(
        _l("The line's cost per year"),
        description=_l(
            "As the förbund's document gives it, e.g. 156 000 kr for 30 %; "
            "salary and PO-pålägg are then not used."
        ),
    )
    po_rate = PercentField(
        _l("PO-pålägg (%)"),
        description=_l(
            "Empty: the förbund's rate for the employer and year (Settings → PO-pålägg)."
        ),
    )
    months = IntegerField(
        _l("Months"),
        default=12,
        validators=[
            InputRequired(_l("Enter the number of months.")),
            NumberRange(min=1, max=12, message=_l("Between 1 and 12 months.")),
        ],
    )
    submit = SubmitField(_l("Add staff"))

    def validate(self, extra_validators: Any = None) -> bool:
        """The amount the chosen way of costing needs: the salary, or the annual cost."""
        valid = super().validate(extra_validators)
        field = self.annual_cost if self.by_annual_cost else self.annual_salary
        if valid and field.data is None:
            field.errors = [*field.errors, _l("Enter an amount.")]
            return False
        return valid

    @property
    def by_annual_cost(self) -> bool:
        """Whether the line is entered as its cost per year."""
        return self.cost_basis.data == "annual"


class CoFinancingForm(BaseForm):
    """Money or in-kind resources from a party or an external funder for one year."""

    year = _year_field()
    organisation_id = SelectField(
        _l("From"), coerce=_int_or_none, validators=[InputRequired(_l("Choose who contributes."))]
    )
    kind = SelectField(_l("Form"), choices=choices(CO_KIND_LABELS.items()))
    description = StringField(_l("Description"), validators=[Length(max=200)])
    amount = MoneyField(_l("Amount"), validators=[required_money])
    submit = SubmitField(_l("Add co-financing"))


class BudgetLineEditForm(BudgetLineForm):
    """A cost line changed in place."""

    seen = HiddenField()
    submit = SubmitField(_l("Save the cost"))


class StaffLineEditForm(StaffLineForm):
    """A staff line changed in place. Its PO box is empty where the line has the förbund's
    rate, and saved empty takes the rate anew: for a changed employer or year, its own."""

    seen = HiddenField()
    submit = SubmitField(_l("Save the staff line"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.po_rate.description = _l(
            "Empty: the förbund's rate for the employer and year as saved, also when you "
            "change them (Settings → PO-pålägg). A figure here is kept as it is."
        )


class CoFinancingEditForm(CoFinancingForm):
    """A co-financing line changed in place."""

    seen = HiddenField()
    submit = SubmitField(_l("Save the co-financing"))


class PartyForm(BaseForm):
    """A co-applicant organisation and its contact."""

    organisation_id = SelectField(
        _l("Organisation"),
        coerce=_int_or_none,
        validators=[InputRequired(_l("Choose an organisation."))],
    )
    contact_name = StringField(_l("Contact person"), validators=[Length(max=200)])
    contact_email = EmailField(
        _l("Contact e-mail"),
        validators=[
            Optional(),
            Email(_l("Enter a valid e-mail address.")),
            mail_address,
            Length(max=254),
        ],
    )
    submit = SubmitField(_l("Add co-applicant"))


class ParticipantsForm(BaseForm):
    """Planned participants in one year."""

    year = _year_field()
    planned = IntegerField(
        _l("Planned participants"),
        validators=[
            InputRequired(_l("Enter a number (0 removes the year).")),
            NumberRange(min=0, max=100_000, message=_l("Between 0 and 100 000.")),
        ],
    )
    submit = SubmitField(_l("Save participants"))


class AttachmentForm(BaseForm):
    """A PDF, DOCX or XLSX file up to 10 MB."""

    file = FileField(
        _l("File (PDF, DOCX or XLSX, at most 10 MB)"),
        validators=[FileRequired(_l("Choose a file."))],
    )
    description = StringField(
        _l("What it is"), validators=[Length(max=200)], description=_l("E.g. time plan.")
    )
    submit = SubmitField(_l("Attach"))
