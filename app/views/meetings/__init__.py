"""Board meetings: one blueprint, ``bp`` (endpoints ``meetings.*``, under /meetings).

- ``routes``: the year's meetings, planning one, the agenda, the kallelse and the protocol;
- ``items``: one item at a time (underlag, jäv, the funds check, the decision),
  attendance and the justering that locks the meeting;
- ``documents``: the protocol's print view and files, anslag, protokollsutdrag and
  beslutsmeddelande;
- ``mail``: sending the kallelse by e-mail (and a reviderad kallelse);
- ``common``: loading a meeting or an item, the lock check and member choices.

Every write goes through a service that refuses a justerat meeting; a domain error is
rolled back and flashed on the page.
"""

from . import documents, items, mail, routes
from .blueprint import bp

__all__ = ["bp", "documents", "items", "mail", "routes"]
