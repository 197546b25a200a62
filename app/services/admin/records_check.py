"""The records check: every inconsistency between grants, decisions and protocols.

A förbund's board protocol is its legal record, and the grant register, the
payments and the reports must agree with it. ``flask check-records`` and the
admin page "Kontroll av registren" run every check below and list each problem
in Swedish with a link to the record to mend. One function per kind of check,
each returning ``Problem`` rows; ``all_problems`` runs them all.

Links are built with ``url_for``, so the caller provides a request context (the
CLI makes one with the base URL it was given).
"""

from __future__ import annotations

from collections.abc import Callable

from .records_grants import check_citations, check_grant_totals, check_payments_dates
from .records_meetings import (
    check_decided_twice,
    check_justerare,
    check_protocol_text,
    check_reports_noted,
)
from .records_problems import Problem, elected_justerare, kind_labels

__all__ = ["CHECKS", "Problem", "all_problems", "elected_justerare", "kind_labels"]

CHECKS: tuple[Callable[[], list[Problem]], ...] = (
    check_grant_totals,
    check_citations,
    check_decided_twice,
    check_justerare,
    check_payments_dates,
    check_reports_noted,
    check_protocol_text,
)


def all_problems() -> list[Problem]:
    """Every check's problems, in the order of ``kind_labels``."""
    return [problem for check in CHECKS for problem in check()]
