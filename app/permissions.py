"""Who may use which endpoint: one policy, enforced before every request.

Each view declares its roles with ``@allow(...)`` (or ``@public``). A single
``before_request`` hook looks the rule up; an endpoint without a rule is refused
(fail closed), and tests/web/test_permissions.py walks ``app.url_map`` so that a
new route without a rule fails the suite. Object-level checks (projektägare see
only their own organisation's records, locked records) are ``*_or_403`` helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
from flask_login import current_user

from models import Role

from .extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])

ALL_ROLES: frozenset[str] = frozenset(Role)
#: Everyone working for or overseeing the förbund; projektägare see only their own things.
OFFICE_READERS: frozenset[str] = frozenset(
    {Role.FORBUNDSCHEF, Role.STYRELSELEDAMOT, Role.EKONOM, Role.REVISOR}
)
CHEF_ONLY: frozenset[str] = frozenset({Role.FORBUNDSCHEF})
MONEY_WRITERS: frozenset[str] = frozenset({Role.FORBUNDSCHEF, Role.EKONOM})
AUDIT_READERS: frozenset[str] = frozenset({Role.FORBUNDSCHEF, Role.REVISOR})
#: Write an application's content; which applications is decided per object.
APPLICATION_WRITERS: frozenset[str] = frozenset({Role.FORBUNDSCHEF, Role.PROJEKTAGARE})

PUBLIC = frozenset({"__public__"})
_ATTR = "_samordna_roles"

#: Endpoints served by extensions (static files); they need no log-in.
EXTENSION_ENDPOINTS = ("static", "bootstrap.static")


def allow(*roles: str | Iterable[str]) -> Callable[[F], F]:
    """Declare which roles may call a view; anything else gets 403."""
    allowed: set[str] = set()
    for role in roles:
        allowed.update([role] if isinstance(role, str) else role)

    def decorate(view: F) -> F:
        setattr(view, _ATTR, frozenset(allowed))
        return view

    return decorate


def public(view: F) -> F:
    """Mark a view as reachable without logging in (the log-in page itself)."""
    setattr(view, _ATTR, PUBLIC)
    return view


def rule_for(app: Flask, endpoint: str) -> frozenset[str] | None:
    """The declared roles of an endpoint; ``PUBLIC``; or None when none were declared."""
    if endpoint in EXTENSION_ENDPOINTS:
        return PUBLIC
    view = app.view_functions.get(endpoint)
    return getattr(view, _ATTR, None)


def may(endpoint: str, role: str | None = None) -> bool:
    """Whether the current user (or ``role``) may call ``endpoint``; used by the navigation."""
    rule = rule_for(current_app, endpoint)
    if rule is None:
        return False
    if rule is PUBLIC:
        return True
    if role is None:
        if not current_user.is_authenticated:
            return False
        role = current_user.role
    return role in rule


def enforce() -> Any:
    """before_request: refuse anonymous users and wrong roles, fail closed on undeclared views."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # 404/405 follow
    rule = rule_for(current_app, endpoint)
    if rule is None:
        current_app.logger.error("endpoint %s has no permission rule", endpoint)
        abort(403)
    if rule is PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in rule:
        abort(403)
    return None


def require_organisation_or_403(organisation_id: int | None) -> None:
    """Projektägare may touch only their own organisation's records; others pass."""
    if current_user.role == Role.PROJEKTAGARE and organisation_id != current_user.organisation_id:
        abort(403)


def register(app: Flask) -> None:
    """Install the policy hook and the ``may`` template helper."""
    app.before_request(enforce)
    app.jinja_env.globals["may"] = may
