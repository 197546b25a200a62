"""The dashboard: each role's figures for a year, with SVG charts and their numbers as tables.

The landing page (``main.index``) shows the same panel through :func:`panel_context`.
"""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user

from models import plan as plan_terms
from models.plan import CATEGORY_LABELS

from ... import clock
from ...formatting import isodate
from ...permissions import ALL_ROLES, allow
from ...services.plans import charts
from ...services.plans.dashboard import Dashboard, dashboard_for
from ..charts import equity_chart
from ..query import asked_year
from .blueprint import bp


def _year() -> int:
    return asked_year() or clock.today().year


def panel_context(year: int | None = None) -> dict[str, Any]:
    """The dashboard of the logged-in user for a year, ready for ``dashboard/_panel.html``."""
    today = clock.today()
    year = year or today.year
    board = dashboard_for(current_user, year, today)
    return {"board": board, "labels": plan_terms, "today": today, **_charts(board)}


def _line_label(row: Any) -> str:
    name = str(CATEGORY_LABELS.get(row.category, row.category))
    return f"{name}: {row.name}" if row.name else name


def _charts(board: Dashboard) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if board.own_only:
        names = [row["grant"].name for row in board.grant_rows]
        found["grant_chart"] = charts.bar_chart(
            "own",
            _("Granted and paid per grant, %(year)s", year=board.year),
            _("Bars per grant: granted (solid) and paid (hatched), with the amounts written."),
            names,
            [
                charts.Series(_("Granted"), [r["granted"] for r in board.grant_rows]),
                charts.Series(_("Paid"), [r["paid"] for r in board.grant_rows]),
            ],
        )
        return found
    if board.money is not None:
        rows = board.money.costs
        until = isodate(board.period.end_date if board.period else board.as_of)
        found["line_rows"] = rows
        found["until"] = until
        found["line_chart"] = charts.bar_chart(
            "lines",
            _("Budget and outcome per line, %(year)s", year=board.year),
            _(
                "Bars per budget line: the year's budget (solid) and the outcome to %(date)s "
                "(hatched), with the amounts written.",
                date=until,
            ),
            [_line_label(r) for r in rows],
            [
                charts.Series(_("Budget"), [r.budget for r in rows]),
                charts.Series(_("Outcome to %(date)s", date=until), [r.outcome for r in rows]),
            ],
        )
    if board.equity:
        found["equity_chart"] = equity_chart(board.equity)
    return found


@bp.route("/dashboard/")
@allow(ALL_ROLES)
def dashboard() -> str:
    """The dashboard for a chosen year."""
    year = _year()
    return render_template("dashboard/index.html", year=year, **panel_context(year))
