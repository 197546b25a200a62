"""Board meetings: one blueprint, ``bp`` (endpoints ``meetings.*``, under /meetings).

- ``routes``: the year's meetings, planning one, the agenda, the kallelse and the protocol;
- ``items``: one item at a time (underlag, jäv, the funds check, the decision) and
  attendance;
- ``justering``: electing the justerare, the justering that locks the meeting, and
  omedelbar justering of one §;
- ``documents``: the protocol's print view and files, anslag, protokollsutdrag,
  beslutsmeddelande and the meeting's .ics;
- ``mail``: sending the kallelse by e-mail (and a reviderad kallelse);
- ``conduct``: who steps in and who chairs at jäv, the omröstning, reservations and
  protokollsanteckningar on an item;
- ``common``: loading a meeting or an item, the lock check and member choices.

Every write goes through a service that refuses a justerat meeting; a domain error is
rolled back and flashed on the page.
"""

from . import conduct, documents, items, justering, mail, routes
from .blueprint import bp

__all__ = ["bp", "conduct", "documents", "items", "justering", "mail", "routes"]
