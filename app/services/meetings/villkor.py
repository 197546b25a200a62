"""What a decision's villkor say about its reports, in words for the förbundschef.

The reading of the villkor is ``report_terms``; here are the messages made of it: the
refusal of two slutrapport dates (shown next to the villkor, and the service's guard),
and what saving says — the report dates taken from the villkor, and the reports the
villkor ask for without a date. Board and delegation decisions share them.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from models.meeting_terms import GRANTING, Outcome

from .protocol_texts import report_list, report_name
from .report_terms import final_dates_in, final_disagreement, from_villkor, undated
from .rules import MeetingError


def final_report_problem(
    conditions: str, typed: list[tuple[str, date]], outcome: str = Outcome.GRANTED
) -> str | None:
    """Why a slutrapport dated one way in the villkor and another in the report rows is
    refused (shown next to the villkor), or None when they agree or nothing is granted
    (then neither is kept)."""
    if outcome not in GRANTING:
        return None
    written = final_dates_in(conditions)
    if len(written) > 1:
        return _(
            "The villkor give the slutrapport more than one date (%(dates)s). Keep one: a"
            " grant has one final report.",
            dates=", ".join(day.isoformat() for day in written),
        )
    disagreement = final_disagreement(conditions, typed)
    if disagreement is None:
        return None
    written, entered = disagreement
    return _(
        "The villkor say slutrapport %(written)s but the report dates say %(entered)s."
        " Change one of them so that they agree.",
        written=written.isoformat(),
        entered=entered.isoformat(),
    )


def ensure_one_final_report(
    conditions: str, typed: list[tuple[str, date]], outcome: str = Outcome.GRANTED
) -> None:
    """Refuse two slutrapport dates: the grant would get two final reports."""
    problem = final_report_problem(conditions, typed, outcome)
    if problem is not None:
        raise MeetingError(problem)


def villkor_message(conditions: str, typed: list[tuple[str, date]]) -> str:
    """'Rapportdatum från villkoren: slutrapport 2027-02-28.' — said on saving, so the
    förbundschef sees which report dates were read from the villkor, and which reports the
    villkor ask for without a date ('' when neither)."""
    parts = []
    if taken := from_villkor(conditions, typed):
        parts.append(_("Report dates from the villkor: %(reports)s.", reports=report_list(taken)))
    if missing := undated(conditions, typed):
        names = ", ".join(report_name(kind).lower() for kind in missing)
        parts.append(
            _(
                "The villkor ask for %(reports)s without a date: enter the date in the report"
                " rows, or the grant asks for no such report.",
                reports=names,
            )
        )
    return " ".join(parts)
