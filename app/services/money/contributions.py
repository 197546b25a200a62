"""Member contributions (medlemsbidrag): each year's total split the statutory way.

FK pays the state's half (Arbetsförmedlingen's included, so AF's share is 0),
the region(s) a quarter and the kommuner a quarter, divided by the year's key:
population, agreed percentages or equal shares. The amounts come from the split
engine (app/services/money/splits.py); this module loads members and populations and
keeps the shares. Public interface for other areas: ``contribution_total`` and
``contributions_by_party`` (plans). The money for insatser is not set aside here: it is
the adopted verksamhetsplan's budget (app/services/meetings/funds.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models import ContributionShare, ContributionYear, Forbund, Organisation, OrgKind, db

from . import organisations
from .splits import KommunKey, Party, Rule, SplitError, split

PARTY_KINDS = (OrgKind.FK, OrgKind.AF, OrgKind.REGION, OrgKind.KOMMUN)


class ContributionError(SplitError):
    """A contribution that cannot be split; ``str()`` is the Swedish message."""


def split_unit() -> Decimal:
    """The förbund's rounding unit for splits: whole kronor unless it keeps öre."""
    forbund = db.session.get(Forbund, 1)
    return forbund.split_unit if forbund is not None else Decimal("1.00")


def member_parties() -> list[Organisation]:
    """The members who pay contributions (FK, AF, regions, kommuner), in statutory order."""
    return [o for o in organisations.members() if o.kind in PARTY_KINDS]


def contribution_for(year: int) -> ContributionYear | None:
    """The year's contribution, if one has been entered."""
    return db.session.scalar(select(ContributionYear).where(ContributionYear.year == year))


def years() -> list[ContributionYear]:
    """Every year with a contribution, latest first."""
    return list(db.session.scalars(select(ContributionYear).order_by(ContributionYear.year.desc())))


def set_contribution(
    year: int,
    total: Decimal,
    key: KommunKey | str,
    percentages: Mapping[int | Organisation, Decimal | None] | None = None,
    note: str = "",
) -> ContributionYear:
    """Enter or change a year's total and key, and recompute every member's share.

    ``percentages`` (organisation or its id → percent) is used with the percent key.
    """
    key = KommunKey(key)
    given = {
        (k.id if isinstance(k, Organisation) else int(k)): v for k, v in (percentages or {}).items()
    }
    members = member_parties()
    parties = [_party(org, year, key, given, members) for org in members]
    result = split(total, parties, Rule.STATUTORY, unit=split_unit(), key=key)
    contribution = contribution_for(year)
    if contribution is None:
        contribution = ContributionYear(year=year, total=total)
        db.session.add(contribution)
    contribution.total = total
    contribution.kommun_key = key.value
    contribution.note = note or ""
    existing = {share.organisation_id: share for share in contribution.shares}
    kept = set()
    for part in result.parts:
        share = existing.get(part.key)
        if share is None:
            share = ContributionShare(organisation_id=part.key, amount=part.amount)
            contribution.shares.append(share)
        share.amount = part.amount
        share.key_percent = part.party.percent if key is KommunKey.PERCENT else None
        kept.add(part.key)
    for organisation_id, share in existing.items():
        if organisation_id not in kept:
            contribution.shares.remove(share)
    db.session.flush()
    return contribution


def _party(
    org: Organisation,
    year: int,
    key: KommunKey,
    percentages: Mapping[int, Decimal | None],
    members: list[Organisation],
) -> Party:
    """The engine's view of a member: its population or agreed percentage for the year."""
    population = percent = None
    shares_quarter = sum(1 for m in members if m.kind == org.kind) > 1
    if org.kind in (OrgKind.KOMMUN, OrgKind.REGION) and shares_quarter:
        if key is KommunKey.POPULATION:
            figure = org.population_for(year)
            if figure is None:
                raise ContributionError(
                    _l(
                        "%(name)s has no population figure for %(year)s or earlier. "
                        "Add one under Parties, or choose another key.",
                        name=org.name,
                        year=year,
                    )
                )
            population = figure.inhabitants
        elif key is KommunKey.PERCENT:
            percent = percentages.get(org.id)
            if percent is None:
                raise ContributionError(
                    _l("Give the agreed percentage for %(name)s.", name=org.name)
                )
    return Party(org.id, org.kind, org.name, population=population, percent=percent)


def shares_for(year: int) -> list[ContributionShare]:
    """The members' shares of a year's contribution with their organisations, in
    statutory order; none when the year's contribution is not entered."""
    shares = db.session.scalars(
        select(ContributionShare)
        .join(ContributionShare.contribution_year)
        .where(ContributionYear.year == year)
        .options(joinedload(ContributionShare.organisation))
    ).all()
    return sorted(shares, key=lambda share: organisations.statutory_order(share.organisation))


def contribution_total(year: int) -> Decimal | None:
    """The members' total contribution for a year; None when not entered (used by plans)."""
    contribution = contribution_for(year)
    return contribution.total if contribution is not None else None


def contributions_by_party(year: int) -> dict[Organisation, Decimal]:
    """What each member pays in a year, in statutory order; empty when not entered."""
    return {share.organisation: share.amount for share in shares_for(year)}


class PartyAmount(NamedTuple):
    """A member's contribution for a year, as plain values."""

    organisation_id: int
    name: str
    amount: Decimal


def party_amounts(year: int) -> tuple[PartyAmount, ...]:
    """``contributions_by_party`` as plain values: the plan's budget and each of the
    year's follow-ups draw their income lines from it."""
    by_party = contributions_by_party(year)
    return tuple(PartyAmount(org.id, org.name, amount) for org, amount in by_party.items())
