"""Splitting an amount among parties: the one place where kronor are divided.

A pure module (no Flask app, no database) used by member contributions, cost
splits and every later figure that shares a cost. Rules (``Rule``):

* ``EQUAL`` – the same share each;
* ``PERCENT`` – agreed percentages, which must sum to exactly 100;
* ``STATUTORY`` – Finsam: the state half to Försäkringskassan (which pays for
  itself and Arbetsförmedlingen; AF's part is 0), the region(s) a quarter and
  the kommuner a quarter; several regions or kommuner divide their quarter by
  a sub-key (``KommunKey``: population, percentages or equal shares);
* ``POPULATION`` – by inhabitants (kommuner);
* ``FIXED_REST`` – some parties pay fixed amounts, the rest is shared equally.

Parts are multiples of a rounding unit (1 kr by default, 0,01 kr possible).
The largest-remainder method makes them sum *exactly* to the total; ties go
to the party given first. No part is negative and each lies within one unit
of its exact share. Exact shares are kept as ``Fraction`` so nothing drifts.
A total that is not a multiple of the unit (100,50 kr in whole kronor) leaves
a rest below one unit; it goes to the party next in line.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from flask_babel import lazy_gettext as _l

from ..errors import DomainError

HUNDRED = Decimal(100)
ORE = Decimal("0.01")


class Rule(StrEnum):
    """How a total is divided among the parties."""

    EQUAL = "equal"
    PERCENT = "percent"
    STATUTORY = "statutory"
    POPULATION = "population"
    FIXED_REST = "fixed_rest"


class KommunKey(StrEnum):
    """How the kommuner (or several regions) divide their quarter of a statutory split."""

    POPULATION = "population"
    PERCENT = "percent"
    EQUAL = "equal"


RULE_LABELS = {
    Rule.EQUAL: _l("Equal shares"),
    Rule.PERCENT: _l("Agreed percentages"),
    Rule.STATUTORY: _l("Statutory Finsam shares"),
    Rule.POPULATION: _l("By population"),
    Rule.FIXED_REST: _l("Fixed amounts, the rest in equal shares"),
}

KEY_LABELS = {
    KommunKey.POPULATION: _l("By population"),
    KommunKey.PERCENT: _l("Agreed percentages"),
    KommunKey.EQUAL: _l("Equal shares"),
}


#: The simple rules are the sub-keys applied to all parties at once.
_RULE_KEY = {
    Rule.EQUAL: KommunKey.EQUAL,
    Rule.PERCENT: KommunKey.PERCENT,
    Rule.POPULATION: KommunKey.POPULATION,
}


class SplitError(DomainError):
    """A split that cannot be made; ``str()`` is the Swedish message for the user."""


@dataclass(frozen=True)
class Party:
    """One payer. ``kind`` is fk/af/region/kommun/unit/external; ``label`` names it in errors."""

    key: Hashable
    kind: str = ""
    label: str = ""
    population: int | None = None
    percent: Decimal | None = None
    fixed: Decimal | None = None

    @property
    def name(self) -> str:
        """What an error message calls the party."""
        return self.label or str(self.key)


@dataclass(frozen=True)
class Part:
    """One party's rounded amount and its exact (unrounded) share."""

    party: Party
    amount: Decimal
    exact: Fraction

    @property
    def key(self) -> Hashable:
        return self.party.key


@dataclass(frozen=True)
class SplitResult:
    """The parts, in the order the parties were given; they sum exactly to ``total``."""

    total: Decimal
    rule: Rule
    unit: Decimal
    parts: tuple[Part, ...]

    def amounts(self) -> dict[Hashable, Decimal]:
        """Amount per party key."""
        return {part.key: part.amount for part in self.parts}

    def percent_of(self, key: Hashable) -> Decimal:
        """A party's amount as percent of the total (two decimals; 0 for a zero total)."""
        amount = self.amounts()[key]
        if not self.total:
            return Decimal("0.00")
        return (amount * HUNDRED / self.total).quantize(ORE)


def split(
    total: Decimal,
    parties: Sequence[Party],
    rule: Rule | str,
    *,
    unit: Decimal = Decimal(1),
    key: KommunKey | str = KommunKey.POPULATION,
) -> SplitResult:
    """Divide ``total`` among ``parties`` by ``rule``; ``key`` is the statutory sub-key."""
    rule = Rule(rule)
    key = KommunKey(key)
    _check_amount(total, _l("The total"))
    if not isinstance(unit, Decimal) or unit <= 0 or unit != unit.quantize(ORE):
        raise SplitError(_l("The rounding unit must be a positive amount in whole öre."))
    if not parties:
        raise SplitError(_l("Choose at least one organisation to share the cost."))
    if len({p.key for p in parties}) != len(parties):
        raise SplitError(_l("An organisation appears twice in the split."))
    whole, step = Fraction(total), Fraction(unit)
    if rule is Rule.STATUTORY:
        amounts, exacts = _statutory(whole, list(parties), step, key)
    elif rule is Rule.FIXED_REST:
        amounts, exacts = _fixed_rest(whole, list(parties), step)
    else:
        weights = _weights(list(parties), _RULE_KEY[rule])
        exacts = [whole * w for w in weights]
        amounts = _apportion(whole, exacts, step)
    parts = tuple(
        Part(party=p, amount=_to_decimal(a), exact=e)
        for p, a, e in zip(parties, amounts, exacts, strict=True)
    )
    return SplitResult(total=total, rule=rule, unit=unit, parts=parts)


def _check_amount(value: Decimal | None, what: object) -> None:
    if isinstance(value, float) or not isinstance(value, Decimal):
        raise TypeError("amounts must be Decimal")
    if value < 0:
        raise SplitError(_l("%(what)s cannot be negative.", what=what))
    if value != value.quantize(ORE):
        raise SplitError(_l("%(what)s may have at most two decimals (öre).", what=what))


def _weights(parties: list[Party], key: KommunKey) -> list[Fraction]:
    """Each party's fraction of a whole (they sum to 1) by equal shares, population or percent."""
    if key == KommunKey.POPULATION:
        for party in parties:
            if not party.population or party.population <= 0:
                raise SplitError(
                    _l(
                        "%(party)s has no population figure for the year; splitting by "
                        "population needs one for each party.",
                        party=party.name,
                    )
                )
        population = sum(p.population or 0 for p in parties)
        return [Fraction(p.population or 0, population) for p in parties]
    if key == KommunKey.PERCENT:
        for party in parties:
            if party.percent is None:
                raise SplitError(_l("Give a percentage for %(party)s.", party=party.name))
            if party.percent < 0:
                raise SplitError(_l("A percentage cannot be negative."))
        given = sum((p.percent or Decimal(0) for p in parties), Decimal(0))
        if given != HUNDRED:
            raise SplitError(
                _l(
                    "The percentages add up to %(sum)s %%; they must add up to exactly 100 %%.",
                    sum=format(given.normalize(), "f").replace(".", ","),
                )
            )
        return [Fraction(p.percent or 0) / 100 for p in parties]
    return [Fraction(1, len(parties))] * len(parties)


def _statutory(
    total: Fraction, parties: list[Party], unit: Fraction, key: KommunKey
) -> tuple[list[Fraction], list[Fraction]]:
    """Half to FK (AF's part included), a quarter to the regions, a quarter to the kommuner."""
    strangers = [p.name for p in parties if p.kind not in ("fk", "af", "region", "kommun")]
    if strangers:
        raise SplitError(
            _l(
                "The statutory split is only for Försäkringskassan, Arbetsförmedlingen, regions "
                "and kommuner, not for %(names)s.",
                names=", ".join(strangers),
            )
        )
    fk = [i for i, p in enumerate(parties) if p.kind == "fk"]
    regions = [i for i, p in enumerate(parties) if p.kind == "region"]
    kommuner = [i for i, p in enumerate(parties) if p.kind == "kommun"]
    if len(fk) != 1 or not regions or not kommuner:
        raise SplitError(
            _l(
                "The statutory split needs Försäkringskassan (which pays the state's half), "
                "at least one region and at least one kommun."
            )
        )
    group_exacts = [total / 2, total / 4, total / 4]
    group_amounts = _apportion(total, group_exacts, unit)
    exacts = [Fraction(0)] * len(parties)
    amounts = [Fraction(0)] * len(parties)
    exacts[fk[0]], amounts[fk[0]] = group_exacts[0], group_amounts[0]
    for members, exact, amount in (
        (regions, group_exacts[1], group_amounts[1]),
        (kommuner, group_exacts[2], group_amounts[2]),
    ):
        chosen = [parties[i] for i in members]
        weights = _weights(chosen, key) if len(chosen) > 1 else [Fraction(1)]
        member_exacts = [exact * w for w in weights]
        for i, e, a in zip(
            members, member_exacts, _apportion(amount, member_exacts, unit), strict=True
        ):
            exacts[i], amounts[i] = e, a
    return amounts, exacts


def _fixed_rest(
    total: Fraction, parties: list[Party], unit: Fraction
) -> tuple[list[Fraction], list[Fraction]]:
    """Fixed amounts as given; what is left is shared equally by the parties without one."""
    for party in parties:
        if party.fixed is not None:
            _check_amount(party.fixed, str(_l("The fixed amount for %(party)s", party=party.name)))
    fixed_sum = sum(Fraction(p.fixed) for p in parties if p.fixed is not None)
    if fixed_sum > total:
        raise SplitError(_l("The fixed amounts add up to more than the total."))
    rest_index = [i for i, p in enumerate(parties) if p.fixed is None]
    rest = total - fixed_sum
    if not rest_index and rest:
        raise SplitError(
            _l(
                "Every party has a fixed amount but they do not add up to the total; "
                "leave at least one party without a fixed amount to pay the rest."
            )
        )
    exacts = [Fraction(p.fixed) if p.fixed is not None else Fraction(0) for p in parties]
    amounts = list(exacts)
    if rest_index:
        share = rest / len(rest_index)
        for i, amount in zip(
            rest_index, _apportion(rest, [share] * len(rest_index), unit), strict=True
        ):
            exacts[i], amounts[i] = share, amount
    return amounts, exacts


def _apportion(target: Fraction, exacts: list[Fraction], unit: Fraction) -> list[Fraction]:
    """Largest remainder: floor every share to the unit, then hand out what is left.

    Units go to the largest remainders first, ties to the earlier party; a rest
    smaller than one unit goes to the next party in that order.
    """
    floors = [(e // unit) * unit for e in exacts]
    left = target - sum(floors)
    if left < 0:  # pragma: no cover - the callers' targets never fall below the floors
        raise SplitError(_l("The split could not be made."))
    order = sorted(range(len(exacts)), key=lambda i: (-(exacts[i] - floors[i]), i))
    amounts = list(floors)
    step = 0
    while left > 0:
        index = order[step % len(order)]
        give = min(unit, left)
        amounts[index] += give
        left -= give
        step += 1
    return amounts


def _to_decimal(value: Fraction) -> Decimal:
    """A whole number of öre as Decimal, exactly."""
    ore = value * 100
    if ore.denominator != 1:  # pragma: no cover - amounts are built from öre
        raise ArithmeticError("a part is not a whole number of öre")
    return (Decimal(ore.numerator) / 100).quantize(ORE)
