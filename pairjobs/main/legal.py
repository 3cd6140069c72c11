"""The legal pages a French public-interest site must have: legal notice, privacy notice, accessibility
statement and terms of use. Their text is French (the legal language); the parts that change from one
installation to another (publisher, host, contacts) and the retention periods come from the
configuration actually in force."""

from __future__ import annotations

from flask import current_app, render_template

from pairjobs.domain.pool import MAX_MONTHS
from pairjobs.main.views import bp

# The pages axe-core checks in every run (tests/e2e/test_accessibility.py), named in the statement.
CHECKED_PAGES = ("Accueil", "Recherche d'offres", "Page d'une offre", "Connexion", "Création de compte",
                 "Formulaire d'offre (employeur)", "Dossier de candidature (employeur)",
                 "Candidature (pair-aidant)", "Mes candidatures", "Suivi régional (ARS)", "Pages légales")


def _page(name: str) -> str:
    cfg = current_app.config
    return render_template(f"legal/{name}.html", legal=cfg["LEGAL"], retention=cfg["RETENTION_DAYS"],
                           pool_months=MAX_MONTHS, checked_pages=CHECKED_PAGES)


@bp.get("/mentions-legales")
def legal_notice():
    """Who publishes and hosts the site."""
    return _page("mentions_legales")


@bp.get("/confidentialite")
def privacy():
    """What personal data pairjobs keeps, why, for whom, how long, and the person's rights."""
    return _page("confidentialite")


@bp.get("/accessibilite")
def accessibility():
    """The accessibility statement (RGAA)."""
    return _page("accessibilite")


@bp.get("/cgu")
def terms():
    """The terms of use."""
    return _page("cgu")
