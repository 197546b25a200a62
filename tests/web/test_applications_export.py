"""The budget workbook of one application, read back: figures to the öre, Swedish titles."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from flask import Flask
from sqlalchemy import select

from models import Application, db

from ..conftest import WebClient


def test_budget_workbook_holds_the_computed_figures(app: Flask, demo: dict) -> None:
    with app.app_context():
        evi = db.session.scalar(select(Application.id).where(Application.title == "En väg in"))
        other = db.session.scalar(
            select(Application.id).where(Application.title == "Trisam – team för tidig samordning")
        )
    board = WebClient(app.test_client())
    board.login("styrelse@example.com")
    response = board.get(f"/applications/{evi}/budget.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "budget-2016-001.xlsx" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data), data_only=True)
    assert book.sheetnames == ["Budget", "Personal", "Övriga kostnader", "Medfinansiering"]
    rows = {row[0]: row[1:] for row in book["Budget"].iter_rows(min_row=3, values_only=True)}
    assert rows["Sökt från förbundet"][0] == 512_000
    assert Decimal(str(rows["Total kostnad"][0])) == Decimal("985000")
    assert Decimal(str(rows["Personal"][0])) == Decimal("817379")
    staff = list(book["Personal"].iter_rows(min_row=3, values_only=True))
    assert staff[0][1:4] == (
        "Processledare",
        "Anna Lund",
        "Arbetsmarknadsenheten Ludvika (Ludvika kommun)",
    )
    assert staff[0][4] == 1  # 100 % as a fraction with a percent format
    # AME's handläggare entered as "30 procent tjänstgöring till 156 000 kronor per år"
    assert staff[1][1] == "Handläggare AME" and staff[1][5] is None
    assert staff[1][6] == 156_000 and staff[1][-1] == 156_000
    owner = WebClient(app.test_client())
    owner.login("projektagare@example.com")
    assert owner.get(f"/applications/{evi}/budget.xlsx").status_code == 200
    assert owner.get(f"/applications/{other}/budget.xlsx").status_code == 403
