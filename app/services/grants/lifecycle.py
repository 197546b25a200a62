"""Grants: creating them from decisions, amendments, and the figures per year.

This module owns the grant's creation and amendments and the one check every
write path uses (``ensure_grant_open``). The figures other areas read
(``granted_in_year``, ``paid_in_year``, ``outcome_in_year``, ``grants_by_status``,
``reports_due``, ``payments_by_month``) are defined here, each as one query, so
every page and workbook shows the same totals. Payments (``payments.py``),
outcomes, budgets and carry-over (``outcomes.py``), reports and closing
(``reports.py``) and staffing (``staffing_overview.py``) live next to it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from models import Forbund, Organisation, OrgKind, User, db
from models.grant import (
    CostCategory,
    Grant,
    GrantBudget,
    GrantChange,
    GrantStatus,
    GrantYear,
    InsatsType,
)
from models.grant_followup import Outcome, Payment

from ...formatting import sek
from ..errors import DomainError

if TYPE_CHECKING:
    from models.grant_followup import ProjectReport as Report

ZERO = Decimal("0.00")


class GrantError(DomainError):
    """A grant rule was broken; ``str()`` is the Swedish message for the user."""


def ensure_grant_open(grant: Grant) -> None:
    """Refuse any change to a closed grant: the one check every write path calls."""
    if grant.is_closed:
        raise GrantError(
            _l("The grant %(name)s is closed and can no longer be changed.", name=grant.name)
        )


def decision_label(decision: Any) -> str:
    """ "§ 42, Sammanträde 5/2026" for a Decision row (or an empty string)."""
    if decision is None:
        return ""
    paragraph = getattr(decision, "paragraph", None)
    if paragraph is not None:
        try:
            from ..meetings.agenda import paragraph_label

            return str(paragraph_label(paragraph))
        except ImportError:  # pragma: no cover - the meetings area is not installed
            return f"§ {paragraph.number}/{paragraph.year}"
    return str(decision)


def forbund_organisation() -> Organisation:
    """The förbund itself as an organisation: the owner of its own insatser."""
    forbund = db.session.get(Forbund, 1)
    name = forbund.name if forbund else "Samordningsförbundet"
    found = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if found is None:
        found = Organisation(
            name=name,
            short_name="Förbundet",
            kind=OrgKind.EXTERNAL,
            org_number=forbund.org_number if forbund else "",
        )
        db.session.add(found)
        db.session.flush()
    return found


def _check_years(years: dict[int, Decimal], *, allow_negative: bool = False) -> None:
    if not years:
        raise GrantError(_l("Enter the amount granted for at least one year."))
    for year, amount in years.items():
        if not 1990 <= int(year) <= 2100:
            raise GrantError(_l("%(year)s is not a valid year.", year=year))
        if isinstance(amount, float):
            raise TypeError("money must be Decimal, not float")
        if not allow_negative and Decimal(amount) < 0:
            raise GrantError(_l("An amount granted cannot be negative."))


def create_grant(
    *,
    name: str,
    owner: Organisation,
    years: dict[int, Decimal],
    conditions: str,
    report_dates: list[tuple[str, date]],
    application: Any = None,
    decision: Any = None,
    user: User | None,
    period_start: date | None = None,
    period_end: date | None = None,
    insats_type: str | None = None,
    decision_reference: str = "",
) -> Grant:
    """Register what the board granted; the application (if any) moves to in progress.

    ``years`` maps calendar year → amount decided. Report kinds are "status"
    (lägesrapport) and "final" (slutrapport). Without an application this is one of
    the förbund's own insatser, registered straight from the decision.
    """
    _check_years(years)
    ordered = sorted(int(y) for y in years)
    start = period_start or getattr(application, "period_start", None) or date(ordered[0], 1, 1)
    end = period_end or getattr(application, "period_end", None) or date(ordered[-1], 12, 31)
    if end < start:
        raise GrantError(_l("The period ends before it starts."))
    outside = [y for y in ordered if not start.year <= y <= end.year]
    if outside:
        raise GrantError(
            _l(
                "Money is granted for %(years)s, outside the period %(start)s–%(end)s.",
                years=", ".join(map(str, outside)),
                start=start,
                end=end,
            )
        )
    kind = insats_type or _insats_type_of(application)
    reference = decision_reference or decision_label(decision)
    grant = Grant(
        name=name.strip(),
        owner=owner,
        application_id=getattr(application, "id", None),
        decision_id=getattr(decision, "id", None),
        insats_type=kind,
        period_start=start,
        period_end=end,
        conditions=conditions,
        decision_reference=reference,
        created_by_id=getattr(user, "id", None),
    )
    db.session.add(grant)
    for year in ordered:
        amount = Decimal(years[year])
        grant.years.append(GrantYear(year=year, amount=amount))
        grant.changes.append(
            GrantChange(
                kind="decision",
                year=year,
                amount_before=None,
                amount_after=amount,
                decision_id=grant.decision_id,
                decision_reference=reference,
                user_id=grant.created_by_id,
                note=str(_l("Granted by decision")),
            )
        )
    db.session.flush()
    from . import allocations as staffing_overview
    from . import reports

    for kind_name, due in report_dates:
        reports.add_report(grant, kind=kind_name, due_on=due)
    if application is not None:
        _copy_budget(grant, application)
        staffing_overview.copy_from_application(grant, application)
        mark_application(application, "in_progress", user)
    db.session.flush()
    return grant


def mark_application(application: Any, status: str, user: User | None) -> None:
    """Move the application along (in progress, closed) unless it is there already."""
    if getattr(application, "status", None) == status:
        return
    from ..applications import workflow as applications

    move = applications.mark_in_progress if status == "in_progress" else applications.mark_closed
    try:
        move(application, user=user)
    except applications.ApplicationError as error:
        raise GrantError(str(error)) from error


def _insats_type_of(application: Any) -> str:
    if application is None:
        return InsatsType.OWN
    value = str(getattr(application, "insats_type", "") or "")
    return value if value in {t.value for t in InsatsType} else InsatsType.PROJECT


def _copy_budget(grant: Grant, application: Any) -> None:
    """Budget per granted year and category: the application's costs (staff as personnel).

    The application's budget is the whole insats; with co-financing the ekonom adjusts
    it to the part the grant pays (the budget form on the grant's page).
    """
    from ..applications.budget import cost_by_category

    known = {c.value for c in CostCategory}
    granted_years = {row.year for row in grant.years}
    for year, categories in sorted(cost_by_category(application).items()):
        if year not in granted_years:
            continue
        for category, amount in categories.items():
            key = str(category) if str(category) in known else CostCategory.OTHER
            if amount > 0:
                grant.budget_lines.append(GrantBudget(year=year, category=key, amount=amount))


def amend_grant(
    grant: Grant,
    *,
    years: dict[int, Decimal],
    decision: Any,
    user: User | None,
    period_end: date | None = None,
    note: str = "",
    decision_reference: str = "",
) -> None:
    """An extension or supplement decided by the board: add to years, move the end.

    ``years`` maps year → amount *added* by this decision (negative to reduce);
    every changed figure is kept as a GrantChange naming the decision.
    """
    ensure_grant_open(grant)
    if not years and period_end is None:
        raise GrantError(_l("An amendment must change an amount or the period."))
    if years:
        _check_years(years, allow_negative=True)
    reference = decision_reference or decision_label(decision)
    common = dict(
        kind="amendment",
        decision_id=getattr(decision, "id", None),
        decision_reference=reference,
        user_id=getattr(user, "id", None),
        note=note,
    )
    new_end = period_end or grant.period_end
    if new_end < grant.period_start:
        raise GrantError(_l("The period ends before it starts."))
    for year in sorted(int(y) for y in years):
        if not grant.period_start.year <= year <= new_end.year:
            raise GrantError(
                _l("%(year)s is outside the grant's period; extend the period too.", year=year)
            )
        row = grant.year(year)
        before = row.amount if row else None
        after = (before or ZERO) + Decimal(years[year])
        if after < 0:
            raise GrantError(_l("The amount for %(year)s would become negative.", year=year))
        paid = paid_for(grant, year)
        if after < paid:
            raise GrantError(
                _l(
                    "%(paid)s has already been paid for %(year)s; the grant cannot "
                    "be reduced to %(after)s.",
                    paid=sek(paid),
                    year=year,
                    after=sek(after),
                )
            )
        if row is None:
            grant.years.append(GrantYear(year=year, amount=after))
        else:
            row.amount = after
        grant.changes.append(
            GrantChange(year=year, amount_before=before, amount_after=after, **common)
        )
    if period_end is not None and period_end != grant.period_end:
        grant.changes.append(
            GrantChange(period_end_before=grant.period_end, period_end_after=period_end, **common)
        )
        grant.period_end = period_end
    db.session.flush()


def paid_for(grant: Grant, year: int) -> Decimal:
    """Sum of payments (corrections included) for one grant year, from the database."""
    total = db.session.scalar(
        select(func.sum(Payment.amount)).where(Payment.grant_id == grant.id, Payment.year == year)
    )
    return total if total is not None else ZERO


# --- figures other areas read ------------------------------------------------------------


def _sum(query: Any) -> Decimal:
    total = db.session.scalar(query)
    return total if total is not None else ZERO


def granted_in_year(year: int) -> Decimal:
    """Everything the board granted for a calendar year, amendments included."""
    return _sum(select(func.sum(GrantYear.amount)).where(GrantYear.year == year))


def paid_in_year(year: int) -> Decimal:
    """Payments booked against grant year ``year`` (corrections included)."""
    return _sum(select(func.sum(Payment.amount)).where(Payment.year == year))


def outcome_in_year(year: int) -> Decimal:
    """Reported outcome (utfall) for ``year`` over all grants and categories."""
    return _sum(select(func.sum(Outcome.amount)).where(Outcome.year == year))


def grants_by_status() -> dict[str, int]:
    """How many grants are active and closed."""
    counts = {status.value: 0 for status in GrantStatus}
    for status, count in db.session.execute(
        select(Grant.status, func.count(Grant.id)).group_by(Grant.status)
    ):
        counts[status] = count
    return counts


def reports_due(today: date) -> list[Report]:
    """Reports not yet submitted that are due soon or overdue, oldest first."""
    from .reports import due_reports

    return due_reports(today)


def payments_by_month(year: int) -> dict[int, Decimal]:
    """Cash paid out per calendar month (by payment date) in ``year``, 1–12."""
    from .payments import monthly_totals

    return monthly_totals(year)
