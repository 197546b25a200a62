"""Forms for meetings: planning, agenda items, attendance, jäv, decisions and justering."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from models.grant_followup import REPORT_KIND_SHORT_LABELS
from models.meeting_terms import ATTENDANCE_LABELS, KIND_LABELS, AttendanceStatus

from .base import BaseForm, MoneyField, SubmitOnceMixin, choices
from .board import optional_id

REPORT_ROWS = 3
TEXT = 20_000

_DATE_MESSAGE = _l("Enter a date (YYYY-MM-DD).")
# Report dates written in the villkor become the decision's (app/services/meetings/report_terms.py).
_VILLKOR_HELP = _l(
    "A report with a full date written here (Slutrapport senast 2027-02-28) becomes one of the"
    " decision's report dates; type only other report dates below."
)


class SaneDate:
    """Dates the förbund can have records for (typos like year 0 or 9999 are refused)."""

    def __call__(self, form: Any, field: Any) -> None:
        if field.data and not date(1990, 1, 1) <= field.data <= date(2100, 12, 31):
            raise ValidationError(_l("Enter a date between 1990 and 2100."))


class MeetingForm(BaseForm):
    """Plan a meeting or change its details."""

    date = DateField(_l("Date"), validators=[DataRequired(_DATE_MESSAGE), SaneDate()])
    start_time = TimeField(_l("Starts"), validators=[Optional()])
    end_time = TimeField(_l("Ends"), validators=[Optional()])
    place = StringField(_l("Place"), validators=[Length(max=200)])
    kind = SelectField(_l("Kind of meeting"), choices=choices(list(KIND_LABELS.items())))
    chair_id = SelectField(_l("Chair (ordförande)"), coerce=optional_id, validators=[Optional()])
    secretary = StringField(_l("Secretary"), validators=[Length(max=200)])
    others_present = TextAreaField(
        _l("Others present"),
        validators=[Length(max=2000)],
        description=_l("E.g. the förbundschef and the ekonom, one per line."),
    )
    kept_at = StringField(
        _l("Where the protocol is kept"),
        validators=[Length(max=300)],
    )
    submit = SubmitField(_l("Save"))

    def validate_end_time(self, field: TimeField) -> None:
        if field.data and self.start_time.data and field.data < self.start_time.data:
            raise ValidationError(_l("The meeting ends before it starts."))


class NewMeetingForm(MeetingForm):
    """A new meeting can start with the usual opening and closing items."""

    standard_items = BooleanField(
        _l("Add the standard items (opening, roll call, agenda, justerare, closing)"),
        default=True,
    )


class ParagraphForm(BaseForm):
    """A new agenda item."""

    kind = SelectField(_l("Kind of item"))
    title = StringField(
        _l("Title"),
        validators=[Length(max=300)],
        description=_l("For an application item the application's title is used when empty."),
    )
    application_id = SelectField(_l("Application"), coerce=optional_id, validators=[Optional()])
    corrects_id = SelectField(_l("Corrects §"), coerce=optional_id, validators=[Optional()])
    underlag = TextAreaField(
        _l("Underlag and proposal"),
        validators=[Length(max=TEXT)],
        description=_l(
            "Shown in the kallelse. Application items show the proposal from the beredning."
        ),
    )
    submit = SubmitField(_l("Add to the agenda"))


class ParagraphEditForm(BaseForm):
    """An item's texts: title, underlag and the minutes written at the meeting."""

    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Give the item a title.")), Length(max=300)]
    )
    underlag = TextAreaField(_l("Underlag and proposal"), validators=[Length(max=TEXT)])
    minutes = TextAreaField(
        _l("Minutes"),
        validators=[Length(max=TEXT)],
        description=_l("What was said, as it goes into the protocol."),
    )
    submit = SubmitField(_l("Save"))


class ButtonForm(BaseForm):
    """A form that is only a button (with its CSRF token)."""

    submit = SubmitField(_l("OK"))


class RecusalForm(BaseForm):
    """Jäv on one item."""

    member_id = SelectField(
        _l("Member"), coerce=optional_id, validators=[DataRequired(_l("Choose a member."))]
    )
    reason = StringField(_l("Reason"), validators=[Length(max=300)])
    submit = SubmitField(_l("Record jäv"))


class AtLeastOne:
    """A checkbox list needs one ticked (no ``required`` flag: that would demand every box)."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        if not field.data:
            raise ValidationError(self.message)


class JusteringForm(BaseForm):
    """Justering: the date and who signed; locks the meeting."""

    adjusted_on = DateField(_l("Justerat on"), validators=[DataRequired(_DATE_MESSAGE), SaneDate()])
    signers = SelectMultipleField(
        _l("Justerat by"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[AtLeastOne(_l("Tick the ordförande and the justerare who justerade."))],
        description=_l("The ordförande and the justerare elected under Val av justerare."),
    )
    adjusted_place = StringField(_l("Place of justering"), validators=[Length(max=200)])
    confirm = BooleanField(
        _l("I understand that the protocol can no longer be changed"),
        validators=[DataRequired(_l("Confirm that the protocol is final."))],
    )
    submit = SubmitField(_l("Record justering"))


class AnslagForm(BaseForm):
    """Anslag: when the justerat protocol was posted and taken down (the appeal window)."""

    posted_on = DateField(_l("Posted on the anslagstavla"), validators=[Optional(), SaneDate()])
    taken_down_on = DateField(_l("Taken down"), validators=[Optional(), SaneDate()])
    submit = SubmitField(_l("Save anslag"))


class JusterareForm(BaseForm):
    """Val av justerare: the justerare the meeting elects among those present with a vote."""

    members = SelectMultipleField(
        _l("Justerare"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[AtLeastOne(_l("Choose at least one justerare."))],
    )
    submit = SubmitField(_l("Record the election"))


def attendance_form(
    members: list[Any], serving_choices: Mapping[int, Sequence[tuple[int, str]]]
) -> type[BaseForm]:
    """A form with a status (and, for ersättare, whom they serve for) per member.

    ``serving_choices`` maps each ersättare's id to the ledamöter offered to them, as
    (id, name): the view builds them from the meetings service's rule and the saved
    value, so this form repeats no rule and never drops what was saved.
    """

    class AttendanceForm(BaseForm):
        submit = SubmitField(_l("Save attendance"))

    for member in members:
        setattr(
            AttendanceForm,
            f"status_{member.id}",
            SelectField(
                member.name,
                choices=choices(list(ATTENDANCE_LABELS.items())),
                default=AttendanceStatus.ABSENT,
            ),
        )
        if not member.is_ledamot:
            setattr(
                AttendanceForm,
                f"serving_{member.id}",
                SelectField(
                    _l("Serves for"),
                    coerce=optional_id,
                    choices=choices(
                        [("", _l("Does not serve")), *serving_choices.get(member.id, ())]
                    ),
                    validators=[Optional()],
                ),
            )
    return AttendanceForm


def decision_form(years: list[int], outcome_choices: list[tuple[str, Any]]) -> type[BaseForm]:
    """The decision on an item; amounts per year for the application's years."""

    class DecisionForm(SubmitOnceMixin, BaseForm):
        outcome = SelectField(
            _l("Decision"), choices=choices(outcome_choices), default=outcome_choices[0][0]
        )
        text = TextAreaField(
            _l("Decision text"),
            validators=[Length(max=TEXT)],
            description=_l("As it goes into the protocol; left empty, a standard text is written."),
        )
        reasons = TextAreaField(
            _l("Reasons (avslag) or what is to be done (återremiss)"),
            validators=[Length(max=TEXT)],
        )
        conditions = TextAreaField(
            _l("Conditions"),
            validators=[Length(max=TEXT)],
            description=_VILLKOR_HELP,
        )
        postponed_to_id = SelectField(
            _l("Postponed to meeting"), coerce=optional_id, validators=[Optional()]
        )
        delegation_limit = MoneyField(
            _l("Delegation limit per insats and year"),
            description=_l("For a delegationsordning: how much the förbundschef may grant alone."),
        )
        over_budget_confirmed = BooleanField(
            _l("The board grants beyond the remaining money for insatser (shown in the protocol)")
        )
        submit = SubmitField(_l("Record decision"))

        def amount_fields(self) -> list[Any]:
            return [getattr(self, f"amount_{year}") for year in years]

        def report_rows(self) -> list[tuple[Any, Any]]:
            return [
                (getattr(self, f"report_kind_{i}"), getattr(self, f"report_due_{i}"))
                for i in range(REPORT_ROWS)
            ]

    for year in years:
        setattr(DecisionForm, f"amount_{year}", MoneyField(_("Amount %(year)s", year=year)))
    for i in range(REPORT_ROWS):
        setattr(
            DecisionForm,
            f"report_kind_{i}",
            SelectField(
                _l("Report"),
                choices=choices(list(REPORT_KIND_SHORT_LABELS.items())),
                default="final" if i == REPORT_ROWS - 1 else "status",
            ),
        )
        setattr(
            DecisionForm,
            f"report_due_{i}",
            DateField(_l("Due"), validators=[Optional(), SaneDate()]),
        )
    return DecisionForm


class DelegationForm(BaseForm):
    """A delegation decision by the förbundschef (within the board's limit)."""

    application_id = SelectField(
        _l("Application"),
        coerce=optional_id,
        validators=[DataRequired(_l("Choose an application."))],
    )
    decided_on = DateField(_l("Decided on"), validators=[DataRequired(_DATE_MESSAGE), SaneDate()])
    year = SelectField(
        _l("Year"), coerce=optional_id, validators=[DataRequired(_l("Enter a year."))]
    )
    amount = MoneyField(_l("Amount"))
    conditions = TextAreaField(
        _l("Conditions"), validators=[Length(max=TEXT)], description=_VILLKOR_HELP
    )
    report_due = DateField(_l("Final report due"), validators=[Optional(), SaneDate()])
    text = TextAreaField(_l("Decision text"), validators=[Length(max=TEXT)])
    submit = SubmitField(_l("Record delegation decision"))
