"""French by default, English on request."""


def test_home_page_is_in_french_by_default(client):
    response = client.get("/")
    assert '<html lang="fr">' in response.text
    assert "Aller au contenu" in response.text


def test_accept_language_english(client):
    response = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in response.text
    assert "Skip to content" in response.text


def test_unsupported_language_falls_back_to_french(client):
    response = client.get("/", headers={"Accept-Language": "de-DE"})
    assert '<html lang="fr">' in response.text


def test_language_switch_is_remembered(client):
    response = client.post("/language", data={"language": "en", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert '<html lang="en">' in client.get("/").text
    client.post("/language", data={"language": "fr", "next": "/"})
    assert '<html lang="fr">' in client.get("/", headers={"Accept-Language": "en"}).text


def test_language_switch_refuses_unknown_languages_and_foreign_redirects(client):
    assert client.post("/language", data={"language": "xx"}).status_code == 400
    response = client.post("/language", data={"language": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_language_choice_is_kept_on_the_account(client, auth, accounts):
    auth.login(accounts.candidate.email)
    client.post("/language", data={"language": "en", "next": "/"})
    auth.logout()
    other = client.application.test_client()
    other.post("/login", data={"email": accounts.candidate.email, "password": "correct horse battery"})
    assert '<html lang="en">' in other.get("/account").text


def test_error_pages_are_french_html(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.content_type.startswith("text/html")
    assert '<html lang="fr">' in response.text
    assert "Page introuvable" in response.text


def test_templates_follow_a_forced_language_and_come_back(app):
    """The templates' catalogue is kept for the request, and looked up anew under force_locale (an e-mail in
    its recipient's language) and after it."""
    from flask_babel import force_locale

    template = app.jinja_env.from_string(
        "{{ _('Apply') }} / {{ ngettext('%(num)d application', '%(num)d applications', 3) }}")
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        assert template.render() == "Postuler / 3 candidatures"
        with force_locale("en"):
            assert template.render() == "Apply / 3 applications"
            with force_locale("fr"):
                assert template.render() == "Postuler / 3 candidatures"
            assert template.render() == "Apply / 3 applications"
        assert template.render() == "Postuler / 3 candidatures"


def test_labels_numbers_and_code_strings_follow_a_forced_language_and_come_back(app):
    """Flask-Babel's domain keeps the catalogue for the request (RequestDomain) and the filters keep the
    locale's name: lazy labels, gettext in code, numbers, dates and the colon follow force_locale (an e-mail
    in its recipient's language), nested, and come back after it; refresh() looks the language up anew."""
    from datetime import date

    from flask import session
    from flask_babel import force_locale, refresh
    from flask_babel import gettext as code_gettext

    from pairjobs.models import ApplicationStatus

    # (a variable, not a literal: Jinja would format a constant once, when it compiles the template)
    template = app.jinja_env.from_string("{{ amount|number }}{{ colon() }}{{ day|date('long') }}")

    def seen() -> tuple[str, str, str]:
        return (str(ApplicationStatus.SUBMITTED.label), code_gettext("Apply"),
                template.render(amount=1234567, day=date(2026, 3, 1)))

    french = ("Envoyée", "Postuler", "1\u202f234\u202f567\u00a0: 1er mars 2026")
    english = ("Submitted", "Apply", "1,234,567: March 1, 2026")
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        assert seen() == french
        with force_locale("en"):
            assert seen() == english
            with force_locale("fr"):
                assert seen() == french
            assert seen() == english
        assert seen() == french
        session["locale"] = "en"
        assert seen() == french  # kept for the request…
        refresh()
        assert seen() == english  # …until refreshed
