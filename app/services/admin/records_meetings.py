"""Records checks on the board's record: decisions, justering, reports and the text."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import db
from models.grant import Grant
from models.grant_followup import ProjectReport
from models.meeting import Decision, Meeting, Paragraph
from models.meeting_terms import GRANTING

from ...formatting import sek
from . import records_text as words
from .records_problems import Problem, all_grants, elected_justerare, mentions


def check_decided_twice() -> list[Problem]:
    """An application is granted money by at most one decision (board § or delegation)."""
    rows = db.session.scalars(
        select(Decision)
        .where(Decision.application_id.is_not(None), Decision.outcome.in_([*GRANTING]))
        .order_by(Decision.id)
    )
    by_application: dict[int, list[Decision]] = defaultdict(list)
    for decision in rows:
        by_application[decision.application_id].append(decision)
    problems = []
    for application_id, decisions in by_application.items():
        if len(decisions) < 2:
            continue
        application = decisions[0].application
        problems.append(
            Problem(
                "decided_twice",
                _(
                    "The application %(number)s %(title)s is granted by %(count)s decisions: "
                    "%(citations)s.",
                    number=application.registry_number or "",
                    title=application.title,
                    count=len(decisions),
                    citations="; ".join(d.citation for d in decisions),
                ),
                url_for("applications.show", application_id=application_id),
            )
        )
    return problems


def check_justerare() -> list[Problem]:
    """Every justerat protocol has at least one elected justerare besides the chair."""
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.adjusted_on.is_not(None))
        .order_by(Meeting.year, Meeting.number)
    )
    return [
        Problem(
            "justerare",
            _(
                "Meeting %(label)s is justerat but no justerare was elected.",
                label=meeting.label,
            ),
            url_for("meetings.show", meeting_id=meeting.id),
        )
        for meeting in meetings
        if not elected_justerare(meeting)
    ]


def _report_kind(text: str) -> str | None:
    folded = text.casefold()
    if "slutrapport" in folded:
        return "final"
    if "lägesrapport" in folded:
        return "status"
    return None


def _received(grant: Grant, kind: str, day: date) -> bool:
    """The report the § notes had come in: the latest one due by the meeting day (or, when
    none was due yet, any one) was submitted on or before that day."""
    reports = db.session.scalars(
        select(ProjectReport)
        .where(ProjectReport.grant_id == grant.id, ProjectReport.kind == kind)
        .order_by(ProjectReport.due_on)
    ).all()
    due = [r for r in reports if r.due_on <= day]
    candidates = due[-1:] if due else reports
    return any(r.submitted_at is not None and r.submitted_at.date() <= day for r in candidates)


def check_reports_noted() -> list[Problem]:
    """A report a justerat protocol notes was received (submitted) by the meeting day."""
    problems = []
    grants = all_grants()
    paragraphs = db.session.scalars(
        select(Paragraph)
        .join(Meeting, Paragraph.meeting_id == Meeting.id)
        .where(Meeting.adjusted_on.is_not(None))
        .order_by(Paragraph.year, Paragraph.number)
    )
    for paragraph in paragraphs:
        kind = _report_kind(paragraph.title)
        if kind is None:
            continue
        day = paragraph.meeting.date
        for grant in grants:
            if not mentions(paragraph, grant) or grant.period_start > day:
                continue
            if not _received(grant, kind, day):
                problems.append(
                    Problem(
                        "report_noted",
                        _(
                            "%(cited)s notes a report on %(grant)s (%(title)s), but no such "
                            "report from %(grant)s had come in by %(day)s.",
                            cited=paragraph.citation,
                            grant=grant.name,
                            title=paragraph.title,
                            day=day.isoformat(),
                        ),
                        url_for("meetings.item", paragraph_id=paragraph.id),
                    )
                )
    return problems


def check_protocol_text() -> list[Problem]:
    """The amounts a decision's text names are the amounts the decision records."""
    problems = []
    decisions = db.session.scalars(
        select(Decision)
        .where(Decision.paragraph_id.is_not(None))
        .options(selectinload(Decision.years))
        .order_by(Decision.id)
    )
    for decision in decisions:
        paragraph = decision.paragraph
        link = url_for("meetings.item", paragraph_id=paragraph.id)
        amounts = decision.amounts()
        said = words.amounts_in(decision.text)
        if not amounts:
            if words.says_granted(decision.text) and said:
                problems.append(
                    Problem(
                        "protocol_text",
                        _(
                            "%(cited)s grants %(said)s in the protocol's text, but the "
                            "decision records no amount per year (no grant follows).",
                            cited=paragraph.citation,
                            said=sek(said[0]),
                        ),
                        link,
                    )
                )
            continue
        known = {*amounts.values(), decision.total}
        wrong = [a for a in said if a not in known]
        wrong_years = [
            (year, amount)
            for year, amount in words.amounts_by_year(decision.text).items()
            if amounts.get(year) != amount
        ]
        if wrong or wrong_years:
            problems.append(
                Problem(
                    "protocol_text",
                    _(
                        "%(cited)s: the protocol's text names %(said)s but the decision "
                        "grants %(decided)s.",
                        cited=paragraph.citation,
                        said=", ".join(sek(a) for a in said),
                        decided=", ".join(f"{y}: {sek(a)}" for y, a in sorted(amounts.items())),
                    ),
                    link,
                )
            )
    return problems
