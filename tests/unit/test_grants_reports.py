"""Project reports: due and overdue lists, what a report may say, outcome figures with it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask

from app.services.grants import lifecycle as grants
from app.services.grants import reports
from app.services.grants.reports import ReportContent, ReportError

from .test_grants_factories import grant, org

TODAY = date(2026, 11, 23)


def test_reports_due_lists_overdue_and_due_within_30_days(app_ctx: Flask) -> None:
    g = grant(
        years={2026: "1000"},
        report_dates=[
            ("status", date(2026, 9, 30)),  # overdue
            ("status", date(2026, 12, 23)),  # due in 30 days: listed
            ("status", date(2026, 12, 24)),  # 31 days: not yet
            ("final", date(2027, 2, 28)),
        ],
    )
    submitted = reports.add_report(g, kind="status", due_on=date(2026, 10, 1))
    reports.submit_report(submitted, ReportContent(date(2026, 1, 1), date(2026, 9, 30)), user=None)
    due = grants.reports_due(TODAY)
    assert [(r.kind, r.due_on) for r in due] == [
        ("status", date(2026, 9, 30)),
        ("status", date(2026, 12, 23)),
    ]
    assert [r.is_overdue(TODAY) for r in due] == [True, False]


def test_closed_grants_and_other_owners_are_left_out(app_ctx: Flask) -> None:
    mine, other = org("AME"), org("IFO")
    grant(mine, name="Mine", report_dates=[("status", date(2026, 10, 1))])
    closed = grant(other, name="Closed", report_dates=[("status", date(2026, 10, 1))])
    closed.status = "closed"
    assert [r.grant.name for r in reports.due_reports(TODAY)] == ["Mine"]
    assert reports.due_reports(TODAY, organisation_id=other.id) == []


def test_destinations_cannot_exceed_those_who_ended(app_ctx: Flask) -> None:
    g = grant(report_dates=[("status", date(2026, 8, 31))])
    report = reports.reports_for(g)[0]
    content = ReportContent(
        date(2026, 1, 1),
        date(2026, 6, 30),
        participants_started=20,
        participants_ended=5,
        to_work=3,
        to_studies=2,
        to_other=1,
    )
    with pytest.raises(ReportError, match="6"):
        reports.submit_report(report, content, user=None)
    with pytest.raises(ReportError):
        reports.submit_report(report, ReportContent(date(2026, 7, 1), date(2026, 6, 30)), user=None)


def test_submitted_report_keeps_counts_and_sets_outcome(app_ctx: Flask) -> None:
    g = grant(years={2026: "500000"}, report_dates=[("status", date(2026, 8, 31))])
    report = reports.reports_for(g)[0]
    content = ReportContent(
        date(2026, 1, 1),
        date(2026, 6, 30),
        participants_started=24,
        participants_ended=6,
        to_work=3,
        to_studies=1,
        to_other_support=1,
        to_other=1,
        narrative="  Bra start.  ",
        outcome_year=2026,
    )
    reports.submit_report(
        report,
        content,
        user=None,
        outcomes={"personnel": Decimal("180000"), "travel": Decimal("2500")},
    )
    assert report.is_submitted and report.narrative == "Bra start."
    assert (report.participants_started, report.to_work) == (24, 3)
    assert grants.outcome_in_year(2026) == Decimal("182500.00")
    assert grants.reports_due(TODAY) == []


def test_unknown_report_kind_is_refused(app_ctx: Flask) -> None:
    with pytest.raises(ReportError):
        reports.add_report(grant(), kind="weekly", due_on=TODAY)
