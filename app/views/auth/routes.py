"""Log-in, log-out and the user's own settings."""

from __future__ import annotations

from flask import (
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf
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


def ended_message(reason: str | None) -> str | None:
    """Why the user was logged out, in their language; None after a log-out or none at all."""
    config = current_app.config
    if reason == sessions.IDLE:
        minutes = float(config["SESSION_IDLE_MINUTES"])
        return ngettext(
            "You were logged out after %(minutes)s minute without activity.",
            "You were logged out after %(minutes)s minutes without activity.",
            int(minutes) if minutes.is_integer() else 2,
            minutes=f"{minutes:g}".replace(".", ","),
        )
    if reason == sessions.LIFETIME:
        return ngettext(
            "You were logged out after %(num)d hour, the longest a log-in lasts.",
            "You were logged out after %(num)d hours, the longest a log-in lasts.",
            config["SESSION_LIFETIME_HOURS"],
        )
    return None


def _ended_answer() -> tuple[Response, int]:
    """401 with JSON (never a redirect): the page's script keeps the form and says why."""
    reason = sessions.ended_reason()
    message = ended_message(reason) or _("You are no longer logged in.")
    return jsonify(ended=reason or "logged_out", message=message), 401


@bp.app_context_processor
def _session_limits() -> dict[str, object]:
    """``session_limits()`` for base.html: the limits the timeout script works with."""
    return {"session_limits": sessions.limits}


@bp.route("/keep-alive", methods=["POST"])
@public
def keep_alive() -> tuple[Response, int] | tuple[str, int]:
    """Count the user's typing on a page as use: the idle clock starts again (204).

    Public so that an ended session answers 401 with JSON rather than a redirect to
    the log-in page; it does nothing for a visitor who is not logged in. The
    absolute lifetime still ends the session. CSRF-protected like every POST.
    """
    if not current_user.is_authenticated:
        return _ended_answer()
    return "", 204


@bp.route("/session")
@public
def session_status() -> Response | tuple[Response, int]:
    """Seconds left of this session (and a fresh CSRF token), without counting as use.

    The script asks before it warns, since another tab may have kept the session in
    use, and after a log-in in another tab, so the kept form can be saved with the
    new session's token. JSON read same-origin only (no CORS), so the token stays here.
    """
    if not current_user.is_authenticated:
        return _ended_answer()
    return jsonify(**sessions.time_left(), csrf_token=generate_csrf())


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
    ended = ended_message(sessions.ended_reason())
    session.pop(sessions.ENDED, None)
    return render_template("auth/login.html", form=form, ended=ended)


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
