"""Board meetings: one blueprint, ``bp`` (endpoints ``meetings.*``, under /meetings).

- ``routes``: the year's meetings, planning one, the agenda, the kallelse and the protocol;
- ``items``: one item at a time (underlag, jäv, the funds check, the decision) and
  attendance;
- ``justering``: electing the justerare, the justering that locks the meeting, and
  omedelbar justering of one §;
- ``common``: loading a meeting or an item, the lock check and member choices.

Every write goes through a service that refuses a justerat meeting; a domain error is
rolled back and flashed on the page.
"""

from . import items, justering, routes
from .blueprint import bp

__all__ = ["bp", "items", "justering", "routes"]
