"""Member contributions and cost splits stored through the services (database, no views)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import Flask

from app.services.money import contributions, cost_splits
from app.services.money.cost_splits import PartyInput, SplitInput
from app.services.money.splits import KommunKey, Rule, SplitError
from models import ContributionShare, CostSplitPart, Forbund, Organisation, OrgKind, Population, db

D = Decimal


@pytest.fixture
def orgs(app_ctx: Flask) -> dict[str, Organisation]:
    """A small förbund: the demo members with their populations, and two units."""
    db.session.add(Forbund(id=1, name="Testförbundet"))
    found = {}
    for position, (short, name, kind) in enumerate(
        [
            ("FK", "Försäkringskassan", OrgKind.FK),
            ("AF", "Arbetsförmedlingen", OrgKind.AF),
            ("Region", "Region Dalarna", OrgKind.REGION),
            ("Ludvika", "Ludvika kommun", OrgKind.KOMMUN),
            ("Smedjebacken", "Smedjebackens kommun", OrgKind.KOMMUN),
        ]
    ):
        found[short] = Organisation(
            name=name, short_name=short, kind=kind, is_member=True, position=position
        )
    found["AME"] = Organisation(
        name="AME Smedjebacken", kind=OrgKind.UNIT, parent=found["Smedjebacken"]
    )
    found["IFO"] = Organisation(
        name="IFO Smedjebacken", kind=OrgKind.UNIT, parent=found["Smedjebacken"]
    )
    db.session.add_all(found.values())
    db.session.add_all(
        [
            Population(organisation=found["Ludvika"], year=2015, inhabitants=26_000),
            Population(organisation=found["Smedjebacken"], year=2015, inhabitants=10_790),
            Population(organisation=found["Smedjebacken"], year=2020, inhabitants=10_500),
        ]
    )
    db.session.flush()
    return found


def _amounts(year: int) -> dict[str, Decimal]:
    return {
        org.short_name: amount for org, amount in contributions.contributions_by_party(year).items()
    }


def test_contribution_4_000_000_is_split_the_statutory_way(orgs: dict) -> None:
    contributions.set_contribution(2016, D(4_000_000), KommunKey.POPULATION)
    assert _amounts(2016) == {
        "FK": D(2_000_000),
        "AF": D(0),
        "Region": D(1_000_000),
        "Ludvika": D(706_714),
        "Smedjebacken": D(293_286),
    }
    assert contributions.contribution_total(2016) == D(4_000_000)
    assert contributions.contribution_total(2017) is None
    assert contributions.contributions_by_party(2017) == {}


def test_shares_come_in_statutory_order_whatever_the_positions(orgs: dict) -> None:
    """FK, AF, the region, then the kommuner by their position: the kind comes first."""
    for position, short in enumerate(["Smedjebacken", "Ludvika", "Region", "AF", "FK"]):
        orgs[short].position = position
    contributions.set_contribution(2026, D(4_000_000), KommunKey.EQUAL)
    order = ["FK", "AF", "Region", "Smedjebacken", "Ludvika"]
    assert [s.organisation.short_name for s in contributions.shares_for(2026)] == order
    assert list(_amounts(2026)) == order
    assert [p.name for p in contributions.party_amounts(2026)] == [
        orgs[short].name for short in order
    ]
    assert contributions.shares_for(2027) == []


def test_changing_the_key_updates_the_shares_in_place(orgs: dict) -> None:
    contributions.set_contribution(2025, D(4_000_000), KommunKey.POPULATION)
    ids = {s.organisation_id: s.id for s in contributions.shares_for(2025)}
    percentages = {orgs["Ludvika"]: D(70), orgs["Smedjebacken"].id: D(30)}
    contributions.set_contribution(2025, D(4_400_000), KommunKey.PERCENT, percentages)
    shares = contributions.shares_for(2025)
    assert {s.organisation_id: s.id for s in shares} == ids
    assert _amounts(2025)["Ludvika"] == D(770_000)
    assert _amounts(2025)["Smedjebacken"] == D(330_000)
    assert [s.key_percent for s in shares if s.key_percent is not None] == [D(70), D(30)]
    assert db.session.query(ContributionShare).count() == 5


def test_later_population_figures_are_used_for_later_years(orgs: dict) -> None:
    contributions.set_contribution(2021, D(1_000_000), "population")
    share = D(250_000) * 10_500 / 36_500
    assert abs(_amounts(2021)["Smedjebacken"] - share) < 1


def test_missing_population_names_the_kommun(orgs: dict) -> None:
    with pytest.raises(SplitError) as caught:
        contributions.set_contribution(2010, D(4_000_000), KommunKey.POPULATION)
    assert str(caught.value).startswith("Ludvika kommun saknar invånarantal för 2010")


def test_percent_key_must_add_up_and_budget_must_fit(orgs: dict) -> None:
    with pytest.raises(SplitError, match="90 %"):
        contributions.set_contribution(
            2025, D(100), "percent", {orgs["Ludvika"].id: D(60), orgs["Smedjebacken"].id: D(30)}
        )
    with pytest.raises(SplitError):
        contributions.set_contribution(2025, D(100), "percent", {orgs["Ludvika"].id: D(100)})


def test_ore_rounding_follows_the_forbund_setting(orgs: dict) -> None:
    db.session.get(Forbund, 1).split_unit = D("0.01")
    contributions.set_contribution(2016, D(1_000_001), KommunKey.EQUAL)
    amounts = _amounts(2016)
    assert amounts["FK"] == D("500000.50")
    assert sum(amounts.values()) == D(1_000_001)


def _evi(orgs: dict, **changes) -> SplitInput:
    data = SplitInput(
        name="En väg in – drift",
        description="Lokal och licens för dokumentationssystem",
        first_year=2017,
        last_year=2026,
        total=D(161_000),
        rule=Rule.EQUAL,
        parties=[PartyInput(orgs[k]) for k in ("AF", "FK", "AME", "IFO")],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_yearly_cost_split_stores_parts_for_every_year(orgs: dict) -> None:
    split = cost_splits.create_split(_evi(orgs))
    assert len(split.parts) == 40
    assert {p.amount for p in split.parts} == {D(40_250)}
    assert [p.organisation.name for p in split.parties][:2] == [
        "Arbetsförmedlingen",
        "Försäkringskassan",
    ]
    assert cost_splits.splits_for_year(2020) == [split]
    assert cost_splits.splits_for_year(2016) == []
    assert cost_splits.splits_for_organisation(orgs["AME"]) == [split]
    assert cost_splits.splits_for_organisation(orgs["Ludvika"]) == []
    assert cost_splits.split_years() == list(range(2017, 2027))


def test_population_split_follows_each_years_population(orgs: dict) -> None:
    split = cost_splits.create_split(
        _evi(
            orgs,
            rule=Rule.POPULATION,
            total=D(100_000),
            parties=[PartyInput(orgs["Ludvika"]), PartyInput(orgs["Smedjebacken"])],
        )
    )
    in_2019 = [p.amount for p in cost_splits.parts_in(split, 2019)]
    in_2020 = [p.amount for p in cost_splits.parts_in(split, 2020)]
    assert in_2019 == [D(70_671), D(29_329)]
    assert in_2020 == [D(71_233), D(28_767)]


def test_editing_a_split_recomputes_and_removes_old_parts(orgs: dict) -> None:
    split = cost_splits.create_split(_evi(orgs))
    cost_splits.update_split(
        split,
        _evi(
            orgs,
            first_year=2016,
            last_year=2016,
            total=D(48_000),
            rule=Rule.FIXED_REST,
            parties=[
                PartyInput(orgs["Region"], fixed=D(12_000)),
                PartyInput(orgs["FK"]),
                PartyInput(orgs["AF"]),
            ],
        ),
    )
    assert db.session.query(CostSplitPart).count() == 3
    assert [p.amount for p in cost_splits.parts_in(split, 2016)] == [
        D(12_000),
        D(18_000),
        D(18_000),
    ]
    assert [p.organisation.short_name for p in split.parties] == ["Region", "FK", "AF"]
    cost_splits.delete_split(split)
    assert db.session.query(CostSplitPart).count() == 0


def test_split_errors(orgs: dict) -> None:
    with pytest.raises(SplitError):
        cost_splits.create_split(_evi(orgs, first_year=2020, last_year=2019))
    db.session.rollback()
    with pytest.raises(SplitError):
        cost_splits.create_split(
            _evi(
                orgs,
                rule=Rule.PERCENT,
                parties=[
                    PartyInput(orgs["AF"], percent=D(50)),
                    PartyInput(orgs["FK"], percent=D(49)),
                ],
            )
        )
    db.session.rollback()
    with pytest.raises(SplitError):
        cost_splits.create_split(_evi(orgs, rule=Rule.POPULATION))  # units have no population


def test_parts_by_organisation_lists_what_each_pays_and_why(orgs: dict) -> None:
    cost_splits.create_split(_evi(orgs))
    cost_splits.create_split(
        _evi(
            orgs,
            name="Gemensam utvärdering",
            first_year=2020,
            last_year=2020,
            total=D(150_000),
            rule=Rule.STATUTORY,
            parties=[
                PartyInput(orgs[k]) for k in ("FK", "AF", "Region", "Ludvika", "Smedjebacken")
            ],
        )
    )
    rows = cost_splits.parts_by_organisation(2020)
    assert [(r.organisation, r.split_name) for r in rows][:3] == [
        ("Försäkringskassan", "En väg in – drift"),
        ("Försäkringskassan", "Gemensam utvärdering"),
        ("Arbetsförmedlingen", "En väg in – drift"),
    ]
    fk = rows[1]
    assert (fk.amount, fk.percent, fk.split_total, fk.rule) == (
        D(75_000),
        D("50.00"),
        D(150_000),
        "statutory",
    )
    assert sum(r.amount for r in rows) == D(161_000 + 150_000)
