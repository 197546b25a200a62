"""Staff time and cost: the rules of docs/domain.md (Staff cost, PO-pålägg)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.money.staffing import (
    Allocation,
    StaffingError,
    check_allocation,
    peak_allocation,
    percent_from_hours,
    yearly_staff_cost,
)


def test_twelve_hours_of_forty_is_thirty_percent() -> None:
    assert percent_from_hours(Decimal(12)) == Decimal("30.00")
    assert percent_from_hours(Decimal(20), Decimal("37.5")) == Decimal("53.33")


def test_hours_beyond_full_week_refused() -> None:
    with pytest.raises(StaffingError):
        percent_from_hours(Decimal(41))


def test_yearly_cost_matches_the_en_vag_in_seed() -> None:
    # 30 % at about 375 600 kr/year (31 300 kr/month) with 38.46 % PO ≈ 156 000 kr
    cost = yearly_staff_cost(Decimal(375_600), Decimal(30), Decimal("38.46"))
    assert cost == Decimal("156016.73")
    assert yearly_staff_cost(Decimal(600_000), Decimal(100), Decimal(40), 6) == Decimal("420000.00")


@given(
    st.decimals(min_value=0, max_value=2_000_000, places=2),
    st.decimals(min_value=0, max_value=100, places=2),
    st.integers(min_value=0, max_value=12),
)
def test_cost_never_exceeds_full_time_with_po(
    salary: Decimal, percent: Decimal, months: int
) -> None:
    cost = yearly_staff_cost(salary, percent, Decimal("44.53"), months)
    assert Decimal(0) <= cost <= (salary * Decimal("1.4453")).quantize(Decimal("0.01")) + 1


def _a(percent: int, start: str, end: str, label: str = "x", person: str = "Anna") -> Allocation:
    return Allocation(
        person, Decimal(percent), date.fromisoformat(start), date.fromisoformat(end), label
    )


def test_overallocation_refused_naming_the_others() -> None:
    existing = [
        _a(60, "2026-01-01", "2026-12-31", "En väg in"),
        _a(30, "2026-07-01", "2027-06-30", "Trisam"),
    ]
    with pytest.raises(StaffingError) as caught:
        check_allocation(_a(20, "2026-09-01", "2026-10-31", "Vägen in"), existing)
    message = str(caught.value)
    assert "En väg in" in message and "Trisam" in message and "110" in message


def test_allocations_that_do_not_overlap_are_fine() -> None:
    existing = [_a(80, "2026-01-01", "2026-06-30"), _a(80, "2026-07-01", "2026-12-31", person="Bo")]
    check_allocation(_a(20, "2026-01-01", "2026-12-31"), existing)
    check_allocation(_a(100, "2026-07-01", "2026-12-31"), existing)


def test_peak_counts_end_days_inclusively() -> None:
    assert (
        peak_allocation([_a(50, "2026-01-01", "2026-03-31"), _a(60, "2026-03-31", "2026-05-01")])
        == 110
    )
    assert (
        peak_allocation([_a(50, "2026-01-01", "2026-03-30"), _a(60, "2026-03-31", "2026-05-01")])
        == 60
    )
