"""Language selection: the user's choice, then the browser's Accept-Language, then French."""

from __future__ import annotations

from babel.support import NullTranslations
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import get_translations
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
    state = g.get("_flask_babel")
    found = getattr(state, "babel_translations", None)
    if found is None:
        found = get_translations()
        if state is not None:
            state.babel_translations = found
    return found


def install_template_gettext(app: Flask) -> None:
    """The templates' _(), ngettext() and their context variants, through `translations`."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
