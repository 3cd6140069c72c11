"""Language selection: the user's choice, then the browser's Accept-Language, then French."""

from __future__ import annotations

from collections.abc import Callable

from babel.support import NullTranslations
from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import Babel, Domain, get_locale, get_translations
from flask_login import current_user

SESSION_KEY = "locale"


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get(SESSION_KEY)
    if isinstance(chosen, str) and chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def translations() -> NullTranslations:
    """The catalogue of the language in effect, kept for the request (a page looks up a hundred strings;
    Flask-Babel finds the catalogue again for each, about 10 µs). Kept where Flask-Babel keeps its own
    request state, in the slot that `force_locale` empties and restores and `refresh` removes, so that a
    forced language (an e-mail in its recipient's language) is looked up anew."""
    return _kept(get_translations)


def _kept(find: Callable[[], NullTranslations]) -> NullTranslations:
    state = g.get("_flask_babel")
    found = getattr(state, "babel_translations", None)
    if found is None:
        found = find()
        state = g.get("_flask_babel")  # made by Flask-Babel on its first lookup
        if state is not None:
            state.babel_translations = found
    return found


class RequestDomain(Domain):
    """Flask-Babel's message domain with the catalogue kept for the request as `translations` keeps it: the
    labels of enumerations and forms (lazy strings) and the code's gettext no longer find the locale and
    the catalogue again for each string."""

    def get_translations(self) -> NullTranslations:
        if not has_app_context():
            return super().get_translations()
        return _kept(super().get_translations)


def locale_name() -> str:
    """The language in effect as text ("fr", "en"), kept with the locale Flask-Babel chose for the request
    (a new one under `force_locale` or after `refresh`): formatting a number or a date asks for it."""
    state = g.get("_flask_babel") if has_app_context() else None
    locale = getattr(state, "babel_locale", None)
    if state is None or locale is None:
        return str(get_locale())
    if getattr(state, "locale_of_name", None) is not locale:
        state.locale_of_name, state.locale_name = locale, str(locale)
    return state.locale_name


def install_request_domain(babel: Babel, app: Flask) -> None:
    """Flask-Babel's messages through `RequestDomain` (the extension keeps one domain for every app)."""
    babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))


def install_template_gettext(app: Flask) -> None:
    """The templates' _(), ngettext() and their context variants, through `translations`."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
