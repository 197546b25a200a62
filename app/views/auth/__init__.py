"""Log-in and the user's own account: one blueprint, ``bp`` (endpoints ``auth.*``, under /auth).

- ``routes``: log-in, log-out, the account page and the keep-alive and status of the
  session timeout script (app/static/js/session-timeout.js);
- ``mail``: the kinds of e-mail the user receives (Mitt konto);
- ``sessions``: starting, checking and ending a session (versions, idle and absolute
  limits) and the ``next`` target after log-in.
"""

from . import mail, routes, sessions
from .blueprint import bp

__all__ = ["bp", "mail", "routes", "sessions"]
