"""Log-in, log-out and the user's own settings."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from forms.auth import ChangePasswordForm, LoginForm, ProfileForm
from models import db
from models.base import utcnow

from ...permissions import ALL_ROLES, allow, public
from ...services.admin import accounts, throttle
from . import sessions
from .blueprint import bp


def _refusal_message(refusal: throttle.Refusal) -> str:
    if refusal.kind == "account":
        return _(
            "Too many failed log-ins for this account. Try again in %(minutes)d minutes.",
            minutes=refusal.minutes,
        )
    return _(
        "Too many failed log-ins from your address. Try again in %(minutes)d minutes.",
        minutes=refusal.minutes,
    )


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> str | Response:
    """Show the log-in form and log the user in, throttling repeated failures.

    A try takes its slot under the limits (committed at once, so parallel tries
    are counted exactly) before the password is checked; a right password gives
    it back. The session is renewed at log-in.
    """
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data or ""
        address = request.remote_addr or ""
        limits = accounts.login_limits(email, address, current_app.config)
        refusal = throttle.take(*limits)
        db.session.commit()
        if refusal is not None:
            form.email.errors.append(_refusal_message(refusal))
            return render_template("auth/login.html", form=form), 429
        user = accounts.authenticate(email, form.password.data or "")
        # End the reading transaction before writing: a read that turns into a write
        # would lose to a parallel log-in on SQLite instead of waiting its turn.
        db.session.commit()
        accounts.record_attempt(email, user is not None, address)
        if user is None:
            db.session.commit()
            form.password.errors.append(_("Wrong e-mail address or password."))
            return render_template("auth/login.html", form=form), 200
        throttle.succeeded(*limits)
        user.last_login_at = utcnow()
        db.session.commit()
        sessions.start(user)
        return redirect(sessions.safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@allow(ALL_ROLES)
@login_required
def logout() -> Response:
    """Log out everywhere (POST only, so a link on another site cannot do it)."""
    current_user.end_sessions()
    db.session.commit()
    sessions.end()
    flash(_("You have been logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@allow(ALL_ROLES)
def account() -> str | Response:
    """The user's own language and password.

    The current-password check is throttled like log-in. A new password ends every
    other session of the user; this one goes on in a renewed session.
    """
    profile = ProfileForm(prefix="profile", obj=current_user)
    password = ChangePasswordForm(prefix="pw")
    if profile.submit.data and profile.validate_on_submit():
        current_user.locale = profile.locale.data
        db.session.commit()
        flash(_("Your settings have been saved."), "success")
        return redirect(url_for("auth.account"))
    if password.submit.data and password.validate_on_submit():
        user = current_user._get_current_object()
        limits = accounts.password_check_limits(user, request.remote_addr or "", current_app.config)
        refusal = throttle.take(*limits)
        db.session.commit()
        if refusal is not None:
            password.current.errors.append(_refusal_message(refusal))
            return render_template("auth/account.html", profile=profile, password=password), 429
        if not user.check_password(password.current.data or ""):
            password.current.errors.append(_("The current password is wrong."))
        else:
            throttle.succeeded(*limits)
            user.set_password(password.password.data or "")
            db.session.commit()
            sessions.start(user)
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", profile=profile, password=password)
