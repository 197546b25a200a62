"""Organisations: ordering, the member parties and their population keys."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from models import Organisation, OrgKind, Population, db

from ..errors import DomainError


class OrganisationError(DomainError):
    """An organisation rule was broken; the message is shown beside the form."""


KIND_ORDER = {kind: index for index, kind in enumerate(OrgKind)}


def statutory_order(organisation: Organisation) -> tuple[int, int, str]:
    """Sort key: parties first in statutory order (FK, AF, region, kommun), then units and
    others, each kind by its position and name."""
    return (KIND_ORDER[OrgKind(organisation.kind)], organisation.position, organisation.name)


def all_organisations(populations: bool = True) -> list[Organisation]:
    """Parties first in statutory order (FK, AF, region, kommun), then units and others.

    ``populations=False`` for lists and orderings that never read the population
    figures: loading a figure per kommun and year was half of this query's time.
    """
    options: list[Any] = [joinedload(Organisation.parent)]
    if populations:
        options.append(selectinload(Organisation.populations))
    rows = db.session.scalars(select(Organisation).options(*options)).all()
    return sorted(rows, key=statutory_order)


def members() -> list[Organisation]:
    """The member organisations, in statutory order."""
    return [o for o in all_organisations() if o.is_member]


def check_parent(kind: str, parent: Organisation | None) -> None:
    """Units belong to a kommun or a region (or FK/AF); parties stand alone."""
    if kind == OrgKind.UNIT and parent is None:
        raise OrganisationError(_("A unit must belong to a party, e.g. AME under its kommun."))
    if kind != OrgKind.UNIT and parent is not None:
        raise OrganisationError(_("Only units can be part of another organisation."))
    if parent is not None and parent.kind == OrgKind.UNIT:
        raise OrganisationError(_("A unit cannot belong to another unit."))


def set_population(
    organisation: Organisation, year: int, inhabitants: int, **details: object
) -> Population:
    """Add or replace the population figure of a kommun or region for a year."""
    if organisation.kind not in (OrgKind.KOMMUN, OrgKind.REGION):
        raise OrganisationError(_("Only kommuner and regions have population figures."))
    existing = next((p for p in organisation.populations if p.year == year), None)
    if existing is None:
        existing = Population(organisation=organisation, year=year, inhabitants=inhabitants)
        db.session.add(existing)
    existing.inhabitants = inhabitants
    for key, value in details.items():
        setattr(existing, key, value)
    db.session.flush()
    return existing
