"""Administration: one blueprint, ``bp`` (endpoints ``admin.*``, under /admin).

- ``routes``: users, the förbund's settings, the audit trail, its workbook and the log-in log;
- ``po_rates``: the förbund's PO-pålägg per year and kind of employer;
- ``audit_rows``: how an audit entry reads for a revisor (Swedish names, Stockholm time, links).
"""

from . import audit_rows, po_rates, routes
from .blueprint import bp

__all__ = ["audit_rows", "bp", "po_rates", "routes"]
