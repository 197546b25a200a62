"""Budget against outcome, unspent money (repay or carry over) and the register's figures."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask

from app import paging
from app.services.grants import figures as grant_figures
from app.services.grants import lifecycle as grants
from app.services.grants import outcomes, payments
from app.services.grants import register as grant_register
from app.services.grants.rules import GrantError

from .test_grants_factories import grant, org

D = Decimal
LATER = date(2027, 6, 1)  # every demo year is finished then


def test_budget_and_outcome_side_by_side_with_difference(app_ctx: Flask) -> None:
    g = grant(years={2025: "100000"})
    outcomes.set_budget(g, year=2025, category="personnel", amount=D("80000"))
    outcomes.set_budget(g, year=2025, category="travel", amount=D("20000"))
    outcomes.set_outcome(g, year=2025, category="personnel", amount=D("83000.50"), user=None)
    outcomes.set_outcome(g, year=2025, category="material", amount=D("1500"), user=None)
    [comparison] = grant_figures.budget_vs_outcome(g, today=LATER)
    rows = {r.category: (r.budget, r.outcome, r.difference) for r in comparison.rows}
    assert rows == {
        "personnel": (D("80000.00"), D("83000.50"), D("-3000.50")),
        "travel": (D("20000.00"), D("0.00"), D("20000.00")),
        "material": (D("0.00"), D("1500.00"), D("-1500.00")),
    }
    assert comparison.figures.budget == D("100000.00")
    assert comparison.figures.outcome == D("84500.50")
    assert comparison.difference == D("15499.50")


def test_a_second_figure_for_the_same_period_is_refused_not_silently_replacing(
    app_ctx: Flask,
) -> None:
    g = grant(years={2025: "1000"})
    first = outcomes.set_outcome(g, year=2025, category="travel", amount=D("100"), user=None)
    with pytest.raises(outcomes.OutcomeError, match="Resor 2025 har redan ett utfall på 100\xa0kr"):
        outcomes.set_outcome(g, year=2025, category="travel", amount=D("150"), user=None)
    assert grants.outcome_in_year(2025) == D("100.00")
    outcomes.correct_outcome(first, amount=D("150"), comment="Kvitto saknades", user=None)
    assert grants.outcome_in_year(2025) == D("150.00")
    (changes,) = outcomes.history([first]).values()
    assert [(c.action, c.old, c.new) for c in changes] == [
        ("insert", None, D("100.00")),
        ("update", D("100.00"), D("150.00")),
    ]
    assert changes[1].comment == "Kvitto saknades"


def test_monthly_outcomes_add_up_and_do_not_mix_with_a_whole_year(app_ctx: Flask) -> None:
    g = grant(years={2025: "10000"})
    for month, amount in ((1, "120"), (2, "80.50"), (3, "99.50")):
        outcomes.set_outcome(
            g, year=2025, month=month, category="travel", amount=D(amount), user=None
        )
    assert grants.outcome_in_year(2025) == D("300.00")
    (comparison,) = grant_figures.budget_vs_outcome(g)
    assert {r.category: r.outcome for r in comparison.rows}["travel"] == D("300.00")
    with pytest.raises(outcomes.OutcomeError, match="2025-02 har redan"):
        outcomes.set_outcome(g, year=2025, month=2, category="travel", amount=D("1"), user=None)
    with pytest.raises(outcomes.OutcomeError, match="två gånger"):
        outcomes.set_outcome(g, year=2025, category="travel", amount=D("300"), user=None)
    with pytest.raises(outcomes.OutcomeError):
        outcomes.set_outcome(g, year=2025, month=13, category="travel", amount=D("1"), user=None)


def test_outcome_is_refused_for_a_year_without_grant_and_when_negative(app_ctx: Flask) -> None:
    g = grant(years={2025: "1000"})
    with pytest.raises(outcomes.OutcomeError):
        outcomes.set_outcome(g, year=2026, category="travel", amount=D("1"), user=None)
    with pytest.raises(outcomes.OutcomeError):
        outcomes.set_outcome(g, year=2025, category="travel", amount=D("-1"), user=None)
    with pytest.raises(outcomes.OutcomeError):
        outcomes.set_outcome(g, year=2025, category="lunch", amount=D("1"), user=None)


def test_unspent_money_of_a_finished_year_is_to_be_repaid(app_ctx: Flask) -> None:
    g = grant(years={2025: "100000", 2026: "100000"})
    payments.record_payment(g, year=2025, amount=D("100000"), paid_on=date(2025, 1, 5), user=None)
    payments.record_payment(g, year=2026, amount=D("50000"), paid_on=date(2026, 1, 5), user=None)
    outcomes.set_outcome(g, year=2025, category="personnel", amount=D("91234.56"), user=None)
    outcomes.set_outcome(g, year=2026, category="personnel", amount=D("20000"), user=None)
    y2025, y2026 = grant_figures.year_figures(g, today=date(2026, 11, 23))
    assert (y2025.unspent, y2025.to_repay, y2025.remaining) == (
        D("8765.44"),
        D("8765.44"),
        D("0.00"),
    )
    assert not y2025.settled
    assert (y2026.unspent, y2026.to_repay, y2026.remaining) == (
        D("30000.00"),
        D("0.00"),
        D("50000.00"),
    )


def test_carry_over_decided_by_the_board_replaces_repayment(app_ctx: Flask) -> None:
    g = grant(years={2025: "1000"})
    payments.record_payment(g, year=2025, amount=D("1000"), paid_on=date(2025, 1, 5), user=None)
    outcomes.set_outcome(g, year=2025, category="other", amount=D("700"), user=None)
    with pytest.raises(GrantError):
        outcomes.set_carry_over(g, 2025, carry_over=True, reference=" ")
    outcomes.set_carry_over(g, 2025, carry_over=True, reference="§ 8, Sammanträde 1/2026")
    [figures] = grant_figures.year_figures(g, today=LATER)
    assert (figures.to_repay, figures.carried_over, figures.settled) == (
        D("0.00"),
        D("300.00"),
        True,
    )
    assert figures.carry_over_reference == "§ 8, Sammanträde 1/2026"


def test_outcome_above_grant_is_settled_when_all_granted_is_paid(app_ctx: Flask) -> None:
    g = grant(years={2025: "1000"})
    payments.record_payment(g, year=2025, amount=D("1000"), paid_on=date(2025, 1, 5), user=None)
    outcomes.set_outcome(g, year=2025, category="personnel", amount=D("1200"), user=None)
    [figures] = grant_figures.year_figures(g, today=LATER)
    assert figures.settled and figures.to_repay == D("0.00")


def test_register_filters_and_totals_per_year(app_ctx: Flask) -> None:
    ame, ifo = org("AME"), org("IFO")
    a = grant(ame, {2025: "100", 2026: "200"}, name="A", insats_type="individual")
    grant(ifo, {2026: "50.50"}, name="B", insats_type="structural")
    payments.record_payment(a, year=2026, amount=D("20"), paid_on=date(2026, 1, 5), user=None)
    everything = grant_register.register(grant_register.RegisterFilter())
    assert [r.grant.name for r in everything.rows] == ["A", "B"]
    assert {y: t.granted for y, t in everything.totals.items()} == {
        2025: D("100.00"),
        2026: D("250.50"),
    }
    assert everything.totals[2026].paid == D("20.00")
    assert everything.totals[2026].remaining == D("230.50")
    for year, total in everything.totals.items():
        assert total.granted == grants.granted_in_year(year)
    only_2025 = grant_register.register(grant_register.RegisterFilter(year=2025))
    assert [r.grant.name for r in only_2025.rows] == ["A"] and list(only_2025.totals) == [2025]
    by_org = grant_register.register(grant_register.RegisterFilter(organisation_id=ifo.id))
    assert [r.grant.name for r in by_org.rows] == ["B"]
    by_type = grant_register.register(grant_register.RegisterFilter(insats_type="structural"))
    assert [r.grant.name for r in by_type.rows] == ["B"]
    assert grant_register.register(grant_register.RegisterFilter(status="closed")).rows == []


def test_register_years_run_from_the_first_grant_year_to_the_last_and_the_shown_ones(
    app_ctx: Flask,
) -> None:
    assert grant_register.register_years(2026) == [2026]
    assert grant_register.register_years(2026, None) == [2026]
    grant(org("AME"), {2021: "100", 2022: "100"}, name="A")
    grant(org("IFO"), {2024: "50"}, name="B")
    assert grant_register.register_years(2026) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert grant_register.register_years(2023) == [2021, 2022, 2023, 2024]
    assert grant_register.register_years(2023, 2019) == [2019, 2020, 2021, 2022, 2023, 2024]


def _random_grants(rng: random.Random) -> None:
    """Grants with random years, payments, outcomes and budgets, for the sums below."""
    owners = [org("AME"), org("IFO"), org("Region")]
    for n in range(17):
        first = rng.choice([2024, 2025, 2026])
        years = {y: D(rng.randrange(10_000, 900_000)) / 100 for y in range(first, 2027)}
        g = grant(
            rng.choice(owners),
            years,
            name=f"Insats {n:02d}",
            insats_type=rng.choice(["individual", "structural", "project"]),
        )
        for year, amount in years.items():
            paid = (amount * D(rng.randrange(0, 101)) / 100).quantize(D("0.01"))
            if paid:
                payments.record_payment(
                    g, year=year, amount=paid, paid_on=date(year, 3, 1), user=None
                )
            for category in rng.sample(["personnel", "travel", "material", "premises"], 2):
                cost = D(rng.randrange(0, 50_000_00)) / 100
                outcomes.set_outcome(g, year=year, category=category, amount=cost, user=None)
                outcomes.set_budget(g, year=year, category=category, amount=cost + 100)


def _shape(rows: list[grant_register.RegisterRow]) -> list[tuple[object, ...]]:
    return [
        (r.grant.name, year, f.granted, f.paid, f.outcome, f.budget, f.to_repay)
        for r in rows
        for year, f in r.years.items()
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sql_totals_pages_and_comparisons_equal_the_per_grant_figures(
    app_ctx: Flask, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register's SQL totals, its paging and the year workbook's bulk comparisons
    give what each grant's own figures give."""
    monkeypatch.setattr(paging, "PER_PAGE", 7)
    _random_grants(random.Random(seed))
    for filters in (
        grant_register.RegisterFilter(),
        grant_register.RegisterFilter(year=2025),
        grant_register.RegisterFilter(insats_type="structural"),
        grant_register.RegisterFilter(year=2026, insats_type="structural"),
    ):
        whole = grant_register.register(filters, today=LATER)
        by_year: dict[int, grant_figures.YearFigures] = {}
        for row in whole.rows:
            for year, f in row.years.items():
                by_year.setdefault(year, grant_figures.YearFigures(year=year)).add(f)
        totals = grant_register.register_totals(filters)
        assert list(totals.totals) == sorted(by_year)
        for year, f in by_year.items():
            got = totals.totals[year]
            assert (got.granted, got.paid, got.outcome, got.budget) == (
                f.granted,
                f.paid,
                f.outcome,
                f.budget,
            )
        assert totals.total.paid == sum((f.paid for f in by_year.values()), D(0))
        first = grant_register.register_page(filters, None, today=LATER)
        pages = [
            grant_register.register_page(filters, n, today=LATER) for n in range(1, first.pages + 1)
        ]
        assert first.total == len(whole.rows) and first.pages == -(-len(whole.rows) // 7)
        assert _shape([r for p in pages for r in p.items]) == _shape(whole.rows)
    year_rows = grant_register.register(grant_register.RegisterFilter(year=2026), today=LATER).rows
    bulk = grant_register.register_comparisons(year_rows)
    for row in year_rows:
        one = [
            c for c in grant_figures.budget_vs_outcome(row.grant, LATER) if c.figures.year == 2026
        ]
        assert [(c.figures.year, c.rows, c.difference) for c in bulk[row.grant.id]] == [
            (c.figures.year, c.rows, c.difference) for c in one
        ]
