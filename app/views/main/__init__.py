"""What belongs to no area: one blueprint, ``bp`` (endpoints ``main.*``, no URL prefix).

- ``routes``: the landing page (/) and the visitor's language choice (/lang/<code>);
- ``dashboard``: each role's figures for a year (/dashboard/), also shown on the landing page;
- ``health``: the health check for monitoring and the benchmarks (/healthz);
- ``favicon``: the site icon at /favicon.ico (the SVG in app/static).
"""

from . import dashboard, favicon, health, routes
from .blueprint import bp

__all__ = ["bp", "dashboard", "favicon", "health", "routes"]
