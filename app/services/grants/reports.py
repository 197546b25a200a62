"""Project reports (lägesrapporter, slutrapport), their due dates, and closing a grant.

A report row exists from the moment the grant is registered (kind and due date);
the projektägare fills it in on submission. Participants are counts only, never
personal data (docs/domain.md, Follow-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from models import User, db
from models.base import utcnow
from models.grant import Grant, GrantStatus
from models.grant_followup import ProjectReport, ReportKind

from ...formatting import sek
from .figures import year_figures
from .outcomes import set_outcome
from .rules import GrantError, ensure_grant_open, mark_application

#: Reports due within this many days are listed as "due soon" for the förbundschef.
DUE_SOON_DAYS = 30


class ReportError(GrantError):
    """A report that breaks a rule."""


def add_report(grant: Grant, *, kind: str, due_on: date) -> ProjectReport:
    """Ask for a report of ``kind`` ("status" or "final") by ``due_on``."""
    ensure_grant_open(grant)
    if kind not in {k.value for k in ReportKind}:
        raise ReportError(_l("Choose lägesrapport or slutrapport."))
    report = ProjectReport(grant_id=grant.id, kind=kind, due_on=due_on)
    db.session.add(report)
    db.session.flush()
    return report


@dataclass(frozen=True)
class ReportContent:
    """What the projektägare reports: period, participant counts, destinations, text."""

    period_start: date
    period_end: date
    participants_started: int = 0
    participants_ended: int = 0
    to_work: int = 0
    to_studies: int = 0
    to_other_support: int = 0
    to_other: int = 0
    narrative: str = ""
    outcome_year: int | None = None

    @property
    def destinations(self) -> int:
        """How many of those who ended have a known destination."""
        return self.to_work + self.to_studies + self.to_other_support + self.to_other


def submit_report(
    report: ProjectReport,
    content: ReportContent,
    *,
    user: User | None,
    outcomes: dict[str, Decimal] | None = None,
) -> ProjectReport:
    """Hand a report in (or correct it while the grant is open), with outcome figures."""
    grant = report.grant
    ensure_grant_open(grant)
    if content.period_end < content.period_start:
        raise ReportError(_l("The report period ends before it starts."))
    counts = (
        content.participants_started,
        content.participants_ended,
        content.to_work,
        content.to_studies,
        content.to_other_support,
        content.to_other,
    )
    if any(c < 0 for c in counts):
        raise ReportError(_l("Numbers of participants cannot be negative."))
    if content.destinations > content.participants_ended:
        raise ReportError(
            _l(
                "%(dest)s destinations are given but only %(ended)s participants ended.",
                dest=content.destinations,
                ended=content.participants_ended,
            )
        )
    if outcomes and content.outcome_year is None:
        raise ReportError(_l("Choose the year the outcome figures are for."))
    for name in ReportContent.__dataclass_fields__:
        setattr(report, name, getattr(content, name))
    report.narrative = content.narrative.strip()
    report.submitted_at = utcnow()
    report.submitted_by_id = getattr(user, "id", None)
    if outcomes and content.outcome_year is not None:
        for category, amount in outcomes.items():
            set_outcome(
                grant,
                year=content.outcome_year,
                category=category,
                amount=amount,
                comment=str(_l("From the report due %(due)s", due=report.due_on)),
                user=user,
                replace=True,  # the report states the year's figure; history keeps the old
            )
    db.session.flush()
    return report


def reports_for(grant: Grant) -> list[ProjectReport]:
    """A grant's reports by due date."""
    return list(
        db.session.scalars(
            select(ProjectReport)
            .where(ProjectReport.grant_id == grant.id)
            .order_by(ProjectReport.due_on, ProjectReport.id)
        )
    )


def due_reports(today: date, organisation_id: int | None = None) -> list[ProjectReport]:
    """Open grants' reports not submitted and due within DUE_SOON_DAYS (or overdue)."""
    query = (
        select(ProjectReport)
        .join(ProjectReport.grant)
        .options(contains_eager(ProjectReport.grant).joinedload(Grant.owner))
        .where(
            ProjectReport.submitted_at.is_(None),
            Grant.status == GrantStatus.ACTIVE,
            ProjectReport.due_on <= today + timedelta(days=DUE_SOON_DAYS),
        )
        .order_by(ProjectReport.due_on, ProjectReport.id)
    )
    if organisation_id is not None:
        query = query.where(Grant.owner_id == organisation_id)
    return list(db.session.scalars(query))


# --- closing: the final report is in and payments are settled ----------------------------


def close_problems(grant: Grant) -> list[str]:
    """Why the grant cannot be closed yet (empty when it can)."""
    problems: list[str] = []
    reports = db.session.scalars(select(ProjectReport).where(ProjectReport.grant_id == grant.id))
    finals = [r for r in reports if r.kind == ReportKind.FINAL]
    if not finals:  # say what to do: a slutrapport that was never asked for is never submitted
        problems.append(
            str(
                _l(
                    "No final report (slutrapport) is asked for: add its date under"
                    " Project reports."
                )
            )
        )
    elif not any(r.is_submitted for r in finals):
        problems.append(str(_l("The final report (slutrapport) has not been submitted.")))
    for figures in year_figures(grant):
        if not figures.settled:
            problems.append(
                str(
                    _l(
                        "%(year)s: paid %(paid)s against outcome %(outcome)s and granted "
                        "%(granted)s is not settled.",
                        year=figures.year,
                        paid=sek(figures.paid),
                        outcome=sek(figures.outcome),
                        granted=sek(figures.granted),
                    )
                )
            )
    return problems


def close_grant(grant: Grant, *, user: User | None) -> None:
    """Close when the final report is in and payments are settled; then read-only."""
    ensure_grant_open(grant)
    problems = close_problems(grant)
    if problems:
        raise ReportError(" ".join(problems))
    grant.status = GrantStatus.CLOSED
    grant.closed_at = utcnow()
    grant.closed_by_id = getattr(user, "id", None)
    if grant.application is not None:
        mark_application(grant.application, "closed", user)
    db.session.flush()
