"""Registration asks for the terms of use and, separately and optionally, the consent to keep a
lived-experience text (GDPR art. 9(2)(a)); the profile keeps no such text without that consent."""

from __future__ import annotations

import re
from html import unescape

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import CandidateProfile, User
from tests import factories
from tests.helpers import signed_in

FR = {"Accept-Language": "fr"}
FORM = {"name": "Camille Martin", "email": "camille@example.org", "password": factories.PASSWORD,
        "confirm": factories.PASSWORD}


def registered(email: str = "camille@example.org") -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_the_registration_form_asks_for_the_terms_and_separately_for_the_consent(client):
    page = client.get("/register", headers=FR).text
    assert 'name="accept_terms"' in page and 'name="lived_experience_consent"' in page
    assert 'href="/cgu"' in page and 'href="/confidentialite"' in page
    employer_page = client.get("/register/employer", headers=FR).text
    assert 'name="accept_terms"' in employer_page and "lived_experience_consent" not in employer_page


def test_without_the_terms_nothing_is_created_and_every_problem_is_said_at_once(client):
    form = FORM | {"confirm": "autre chose", "lived_experience_consent": "y"}
    response = client.post("/register", data=form, headers=FR)
    assert response.status_code == 200
    assert "Acceptez les conditions générales d'utilisation pour créer un compte." in unescape(response.text)
    assert "Les deux mots de passe ne correspondent pas." in unescape(response.text)
    assert registered() is None
    # What was typed is still there (but never the passwords).
    assert 'value="camille@example.org"' in response.text


def test_without_the_terms_an_address_that_has_an_account_is_refused_the_same_way(client):
    factories.user(email="camille@example.org", name="Déjà Là")
    response = client.post("/register", data=FORM, headers=FR)
    assert response.status_code == 200
    assert "Acceptez les conditions générales d'utilisation" in unescape(response.text)


def test_the_terms_accepted_are_dated_and_the_consent_is_kept_only_when_given(client, app):
    before = client.post("/register", data=FORM | {"accept_terms": "y"}, headers=FR)
    assert before.status_code == 302
    user = registered()
    assert user.terms_accepted_at is not None
    assert user.profile is None or user.profile.lived_experience_consent_at is None

    app.test_client().post("/register", data=FORM | {"email": "ines@example.org", "accept_terms": "y",
                                                      "lived_experience_consent": "y"}, headers=FR)
    ines = registered("ines@example.org")
    assert ines.profile.lived_experience_consent_at == ines.terms_accepted_at


def test_an_employer_accepts_the_terms_too(client):
    org = factories.organization()
    data = FORM | {"organization": org.id, "email": "claire@example.org"}
    assert client.post("/register/employer", data=data, headers=FR).status_code == 200
    assert registered("claire@example.org") is None
    assert client.post("/register/employer", data=data | {"accept_terms": "y"}, headers=FR).status_code == 302
    assert registered("claire@example.org").terms_accepted_at is not None


def profile(candidate, **fields):
    return {"name": candidate.name, "presentation": "Pair-aidante.", **fields}


def test_a_text_sent_without_consent_is_refused_and_kept_in_the_form(app, accounts):
    client = signed_in(app, accounts.candidate)
    response = client.post("/me/profile", data=profile(accounts.candidate, lived_experience="Mon parcours"),
                           headers=FR)
    assert response.status_code == 200
    assert "Cochez cette case pour que pairjobs conserve votre texte" in response.text
    assert "Mon parcours" in response.text
    stored = db.session.get(CandidateProfile, accounts.candidate.id)
    assert stored is None or stored.lived_experience is None


def test_consent_given_keeps_the_text_and_withdrawn_erases_it(app, accounts):
    client = signed_in(app, accounts.candidate)
    given = client.post("/me/profile", data=profile(accounts.candidate, lived_experience="Mon parcours",
                                                    lived_experience_consent="y", share_lived_experience="y"))
    assert given.status_code == 302
    stored = db.session.get(CandidateProfile, accounts.candidate.id)
    consented_at = stored.lived_experience_consent_at
    assert stored.lived_experience == "Mon parcours" and consented_at is not None
    page = client.get("/me/profile", headers=FR).text
    assert re.search(r'<input [^>]*checked[^>]*name="lived_experience_consent"', page), page

    # Saving again keeps the date the consent was first given.
    client.post("/me/profile", data=profile(accounts.candidate, lived_experience="Mon parcours, suite",
                                            lived_experience_consent="y"))
    db.session.expire_all()
    assert stored.lived_experience == "Mon parcours, suite"
    assert stored.lived_experience_consent_at == consented_at

    # Unticking withdraws it: the text goes, even if the field still holds it, and its sharing stops.
    still_there = profile(accounts.candidate, lived_experience="Mon parcours, suite",
                          share_lived_experience="y")
    withdrawn = client.post("/me/profile", data=still_there, headers=FR, follow_redirects=True)
    assert "Votre consentement est retiré" in withdrawn.text
    db.session.expire_all()
    assert stored.lived_experience is None and stored.lived_experience_consent_at is None
    assert stored.share_lived_experience is False
    assert stored.presentation == "Pair-aidante."  # the rest of the profile is saved


def test_the_export_shows_when_the_terms_and_the_consent_were_given(app, accounts):
    client = signed_in(app, accounts.candidate)
    client.post("/me/profile", data=profile(accounts.candidate, lived_experience="Mon parcours",
                                            lived_experience_consent="y"))
    exported = client.get("/me/data.json").json
    assert exported["profile"]["lived_experience_consent_at"] is not None
    assert "terms_accepted_at" in exported["account"]


def test_a_new_text_sent_while_withdrawing_is_refused_not_dropped(app, accounts):
    client = signed_in(app, accounts.candidate)
    client.post("/me/profile", data=profile(accounts.candidate, lived_experience="Mon parcours",
                                            lived_experience_consent="y"))
    response = client.post("/me/profile", data=profile(accounts.candidate, lived_experience="Un autre récit"),
                           headers=FR)
    assert response.status_code == 200 and "Cochez cette case" in unescape(response.text)
    assert "Un autre récit" in response.text
    db.session.expire_all()
    assert db.session.get(CandidateProfile, accounts.candidate.id).lived_experience == "Mon parcours"


def test_crafted_no_values_do_not_tick_a_box(client, app, accounts):
    assert client.post("/register", data=FORM | {"accept_terms": "n"}, headers=FR).status_code == 200
    assert registered() is None
    candidate = signed_in(app, accounts.candidate)
    response = candidate.post("/me/profile", data=profile(accounts.candidate, lived_experience="Mon parcours",
                                                          lived_experience_consent="0"), headers=FR)
    assert response.status_code == 200 and "Cochez cette case" in unescape(response.text)
