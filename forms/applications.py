"""Forms for applications: the application itself, its status steps, the proposal, the list.

The Swedish names of statuses, kinds and insats types are in
``models/application_terms.py``; the button texts of the status steps
(``STEP_LABELS``), the badge colours and the headings of the long texts are here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from models.application_terms import INSATS_LABELS, KIND_LABELS, ApplicationStatus

from .base import BaseForm, MoneyField, choices, mail_address, single_line

S = ApplicationStatus

#: Bootstrap colour of each status badge.
STATUS_COLOURS = {
    S.DRAFT: "secondary",
    S.SUBMITTED: "info",
    S.IN_PREPARATION: "primary",
    S.SUPPLEMENT_REQUESTED: "warning",
    S.PROPOSED: "primary",
    S.GRANTED: "success",
    S.PARTLY_GRANTED: "success",
    S.REJECTED: "danger",
    S.REFERRED_BACK: "warning",
    S.POSTPONED: "warning",
    S.WITHDRAWN: "dark",
    S.IN_PROGRESS: "success",
    S.CLOSED: "secondary",
}
#: Button text of each step (target status), from the application page.
STEP_LABELS = {
    S.SUBMITTED: _l("Submit the application"),
    S.IN_PREPARATION: _l("Start preparation"),
    S.SUPPLEMENT_REQUESTED: _l("Ask for a supplement"),
    S.PROPOSED: _l("Put the proposal on the board's table"),
    S.WITHDRAWN: _l("Withdraw the application"),
}
#: Where the same target needs other words, by (from, to).
STEP_LABELS_FROM = {
    (S.SUPPLEMENT_REQUESTED, S.IN_PREPARATION): _l("The supplement is sent"),
    (S.PROPOSED, S.IN_PREPARATION): _l("Take the proposal back to preparation"),
    (S.REFERRED_BACK, S.IN_PREPARATION): _l("Resume preparation"),
}


def step_label(source: str, target: str) -> str:
    """The button text for a step from ``source`` to ``target``."""
    label = STEP_LABELS_FROM.get((source, target)) or STEP_LABELS.get(target, target)
    return str(label)


#: The long texts with their headings, in the order of the Word form.
TEXT_LABELS = {
    "background": _l("Background and problem"),
    "purpose": _l("Purpose"),
    "goals": _l("Measurable goals"),
    "target_group": _l("Target group"),
    "activities": _l("Activities and method"),
    "time_plan": _l("Time plan"),
    "organisation_text": _l("Organisation and steering group"),
    "cooperation": _l("How the parties cooperate"),
    "follow_up": _l("Follow-up and evaluation"),
    "continuation": _l("Implementation: how the work continues after the funding ends"),
    "risks": _l("Risks"),
    "results_so_far": _l("Results so far"),
    "reasons": _l("Reasons for the extension or supplement"),
}
#: Texts that only extensions and supplements have.
FOLLOW_ON_TEXTS = ("results_so_far", "reasons")

_TEXT_MAX = 20_000


def _optional_int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "", "None") else None
    except (TypeError, ValueError):
        return None


def _text_area(name: str) -> TextAreaField:
    return TextAreaField(
        TEXT_LABELS[name],
        validators=[Length(max=_TEXT_MAX)],
        render_kw={"rows": 5},
    )


class ApplicationForm(BaseForm):
    """Everything the applicant writes, as on the Word form."""

    title = StringField(
        _l("Name of the insats"),
        validators=[
            DataRequired(_l("Enter the name of the insats.")),
            Length(max=200),
            single_line,
        ],
    )
    kind = SelectField(_l("Kind of application"), choices=choices(KIND_LABELS.items()))
    parent_id = SelectField(
        _l("Extends or supplements"),
        coerce=_optional_int,
        validators=[Optional()],
        description=_l("For extensions and supplements: the earlier application."),
    )
    insats_type = SelectField(_l("Type of insats"), choices=choices(INSATS_LABELS.items()))
    owner_id = SelectField(_l("Owner (projektägare)"), coerce=_optional_int)
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
    contact_phone = StringField(_l("Contact phone"), validators=[Length(max=40)])
    period_start = DateField(
        _l("Period from"), validators=[DataRequired(_l("Enter the first day of the period."))]
    )
    period_end = DateField(
        _l("Period to"), validators=[DataRequired(_l("Enter the last day of the period."))]
    )
    background = _text_area("background")
    purpose = _text_area("purpose")
    goals = _text_area("goals")
    target_group = _text_area("target_group")
    activities = _text_area("activities")
    time_plan = _text_area("time_plan")
    organisation_text = _text_area("organisation_text")
    cooperation = _text_area("cooperation")
    follow_up = _text_area("follow_up")
    continuation = _text_area("continuation")
    risks = _text_area("risks")
    results_so_far = _text_area("results_so_far")
    reasons = _text_area("reasons")
    sus_registered = BooleanField(
        _l("Participants are registered in SUS (Uppföljning Finsam)"),
    )
    sus_id = StringField(
        _l("SUS id of the insats"),
        validators=[Length(max=40)],
        description=_l("Once the insats has one in the national follow-up."),
    )
    version = HiddenField()
    submit = SubmitField(_l("Save"))

    def content(self) -> dict[str, Any]:
        """The fields the service stores, by name."""
        names = ("title", "kind", "insats_type", "contact_name", "contact_email")
        names += ("contact_phone", "period_start", "period_end", *TEXT_LABELS)
        data = {name: getattr(self, name).data for name in names}
        data["sus_registered"] = bool(self.sus_registered.data)
        data["sus_id"] = self.sus_id.data or ""
        data["contact_email"] = data["contact_email"] or ""
        return data

    def expected_version(self) -> int | None:
        """The version the user started from (None on a new application)."""
        return _optional_int(self.version.data)


class StepForm(BaseForm):
    """A status step; the button pressed names the target status."""

    note = TextAreaField(
        _l("Note"),
        validators=[Length(max=5000)],
        description=_l("Shown in the history; required when asking for a supplement."),
        render_kw={"rows": 2},
    )


class DeleteForm(BaseForm):
    """Confirms a removal (only the CSRF token)."""

    submit = SubmitField(_l("Remove"))


class ProposalForm(BaseForm):
    """The förbundschef's assessment and förslag till beslut; amounts are added per year."""

    assessment = TextAreaField(
        _l("Assessment"), validators=[Length(max=_TEXT_MAX)], render_kw={"rows": 5}
    )
    proposal_text = TextAreaField(
        _l("Proposed decision"),
        validators=[Length(max=_TEXT_MAX)],
        render_kw={"rows": 4},
        description=_l("As the board will read it, e.g. “Styrelsen beviljar …”."),
    )
    conditions = TextAreaField(
        _l("Conditions"), validators=[Length(max=_TEXT_MAX)], render_kw={"rows": 3}
    )
    version = HiddenField()
    submit = SubmitField(_l("Save the proposal"))

    def expected_version(self) -> int | None:
        """The version the user started from."""
        return _optional_int(self.version.data)

    def amounts(self, years: Iterable[int]) -> dict[int, Any]:
        """Year → proposed amount typed (None: use the amount applied for)."""
        return {year: getattr(self, f"amount_{year}").data for year in years}

    def amount_fields(self, years: Iterable[int]) -> list[Any]:
        """The per-year amount fields, for the template."""
        return [getattr(self, f"amount_{year}") for year in years]


def proposal_form(years: Iterable[int], **kwargs: Any) -> ProposalForm:
    """A proposal form with one amount field per budget year."""
    fields = {
        f"amount_{year}": MoneyField(
            _("Proposed amount %(year)s", year=year),
            description=_l("Empty: the amount applied for."),
        )
        for year in years
    }
    form_class = type("YearProposalForm", (ProposalForm,), fields)
    return form_class(**kwargs)


class FilterForm(BaseForm):
    """The list's filters, read from the query string."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    year = SelectField(_l("Year"), coerce=_optional_int, validators=[Optional()])
    organisation = SelectField(_l("Organisation"), coerce=_optional_int, validators=[Optional()])
    insats_type = SelectField(_l("Type of insats"), validators=[Optional()])
    q = StringField(_l("Name or registry number"), validators=[Length(max=100)])
    sort = HiddenField()
    page = IntegerField(validators=[Optional()])
