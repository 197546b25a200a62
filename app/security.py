"""Security headers on every response and friendly error pages that leak nothing.

Over https (``request.is_secure``, which behind a proxy relies on ProxyFix and the
trusted ``X-Forwarded-Proto``) the response also carries Strict-Transport-Security,
so the browser never again tries the site over plain http. Over http it is not
sent: browsers ignore it there, and a site first tried on http must stay reachable.
``HSTS_MAX_AGE`` (seconds; 365 days by default) and ``HSTS_INCLUDE_SUBDOMAINS``
configure it.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, redirect, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from models import db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_headers(response: Response) -> Response:
    """Apply the headers; pages with user data are not cached by shared caches."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", hsts_value())
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def hsts_value() -> str:
    """The Strict-Transport-Security value from the configuration."""
    value = f"max-age={int(current_app.config['HSTS_MAX_AGE'])}"
    if current_app.config["HSTS_INCLUDE_SUBDOMAINS"]:
        value += "; includeSubDomains"
    return value


def _page_above(path: str) -> str | None:
    """The nearest page above ``path`` that answers a GET (/meetings/9/items → /meetings/9)."""
    adapter = current_app.url_map.bind("")
    parts = path.rstrip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/".join(parts) or "/"
        if candidate.startswith("//"):  # never a path another host could be read from
            return None
        for url in (candidate, candidate + "/"):
            try:
                adapter.match(url, method="GET")
            except HTTPException:
                continue
            return url
    return None


def _error_page(status: int, title: str, message: str) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, title=title, message=message), status


def register(app: Flask) -> None:
    """Install the header hook and the error handlers."""
    app.after_request(add_headers)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return _error_page(
            400,
            _("The form could not be accepted"),
            _(
                "The form's security token was missing or had expired. "
                "Go back, reload the page and try again."
            ),
        )

    @app.errorhandler(403)
    def forbidden(error: HTTPException) -> tuple[str, int]:
        return _error_page(
            403, _("Not allowed"), _("Your role does not allow you to see or do this.")
        )

    @app.errorhandler(404)
    def not_found(error: HTTPException) -> tuple[str, int]:
        return _error_page(404, _("Page not found"), _("There is no page at this address."))

    @app.errorhandler(405)
    def form_address(error: HTTPException) -> Response | tuple[str, int]:
        # A refused form leaves its target (/applications/15/lines) in the address bar;
        # opened again it is a GET. Go to the page the form belongs to when there is one.
        parent = _page_above(request.path) if request.method in ("GET", "HEAD") else None
        if parent is not None:
            return redirect(parent)
        return _error_page(
            405,
            _("This address takes a form"),
            _("The address is where a form is sent, not a page. Go back to the page."),
        )

    @app.errorhandler(413)
    def too_large(error: HTTPException) -> tuple[str, int]:
        return _error_page(
            413,
            _("Too large"),
            _("What you sent is larger than Samordna accepts (10 MB per file)."),
        )

    @app.errorhandler(StaleDataError)
    def lost_race(error: StaleDataError) -> tuple[str, int]:
        # Two people saved the same record at once and the other was first; the
        # views that edit such records say so beside the form, this is the backstop.
        db.session.rollback()
        return _error_page(
            409,
            _("Someone else saved first"),
            _(
                "Someone else saved the same record a moment before you, so your change "
                "was not saved. Go back, reload the page and make your change again."
            ),
        )

    @app.errorhandler(500)
    def server_error(error: Exception) -> tuple[str, int]:
        db.session.rollback()  # the page itself must be able to read the user
        return _error_page(
            500,
            _("Something went wrong"),
            _("The error has been logged. Nothing you saved before this was lost."),
        )
