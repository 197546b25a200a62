"""Diarienummer: registering a submitted application under a number unique per year.

The number is ``Forbund.registry_format`` (default ``{year}/{seq:03d}``, e.g.
``2026/014``) filled with the submission year and the next sequence number of
that year; numbering starts again at 1 each year. Two submissions at the same
moment cannot get the same number: on PostgreSQL the förbund's row is locked
(``SELECT … FOR UPDATE``) while the number is taken, and on every database a
unique constraint on (year, seq) and on the number itself backs this up, with a
retry inside a savepoint.
"""

from __future__ import annotations

import string
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from models import Application, Forbund, db

from ...clock import STOCKHOLM
from ..errors import DomainError

DEFAULT_FORMAT = "{year}/{seq:03d}"
ATTEMPTS = 5


class RegistryError(DomainError):
    """No number could be given; ``str()`` is the Swedish message."""


def check_format(fmt: str) -> None:
    """Refuse a format that is not plain ``{year}`` and ``{seq…}`` fields (and must hold seq)."""
    try:
        fields = [name for _text, name, _spec, _conv in string.Formatter().parse(fmt) if name]
        if not fields or set(fields) - {"year", "seq"} or "seq" not in fields:
            raise ValueError(fmt)
        fmt.format(year=2026, seq=1)
    except (ValueError, IndexError, KeyError) as error:
        raise RegistryError(
            _l("The registry number format must use {year} and {seq}, e.g. {year}/{seq:03d}.")
        ) from error


def format_number(fmt: str, year: int, seq: int) -> str:
    """Fill in the format; a broken format falls back to the default rather than failing."""
    try:
        check_format(fmt)
        return fmt.format(year=year, seq=seq)
    except RegistryError:
        return DEFAULT_FORMAT.format(year=year, seq=seq)


def registry_year(at: datetime) -> int:
    """The year of a submission, by Swedish local time (New Year's Eve at 23:30 is that year)."""
    return at.astimezone(STOCKHOLM).year


def _locked_format() -> str:
    """The förbund's format, taking the row lock that serialises numbering on PostgreSQL."""
    forbund = db.session.execute(
        select(Forbund)
        .where(Forbund.id == 1)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    return forbund.registry_format if forbund and forbund.registry_format else DEFAULT_FORMAT


def last_seq(year: int) -> int:
    """The highest sequence number given in the year (0 before the first)."""
    last = db.session.scalar(
        select(func.max(Application.registry_seq)).where(Application.registry_year == year)
    )
    return int(last or 0)


def assign_registry_number(application: Application, at: datetime) -> str:
    """Give the application the next number of the year ``at`` falls in; flushes."""
    if application.registry_number:
        return application.registry_number
    fmt = _locked_format()
    year = registry_year(at)
    for _attempt in range(ATTEMPTS):
        seq = last_seq(year) + 1
        number = format_number(fmt, year, seq)
        taken = db.session.execute(
            select(Application.registry_year, Application.registry_seq).where(
                Application.registry_number == number
            )
        ).first()
        if taken is not None:
            if tuple(taken) == (year, seq):
                continue  # given a moment ago by someone else: read again and take the next
            raise RegistryError(
                _l(
                    "The registry number %(number)s is already in use; change the format "
                    "under Settings so that it includes {seq}.",
                    number=number,
                )
            )
        try:
            with db.session.begin_nested():
                application.registry_year = year
                application.registry_seq = seq
                application.registry_number = number
                db.session.flush()
        except IntegrityError:
            continue  # someone took this number between our read and our write: next
        return number
    raise RegistryError(_l("No registry number could be given just now. Please try again."))
