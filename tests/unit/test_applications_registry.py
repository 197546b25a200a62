"""Diarienummer: per year, in order, in the förbund's format, and never twice (also racing)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.applications import registry
from app.services.applications import workflow as applications
from app.services.applications.registry import RegistryError
from models import Application, Forbund, Role, db

from .test_applications_factories import cost, draft, organisations, submitted, user


@pytest.fixture
def world(app_ctx: Flask) -> dict:
    return {"orgs": organisations(), "chef": user(Role.FORBUNDSCHEF)}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_numbers_run_per_year_and_restart_at_new_year(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    first = submitted(orgs, chef, at=at("2026-03-02T09:00"))
    second = submitted(orgs, chef, at=at("2026-03-02T09:01"))
    # 23:30 UTC on New Year's Eve is already 00:30 on 1 January in Stockholm
    third = submitted(orgs, chef, at=at("2026-12-31T23:30"))
    late = submitted(orgs, chef, at=at("2026-12-31T22:30"))
    assert [first.registry_number, second.registry_number, third.registry_number] == [
        "2026/001",
        "2026/002",
        "2027/001",
    ]
    assert late.registry_number == "2026/003"
    assert first.submitted_at == at("2026-03-02T09:00")
    assert first.status == "submitted"


def test_the_forbund_chooses_the_format(world: dict) -> None:
    db.session.get(Forbund, 1).registry_format = "Dnr {seq}/{year}"
    application = submitted(world["orgs"], world["chef"])
    assert application.registry_number == "Dnr 1/2026"


@pytest.mark.parametrize("fmt", ["{year}", "{year.real}/{seq}", "{0}", "{year}/{seq:zz}", "{"])
def test_a_broken_format_is_refused_and_the_default_used(world: dict, fmt: str) -> None:
    with pytest.raises(RegistryError):
        registry.check_format(fmt)
    assert registry.format_number(fmt, 2026, 14) == "2026/014"


def test_a_format_without_year_that_repeats_is_refused(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    db.session.get(Forbund, 1).registry_format = "{seq}"
    submitted(orgs, chef, at=at("2026-03-02T09:00"))
    application = draft(orgs, chef)
    cost(application, chef)
    with pytest.raises(RegistryError, match="används redan"):
        applications.submit(application, user=chef, at=at("2027-03-02T09:00"))


def test_a_number_taken_meanwhile_is_skipped(world: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    orgs, chef = world["orgs"], world["chef"]
    submitted(orgs, chef)
    real = registry.last_seq
    calls: list[int] = []

    def stale(year: int) -> int:
        calls.append(year)
        return 0 if len(calls) == 1 else real(year)  # the first read missed 2026/001

    monkeypatch.setattr(registry, "last_seq", stale)
    application = submitted(orgs, chef)
    assert application.registry_number == "2026/002" and len(calls) == 2


def test_concurrent_submissions_get_distinct_numbers(app: Flask) -> None:
    """Two requests submit at the same moment (PostgreSQL: the förbund row serialises them)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("needs PostgreSQL (row locks); SQLite serialises writers itself")
        orgs = organisations()
        chef = user(Role.FORBUNDSCHEF)
        ids = []
        for title in ("Vägen in", "Trisam", "SAMVERK", "En dörr in"):
            application = draft(orgs, chef, title=title)
            cost(application, chef)
            ids.append(application.id)
        chef_id = chef.id
        db.session.commit()
    barrier = threading.Barrier(len(ids))
    errors: list[BaseException] = []

    def submit(application_id: int) -> None:
        try:
            with app.app_context():
                application = db.session.get(Application, application_id)
                me = db.session.get(type(chef), chef_id)
                barrier.wait(timeout=10)
                applications.submit(application, user=me, at=at("2026-05-04T10:00"))
                db.session.commit()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=submit, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with app.app_context():
        numbers = db.session.scalars(select(Application.registry_number)).all()
    assert sorted(numbers) == ["2026/001", "2026/002", "2026/003", "2026/004"]
