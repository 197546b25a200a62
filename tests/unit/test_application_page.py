"""The application page's data read as plain rows (app/services/application_page.py) and
the names kept per data version (app/services/names.py, app/versioned.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import func, select

from app.services import application_budget, application_page, names
from app.services import applications as workflow
from models import Application, ApplicationRevision, Organisation, User, db

from ..conftest import Statements


def _busiest() -> int:
    """The application with the most budget lines (ties: the lowest id)."""
    return db.session.scalar(
        select(Application.id)
        .join(Application.budget_lines)
        .group_by(Application.id)
        .order_by(func.count().desc(), Application.id)
        .limit(1)
    )


def _on_sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def _columns(item: Any, keys: list[str]) -> tuple[Any, ...]:
    return tuple(getattr(item, key) for key in keys)


def test_each_list_is_what_lazy_loading_gives_in_the_same_order(app_ctx: Flask, demo: dict) -> None:
    application = db.session.get(Application, _busiest())
    with Statements() as sent:
        page = application_page.read(application.id)
    # the row (with parent and count), then the eight lists: one statement where
    # statements cost round trips, one each on SQLite (models/loading.read_union)
    assert sent.count == (1 + len(application_page.LISTS) if _on_sqlite() else 2)
    for name in application_page.LISTS:
        records = getattr(application, name)  # lazy loading, the reference
        rows = getattr(page, name)
        keys = [key for key in rows[0]._fields] if rows else []
        assert [_columns(r, keys) for r in rows] == [_columns(r, keys) for r in records], name
    assert len(page.budget_lines) >= 3 and page.staff_lines
    assert "content" not in page.attachments[0]._fields if page.attachments else True
    revisions = db.session.scalar(
        select(func.count()).where(ApplicationRevision.application_id == application.id)
    )
    assert page.revision_count == revisions


def test_the_page_gives_the_same_budget_figures_as_the_record(app_ctx: Flask, demo: dict) -> None:
    application = db.session.get(Application, _busiest())
    page = application_page.read(application.id)
    summary = application_budget.budget_summary(page)
    assert summary == application_budget.budget_summary(application)
    assert summary.total_cost == application_budget.total_cost_by_year(application)
    assert summary.co_financing == application_budget.co_financing_by_year(application)
    assert summary.requested == application_budget.requested_by_year(application)
    assert workflow.proposed_by_year(page) == workflow.proposed_by_year(application)
    assert workflow.proposed_by_year(page, summary.requested) == workflow.proposed_by_year(page)
    assert page.title == application.title and page["background"] == application.background
    columns = [c.key for c in Application.__table__.columns]
    assert {key: getattr(page, key) for key in columns} == {
        key: getattr(application, key) for key in columns
    }


def test_a_follow_on_names_its_parent(app_ctx: Flask, demo: dict) -> None:
    child = db.session.scalar(
        select(Application).where(Application.parent_id.is_not(None)).limit(1)
    )
    assert child is not None
    page = application_page.read(child.id)
    assert (page.parent.id, page.parent.registry_number, page.parent.title) == (
        child.parent.id,
        child.parent.registry_number,
        child.parent.title,
    )


def test_names_are_read_once_per_data_version(app_ctx: Flask, demo: dict) -> None:
    expected = {o.id: o.label for o in db.session.scalars(select(Organisation))}
    assert any("(" in label for label in expected.values())  # a unit with its kommun
    assert dict(names.organisation_labels()) == expected
    assert dict(names.user_names()) == {u.id: u.name for u in db.session.scalars(select(User))}
    assert names.forbund_name()
    db.session.commit()  # a new transaction, as a new request has
    with Statements() as sent:
        assert dict(names.organisation_labels()) == expected
        assert names.forbund_name()
    assert sent.count <= 2  # at most the version (and BEGIN): no names read again

    fk = db.session.get(Organisation, demo["orgs"]["FK"])
    fk.name = "Försäkringskassan Nord"
    db.session.flush()
    assert names.organisation_label(fk.id) == "Försäkringskassan Nord"  # not committed: afresh
    db.session.commit()
    assert names.organisation_label(fk.id) == "Försäkringskassan Nord"  # new version
    assert names.organisation_label(None) == "" and names.user_name(None) == ""


def test_no_such_application_reads_as_none(app_ctx: Flask, demo: dict) -> None:
    assert application_page.read(10**9) is None


def test_the_union_and_the_separate_statements_read_the_same_lists(
    app_ctx: Flask, demo: dict
) -> None:
    """read_union sends one UNION ALL on PostgreSQL and one statement per list on
    SQLite; both ways must give the same rows, whichever database the suite runs on."""
    from models.loading import _lists_union, read_union

    union = _lists_union(Application, application_page.LISTS)
    for application_id in db.session.scalars(select(Application.id)):
        params = {"parent_id": application_id}
        combined = read_union(db.session, union, params, combined=True)
        separate = read_union(db.session, union, params, combined=False)
        assert list(combined) == list(separate) == list(application_page.LISTS)
        for name in application_page.LISTS:
            assert [tuple(r) for r in combined[name]] == [tuple(r) for r in separate[name]], name
            pairs = zip(combined[name], separate[name], strict=True)
            assert all(r._fields == s._fields for r, s in pairs)
