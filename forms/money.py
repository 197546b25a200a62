"""Forms for member contributions, cost splits and the staff-cost calculator.

Contribution and split forms get one set of fields per organisation (percent,
fixed amount, taking part), built per request, so no JavaScript is needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.services.money.cost_splits import PartyInput, SplitInput
from app.services.money.splits import KEY_LABELS, RULE_LABELS, KommunKey, Rule
from models import CostSplit, Organisation

from .base import (
    BaseForm,
    DecimalTextField,
    MoneyField,
    PercentField,
    SubmitOnceMixin,
    choices,
    required_money,
)
from .parsing import ParseError

YEARS = {"min": 1990, "max": 2100}
UNIT_CHOICES = [("1.00", _l("Whole kronor")), ("0.01", _l("Kronor and öre"))]
EMPLOYER_CHOICES = [
    ("kommun", _l("Kommun (or its unit)")),
    ("region", _l("Region")),
    ("state", _l("State (Försäkringskassan, Arbetsförmedlingen)")),
]
_HOURS_RE = re.compile(r"^(\d{1,3})(?:[,.](\d{1,2}))?$")


def _year_field(label: Any, required: bool = True) -> IntegerField:
    validators: list[Any] = [DataRequired(_l("Enter a year."))] if required else [Optional()]
    validators.append(
        NumberRange(message=_l("Enter a year between 1990 and 2100."), **YEARS)  # type: ignore[arg-type]
    )
    return IntegerField(label, validators=validators)


class ContributionForm(BaseForm):
    """A year's total member contribution and the kommuner's key."""

    total = MoneyField(_l("Total member contribution"), validators=[required_money])
    kommun_key = SelectField(
        _l("How the kommuner share their quarter"), choices=choices(KEY_LABELS.items())
    )
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Save and compute shares"))

    percent_fields: list[tuple[Organisation, PercentField]]

    def percentages(self) -> dict[int, Decimal | None]:
        """The agreed percentage per organisation id, as typed (None where empty)."""
        return {org.id: field.data for org, field in self.percent_fields}


def contribution_form(orgs: Sequence[Organisation], **kwargs: Any) -> ContributionForm:
    """The contribution form with a percentage field per kommun (and per region if several)."""

    class _Form(ContributionForm):
        pass

    for org in orgs:
        setattr(_Form, f"pct_{org.id}", PercentField(org.name, validators=[Optional()]))
    form = _Form(**kwargs)
    form.percent_fields = [(org, form[f"pct_{org.id}"]) for org in orgs]
    return form


class SplitForm(SubmitOnceMixin, BaseForm):
    """A cost split: what, which years, how much per year, by which rule, among whom."""

    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter a name.")), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    first_year = _year_field(_l("First year"))
    last_year = _year_field(_l("Last year"), required=False)
    total = MoneyField(_l("Cost per year"), validators=[required_money])
    rule = SelectField(_l("Rule"), choices=choices(RULE_LABELS.items()))
    kommun_key = SelectField(
        _l("With the statutory rule: how the kommuner share their quarter"),
        choices=choices(KEY_LABELS.items()),
    )
    unit = SelectField(_l("Round parts to"), choices=choices(UNIT_CHOICES))
    submit = SubmitField(_l("Save and compute"))

    party_rows: list[tuple[Organisation, BooleanField, PercentField, MoneyField]]

    def validate_last_year(self, field: IntegerField) -> None:
        if field.data is not None and self.first_year.data and field.data < self.first_year.data:
            raise ValidationError(_l("The last year cannot be before the first year."))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not any(included.data for _org, included, _pct, _fix in self.party_rows):
            self.form_errors.append(str(_l("Choose at least one organisation.")))
            return False
        return valid

    def split_input(self) -> SplitInput:
        """The service's input; percentages and fixed amounts only where the rule uses them."""
        rule, key = Rule(self.rule.data), KommunKey(self.kommun_key.data)
        wants_percent = rule is Rule.PERCENT or (
            rule is Rule.STATUTORY and key is KommunKey.PERCENT
        )
        return SplitInput(
            name=self.name.data,
            description=self.description.data,
            first_year=self.first_year.data,
            last_year=self.last_year.data or self.first_year.data,
            total=self.total.data,
            rule=rule,
            kommun_key=key,
            unit=Decimal(self.unit.data),
            parties=[
                PartyInput(
                    org,
                    percent=pct.data if wants_percent else None,
                    fixed=fix.data if rule is Rule.FIXED_REST else None,
                )
                for org, included, pct, fix in self.party_rows
                if included.data
            ],
        )


def split_form_data(cost_split: CostSplit) -> dict[str, Any]:
    """A saved split as the form's initial data, for editing."""
    data: dict[str, Any] = {
        "name": cost_split.name,
        "description": cost_split.description,
        "first_year": cost_split.first_year,
        "last_year": cost_split.last_year,
        "total": cost_split.total,
        "rule": cost_split.rule,
        "kommun_key": cost_split.kommun_key,
        "unit": str(cost_split.unit),
    }
    for party in cost_split.parties:
        key = party.organisation_id
        data |= {f"inc_{key}": True, f"pct_{key}": party.percent, f"fix_{key}": party.fixed_amount}
    return data


def split_form(orgs: Sequence[Organisation], **kwargs: Any) -> SplitForm:
    """The split form with a row (taking part, percent, fixed amount) per organisation.

    Labels that carry a name are plain text (``gettext``): a lazy string counts as
    safe HTML in Jinja and WTForms, so a name in it would be rendered as markup.
    """

    class _Form(SplitForm):
        pass

    for org in orgs:
        setattr(_Form, f"inc_{org.id}", BooleanField(org.label))
        setattr(_Form, f"pct_{org.id}", PercentField(_("Percent for %(name)s", name=org.name)))
        setattr(_Form, f"fix_{org.id}", MoneyField(_("Fixed amount for %(name)s", name=org.name)))
    form = _Form(**kwargs)
    form.party_rows = [
        (org, form[f"inc_{org.id}"], form[f"pct_{org.id}"], form[f"fix_{org.id}"]) for org in orgs
    ]
    return form


class HoursField(DecimalTextField):
    """Hours per week typed as "12", "37,5" or "12 h"."""

    message = _l("Enter hours per week, e.g. 12 or 37,5.")

    def parse(self, text: str) -> Decimal:
        flat = text.strip().replace(" ", "").removesuffix("h").removesuffix("tim")
        match = _HOURS_RE.match(flat)
        if match is None:
            raise ParseError(flat)
        return Decimal(f"{match.group(1)}.{match.group(2) or '0'}")


class StaffCostForm(BaseForm):
    """A staff line: time, salary, employer (for the PO-pålägg) and months."""

    class Meta:
        csrf = False  # a calculator read with GET; it changes nothing

    percent = PercentField(
        _l("Share of full time"), description=_l("E.g. 30. Or give hours per week instead.")
    )
    hours = HoursField(_l("Hours per week"), render_kw={"inputmode": "decimal"})
    full_week = HoursField(
        _l("Full week in hours"), default=Decimal(40), render_kw={"inputmode": "decimal"}
    )
    annual_salary = MoneyField(_l("Annual salary at full time"), validators=[required_money])
    employer = SelectField(_l("Employer"), choices=choices(EMPLOYER_CHOICES))
    year = _year_field(_l("Year"))
    po_rate = PercentField(
        _l("PO-pålägg"),
        description=_l(
            "Leave empty to use the förbund's rate for the employer and year "
            "(Settings → PO-pålägg)."
        ),
    )
    months = IntegerField(
        _l("Months"),
        default=12,
        validators=[
            DataRequired(_l("Enter the number of months (1–12).")),
            NumberRange(min=1, max=12, message=_l("Enter the number of months (1–12).")),
        ],
    )
    submit = SubmitField(_l("Compute"))

    def validate_percent(self, field: PercentField) -> None:
        if field.data is None and self.hours.data is None and not self.hours.errors:
            raise ValidationError(_l("Give the share of full time or the hours per week."))
