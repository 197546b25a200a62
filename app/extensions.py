"""Flask extensions, created unbound here and bound in the app factory."""

from functools import cached_property

from babel.support import NullTranslations
from flask import g, has_app_context
from flask_babel import Babel, Domain, get_locale
from flask_bootstrap import Bootstrap5
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

from models import db


class _Domain(Domain):
    """Flask-Babel's message domain, finding a language's catalog by a plain key.

    Every translated string (``gettext``, a lazy label shown in a template) asks the
    domain for the catalog; Flask-Babel spells the locale's name out each time to
    look it up (8 µs, with a hundred strings or more on a page). Here the catalog is
    found by the locale's parts; a language not seen before is loaded as Flask-Babel
    loads it. The locale is read where Flask-Babel keeps it for the request (also
    while ``force_locale`` is in force) through one context lookup; ``get_locale`` goes
    through the context proxies four times per string.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._catalogs: dict[tuple[str | None, ...], NullTranslations] = {}

    def get_translations(self) -> NullTranslations:
        kept = g._get_current_object().__dict__.get("_flask_babel") if has_app_context() else None
        locale = getattr(kept, "babel_locale", None) or get_locale()
        if locale is None:
            return super().get_translations()  # type: ignore[no-any-return]
        key = (locale.language, locale.territory, locale.script, locale.variant)
        catalog = self._catalogs.get(key)
        if catalog is None:
            catalog = self._catalogs[key] = super().get_translations()
        return catalog


class _Babel(Babel):
    @cached_property
    def domain_instance(self) -> Domain:
        return _Domain(domain=self.domain)


login_manager = LoginManager()
csrf = CSRFProtect()
babel = _Babel()
migrate = Migrate()
bootstrap = Bootstrap5()

__all__ = ["babel", "bootstrap", "csrf", "db", "login_manager", "migrate"]
