"""The base form and the Swedish money and percent fields every form uses."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from app.services.money.slips import dot_thousands
from app.services.notifications.outbox import valid_address
from app.services.submissions import is_token, new_token

from .parsing import ParseError, format_money_input, parse_money, parse_percent


class BaseForm(FlaskForm):
    """Flask-WTF form: CSRF-protected, with whitespace stripped from text input."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Field:
            filters = list(unbound_field.kwargs.get("filters", []))
            if issubclass(unbound_field.field_class, StringField):
                filters.append(_strip)
            return unbound_field.bind(form=form, filters=filters, **options)


class FormTokenField(HiddenField):
    """The hidden one-time token of a form instance (see app/services/submissions.py).

    A new form gets a fresh token; a posted form keeps the posted one, so a form
    shown again with its errors is still the same instance. A missing or
    malformed token is read as none, and the form shown again gets a fresh one.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", new_token)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        value = valuelist[0] if valuelist else None
        self.data = value if is_token(value) else None

    def _value(self) -> str:
        if self.data is None:
            self.data = new_token()
        return str(self.data)


def _token_given(form: Any, field: Field) -> None:
    if field.data is None:
        raise ValidationError(_l("The form could not be recognised. Check it and send it again."))


class SubmitOnceMixin:
    """For forms whose submit creates a money row: one result per form instance.

    Adds the hidden ``form_token``; the view sends the form through
    ``app.views.submit_once`` so a repeated post answers with the first result.
    """

    form_token = FormTokenField(validators=[_token_given])


#: C0 control characters other than tab, newline and carriage return, and DEL.
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])


def _strip(value: Any) -> Any:
    """Trim text and drop control characters (PostgreSQL refuses NUL; none belongs in text)."""
    return value.translate(_CONTROL).strip() if isinstance(value, str) else value


def mail_address(form: Any, field: Field) -> None:
    """An address Samordna can send to: the outbox's own rule (plain ASCII), so an address
    the form takes is never skipped silently when a mail is queued (e.g. å in the domain)."""
    if field.data and not valid_address(str(field.data).strip()):
        raise ValidationError(
            _l("Samordna cannot send to this address: use letters a–z, digits and . _ - + only.")
        )


def single_line(form: Any, field: Field) -> None:
    """Validator: no line break, tab or other control character in a one-line value.

    For values that end up in files read line by line (the SIE export): a CR or LF
    there would start a new record. Judged on what was typed, before the strip
    filter drops control characters, so nothing is silently changed either.
    """
    typed = field.raw_data[0] if field.raw_data else field.data
    if isinstance(typed, str) and any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in typed):
        raise ValidationError(
            _l("Line breaks, tabs and other control characters are not allowed here.")
        )


class DecimalTextField(StringField):
    """A number typed the Swedish way in a text box, kept as ``Decimal``.

    The one place for what every such field shares: the numeric keyboard on
    phones, empty meaning no value, and invalid input kept in the box with the
    message beside it. Subclasses say how to read the text (:meth:`parse`) and,
    if not with a decimal comma, how to show a value (:meth:`show`).
    """

    #: When set, shown instead of the parser's own message.
    message: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {}).setdefault("inputmode", "decimal")
        super().__init__(*args, **kwargs)

    def parse(self, text: str) -> Decimal:
        raise NotImplementedError

    def show(self, value: Decimal) -> str:
        return format(value.normalize(), "f").replace(".", ",")

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0] if valuelist else ""
        if not text.strip():
            self.data = None
            return
        try:
            self.data = self.parse(text)
        except ParseError as error:
            self.data = None
            raise ValueError(str(self.message or error)) from error

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.show(self.data) if isinstance(self.data, Decimal) else ""


class MoneyField(DecimalTextField):
    """Kronor typed the Swedish way ("512 000 kr", "512000,50")."""

    def __init__(self, *args: Any, allow_negative: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allow_negative = allow_negative

    def parse(self, text: str) -> Decimal:
        """The amount; "1.000" is refused with what to type instead (see slips.dot_thousands)."""
        if hint := dot_thousands(text):
            raise ParseError(hint)
        return parse_money(text, allow_negative=self.allow_negative)

    def show(self, value: Decimal) -> str:
        return format_money_input(value)


class PercentField(DecimalTextField):
    """Percent typed as "30", "30 %" or "12,5"; kept as percent (30 = 30 %)."""

    def parse(self, text: str) -> Decimal:
        return parse_percent(text)


def choices(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs; labels may be lazy strings."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def required_money(form: Any, field: Field) -> None:
    """Validator: an amount must be given (the parse error, if any, is already shown)."""
    if field.data is None and not field.errors:
        raise ValidationError(_l("Enter an amount."))
