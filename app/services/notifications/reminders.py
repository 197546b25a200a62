"""Report reminders: before a report is due, on the day, and weekly while it is overdue.

``flask mail reminders`` runs ``queue_due_reminders`` daily. Each report has steps
("before", "due", "overdue-1", "overdue-2", … one a week); the run queues the
latest step that has come, under an idempotency key, so running it again the same
day (or twice at once) queues nothing more, and a day the cron missed is caught up
with one mail rather than several.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Grant, GrantStatus, ProjectReport, db

from . import messages

#: Days before the due date of the first reminder, unless MAIL_REMINDER_DAYS says otherwise.
DEFAULT_DAYS_BEFORE = 14


def step_for(due_on: date, today: date, days_before: int = DEFAULT_DAYS_BEFORE) -> str | None:
    """The reminder step a report due on ``due_on`` has reached ``today`` (None: not yet)."""
    late = (today - due_on).days
    if late >= 7:
        return f"overdue-{late // 7}"
    if late >= 0:
        return "due"
    if -late <= days_before:
        return "before"
    return None


def queue_due_reminders(today: date, days_before: int = DEFAULT_DAYS_BEFORE) -> int:
    """Queue the reminders due ``today`` for every open report of an active grant.

    Returns how many mails were queued (0 on a second run the same day).
    """
    reports = db.session.scalars(
        select(ProjectReport)
        .join(Grant, Grant.id == ProjectReport.grant_id)
        .where(
            ProjectReport.submitted_at.is_(None),
            Grant.status == GrantStatus.ACTIVE,
            ProjectReport.due_on <= date.fromordinal(today.toordinal() + days_before),
        )
        .order_by(ProjectReport.due_on, ProjectReport.id)
    )
    queued = 0
    for report in reports:
        step = step_for(report.due_on, today, days_before)
        if step is not None:
            queued += len(messages.queue_report_reminder(report, step, today))
    return queued
