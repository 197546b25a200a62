"""The demo förbund's PO-pålägg: SKR's published rates, and its own where SKR has none.

SKR's rates (2019–2023) come from the service's table. For the other years the demo
uses (2016–2017 for En väg in, 2024–2029 for current and coming applications) the
förbund has entered its own planning figures, and for state employers (FK, AF), where
SKR publishes nothing, its own 48 %: all marked "Entered by the förbund".
"""

from __future__ import annotations

from decimal import Decimal

from ..services.money import po_rates

ORDER = 15

#: The förbund's own figures: {employer: {year: rate}}.
OWN_RATES: dict[str, dict[int, Decimal]] = {
    "kommun": {
        2016: Decimal("38.46"),
        2017: Decimal("38.46"),
        **dict.fromkeys(range(2024, 2030), Decimal("44.53")),
    },
    "region": {
        2016: Decimal("44.13"),
        2017: Decimal("44.13"),
        **dict.fromkeys(range(2024, 2030), Decimal("52.28")),
    },
    "state": dict.fromkeys(range(2016, 2030), Decimal("48.00")),
}


def seed(context: dict) -> None:
    """SKR's rates, then the förbund's own figures for the years the demo needs."""
    po_rates.seed_skr_rates()
    for employer, years in OWN_RATES.items():
        for year, rate in years.items():
            if po_rates.rate_row(employer, year) is None:
                po_rates.set_rate(year, employer, rate, source="forbund")
