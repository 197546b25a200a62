"""The landing page each role sees after logging in."""

from __future__ import annotations

from flask import redirect, render_template, session, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from models import Forbund, Organisation, User, db

from ...permissions import ALL_ROLES, allow, public
from .blueprint import bp
from .dashboard import panel_context


@bp.route("/")
@allow(ALL_ROLES)
def index() -> str:
    """Overview of the förbund for the logged-in user."""
    forbund = db.session.get(Forbund, 1)
    members = db.session.scalars(
        select(Organisation).where(Organisation.is_member.is_(True)).order_by(Organisation.position)
    ).all()
    user_count = db.session.scalar(select(func.count(User.id)).where(User.active.is_(True)))
    return render_template(
        "dashboard/landing.html",
        forbund=forbund,
        members=members,
        user_count=user_count,
        **panel_context(),
    )


@bp.route("/lang/<code>", methods=["POST"])
@public
def set_language(code: str) -> Response:
    """Language for visitors who are not logged in (logged-in users choose under Account)."""
    if code in ("sv", "en"):
        session["lang"] = code
    return redirect(
        url_for("main.index") if current_user.is_authenticated else url_for("auth.login")
    )
