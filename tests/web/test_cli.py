"""seed-demo and create-user."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from models import Forbund, Organisation, OrgKind, Role, User, db


def test_seed_demo_loads_the_demo_forbund(app: Flask, runner) -> None:
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.get(Forbund, 1).name == "Västerbergslagens samordningsförbund"
        members = db.session.scalars(
            select(Organisation).where(Organisation.is_member.is_(True))
        ).all()
        assert {o.name for o in members} == {
            "Försäkringskassan",
            "Arbetsförmedlingen",
            "Region Dalarna",
            "Ludvika kommun",
            "Smedjebackens kommun",
        }
        smedjebacken = next(o for o in members if o.name == "Smedjebackens kommun")
        assert smedjebacken.population_for(2015).inhabitants == 10_790
        ludvika = next(o for o in members if o.name == "Ludvika kommun")
        assert ludvika.population_for(2015).inhabitants == 26_000
        assert {u.name for u in smedjebacken.units} == {"AME Smedjebacken", "IFO Smedjebacken"}
        assert all(u.kind == OrgKind.UNIT for u in smedjebacken.units)
        users = {u.email: u for u in db.session.scalars(select(User))}
        assert {users[e].role for e in users} == set(Role)
        owner = users["projektagare@example.com"]
        assert owner.organisation.name == "AME Smedjebacken"
        assert owner.check_password("samordna-demo")


def test_seed_demo_refuses_a_non_empty_database(runner) -> None:
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "Databasen är inte tom" in result.output
    assert runner.invoke(args=["seed-demo", "--if-empty"]).exit_code == 0


def test_create_user_for_production(app: Flask, runner) -> None:
    result = runner.invoke(
        args=["create-user", "--role", "forbundschef", "Boss@Example.com", "--password", "p" * 12]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "boss@example.com"))
        assert user.role == Role.FORBUNDSCHEF and user.check_password("p" * 12)
    again = runner.invoke(args=["create-user", "boss@example.com", "--password", "p" * 12])
    assert again.exit_code != 0 and "boss@example.com" in again.output
