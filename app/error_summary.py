"""The error summary at the top of a refused form page (GOV.UK's error summary pattern).

A page with a form in error lists every message at the top, each a link to its
field, and the page's script moves the focus there: on a long page (an
application's budget is some 3 400 px below the top) the user sees at once what
went wrong and one click takes them to the field. The base template asks for the
list, so every form page gets it without its own code: the forms are found among
the variables the view passed to ``render_template``. A page may draw it beside the
refused form instead (``summary_in_section``: the application's budget forms), so the
page comes back where the line is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from flask import Flask
from jinja2 import pass_context
from jinja2.runtime import Context
from wtforms import Form

#: Fields a user cannot correct by typing; their errors still show, without a link.
_HIDDEN_TYPES = ("CSRFTokenField", "HiddenField")


class Problem(NamedTuple):
    """One line of the summary: the message and the id of the field to link to (or None)."""

    message: str
    field_id: str | None


def _forms_in(values: Iterable[Any]) -> Iterator[Form]:
    """Forms among the template's variables, also inside a list or dict of forms."""
    for value in values:
        if isinstance(value, Form):
            yield value
        elif isinstance(value, dict):
            yield from (v for v in value.values() if isinstance(v, Form))
        elif isinstance(value, list | tuple):
            yield from (v for v in value if isinstance(v, Form))


def problems(forms: Iterable[Form]) -> list[Problem]:
    """Every message of the forms in page order; each form once, each field's messages once."""
    seen: set[int] = set()
    found: list[Problem] = []
    for form in forms:
        if id(form) in seen or not form.errors:
            continue
        seen.add(id(form))
        found.extend(Problem(str(message), None) for message in form.form_errors)
        for field in _fields(form):
            link = None if field.type in _HIDDEN_TYPES else field.id
            messages = (str(m) for m in field.errors if not isinstance(m, dict | list))
            found.extend(Problem(message, link) for message in dict.fromkeys(messages))
    return found


def _fields(fields: Iterable[Any]) -> Iterator[Any]:
    """The fields of a form, with those inside a FormField or FieldList in their place."""
    for field in fields:
        if field.type in ("FormField", "FieldList"):
            yield from _fields(field)
        else:
            yield field


@pass_context
def form_problems(context: Context) -> list[Problem]:
    """The summary's lines for the page being drawn (empty when no form is in error)."""
    return problems(_forms_in(context.get_all().values()))


def register(app: Flask) -> None:
    """Let the base template ask for the page's problems."""
    app.jinja_env.globals["form_problems"] = form_problems
