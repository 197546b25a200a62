"""Grants: creating them from decisions, amendments, and the figures per year.

This module owns the grant's creation and amendments, and loads a grant for its
page (``load_for_page``). The figures other areas
read (``granted_in_year``, ``paid_in_year``, ``outcome_in_year``,
``grants_by_status``, ``reports_due``, ``payments_by_month``) are defined here,
each as one query, so every page and workbook shows the same totals. The check
every write path uses (``ensure_grant_open``) is in ``rules.py``; payments
(``payments.py``), outcomes and budgets (``outcomes.py``), the money trail per
year (``figures.py``), reports and closing (``reports.py``) and staff
allocations (``allocations.py``) live next to it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from models import Application, Forbund, Organisation, OrgKind, User, db
from models.grant import (
    CostCategory,
    Grant,
    GrantBudget,
    GrantChange,
    GrantStatus,
    GrantYear,
    InsatsType,
)
from models.grant_followup import Outcome, Payment, ProjectReport, StaffAllocation
from models.meeting import Decision

from ...formatting import sek
from ..applications.budget import cost_by_category
from . import allocations, reports
from .payments import monthly_totals, paid_for
from .rules import ZERO, GrantError, ensure_grant_open, mark_application


def decision_label(decision: Decision | None) -> str:
    """ "§ 42, Sammanträde 5/2026" or "Delegationsbeslut 2026-04-02" (or an empty string),
    in Swedish whoever acts: it is stored on the grant and its changes."""
    if decision is None:
        return ""
    with force_locale("sv"):
        return decision.citation


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


def load_for_page(grant_id: int) -> Grant | None:
    """The grant with everything its page shows, or None if there is none.

    The owner (a unit with its parent), the application and who closed it come
    joined in; the years, budget lines, amendments, payments (with who recorded
    them), reports (with who submitted them) and staff (with their employers)
    each in one query, so the number of queries does not grow with the grant's
    history. The figures per year are sums the page asks ``figures.py`` for.
    """
    return db.session.scalar(
        select(Grant)
        .where(Grant.id == grant_id)
        .options(
            joinedload(Grant.owner).joinedload(Organisation.parent),
            joinedload(Grant.application),
            joinedload(Grant.closed_by),
            selectinload(Grant.years),
            selectinload(Grant.budget_lines),
            selectinload(Grant.changes),
            selectinload(Grant.payments).joinedload(Payment.created_by),
            selectinload(Grant.reports).joinedload(ProjectReport.submitted_by),
            selectinload(Grant.staff)
            .joinedload(StaffAllocation.employer)
            .joinedload(Organisation.parent),
        )
    )


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
    application: Application | None = None,
    decision: Decision | None = None,
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
    for kind_name, due in report_dates:
        reports.add_report(grant, kind=kind_name, due_on=due)
    if application is not None:
        _copy_budget(grant, application)
        allocations.copy_from_application(grant, application)
        mark_application(application, "in_progress", user)
    db.session.flush()
    return grant


def _insats_type_of(application: Application | None) -> str:
    if application is None:
        return InsatsType.OWN
    value = str(getattr(application, "insats_type", "") or "")
    return value if value in {t.value for t in InsatsType} else InsatsType.PROJECT


def _copy_budget(grant: Grant, application: Application) -> None:
    """Budget per granted year and category: the application's costs (staff as personnel).

    The application's budget is the whole insats; with co-financing the ekonom adjusts
    it to the part the grant pays (the budget form on the grant's page).
    """
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
    decision: Decision | None,
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


# --- figures other areas read ------------------------------------------------------------


def _sum(query: Select[tuple[Decimal | None]]) -> Decimal:
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
        select(Grant.status, func.count()).group_by(Grant.status)  # the status index answers
    ):
        counts[status] = count
    return counts


def reports_due(today: date) -> list[ProjectReport]:
    """Reports not yet submitted that are due soon or overdue, oldest first."""
    return reports.due_reports(today)


def payments_by_month(year: int) -> dict[int, Decimal]:
    """Cash paid out per calendar month (by payment date) in ``year``, 1–12."""
    return monthly_totals(year)
