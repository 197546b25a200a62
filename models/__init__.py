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

from .application import (  # noqa: E402
    Application,
    ApplicationParty,
    ApplicationRevision,
    Attachment,
    BudgetLine,
    CoFinancing,
    ParticipantPlan,
    ProposedAmount,
    StaffLine,
    StatusChange,
)
from .application_terms import (  # noqa: E402
    ApplicationKind,
    ApplicationStatus,
    BudgetCategory,
    CoFinancingKind,
    InsatsType,
)
from .audit import AuditEntry  # noqa: E402
from .board import BoardMember, BoardRole  # noqa: E402
from .calendar import CalendarFeed  # noqa: E402
from .forbund import CostAccount, Forbund, PoRate  # noqa: E402
from .grant import Grant, GrantBudget, GrantChange, GrantStatus, GrantYear  # noqa: E402
from .grant_followup import Outcome, Payment, ProjectReport, StaffAllocation  # noqa: E402
from .meeting import (  # noqa: E402
    Attendance,
    Decision,
    DecisionYear,
    Meeting,
    Paragraph,
    Recusal,
)
from .money import (  # noqa: E402
    ContributionShare,
    ContributionYear,
    CostSplit,
    CostSplitPart,
    CostSplitParty,
)
from .organisation import Organisation, OrgKind, Population  # noqa: E402
from .plan import (  # noqa: E402
    BudgetFollowUp,
    EquityStep,
    EquityYear,
    FollowUpPeriod,
    Goal,
    Indicator,
    IndicatorFollowUp,
    Plan,
    PlanBudgetLine,
    PlanInsats,
)
from .user import LoginAttempt, LoginThrottle, Role, User  # noqa: E402

__all__ = [
    "Application",
    "ApplicationKind",
    "ApplicationParty",
    "ApplicationRevision",
    "ApplicationStatus",
    "Attachment",
    "Attendance",
    "AuditEntry",
    "Base",
    "BoardMember",
    "BoardRole",
    "BudgetCategory",
    "BudgetFollowUp",
    "BudgetLine",
    "CalendarFeed",
    "CoFinancing",
    "CoFinancingKind",
    "ContributionShare",
    "ContributionYear",
    "CostAccount",
    "CostSplit",
    "CostSplitPart",
    "CostSplitParty",
    "Decision",
    "DecisionYear",
    "EquityStep",
    "EquityYear",
    "FollowUpPeriod",
    "Forbund",
    "Goal",
    "Grant",
    "GrantBudget",
    "GrantChange",
    "GrantStatus",
    "GrantYear",
    "Indicator",
    "IndicatorFollowUp",
    "InsatsType",
    "LoginAttempt",
    "LoginThrottle",
    "Meeting",
    "Money",
    "OrgKind",
    "Organisation",
    "Outcome",
    "Paragraph",
    "ParticipantPlan",
    "Payment",
    "Percent",
    "Plan",
    "PlanBudgetLine",
    "PlanInsats",
    "PoRate",
    "Population",
    "ProjectReport",
    "ProposedAmount",
    "Recusal",
    "Role",
    "StaffAllocation",
    "StaffLine",
    "StatusChange",
    "UTCDateTime",
    "User",
    "db",
]
