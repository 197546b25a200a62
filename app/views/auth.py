"""Log-in, log-out and the user's own settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from forms.auth import ChangePasswordForm, LoginForm, ProfileForm
from models import db
from models.base import utcnow

from ..permissions import ALL_ROLES, allow, public
from ..services.admin import accounts

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target: str | None) -> str:
    """Only local paths are followed after log-in (no open redirect)."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target:
            return target
    return url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> str | Response:
    """Show the log-in form and log the user in, throttling repeated failures."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data or ""
        config = current_app.config
        locked = accounts.minutes_locked(
            email, config["LOGIN_MAX_FAILURES"], config["LOGIN_WINDOW_MINUTES"]
        )
        if locked:
            form.email.errors.append(
                _(
                    "Too many failed log-ins for this account. Try again in %(minutes)d minutes.",
                    minutes=locked,
                )
            )
            return render_template("auth/login.html", form=form), 429
        user = accounts.authenticate(email, form.password.data or "")
        accounts.record_attempt(email, user is not None, request.remote_addr or "")
        if user is None:
            db.session.commit()
            form.password.errors.append(_("Wrong e-mail address or password."))
            return render_template("auth/login.html", form=form), 200
        user.last_login_at = utcnow()
        db.session.commit()
        login_user(user)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@allow(ALL_ROLES)
@login_required
def logout() -> Response:
    """Log out (POST only, so a link on another site cannot do it)."""
    logout_user()
    flash(_("You have been logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@allow(ALL_ROLES)
def account() -> str | Response:
    """The user's own language and password."""
    profile = ProfileForm(prefix="profile", obj=current_user)
    password = ChangePasswordForm(prefix="pw")
    if profile.submit.data and profile.validate_on_submit():
        current_user.locale = profile.locale.data
        db.session.commit()
        flash(_("Your settings have been saved."), "success")
        return redirect(url_for("auth.account"))
    if password.submit.data and password.validate_on_submit():
        if not current_user.check_password(password.current.data or ""):
            password.current.errors.append(_("The current password is wrong."))
        else:
            current_user.set_password(password.password.data or "")
            db.session.commit()
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", profile=profile, password=password)
