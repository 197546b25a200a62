"""Health checks for the load balancer, monitoring and the benchmarks' baseline.

``/healthz`` answers without a session or a template: it only asks the database
for ``SELECT 1``. The benchmarks use it as the trivial endpoint every page's
latency is compared with, served by the same gunicorn in the same run.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from models import db

from ...permissions import public
from .blueprint import bp


@bp.route("/healthz")
@public
def healthz() -> tuple[str, int, dict[str, str]]:
    """200 "ok" when the app can reach its database, else 503 (and the pool retries)."""
    headers = {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return "database unavailable\n", 503, headers
    return "ok\n", 200, headers
