"""Template helpers shared by every page: navigation, role names, the förbund's name."""

from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forms.admin import ROLE_LABELS

from .i18n import TranslatedLabels
from .permissions import may
from .services.names import forbund_name, organisation_label, user_name

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


def nav_items() -> tuple[tuple[str, str, str, str], ...]:
    """The menu the current user may use: (endpoint, blueprint, url, label) per entry.

    Built once per role, language and mount point and then reused: it depends on
    nothing else, and building it (a permission check, ``url_for`` and a
    translation per entry) was a tenth of a small page's time.
    """
    role = current_user.role if current_user.is_authenticated else None
    key = (role, str(get_locale() or "sv"), request.script_root)
    menus = current_app.extensions.setdefault("samordna.menus", {})
    if key not in menus:
        menus[key] = tuple(
            (endpoint, endpoint.split(".")[0], url_for(endpoint), str(label))
            for endpoint, label in NAVIGATION
            if endpoint in current_app.view_functions and may(endpoint, role)
        )
    return menus[key]


_ROLES = TranslatedLabels(ROLE_LABELS)


def role_label(role: str) -> str:
    """The role's name in the user's language."""
    return _ROLES.get(role, role)


def register(app: Flask) -> None:
    """Expose the helpers to templates."""
    app.jinja_env.globals.update(
        nav_items=nav_items,
        role_label=role_label,
        forbund_name=forbund_name,
        organisation_label=organisation_label,
        user_name=user_name,
        current_locale=lambda: str(get_locale() or "sv"),
    )
