"""The verksamhetsplan: one blueprint, ``bp`` (endpoints ``plans.*``, under /plans).

- ``routes``: the plans and their versions, editing, revising and adoption;
- ``goals``: goals, indicators, typed budget lines and insatser;
- ``followup``: follow-up per period, the delårsrapport and their workbooks;
- ``equity``: equity over the years, the recommended-level steps, the budget workbook;
- ``common``: loading, the form-page pattern, the lock, § choices and workbooks.
"""

from . import equity, followup, goals, routes
from .blueprint import bp

__all__ = ["bp", "equity", "followup", "goals", "routes"]
