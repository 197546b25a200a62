"""The split engine: worked examples from docs/domain.md (Financing split) and properties
that hold for any input."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.money.splits import KommunKey, Party, Rule, SplitError, SplitResult, split

D = Decimal


def _parties(*keys: str) -> list[Party]:
    return [Party(key) for key in keys]


def _members(ludvika: int = 26_000, smedjebacken: int = 10_790) -> list[Party]:
    return [
        Party("FK", "fk"),
        Party("AF", "af"),
        Party("Region", "region"),
        Party("Ludvika", "kommun", population=ludvika),
        Party("Smedjebacken", "kommun", population=smedjebacken),
    ]


# --- worked examples ---------------------------------------------------------------------


def test_en_vag_in_start_up_265_000_equally_among_four_is_66_250_each() -> None:
    result = split(D(265_000), _parties("AF", "FK", "AME", "IFO"), Rule.EQUAL)
    assert list(result.amounts().values()) == [D(66_250)] * 4


def test_en_vag_in_running_cost_161_000_among_four_is_40_250_each() -> None:
    result = split(D(161_000), _parties("AF", "FK", "AME", "IFO"), Rule.EQUAL)
    assert list(result.amounts().values()) == [D(40_250)] * 4


def test_100_among_3_gives_the_extra_krona_to_the_first_party() -> None:
    assert list(split(D(100), _parties("a", "b", "c"), Rule.EQUAL).amounts().values()) == [
        D(34),
        D(33),
        D(33),
    ]
    reordered = split(D(100), _parties("c", "b", "a"), Rule.EQUAL).amounts()
    assert reordered == {"c": D(34), "b": D(33), "a": D(33)}


def test_ore_as_rounding_unit() -> None:
    result = split(D(100), _parties("a", "b", "c"), Rule.EQUAL, unit=D("0.01"))
    assert list(result.amounts().values()) == [D("33.34"), D("33.33"), D("33.33")]


def test_total_not_a_multiple_of_the_unit_leaves_its_ore_with_the_next_party() -> None:
    result = split(D("100.50"), _parties("a", "b", "c"), Rule.EQUAL)
    assert list(result.amounts().values()) == [D(34), D("33.50"), D(33)]


def test_statutory_4_000_000_with_ludvika_and_smedjebacken_by_population() -> None:
    result = split(D(4_000_000), _members(), Rule.STATUTORY, key=KommunKey.POPULATION)
    assert result.amounts() == {
        "FK": D(2_000_000),
        "AF": D(0),
        "Region": D(1_000_000),
        "Ludvika": D(706_714),
        "Smedjebacken": D(293_286),
    }
    assert result.amounts()["Ludvika"] + result.amounts()["Smedjebacken"] == D(1_000_000)
    assert result.percent_of("FK") == D("50.00")


def test_statutory_with_agreed_percentages_and_equal_shares() -> None:
    parties = _members()
    parties[3] = Party("Ludvika", "kommun", percent=D(70))
    parties[4] = Party("Smedjebacken", "kommun", percent=D(30))
    amounts = split(D(4_000_000), parties, Rule.STATUTORY, key=KommunKey.PERCENT).amounts()
    assert (amounts["Ludvika"], amounts["Smedjebacken"]) == (D(700_000), D(300_000))
    equal = split(D(4_000_000), _members(), Rule.STATUTORY, key=KommunKey.EQUAL).amounts()
    assert (equal["Ludvika"], equal["Smedjebacken"]) == (D(500_000), D(500_000))


def test_statutory_with_two_regions_splits_their_quarter_by_the_same_key() -> None:
    parties = [
        Party("FK", "fk"),
        Party("R1", "region", population=300_000),
        Party("R2", "region", population=100_000),
        Party("K", "kommun", population=10_000),
    ]
    amounts = split(D(1_000_000), parties, Rule.STATUTORY).amounts()
    assert amounts == {"FK": D(500_000), "R1": D(187_500), "R2": D(62_500), "K": D(250_000)}


def test_percentages_must_sum_to_exactly_100() -> None:
    parties = [Party("a", percent=D(60)), Party("b", percent=D(30))]
    with pytest.raises(SplitError, match="90 %"):
        split(D(1000), parties, Rule.PERCENT)
    parties = [Party("a", percent=D("58")), Party("b", percent=D("29")), Party("c", percent=D(13))]
    assert split(D(1000), parties, Rule.PERCENT).amounts() == {"a": 580, "b": 290, "c": 130}


def test_fixed_amounts_may_not_exceed_the_total() -> None:
    parties = [Party("a", fixed=D(700)), Party("b", fixed=D(400)), Party("c")]
    with pytest.raises(SplitError):
        split(D(1000), parties, Rule.FIXED_REST)


def test_fixed_rest_shares_what_is_left_equally() -> None:
    parties = [Party("Region", fixed=D(12_000)), *_parties("FK", "AF", "Ludvika", "Smedjebacken")]
    amounts = split(D(48_000), parties, Rule.FIXED_REST).amounts()
    assert amounts == {
        "Region": 12_000,
        "FK": 9000,
        "AF": 9000,
        "Ludvika": 9000,
        "Smedjebacken": 9000,
    }


def test_fixed_amounts_for_everyone_must_match_the_total() -> None:
    parties = [Party("a", fixed=D(400)), Party("b", fixed=D(500))]
    with pytest.raises(SplitError):
        split(D(1000), parties, Rule.FIXED_REST)
    parties = [Party("a", fixed=D(400)), Party("b", fixed=D(600))]
    assert split(D(1000), parties, Rule.FIXED_REST).amounts() == {"a": 400, "b": 600}


@pytest.mark.parametrize(
    ("parties", "rule"),
    [
        ([Party("FK", "fk"), Party("K", "kommun", population=1)], Rule.STATUTORY),
        ([Party("FK", "fk"), Party("R", "region"), Party("AME", "unit")], Rule.STATUTORY),
        ([Party("L", "kommun", population=10), Party("S", "kommun")], Rule.POPULATION),
        ([Party("a"), Party("a")], Rule.EQUAL),
        ([], Rule.EQUAL),
        ([Party("a", percent=D(-10)), Party("b", percent=D(110))], Rule.PERCENT),
        ([Party("a"), Party("b", percent=D(100))], Rule.PERCENT),
    ],
)
def test_impossible_splits_are_refused(parties: list[Party], rule: Rule) -> None:
    with pytest.raises(SplitError):
        split(D(1000), parties, rule)


def test_negative_total_and_float_are_refused() -> None:
    with pytest.raises(SplitError):
        split(D(-1), _parties("a"), Rule.EQUAL)
    with pytest.raises(TypeError):
        split(100.0, _parties("a"), Rule.EQUAL)  # type: ignore[arg-type]
    with pytest.raises(SplitError):
        split(D(100), _parties("a"), Rule.EQUAL, unit=D(0))


def test_messages_are_swedish(app_ctx: Flask) -> None:
    with pytest.raises(SplitError) as caught:
        split(D(1000), [Party("a", percent=D(60)), Party("b", percent=D(30))], Rule.PERCENT)
    assert str(caught.value) == "Procentsatserna blir 90 %; de måste bli exakt 100 %."
    with pytest.raises(SplitError) as caught:
        split(D(1000), [Party("L", "kommun", label="Ludvika kommun")], Rule.POPULATION)
    assert "Ludvika kommun saknar invånarantal" in str(caught.value)


# --- properties ----------------------------------------------------------------------------

totals = st.decimals(min_value=0, max_value=50_000_000, places=2, allow_nan=False)
units = st.sampled_from([D(1), D("0.01"), D(100)])
percent_lists = st.lists(st.integers(0, 10_000), min_size=1, max_size=8).filter(sum)


@st.composite
def percent_parties(draw: st.DrawFn) -> list[Party]:
    """Percentages with two decimals that add up to exactly 100."""
    raw = draw(percent_lists)
    hundredths = [r * 10_000 // sum(raw) for r in raw]
    hundredths[0] += 10_000 - sum(hundredths)
    return [Party(f"p{i}", percent=D(h) / 100) for i, h in enumerate(hundredths)]


@st.composite
def population_parties(draw: st.DrawFn, kind: str = "kommun", prefix: str = "k") -> list[Party]:
    sizes = draw(st.lists(st.integers(1, 1_000_000), min_size=1, max_size=8))
    return [Party(f"{prefix}{i}", kind, population=s) for i, s in enumerate(sizes)]


@st.composite
def statutory_parties(draw: st.DrawFn) -> list[Party]:
    regions = draw(population_parties("region", "r"))
    kommuner = draw(population_parties("kommun", "k"))
    state = [Party("FK", "fk")] + ([Party("AF", "af")] if draw(st.booleans()) else [])
    return state + regions + kommuner


@st.composite
def fixed_parties(draw: st.DrawFn, total: Decimal) -> list[Party]:
    count = draw(st.integers(1, 8))
    parties = []
    left = total
    for i in range(count):
        if draw(st.booleans()) and i < count - 1:
            fixed = draw(st.decimals(min_value=0, max_value=left, places=2))
            left -= fixed
            parties.append(Party(f"f{i}", fixed=fixed))
        else:
            parties.append(Party(f"f{i}"))
    return parties


@st.composite
def cases(draw: st.DrawFn) -> tuple[Decimal, list[Party], Rule, Decimal, KommunKey]:
    total = draw(totals)
    unit = draw(units)
    rule = draw(st.sampled_from(list(Rule)))
    key = KommunKey.POPULATION
    if rule is Rule.EQUAL:
        parties = [Party(f"e{i}") for i in range(draw(st.integers(1, 12)))]
    elif rule is Rule.PERCENT:
        parties = draw(percent_parties())
    elif rule is Rule.POPULATION:
        parties = draw(population_parties())
    elif rule is Rule.FIXED_REST:
        parties = draw(fixed_parties(total))
    else:
        parties = draw(statutory_parties())
        key = draw(st.sampled_from([KommunKey.POPULATION, KommunKey.EQUAL]))
    return total, parties, rule, unit, key


def _check(result: SplitResult, total: Decimal, unit: Decimal) -> None:
    amounts = [part.amount for part in result.parts]
    assert sum(amounts, D(0)) == total
    assert all(a >= 0 for a in amounts)
    assert sum((part.exact for part in result.parts), Fraction(0)) == Fraction(total)
    for part in result.parts:
        assert abs(Fraction(part.amount) - part.exact) < Fraction(unit), part


@settings(max_examples=300, deadline=None)
@given(cases())
def test_split_parts_sum_exactly_never_negative_within_one_unit(case: tuple) -> None:
    total, parties, rule, unit, key = case
    _check(split(total, parties, rule, unit=unit, key=key), total, unit)


@settings(max_examples=200, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_split_is_independent_of_order_apart_from_the_tie_break(case: tuple, rnd) -> None:
    total, parties, rule, unit, key = case
    shuffled = list(parties)
    rnd.shuffle(shuffled)
    first = split(total, parties, rule, unit=unit, key=key)
    second = split(total, shuffled, rule, unit=unit, key=key).amounts()
    step = Fraction(unit)
    remainders = [part.exact - (part.exact // step) * step for part in first.parts]
    for part, remainder in zip(first.parts, remainders, strict=True):
        assert abs(second[part.key] - part.amount) <= unit
        if remainders.count(remainder) == 1:
            assert second[part.key] == part.amount


@settings(max_examples=200, deadline=None)
@given(totals, statutory_parties(), units)
def test_statutory_groups_keep_their_half_and_quarters(
    total: Decimal, parties: list[Party], unit: Decimal
) -> None:
    result = split(total, parties, Rule.STATUTORY, unit=unit)
    by_kind: dict[str, Decimal] = {}
    for part in result.parts:
        by_kind[part.party.kind] = by_kind.get(part.party.kind, D(0)) + part.amount
    assert by_kind.get("af", D(0)) == 0
    assert abs(Fraction(by_kind["fk"]) - Fraction(total) / 2) < Fraction(unit)
    for kind in ("region", "kommun"):
        assert abs(Fraction(by_kind[kind]) - Fraction(total) / 4) < Fraction(unit)
