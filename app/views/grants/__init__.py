"""Grants (bidrag): one blueprint, ``bp`` (endpoints ``grants.*``, under /grants).

- ``routes``: the grant register, one grant's page, own insatser and amendments;
- ``money``: payments, outcomes, budgets, carry-over and the money workbooks;
- ``reports``: project reports, reports due, who works where, closing, the audit bundle;
- ``common``: loading a grant with the object check and drawing its page.
"""

from . import money, reports, routes
from .blueprint import bp

__all__ = ["bp", "money", "reports", "routes"]
