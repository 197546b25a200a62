"""All models, one module per aggregate, and the shared ``db`` object.

Importing this package imports every module in it, so that every table is on
``db.metadata`` for Alembic and the tests, without a list to keep up to date.
"""

import importlib
import pkgutil

from flask_sqlalchemy import SQLAlchemy

from .base import Base, Money, Percent, UTCDateTime

db = SQLAlchemy(model_class=Base)

for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")

from .audit import AuditEntry  # noqa: E402
from .forbund import Forbund  # noqa: E402
from .money import (  # noqa: E402
    ContributionShare,
    ContributionYear,
    CostSplit,
    CostSplitPart,
    CostSplitParty,
)
from .organisation import Organisation, OrgKind, Population  # noqa: E402
from .user import LoginAttempt, Role, User  # noqa: E402

__all__ = [
    "AuditEntry",
    "Base",
    "ContributionShare",
    "ContributionYear",
    "CostSplit",
    "CostSplitPart",
    "CostSplitParty",
    "Forbund",
    "LoginAttempt",
    "Money",
    "OrgKind",
    "Organisation",
    "Percent",
    "Population",
    "Role",
    "UTCDateTime",
    "User",
    "db",
]
