"""Machine-readable views of positions: schema.org JobPosting (JSON-LD) and France Travail's vocabulary."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any

from markupsafe import Markup

from pairjobs.domain.geo import geography
from pairjobs.infra.clock import PARIS
from pairjobs.models import ContractType, Position, PositionStatus
from pairjobs.web.templating import paragraphs, public_url


def employment_types(position: Position) -> list[str]:
    """schema.org employmentType from our contract type and FTE."""
    types = ["FULL_TIME" if position.fte_percent >= 100 else "PART_TIME"]
    if position.contract_type is ContractType.VACATION:
        types.append("PER_DIEM")
    elif position.contract_type is ContractType.INTERIM:
        types += ["TEMPORARY", "CONTRACTOR"]
    elif position.contract_type in (ContractType.APPRENTISSAGE, ContractType.PROFESSIONNALISATION):
        types += ["TEMPORARY", "INTERN"]
    elif position.contract_type.is_fixed_term:
        types.append("TEMPORARY")
    return types


def _end_of_day(day) -> str:
    return datetime.combine(day, time(23, 59, 59), tzinfo=PARIS).isoformat()


def job_posting(position: Position, today) -> dict:
    """The position as a schema.org JobPosting, with Google's required and recommended properties."""
    geo = geography()
    commune = geo.commune(position.commune_code)
    organization = position.organization
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": position.title,
        "description": str(paragraphs(position.description)),
        "identifier": {"@type": "PropertyValue", "name": "pairjobs", "value": str(position.id)},
        "datePosted": (position.published_at or position.created_at).date().isoformat(),
        "employmentType": employment_types(position),
        "hiringOrganization": {
            "@type": "Organization", "name": organization.name,
            "identifier": {"@type": "PropertyValue", "name": "FINESS", "value": organization.finess},
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": commune.name if commune else position.commune_code,
                "postalCode": commune.postal_codes[0] if commune and commune.postal_codes else None,
                "addressRegion": geo.region_of(position.department_code),
                "addressCountry": "FR",
            },
        },
        "directApply": True,
        "url": public_url("jobs.detail", position_id=position.id),
    }
    if position.salary_min is not None or position.salary_max is not None:
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "MONTH"}
        if position.salary_min is not None and position.salary_max is not None:
            value |= {"minValue": position.salary_min, "maxValue": position.salary_max}
        else:
            value["value"] = position.salary_min if position.salary_min is not None else position.salary_max
        posting["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": value}
    if position.start_date:
        posting["jobStartDate"] = position.start_date.isoformat()
    # Closed or expired positions say so: their validity ended.
    if position.status is PositionStatus.CLOSED and position.closed_at:
        posting["validThrough"] = position.closed_at.astimezone(PARIS).isoformat()
    elif position.deadline:
        posting["validThrough"] = _end_of_day(position.deadline)
    if not position.is_open(today):
        posting["jobPostingStatus"] = "closed"
    return posting


def json_ld(data: dict) -> Markup:
    """A <script type="application/ld+json"> block, safe to embed (no "</script>" can close it)."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))
