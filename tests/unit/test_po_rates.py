"""PO-pålägg per year is data the förbund keeps: SKR's rates seeded, no year reused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.money import po_rates
from app.services.money.po_rates import PoRateError
from models import PoRate, db

D = Decimal


def test_skr_rates_are_seeded_and_no_year_borrows_another(app_ctx: Flask) -> None:
    db.session.execute(PoRate.__table__.delete())  # the migration's rows, if still there
    assert po_rates.seed_skr_rates() == 9
    assert po_rates.seed_skr_rates() == 0  # idempotent
    assert po_rates.rate_for("kommun", 2019) == D("39.15")
    assert po_rates.rate_for("kommun", 2020) == D("40.15")  # SKR's 2020 rate, not 2019's
    assert po_rates.rate_for("unit", 2023) == D("44.53")  # a unit follows its kommun
    assert po_rates.rate_for("region", 2022) == D("45.22")
    assert po_rates.rate_for("region", 2023) == D("52.28")
    assert po_rates.rate_for("region", 2020) is None  # SKR's table has no region 2020
    for year in (2024, 2025, 2026, 2010):
        assert po_rates.rate_for("kommun", year) is None  # never 2023's figure again
    assert po_rates.rate_for("fk", 2026) is None  # SKR publishes nothing for the state
    rows = db.session.scalars(select(PoRate)).all()
    assert {r.source for r in rows} == {"skr"}


def test_a_missing_rate_is_an_error_naming_the_year(app_ctx: Flask) -> None:
    with pytest.raises(PoRateError, match="2026"):
        po_rates.required_rate("kommun", 2026)


def test_the_forbund_enters_its_own_rates_and_state_is_never_skr(app_ctx: Flask) -> None:
    po_rates.seed_skr_rates()
    state = po_rates.set_rate(2026, "state", D("48.00"), source="skr")
    assert state.source == "forbund"  # no SKR figure exists for state employers
    kommun = po_rates.set_rate(2026, "kommun", D("44.00"))
    assert (kommun.rate, kommun.source) == (D("44.00"), "forbund")
    assert po_rates.rate_for("af", 2026) == D("48.00")
    replaced = po_rates.set_rate(2023, "kommun", D("44.60"))
    assert replaced.source == "forbund" and po_rates.rate_for("kommun", 2023) == D("44.60")
    with pytest.raises(PoRateError):
        po_rates.set_rate(2026, "kommun", D("101"))
    table = po_rates.table()
    assert table[0].year == 2026 and table[0].rates["region"] is None
    po_rates.delete_rate(kommun.id)
    assert po_rates.rate_for("kommun", 2026) is None
