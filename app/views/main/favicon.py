"""The site icon: ``/favicon.ico`` answers with the SVG in app/static, never a 404."""

from __future__ import annotations

from flask import Response, current_app, send_from_directory

from ...permissions import public
from .blueprint import bp


@bp.route("/favicon.ico")
@public
def favicon() -> Response:
    """The SVG icon for browsers that ask for /favicon.ico before reading the page's <link>."""
    return send_from_directory(
        current_app.static_folder or "static", "favicon.svg", mimetype="image/svg+xml"
    )
