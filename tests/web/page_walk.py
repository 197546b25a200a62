"""Every page a user can reach: each GET route of ``app.url_map``, its arguments filled
from the demo förbund, read as every role that may read it.

A route's arguments are filled by name (``ARGUMENTS``: every row of the right model, so
a justerad meeting and an open one, a granted application and a draft, a closed grant
and one with payments are all walked) or per endpoint (``COMBINATIONS``, where two
arguments belong together). Downloads that are not HTML are left out by their suffix,
and the few other routes not walked are in ``NOT_WALKED`` with the reason. A new route
is walked without more ado when its arguments have known names; otherwise
``unfilled_routes`` names it, and the test fails until it is filled or listed.
The projektägare gets only their own organisation's records (another's answers 403,
which tests/web/test_cross_organisation.py checks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlalchemy import Select, select

from app.permissions import PUBLIC, rule_for
from models import (
    Application,
    ApplicationRevision,
    BoardMember,
    BudgetLine,
    CoFinancing,
    CostSplit,
    CostSplitParty,
    FollowUpPeriod,
    Goal,
    Grant,
    Indicator,
    Meeting,
    Organisation,
    Paragraph,
    Plan,
    PlanBudgetLine,
    PlanInsats,
    ProjectReport,
    Role,
    StaffAllocation,
    StaffLine,
    User,
    db,
)

#: Routes ending so are files to download, not pages: never walked.
NOT_HTML = (".xlsx", ".docx", ".zip", ".ics", ".se", ".sie", ".csv", ".pdf")
#: GET routes the walker leaves out, each with the reason.
NOT_WALKED: dict[str, str] = {
    "static": "the app's own CSS, JS and images",
    "bootstrap.static": "Bootstrap's CSS and JS",
    "main.favicon": "the icon (SVG), not a page",
    "main.healthz": "the health check answers JSON to the load balancer",
    "auth.session_status": "JSON for the session timeout script, not a page",
    "applications.download_attachment": "the stored attachment itself (PDF, Word, Excel)",
}
#: Pages for visitors not logged in (every other page sends them to the log-in).
ANONYMOUS = {"auth.login"}
EMAILS = {
    Role.FORBUNDSCHEF: "chef@example.com",
    Role.STYRELSELEDAMOT: "styrelse@example.com",
    Role.EKONOM: "ekonom@example.com",
    Role.PROJEKTAGARE: "projektagare@example.com",
    Role.REVISOR: "revisor@example.com",
}


def _ids(query: Select[Any]) -> Callable[[User], list[int]]:
    """Every id the query finds, in id order."""
    return lambda _user: list(db.session.scalars(query.order_by(query.selected_columns[0])))


def _owned(model: Any) -> Callable[[User], list[int]]:
    """Every id of ``model``; for the projektägare their organisation's only."""

    def ids(user: User) -> list[int]:
        query = select(model.id).order_by(model.id)
        if user.role == Role.PROJEKTAGARE:
            query = query.where(model.owner_id == user.organisation_id)
        return list(db.session.scalars(query))

    return ids


def _reports(user: User) -> list[int]:
    query = select(ProjectReport.id).join(Grant).order_by(ProjectReport.id)
    if user.role == Role.PROJEKTAGARE:
        query = query.where(Grant.owner_id == user.organisation_id)
    return list(db.session.scalars(query))


def _splits(user: User) -> list[int]:
    query = select(CostSplit.id).order_by(CostSplit.id)
    if user.role == Role.PROJEKTAGARE:
        taking_part = select(CostSplitParty.split_id).where(
            CostSplitParty.organisation_id == user.organisation_id
        )
        query = query.where(CostSplit.id.in_(taking_part))
    return list(db.session.scalars(query))


#: Argument name → the values to walk, as the user may see them.
ARGUMENTS: dict[str, Callable[[User], list[int]]] = {
    "application_id": _owned(Application),
    "grant_id": _owned(Grant),
    "report_id": _reports,
    "split_id": _splits,
    "allocation_id": _ids(select(StaffAllocation.id)),
    "meeting_id": _ids(select(Meeting.id)),
    "paragraph_id": _ids(select(Paragraph.id)),
    "plan_id": _ids(select(Plan.id)),
    "period_id": _ids(select(FollowUpPeriod.id)),
    "goal_id": _ids(select(Goal.id)),
    "indicator_id": _ids(select(Indicator.id)),
    "insats_id": _ids(select(PlanInsats.id)),
    "line_id": _ids(select(PlanBudgetLine.id)),
    "member_id": _ids(select(BoardMember.id)),
    "user_id": _ids(select(User.id)),
    "org_id": _ids(select(Organisation.id)),
}


def _revisions(user: User) -> list[dict[str, int]]:
    """Every saved version of every application the user may read."""
    readable = set(ARGUMENTS["application_id"](user))
    rows = db.session.execute(
        select(ApplicationRevision.application_id, ApplicationRevision.number).order_by(
            ApplicationRevision.id
        )
    )
    return [{"application_id": a, "number": n} for a, n in rows if a in readable]


def _period_rows(model: Any, join: Callable[[Any], Any]) -> Callable[[User], list[dict]]:
    """Each follow-up period with every row of ``model`` in its plan."""
    argument = "indicator_id" if model is Indicator else "line_id"

    def combos(_user: User) -> list[dict[str, int]]:
        rows = db.session.execute(
            join(select(FollowUpPeriod.id, model.id)).order_by(FollowUpPeriod.id, model.id)
        )
        return [{"period_id": p, argument: r} for p, r in rows]

    return combos


def _application_lines(model: Any) -> Callable[[User], list[dict[str, int]]]:
    """Each line of ``model`` with its own application, where the user may read that."""

    def combos(user: User) -> list[dict[str, int]]:
        readable = set(ARGUMENTS["application_id"](user))
        rows = db.session.execute(select(model.application_id, model.id).order_by(model.id))
        return [{"application_id": a, "line_id": i} for a, i in rows if a in readable]

    return combos


#: Endpoint → its argument sets, where the arguments must belong together.
COMBINATIONS: dict[str, Callable[[User], list[dict[str, int]]]] = {
    "applications.revision": _revisions,
    "applications.edit_line": _application_lines(BudgetLine),
    "applications.edit_staff": _application_lines(StaffLine),
    "applications.edit_co_financing": _application_lines(CoFinancing),
    "plans.record_indicator": _period_rows(
        Indicator,
        lambda q: q.join(Goal, Goal.plan_id == FollowUpPeriod.plan_id).join(
            Indicator, Indicator.goal_id == Goal.id
        ),
    ),
    "plans.record_line": _period_rows(
        PlanBudgetLine,
        lambda q: q.join(PlanBudgetLine, PlanBudgetLine.plan_id == FollowUpPeriod.plan_id),
    ),
}


#: Query strings that show a page in another state (a filter, a result), walked besides
#: the plain page by every role that may read it.
QUERIES: dict[str, list[dict[str, str]]] = {
    "grants.index": [{"year": "all"}, {"status": "closed", "year": "all"}],
    "grants.payment_list": [{"from": "2016-01-01", "to": "2026-12-31"}],
    "applications.index": [{"status": "granted"}, {"sort": "-title"}],
    "money.contributions": [{"year": "2017"}],
    "money.splits": [{"org": "5", "year": "2017"}],
    "money.staff_cost": [
        {"percent": "50", "annual_salary": "420000", "employer": "kommun", "year": "2026",
         "months": "12"},
        {"hours": "20", "annual_salary": "420000", "employer": "state", "year": "2020",
         "months": "6", "po_rate": "31,42"},
    ],
    "board.index": [{"on": "2017-06-01"}],
    "admin.audit_log": [{"table": "payment", "row": "1"}, {"page": "2"}],
    "admin.login_log": [{"page": "2"}],
    "admin.outbox": [{"status": "failed"}, {"status": "sent"}],
    "main.dashboard": [{"year": "2017"}],
}  # fmt: skip


@dataclass(frozen=True)
class Route:
    """A GET route that shows a page."""

    endpoint: str
    arguments: tuple[str, ...]
    roles: tuple[str, ...]


def page_routes(app: Flask) -> list[Route]:
    """Every GET route that shows a page, with the roles that may read it."""
    routes = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint in NOT_WALKED:
            continue
        if rule.rule.endswith(NOT_HTML):
            continue
        allowed = rule_for(app, rule.endpoint)
        roles = () if allowed is PUBLIC else tuple(r for r in Role if r in (allowed or ()))
        routes.append(Route(rule.endpoint, tuple(sorted(rule.arguments)), roles))
    return sorted(routes, key=lambda r: r.endpoint)


def unfilled_routes(app: Flask) -> list[str]:
    """Routes the walker cannot fill: neither walked nor listed in ``NOT_WALKED``."""
    return [
        f"{r.endpoint} ({', '.join(r.arguments)})"
        for r in page_routes(app)
        if r.endpoint not in COMBINATIONS
        and (len(r.arguments) > 1 or any(a not in ARGUMENTS for a in r.arguments))
    ]


def argument_sets(route: Route, user: User) -> list[dict[str, int]]:
    """The argument sets to walk ``route`` with as ``user``."""
    if route.endpoint in COMBINATIONS:
        return COMBINATIONS[route.endpoint](user)
    if not route.arguments:
        return [{}]
    (name,) = route.arguments  # two arguments that belong together are in COMBINATIONS
    return [{name: value} for value in ARGUMENTS[name](user)]


def urls_for(app: Flask, role: str | None) -> list[tuple[str, str]]:
    """(endpoint, url) of every page ``role`` may read (``None``: not logged in)."""
    adapter = app.url_map.bind("localhost")
    found = []
    with app.app_context():
        user = None
        if role is not None:
            user = db.session.scalar(select(User).where(User.email == EMAILS[Role(role)]))
        for route in page_routes(app):
            if role is None and route.endpoint not in ANONYMOUS:
                continue
            if role is not None and role not in route.roles:
                continue
            sets = argument_sets(route, user) if user else [{}]
            for arguments in sets:
                found.append((route.endpoint, adapter.build(route.endpoint, arguments)))
            for query in QUERIES.get(route.endpoint, []) if user else []:
                found.append((route.endpoint, adapter.build(route.endpoint, query)))
        db.session.remove()
    return found
