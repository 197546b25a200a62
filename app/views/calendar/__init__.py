"""Personal calendar feeds: one blueprint, ``bp`` (endpoints ``calendar.*``, under /calendar).

- ``routes``: the feed at its secret address (no log-in: calendar programs cannot)
  and the renewal of that address from Mitt konto.

The meeting's own .ics download is the meetings area's (``meetings.ics``).
"""

from . import routes
from .blueprint import bp

__all__ = ["bp", "routes"]
