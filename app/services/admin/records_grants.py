"""Records checks on the grant register: totals, cited §§ and payment dates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from models import db
from models.grant import Grant
from models.grant_followup import Payment
from models.meeting import Decision, Meeting, Paragraph

from ...formatting import sek
from ..grants.figures import year_figures
from . import records_text as words
from .records_problems import (
    ZERO,
    Problem,
    all_grants,
    grant_decisions,
    grant_link,
    mentions,
)


def check_grant_totals() -> list[Problem]:
    """Each grant's amount per year equals what its decisions granted for that year."""
    problems = []
    for grant in all_grants():
        decisions = [d for d in grant_decisions(grant) if d.years]
        registered = {row.year: row.amount for row in grant.years}
        if not decisions:
            problems.append(
                Problem(
                    "grant_totals",
                    _(
                        "%(grant)s: no decision with amounts lies behind the %(total)s in the "
                        "register.",
                        grant=grant.name,
                        total=sek(grant.granted_total),
                    ),
                    grant_link(grant),
                )
            )
            continue
        decided: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for decision in decisions:
            for year, amount in decision.amounts().items():
                decided[year] += amount
        for year in sorted({*registered, *decided}):
            if registered.get(year, ZERO) != decided.get(year, ZERO):
                problems.append(
                    Problem(
                        "grant_totals",
                        _(
                            "%(grant)s %(year)s: the register shows %(registered)s but the "
                            "decisions (%(citations)s) grant %(decided)s.",
                            grant=grant.name,
                            year=year,
                            registered=sek(registered.get(year, ZERO)),
                            decided=sek(decided.get(year, ZERO)),
                            citations="; ".join(d.citation for d in decisions),
                        ),
                        grant_link(grant),
                    )
                )
    return problems


def _paragraph(
    number: int, meeting_number: int, year: int
) -> tuple[Meeting | None, Paragraph | None]:
    meeting = db.session.scalar(
        select(Meeting).where(Meeting.year == year, Meeting.number == meeting_number)
    )
    paragraph = db.session.scalar(
        select(Paragraph).where(Paragraph.year == year, Paragraph.number == number)
    )
    return meeting, paragraph


def _cited(reference: str, grant: Grant, what: str) -> tuple[list[Problem], list[Paragraph]]:
    """The §§ a reference cites, and a problem for each that does not exist."""
    problems, found = [], []
    for number, meeting_number, year in words.citations_in(reference):
        cited = f"§ {number}, Sammanträde {meeting_number}/{year}"
        meeting, paragraph = _paragraph(number, meeting_number, year)
        names = {"grant": grant.name, "what": what, "cited": cited}
        label = f"{meeting_number}/{year}"
        message = None
        if meeting is None:
            message = _(
                "%(grant)s: the %(what)s cites %(cited)s, but there is no meeting %(label)s.",
                label=label,
                **names,
            )
        elif paragraph is None or paragraph.meeting_id != meeting.id:
            message = _(
                "%(grant)s: the %(what)s cites %(cited)s, but meeting %(label)s has no such §.",
                label=meeting.label,
                **names,
            )
        if message is not None:
            problems.append(Problem("citation", message, grant_link(grant)))
        else:
            found.append(paragraph)
    return problems, found


def check_citations() -> list[Problem]:
    """A grant's decision and carry-over references cite §§ that exist and decide on it."""
    problems = []
    for grant in all_grants():
        decisions = grant_decisions(grant)
        references = [grant.decision_reference, *(c.decision_reference for c in grant.changes)]
        for reference in dict.fromkeys(r for r in references if r):
            missing, paragraphs = _cited(reference, grant, _("decision"))
            problems += missing
            for paragraph in paragraphs:
                decision = paragraph.decision
                if decision is None or not (decision.grants_money and decision in decisions):
                    problems.append(_elsewhere(grant, paragraph))
        figures = {f.year: f for f in year_figures(grant)}
        for row in grant.years:
            if not row.carry_over:
                continue
            missing, paragraphs = _cited(row.carry_over_reference, grant, _("carry-over"))
            problems += missing
            for paragraph in paragraphs:
                if paragraph.decision is None or not mentions(paragraph, grant):
                    problems.append(_elsewhere(grant, paragraph))
                    continue
                said = words.amounts_in(paragraph.decision.text)
                carried = figures[row.year].unspent
                if len(said) == 1 and said[0] != carried:
                    problems.append(
                        Problem(
                            "citation",
                            _(
                                "%(grant)s %(year)s: %(cited)s lets %(said)s be carried over, "
                                "but the grant carries over %(carried)s.",
                                grant=grant.name,
                                year=row.year,
                                cited=paragraph.citation,
                                said=sek(said[0]),
                                carried=sek(carried),
                            ),
                            grant_link(grant),
                        )
                    )
    return problems


def _elsewhere(grant: Grant, paragraph: Paragraph) -> Problem:
    return Problem(
        "citation",
        _(
            "%(grant)s cites %(cited)s, which decides something else (%(title)s).",
            grant=grant.name,
            cited=paragraph.citation,
            title=paragraph.title,
        ),
        grant_link(grant),
    )


def check_payments_dates() -> list[Problem]:
    """No payment is dated before the decision that granted money for its year."""
    problems = []
    for grant in all_grants():
        first: dict[int, tuple[date, Decision]] = {}
        for decision in grant_decisions(grant):
            day = decision.day
            for year in decision.amounts():
                if day is not None and (year not in first or day < first[year][0]):
                    first[year] = (day, decision)
        payments = db.session.scalars(
            select(Payment).where(Payment.grant_id == grant.id).order_by(Payment.paid_on)
        )
        for payment in payments:
            decided = first.get(payment.year)
            if decided is None or payment.paid_on >= decided[0] or payment.date_confirmed:
                continue  # a date the ekonom confirmed with a reason is recorded, not a slip
            problems.append(
                Problem(
                    "payment_date",
                    _(
                        "%(grant)s: the payment %(reference)s of %(amount)s on %(paid)s is "
                        "dated before the decision (%(citation)s, %(decided)s).",
                        grant=grant.name,
                        reference=payment.reference or "",
                        amount=sek(payment.amount),
                        paid=payment.paid_on.isoformat(),
                        citation=decided[1].citation,
                        decided=decided[0].isoformat(),
                    ),
                    grant_link(grant),
                )
            )
    return problems
