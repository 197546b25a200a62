"""Payments (utbetalningar) against grant years: the ceiling, corrections, period lists.

The ceiling: what is paid for a grant year may never exceed what was granted for
it. Two ekonomer paying the last krona at once must not both succeed, so the grant
row is locked (``SELECT … FOR UPDATE`` on PostgreSQL) and the sum is re-read inside
the same transaction before the new row is added. Corrections are new negative
payments with a reason; a recorded payment is never changed (models refuse it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from models import User, db
from models.grant import Grant
from models.grant_followup import Payment

from ...formatting import sek
from ..notifications import messages
from .rules import ZERO, GrantError, ensure_grant_open


class PaymentError(GrantError):
    """A payment that breaks a rule; the message carries the figures."""


def paid_for(grant: Grant, year: int) -> Decimal:
    """Sum of payments (corrections included) for one grant year, from the database."""
    total = db.session.scalar(
        select(func.sum(Payment.amount)).where(Payment.grant_id == grant.id, Payment.year == year)
    )
    return total if total is not None else ZERO


def default_year(grant: Grant, today: date) -> int:
    """The grant year a new payment is for: this year while the grant has it, else its first."""
    years = [y.year for y in grant.years]
    return today.year if today.year in years else years[0]


def lock_grant(grant: Grant) -> Grant:
    """Lock the grant row for the rest of the transaction (a no-op on SQLite)."""
    return db.session.execute(
        select(Grant)
        .where(Grant.id == grant.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def plausible_window(grant: Grant) -> tuple[date, date]:
    """The dates a payment of the grant is expected in: from the year before its period
    starts to two years after it ends (late final payments included)."""
    return date(grant.period_start.year - 1, 1, 1), date(grant.period_end.year + 2, 12, 31)


#: Days before the grant's period starts and after it ends in which a payment is usual.
DATE_TOLERANCE_DAYS = 60


def decision_date(grant: Grant) -> date | None:
    """The day the board (or the förbundschef on delegation) decided the grant, if known."""
    return grant.decision.day if grant.decision is not None else None


def unusual_date(grant: Grant, paid_on: date) -> str:
    """Why a payment date needs a confirmation and a reason, or '' when it is usual:
    before the decision, or outside the grant's period plus DATE_TOLERANCE_DAYS."""
    decided = decision_date(grant)
    tolerance = timedelta(days=DATE_TOLERANCE_DAYS)
    if decided is not None and paid_on < decided:
        return str(
            _l(
                "The payment date %(date)s is before the decision (%(decided)s).",
                date=paid_on.isoformat(),
                decided=decided.isoformat(),
            )
        )
    if not grant.period_start - tolerance <= paid_on <= grant.period_end + tolerance:
        return str(
            _l(
                "The payment date %(date)s is more than %(days)s days outside the grant's "
                "period %(start)s–%(end)s.",
                date=paid_on.isoformat(),
                days=DATE_TOLERANCE_DAYS,
                start=grant.period_start.isoformat(),
                end=grant.period_end.isoformat(),
            )
        )
    return ""


def check_payment_date(grant: Grant, paid_on: date, confirmed: bool, date_reason: str) -> None:
    """An unusual date (see unusual_date) is recorded only when confirmed with a reason."""
    why = unusual_date(grant, paid_on)
    if why and not (confirmed and date_reason.strip()):
        raise PaymentDateError(
            _l(
                "%(why)s Correct the date, or tick the confirmation and give the reason.",
                why=why,
            )
        )


class PaymentDateError(PaymentError):
    """A payment date that needs a confirmation and a reason."""


def _check_dates(
    grant: Grant,
    covered_from: date | None,
    covered_to: date | None,
) -> None:
    """A covered period far outside the grant's period is refused (a typing error)."""
    first, last = plausible_window(grant)
    period = {"start": grant.period_start.isoformat(), "end": grant.period_end.isoformat()}
    for covered in (covered_from, covered_to):
        if covered is not None and not first <= covered <= last:
            raise PaymentError(
                _l(
                    "The period covered (%(date)s) is far outside the grant's period "
                    "%(start)s–%(end)s.",
                    date=covered.isoformat(),
                    **period,
                )
            )


def record_payment(
    grant: Grant,
    *,
    year: int,
    amount: Decimal,
    paid_on: date,
    reference: str = "",
    covered_from: date | None = None,
    covered_to: date | None = None,
    reason: str = "",
    corrects: Payment | None = None,
    date_confirmed: bool = False,
    date_reason: str = "",
    user: User | None,
) -> Payment:
    """Add a payment, or a correction when ``amount`` is negative (a reason is required)."""
    if isinstance(amount, float):
        raise TypeError("money must be Decimal, not float")
    amount = Decimal(amount)
    grant = lock_grant(grant)
    ensure_grant_open(grant)
    row = grant.year(year)
    if row is None:
        raise PaymentError(
            _l("No money was granted to %(name)s for %(year)s.", name=grant.name, year=year)
        )
    if amount == 0:
        raise PaymentError(_l("A payment cannot be 0 kr."))
    if covered_from and covered_to and covered_to < covered_from:
        raise PaymentError(_l("The period covered ends before it starts."))
    if corrects is not None and (corrects.grant_id != grant.id or corrects.year != year):
        raise PaymentError(
            _l("A correction must be for the same grant and year as the payment it corrects.")
        )
    _check_dates(grant, covered_from, covered_to)
    check_payment_date(grant, paid_on, date_confirmed, date_reason)
    confirmed = bool(unusual_date(grant, paid_on))
    paid = paid_for(grant, year)
    if amount > 0:
        if paid + amount > row.amount:
            raise PaymentError(
                _l(
                    "The payment of %(amount)s is refused: %(paid)s of %(granted)s granted for "
                    "%(year)s has already been paid, so at most %(left)s remains.",
                    amount=sek(amount),
                    paid=sek(paid),
                    granted=sek(row.amount),
                    year=year,
                    left=sek(row.amount - paid),
                )
            )
    else:
        if not reason.strip():
            raise PaymentError(_l("A correction (a negative amount) needs a reason."))
        if paid + amount < 0:
            raise PaymentError(
                _l(
                    "The correction of %(amount)s is refused: only %(paid)s has been paid for "
                    "%(year)s.",
                    amount=sek(amount),
                    paid=sek(paid),
                    year=year,
                )
            )
    payment = Payment(
        grant_id=grant.id,
        year=year,
        amount=amount,
        paid_on=paid_on,
        reference=reference.strip(),
        covered_from=covered_from,
        covered_to=covered_to,
        reason=reason.strip(),
        corrects_id=corrects.id if corrects is not None else None,
        date_confirmed=confirmed,
        date_reason=date_reason.strip() if confirmed else "",
        created_by_id=getattr(user, "id", None),
    )
    db.session.add(payment)
    db.session.flush()
    messages.queue_payment_notice(payment, user=user)
    return payment


def payments_for(grant: Grant) -> list[Payment]:
    """A grant's payments in the order they were made."""
    return list(
        db.session.scalars(
            select(Payment)
            .where(Payment.grant_id == grant.id)
            .order_by(Payment.paid_on, Payment.id)
        )
    )


def payments_between(
    start: date, end: date, grant_ids: Iterable[int] | None = None
) -> list[Payment]:
    """Payments dated within [start, end], with their grants, for lists and workbooks."""
    query = (
        select(Payment)
        .options(joinedload(Payment.grant).joinedload(Grant.owner))
        .where(Payment.paid_on >= start, Payment.paid_on <= end)
        .order_by(Payment.paid_on, Payment.id)
    )
    if grant_ids is not None:
        query = query.where(Payment.grant_id.in_(list(grant_ids)))
    return list(db.session.scalars(query))


def monthly_totals(year: int) -> dict[int, Decimal]:
    """Cash paid per month of ``year`` by payment date; every month present."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for payment in db.session.scalars(
        select(Payment).where(Payment.paid_on.between(date(year, 1, 1), date(year, 12, 31)))
    ):
        totals[payment.paid_on.month] += payment.amount
    return {month: totals[month] for month in range(1, 13)}


def correctable(grant: Grant, year: int | None = None) -> list[Payment]:
    """Positive payments that a correction may point at."""
    return [p for p in payments_for(grant) if p.amount > 0 and (year is None or p.year == year)]
