"""Charts drawn on more than one area's pages: equity over the years (dashboard and plans)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..services.plans import charts
from ..services.plans.dashboard import EquityPoint


def equity_chart(series: list[EquityPoint]) -> Any:
    """Equity per year against the recommended level."""
    points = [
        charts.ColumnPoint(str(p.year), p.equity, p.check.limit if p.check else None, p.forecast)
        for p in series
    ]
    return charts.column_chart(
        "equity",
        _("Equity over the years"),
        _(
            "Columns per year: equity at year end; hatched with ▲ where above the recommended "
            "level, dotted for forecasts; the dashed mark is the recommended level."
        ),
        points,
        (_("Equity"), _("Forecast"), _("Above the level"), _("Recommended level")),
    )
