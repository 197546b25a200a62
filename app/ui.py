"""Template helpers shared by every page: navigation, role names, the förbund's name."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models.user import ROLE_LABELS

from .permissions import may
from .services.forbund import current_forbund

#: The main menu in display order; each entry is shown only to roles that may use it.
NAVIGATION = (
    ("main.index", _l("Overview")),
    ("applications.index", _l("Applications")),
    ("meetings.index", _l("Board meetings")),
    ("grants.index", _l("Grants")),
    ("plans.index", _l("Operational plan")),
    ("money.contributions", _l("Money")),
    ("parties.index", _l("Parties")),
    ("admin.users", _l("Users")),
    ("admin.audit_log", _l("Audit trail")),
    ("admin.settings", _l("Settings")),
)

#: Entries of the user menu (beside "My account" and "Log out"), so the main menu fits at 1 280 px.
USER_MENU = (("admin.outbox", _l("Outbox")),)


def _allowed(entries: tuple[tuple[str, Any], ...]) -> list[tuple[str, str, str, str]]:
    """(endpoint, blueprint, url, label) for the entries the current user may use."""
    role = current_user.role if current_user.is_authenticated else None
    return [
        (endpoint, endpoint.split(".")[0], url_for(endpoint), str(label))
        for endpoint, label in entries
        if endpoint in current_app.view_functions and may(endpoint, role)
    ]


def nav_items() -> list[tuple[str, str, str, str]]:
    """The menu the current user may use: (endpoint, blueprint, url, label) per entry."""
    return _allowed(NAVIGATION)


def user_menu_items() -> list[tuple[str, str, str, str]]:
    """The user menu's extra entries the current user may use (the Outbox for the chef)."""
    return _allowed(USER_MENU)


def role_label(role: str) -> str:
    """The role's name in the user's language."""
    return str(ROLE_LABELS.get(role, role))


def forbund_context() -> dict[str, Any]:
    """``forbund`` in every template: the layout's footer and the printed pages name it."""
    return {"forbund": current_forbund()}


def register(app: Flask) -> None:
    """Expose the helpers to templates."""
    app.context_processor(forbund_context)
    app.jinja_env.globals.update(
        nav_items=nav_items,
        user_menu_items=user_menu_items,
        role_label=role_label,
        current_locale=lambda: str(get_locale() or "sv"),
    )
