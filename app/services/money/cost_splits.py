"""Cost splits (kostnadsfördelning): saved costs shared among organisations, and their parts.

A split has a total per year for each year in its range (one-off when the first
and last year are the same), a rule and its parties. The parts are computed by
the split engine for every year (populations may change from year to year) and
stored, so lists and workbooks read saved figures. Functions flush, never commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from models import CostSplit, CostSplitPart, CostSplitParty, Organisation, OrgKind, db

from . import organisations
from .contributions import split_unit
from .splits import HUNDRED, ORE, RULE_LABELS, KommunKey, Party, Rule, SplitError, split

#: A yearly cost may run at most this many years (a guard against typos like 2026–2206).
MAX_YEARS = 30


class CostSplitError(SplitError):
    """A cost split that cannot be saved; ``str()`` is the Swedish message."""


@dataclass
class PartyInput:
    """One organisation chosen for a split, with its percentage or fixed amount if any."""

    organisation: Organisation
    percent: Decimal | None = None
    fixed: Decimal | None = None


@dataclass
class SplitInput:
    """What the user enters for a cost split."""

    name: str
    first_year: int
    last_year: int
    total: Decimal
    rule: Rule | str
    parties: list[PartyInput] = field(default_factory=list)
    description: str = ""
    kommun_key: KommunKey | str = KommunKey.POPULATION
    unit: Decimal | None = None


@dataclass(frozen=True)
class PartRow:
    """One organisation's part of one split in a year: a row of the cost-split workbook."""

    organisation_id: int
    organisation: str
    split_id: int
    split_name: str
    description: str
    rule: str
    rule_label: str
    split_total: Decimal
    amount: Decimal
    percent: Decimal


def create_split(data: SplitInput) -> CostSplit:
    """Save a new cost split and compute its parts for every year."""
    cost_split = CostSplit()
    db.session.add(cost_split)
    return update_split(cost_split, data)


def update_split(cost_split: CostSplit, data: SplitInput) -> CostSplit:
    """Change a split's inputs and recompute its parts; nothing is kept if the rule fails."""
    if data.last_year < data.first_year:
        raise CostSplitError(_l("The last year cannot be before the first year."))
    if data.last_year - data.first_year >= MAX_YEARS:
        raise CostSplitError(_l("A cost split can run at most %(num)d years.", num=MAX_YEARS))
    cost_split.name = data.name
    cost_split.description = data.description or ""
    cost_split.first_year, cost_split.last_year = data.first_year, data.last_year
    cost_split.total = data.total
    cost_split.rule = Rule(data.rule).value
    cost_split.kommun_key = KommunKey(data.kommun_key).value
    cost_split.unit = data.unit if data.unit is not None else split_unit()
    existing = {party.organisation_id: party for party in cost_split.parties}
    chosen = []
    for position, given in enumerate(data.parties):
        party = existing.pop(given.organisation.id, None)
        if party is None:
            party = CostSplitParty(organisation=given.organisation)
            cost_split.parties.append(party)
        party.position, party.percent, party.fixed_amount = position, given.percent, given.fixed
        chosen.append(party)
    for party in existing.values():
        cost_split.parties.remove(party)
    cost_split.parties.sort(key=lambda p: p.position)
    _store_parts(cost_split, chosen)
    db.session.flush()
    return cost_split


def delete_split(cost_split: CostSplit) -> None:
    """Remove a split with its parties and parts."""
    db.session.delete(cost_split)
    db.session.flush()


def _store_parts(cost_split: CostSplit, parties: list[CostSplitParty]) -> None:
    """Compute every year's parts with the engine and keep them, updating rows in place."""
    existing = {(part.year, part.organisation_id): part for part in cost_split.parts}
    for year in cost_split.years:
        result = split(
            cost_split.total,
            [_engine_party(p, year) for p in parties],
            cost_split.rule,
            unit=cost_split.unit,
            key=cost_split.kommun_key,
        )
        for position, part in enumerate(result.parts):
            row = existing.pop((year, part.key), None)
            if row is None:
                row = CostSplitPart(year=year, organisation_id=part.key, amount=part.amount)
                cost_split.parts.append(row)
            row.amount, row.position = part.amount, position
    for row in existing.values():
        cost_split.parts.remove(row)


def _engine_party(party: CostSplitParty, year: int) -> Party:
    org = party.organisation
    population = None
    if org.kind in (OrgKind.KOMMUN, OrgKind.REGION):
        figure = org.population_for(year)
        population = figure.inhabitants if figure else None
    return Party(
        org.id,
        org.kind,
        org.name,
        population=population,
        percent=party.percent,
        fixed=party.fixed_amount,
    )


def _query() -> Select[tuple[CostSplit]]:
    return (
        select(CostSplit)
        .options(
            selectinload(CostSplit.parties).selectinload(CostSplitParty.organisation),
            selectinload(CostSplit.parts),
        )
        .order_by(CostSplit.first_year, CostSplit.name, CostSplit.id)
    )


def splits(year: int | None = None, organisation_id: int | None = None) -> list[CostSplit]:
    """Splits filtered by a year they apply to and by an organisation taking part."""
    query = _query()
    if year is not None:
        query = query.where(CostSplit.first_year <= year, CostSplit.last_year >= year)
    if organisation_id is not None:
        query = query.where(
            CostSplit.parties.any(CostSplitParty.organisation_id == organisation_id)
        )
    return list(db.session.scalars(query))


def splits_for_year(year: int) -> list[CostSplit]:
    """The splits whose cost falls in ``year``."""
    return splits(year=year)


def splits_for_organisation(organisation: Organisation) -> list[CostSplit]:
    """The splits an organisation takes part in."""
    return splits(organisation_id=organisation.id)


def split_years() -> list[int]:
    """Every year some split applies to, for the year selector."""
    found: set[int] = set()
    for first, last in db.session.execute(select(CostSplit.first_year, CostSplit.last_year)):
        found.update(range(first, last + 1))
    return sorted(found)


def parts_in(cost_split: CostSplit, year: int) -> list[CostSplitPart]:
    """A split's saved parts for one year, in the parties' order."""
    return [part for part in cost_split.parts if part.year == year]


def parts_by_organisation(year: int) -> list[PartRow]:
    """Every part of every split in ``year``, by organisation (statutory order), then split."""
    everyone = organisations.all_organisations()
    order = {org.id: index for index, org in enumerate(everyone)}
    names = {org.id: org.name for org in everyone}
    rows = []
    for cost_split in splits_for_year(year):
        for part in parts_in(cost_split, year):
            percent = (
                (part.amount * HUNDRED / cost_split.total).quantize(ORE)
                if cost_split.total
                else Decimal("0.00")
            )
            rows.append(
                PartRow(
                    organisation_id=part.organisation_id,
                    organisation=names[part.organisation_id],
                    split_id=cost_split.id,
                    split_name=cost_split.name,
                    description=cost_split.description,
                    rule=cost_split.rule,
                    rule_label=str(RULE_LABELS[Rule(cost_split.rule)]),
                    split_total=cost_split.total,
                    amount=part.amount,
                    percent=percent,
                )
            )
    rows.sort(key=lambda r: (order.get(r.organisation_id, len(order)), r.split_name, r.split_id))
    return rows
