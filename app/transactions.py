"""A request that only read ends its transaction with COMMIT on PostgreSQL.

psycopg prepares a statement the fifth time a connection runs it, so that
PostgreSQL parses and plans it once instead of on every page (0.3–0.5 ms for each
join of a record page on the bench machine). But psycopg forgets every prepared
statement when its connection rolls back, and Flask-SQLAlchemy ends every request
with a rollback, so no statement ever got there. For a transaction that wrote
nothing, COMMIT ends it exactly as ROLLBACK does; so a request that ended without
an error, whose session holds no changes and whose connection sent no write
(models/data_version.has_pending_writes), commits. Any other request ends with the
rollback as before, and SQLite (whose driver keeps its own statement cache) is left
as it was.
"""

from __future__ import annotations

import logging

from flask import Flask

from models import data_version, db

log = logging.getLogger(__name__)


def end_read_only(error: BaseException | None = None) -> None:
    """Commit this context's read-only PostgreSQL transaction (see the module docstring)."""
    if error is not None or not db.session.registry.has():
        return
    session = db.session()
    if not session.in_transaction() or session.get_bind().dialect.name != "postgresql":
        return
    try:
        if not data_version.has_pending_writes(session):
            session.commit()
    except Exception:  # a lost connection: Flask-SQLAlchemy's teardown rolls back and closes
        log.warning("could not end a read-only transaction with COMMIT", exc_info=True)


def register(app: Flask) -> None:
    """At the end of each request, before Flask-SQLAlchemy's teardown of the app context
    closes the session. Only requests: code holding an app context of its own (the CLI,
    tests) may still read the records it loaded after the context ends, which a commit
    would expire."""
    app.teardown_request(end_read_only)
