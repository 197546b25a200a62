"""What the application views share: loading with the object check, the edit page, filters.

``get_application_or_403`` is the one object check: projektägare reach only
their own organisation's applications, whatever URL they type. The edit page
holds several forms; ``render_edit`` shows it with any of them carrying what
the user typed and the errors.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy import select

from forms.application_budget import (
    AttachmentForm,
    BudgetLineForm,
    CoFinancingForm,
    ParticipantsForm,
    PartyForm,
    StaffLineForm,
)
from forms.applications import (
    FOLLOW_ON_TEXTS,
    STATUS_COLOURS,
    STEP_LABELS,
    TEXT_LABELS,
    ApplicationForm,
    DeleteForm,
    step_label,
)
from forms.base import choices
from models import Application, BudgetLine, CoFinancing, Organisation, StaffLine, User, db
from models.application_terms import (
    CATEGORY_LABELS,
    CO_KIND_LABELS,
    INSATS_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
)

from ...services.applications import budget, queries
from ...services.applications.rules import (
    ApplicationError,
    ensure_content_editable,
    may_read,
    party_of,
)

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


def user() -> User:
    """The logged-in user as a model (not the proxy)."""
    return current_user._get_current_object()  # type: ignore[attr-defined,no-any-return]


def get_application_or_403(application_id: int, *, for_page: bool = False) -> Application:
    """The application, or 404 if none, or 403 if the user may not read it.

    ``for_page`` loads it with everything the application page and the print view
    show (``services.applications.queries.load_for_page``).
    """
    if for_page:
        found = queries.load_for_page(application_id)
    else:
        found = db.session.get(Application, application_id)
    application = found or abort(404)
    if not may_read(application, user()):
        abort(403)
    return application


def get_child_or_404(items: list[Any], child_id: int) -> Any:
    """A line, party or attachment of this application (never one of another's)."""
    return next((item for item in items if item.id == child_id), None) or abort(404)


def editable_application_or_refuse(application_id: int) -> Application:
    """The application if the user may change its content now.

    Otherwise the request ends here: 404/403 as for reading, or back to the
    application's page with the reason (the status, the user's role) flashed.
    """
    application = get_application_or_403(application_id)
    try:
        ensure_content_editable(application, user())
    except ApplicationError as error:  # a guard before any change: no call_service
        flash(str(error), "warning")
        abort(redirect(url_for("applications.show", application_id=application.id)))
    return application


def paragraphs(text: str | None) -> Markup:
    """User text as HTML paragraphs: escaped first, blank lines split, line breaks kept."""
    if not text or not text.strip():
        return Markup("")
    parts = _BLANK_LINES.split(text.replace("\r\n", "\n").strip())
    html = [
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(part).split("\n"))) for part in parts
    ]
    return Markup("").join(html)


def organisation_choices(include_external: bool = True) -> list[Any]:
    """Organisations for selects, units with their kommun."""
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    return choices(
        (o.id, o.label) for o in organisations if include_external or party_of(o) is not None
    )


def owner_choices() -> list[Any]:
    """Who may own an application: projektägare only their own organisation."""
    me = user()
    if me.role == "projektagare":
        org = db.session.get(Organisation, me.organisation_id)
        return choices([(org.id, org.label)] if org else [])
    return organisation_choices(include_external=False)


def parent_choices(application: Application | None) -> list[Any]:
    """Submitted applications an extension or supplement can refer to."""
    parents = queries.possible_parents(user(), application.id if application else None)
    return choices([("", "—")] + [(a.id, f"{a.registry_number} {a.title}") for a in parents])


def application_form(application: Application | None, **kwargs: Any) -> ApplicationForm:
    """The main form with its choices filled in."""
    form = ApplicationForm(**kwargs)
    form.owner_id.choices = owner_choices()
    form.parent_id.choices = parent_choices(application)
    return form


def bound_form(application: Application, name: str, form: Any) -> Any:
    """A posted edit-page form with its choices filled, so it validates against them."""
    budget_forms(application, **{name: form})
    return form


def budget_forms(application: Application, **given: Any) -> dict[str, Any]:
    """The edit page's smaller forms; ``given`` replaces one that carries input and errors."""
    years = choices((y, str(y)) for y in application.years)
    orgs = organisation_choices()
    forms: dict[str, Any] = {
        "line_form": given.get("line_form") or BudgetLineForm(prefix="line", formdata=None),
        "staff_form": given.get("staff_form") or StaffLineForm(prefix="staff", formdata=None),
        "cofin_form": given.get("cofin_form") or CoFinancingForm(prefix="cofin", formdata=None),
        "party_form": given.get("party_form") or PartyForm(prefix="party", formdata=None),
        "participants_form": given.get("participants_form")
        or ParticipantsForm(prefix="participants", formdata=None),
        "attachment_form": given.get("attachment_form")
        or AttachmentForm(prefix="file", formdata=None),
    }
    for name in ("line_form", "staff_form", "cofin_form", "participants_form"):
        forms[name].year.choices = years
    forms["staff_form"].employer_id.choices = organisation_choices(include_external=False)
    forms["cofin_form"].organisation_id.choices = orgs
    forms["party_form"].organisation_id.choices = organisation_choices(include_external=False)
    return forms


def render_edit(
    application: Application, status: int = 200, form: ApplicationForm | None = None, **given: Any
) -> tuple[str, int]:
    """The edit page: the main form, parties, budget table and lines, attachments."""
    if form is None:
        form = application_form(application, obj=application)
        form.version.data = str(application.version)
    return (
        render_template(
            "applications/edit.html",
            application=application,
            form=form,
            summary=budget.budget_summary(application),
            staff_cost=budget.staff_cost,
            delete_form=DeleteForm(),
            **budget_forms(application, **given),
        ),
        status,
    )


def cost_name(line: BudgetLine) -> str:
    """What a cost line is called on its buttons: its description (or category) and year."""
    return f"{line.description or CATEGORY_LABELS.get(line.category, line.category)} {line.year}"


def staff_name(line: StaffLine) -> str:
    """What a staff line is called on its buttons: role, person if named, and year."""
    return " ".join(part for part in (line.role, line.person, str(line.year)) if part)


def co_financing_name(line: CoFinancing) -> str:
    """What a co-financing line is called on its buttons: who gives it, and the year."""
    return f"{line.organisation.label} {line.year}"


def register_template_helpers(app: Flask) -> None:
    """Filters and labels every template may use (the meetings' agenda shows statuses too)."""
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["application_status"] = lambda s: str(STATUS_LABELS.get(s, s))
    app.jinja_env.globals.update(
        APPLICATION_LABELS={
            "status": STATUS_LABELS,
            "colour": STATUS_COLOURS,
            "step": STEP_LABELS,
            "kind": KIND_LABELS,
            "insats": INSATS_LABELS,
            "text": TEXT_LABELS,
            "follow_on": FOLLOW_ON_TEXTS,
            "category": CATEGORY_LABELS,
            "co_kind": CO_KIND_LABELS,
        },
        step_label=step_label,
        cost_name=cost_name,
        staff_name=staff_name,
        co_financing_name=co_financing_name,
    )


def flash_saved(message: str) -> None:
    """A success message."""
    flash(message, "success")
