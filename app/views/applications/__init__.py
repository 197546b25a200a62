"""Applications for funds: one blueprint, ``bp`` (endpoints ``applications.*``).

- ``routes``: list, create, edit, read, print, history, status steps and beredning;
- ``budget``: the cost, staff and co-financing lines on the edit page, the budget workbook;
- ``line_edits``: a cost, staff or co-financing line changed in place on a page of its own;
- ``parts``: co-applicants, planned participants and attachments;
- ``common``: the object check (``get_application_or_403``), the edit page, template filters.
"""

from . import budget, line_edits, parts, routes
from .blueprint import bp

__all__ = ["bp", "budget", "line_edits", "parts", "routes"]
