"""Administration: one blueprint, ``bp`` (endpoints ``admin.*``, under /admin).

- ``routes``: users, the förbund's settings, the audit trail, its workbook and the log-in log;
- ``outbox``: the Utkorg, every mail queued, sent or failed;
- ``po_rates``: the förbund's PO-pålägg per year and kind of employer;
- ``audit_rows``: how an audit entry reads for a revisor (Swedish names, Stockholm time, links).
"""

from . import audit_rows, outbox, po_rates, routes
from .blueprint import bp

__all__ = ["audit_rows", "bp", "outbox", "po_rates", "routes"]
