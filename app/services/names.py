"""The names pages show on many rows: the förbund's, each organisation's, each user's.

An application's page names its owner, every co-applicant, employer and financier;
its history names who moved it on; every page's footer names the förbund. Each is
read once per data version and process (app/versioned.py), as plain strings by id,
so a page looks them up in a dictionary instead of loading a record per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sqlalchemy import select

from models import Forbund, Organisation, User, db
from models.organisation import label_of


def forbund_name() -> str:
    """The förbund's name ('' before it has been set up)."""
    return db.session.execute(select(Forbund.name).where(Forbund.id == 1)).scalar() or ""


def organisation_labels() -> Mapping[int, str]:
    """Organisation id → its label as ``Organisation.label`` gives it (units with their parent)."""
    rows = db.session.execute(
        select(Organisation.id, Organisation.name, Organisation.parent_id)
    ).all()
    names = {row.id: row.name for row in rows}
    return MappingProxyType({row.id: label_of(row.name, names.get(row.parent_id)) for row in rows})


def user_names() -> Mapping[int, str]:
    """User id → the user's name."""
    rows = db.session.execute(select(User.id, User.name))
    return MappingProxyType({row.id: row.name for row in rows})


def organisation_label(organisation_id: int | None) -> str:
    """One organisation's label ('' for none)."""
    if organisation_id is None:
        return ""
    return organisation_labels().get(organisation_id, "")


def user_name(user_id: int | None) -> str:
    """One user's name ('' for none, e.g. a change the system made)."""
    if user_id is None:
        return ""
    return user_names().get(user_id, "")
