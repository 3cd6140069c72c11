"""The legal pages: linked from every page, their editable parts from the configuration, the retention
periods those in force."""

from __future__ import annotations

import pytest

LEGAL_PAGES = ("/mentions-legales", "/confidentialite", "/accessibilite", "/cgu")


@pytest.fixture
def site(make_app, app):
    retention = {"closed_application": 181, "inactive_candidate": 731, "outbox": 91, "audit": 366,
                 "expired_token": 31}
    legal = {"publisher": "GCS Santé mentale AuRA", "publisher_address": "1 rue de la Santé, 69003 Lyon",
             "director": "Camille Martin", "host": "Hébergeur HDS Exemple", "host_address": "Paris",
             "contact": "contact@exemple.fr", "dpo": "dpo@exemple.fr"}
    return make_app(LEGAL=legal, RETENTION_DAYS=retention).test_client()


@pytest.mark.parametrize("path", LEGAL_PAGES)
def test_each_legal_page_is_public_and_linked_from_every_page(client, path):
    assert client.get(path).status_code == 200
    footer = client.get("/jobs").text.split('class="site-footer"')[1]
    assert f'href="{path}"' in footer


def test_the_editable_parts_and_the_retention_periods_come_from_the_configuration(site):
    notice = site.get("/mentions-legales").text
    assert "GCS Santé mentale AuRA" in notice and "Hébergeur HDS Exemple" in notice
    assert "Camille Martin" in notice
    privacy = site.get("/confidentialite").text
    for days in ("181 jours", "731 jours", "91 jours", "366 jours", "31 jours"):
        assert days in privacy
    assert "dpo@exemple.fr" in privacy and "article 9.2.a" in privacy and "3 place de Fontenoy" in privacy
    statement = site.get("/accessibilite").text
    assert "partiellement conforme" in statement and "Défenseur des droits" in statement
    assert "contact@exemple.fr" in statement


def test_in_english_the_page_says_its_text_is_french(client):
    page = client.get("/cgu", headers={"Accept-Language": "en"})
    assert "This page is in French" in page.text and 'lang="fr"' in page.text
