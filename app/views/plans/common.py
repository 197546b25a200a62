"""What the plan pages share: loading, the form-page pattern, the lock, § choices, workbooks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from exports.workbook import workbook_bytes
from forms.base import choices
from models import db
from models.meeting import Paragraph
from models.plan import Plan

from ... import clock
from ...downloads import download_name, xlsx_response
from ...services.forbund import forbund_name
from ...services.meetings.agenda import paragraph_label
from ...services.plans.rules import PlanLocked
from ..service_call import call_service

Page = str | Response | tuple[str, int]


def get_or_404(model: Any, object_id: int) -> Any:
    """The row or a 404."""
    return db.session.get(model, object_id) or abort(404)


def save_form(
    form: Any,
    action: Callable[[], Any],
    done: Callable[[Any], str],
    message: str,
    template: str,
    warnings: Callable[[], list[str]] | None = None,
    **context: Any,
) -> Page:
    """A plan page's form: when it validates, ``call_service``; else the page, 400 on a POST.

    ``warnings`` gives the likely slips in the valid form (shown after saving).
    """
    if form.validate_on_submit():
        return call_service(
            action,
            success=message,
            then=done,
            warnings=warnings() if warnings else None,
            failed=lambda _error: (render_template(template, form=form, **context), 400),
        )
    status = 400 if request.method == "POST" else 200
    return render_template(template, form=form, **context), status


def show_url(plan: Plan) -> str:
    """The plan's page."""
    return url_for("plans.show", plan_id=plan.id)


def form_page(title: str, back: str, **extra: Any) -> dict[str, Any]:
    """Context for plans/form.html: its heading and the way back."""
    return {"title": title, "back": back, **extra}


def locked_redirect(plan: Plan) -> Response | None:
    """Back to the plan with the lock message when the version is adopted: no form."""
    if plan.is_adopted:
        flash(str(PlanLocked(_("This version is adopted and locked."))), "warning")
        return redirect(show_url(plan))
    return None


def paragraph_choices(found: list[Any]) -> list[Any]:
    """Select options for agenda items: '§ 42, Sammanträde 5/2026: title'."""
    return choices([("", "—")] + [(p.id, f"{paragraph_label(p)}: {p.title}") for p in found])


def paragraph_by_id(paragraph_id: int | None) -> Paragraph | None:
    """The chosen agenda item (§), or None."""
    return db.session.get(Paragraph, paragraph_id) if paragraph_id else None


def workbook_response(sheets: list[Any], title: str, *name: object) -> Response:
    """Sheets written by the shared machinery, sent as an .xlsx download."""
    data = workbook_bytes(sheets, title=title, forbund=forbund_name(), created=clock.today())
    return xlsx_response(data, download_name(*name, ext="xlsx"))
