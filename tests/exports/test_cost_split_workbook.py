"""The cost-split workbook read back: every number equals the database, formats and formulas."""

from __future__ import annotations

import io
from collections import defaultdict
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from flask import Flask
from sqlalchemy import select

from app.services.money.cost_splits import PartRow
from exports.cost_split import cost_split_sheets
from exports.workbook import workbook_bytes
from models import CostSplit, CostSplitPart, Organisation, db

from ..conftest import WebClient

YEAR = 2019
KR = '#,##0 "kr"'


@pytest.fixture
def workbook(app: Flask, web: WebClient, demo: dict) -> bytes:
    web.login("ekonom@example.com")
    response = web.get(f"/money/splits/{YEAR}/kostnadsfordelning.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith("kostnadsfordelning-2019.xlsx")
    return response.data


def _database(app: Flask, year: int) -> dict[tuple[str, str], Decimal]:
    """(organisation, split) → amount, straight from the saved parts."""
    with app.app_context():
        rows = db.session.execute(
            select(Organisation.name, CostSplit.name, CostSplitPart.amount)
            .join(CostSplitPart.organisation)
            .join(CostSplitPart.split)
            .where(CostSplitPart.year == year)
        ).all()
    return {(org, split): amount for org, split, amount in rows}


def _kr(value: float | int | None) -> Decimal | None:
    """A number read back from the sheet, to the krona's öre."""
    return None if value is None else Decimal(str(float(value))).quantize(Decimal("0.01"))


def test_summary_matches_the_database_to_the_krona(app: Flask, workbook: bytes) -> None:
    expected = _database(app, YEAR)
    splits = sorted({split for _org, split in expected})
    organisations = list(dict.fromkeys(org for org, _split in expected))
    frame = pd.read_excel(io.BytesIO(workbook), sheet_name="Sammanställning", header=1)
    assert list(frame.columns) == ["Organisation", *splits, "Totalt"]
    body, total_row = frame.iloc[:-1], frame.iloc[-1]
    assert sorted(body["Organisation"]) == sorted(organisations)
    for _index, row in body.iterrows():
        org = row["Organisation"]
        for split in splits:
            value = row[split]
            assert (None if pd.isna(value) else _kr(value)) == expected.get((org, split))
        own = sum(amount for (o, _s), amount in expected.items() if o == org)
        assert _kr(row["Totalt"]) == own
    assert total_row["Organisation"] == "Summa"
    with app.app_context():
        totals = dict(db.session.execute(select(CostSplit.name, CostSplit.total)).all())
    for split in splits:
        assert _kr(total_row[split]) == totals[split]  # the parts add up to the cost
    assert _kr(total_row["Totalt"]) == sum(expected.values()) == Decimal(161_000 + 48_000)


def test_summary_has_formulas_formats_frozen_header_and_filter(workbook: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    sheet = book["Sammanställning"]
    assert book.sheetnames[0] == "Sammanställning"
    assert sheet["A1"].value == "Kostnadsfördelning 2019"
    assert [c.value for c in sheet[2]] == [
        "Organisation",
        "En väg in – drift",
        "Gemensam utbildningsdag om samverkan",
        "Totalt",
    ]
    last = sheet.max_row
    assert sheet["D3"].value == "=SUM(B3:C3)"
    assert sheet[f"B{last}"].value == f"=SUM(B3:B{last - 1})"
    assert sheet[f"D{last}"].value == f"=SUM(D3:D{last - 1})"
    for row in sheet.iter_rows(min_row=3, min_col=2, max_col=4):
        assert {cell.number_format for cell in row if cell.value is not None} == {KR}
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:D{last - 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.oddHeader.left.text == "Västerbergslagens samordningsförbund"
    assert sheet.oddHeader.center.text == "Kostnadsfördelning 2019"
    assert sheet.column_dimensions["C"].width > len("Gemensam utbildningsdag om samverkan")


def test_one_sheet_per_organisation_says_what_it_pays_and_why(app: Flask, workbook: bytes) -> None:
    expected = _database(app, YEAR)
    by_org: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for (org, split), amount in expected.items():
        by_org[org][split] = amount
    book = pd.read_excel(io.BytesIO(workbook), sheet_name=None, header=1)
    assert set(book) == {"Sammanställning", *by_org}
    for org, parts in by_org.items():
        frame = book[org]
        assert list(frame.columns) == [
            "Kostnad",
            "Beskrivning",
            "Fördelningsgrund",
            "Kostnad totalt",
            "Andel",
            "Andel av kostnaden",
        ]
        body, total = frame.iloc[:-1], frame.iloc[-1]
        assert {row["Kostnad"]: _kr(row["Andel"]) for _i, row in body.iterrows()} == parts
        assert total["Kostnad"] == "Summa" and _kr(total["Andel"]) == sum(parts.values())
    region = book["Region Dalarna"].iloc[0]
    assert region["Fördelningsgrund"] == "Fasta belopp, resten i lika delar"
    assert _kr(region["Kostnad totalt"]) == Decimal(48_000)
    assert region["Andel av kostnaden"] == pytest.approx(0.25)
    ame = book["AME Smedjebacken"].iloc[0]
    assert (ame["Kostnad"], ame["Fördelningsgrund"]) == ("En väg in – drift", "Lika delar")
    assert _kr(ame["Andel"]) == Decimal(40_250)


def test_organisation_sheet_formats(workbook: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["Region Dalarna"]
    assert [c.number_format for c in sheet[3]][3:] == [KR, KR, "0.00 %"]
    assert sheet["E4"].value == "=SUM(E3:E3)"
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:F3"


def test_csv_has_the_same_figures(app: Flask, web: WebClient, demo: dict) -> None:
    web.login("ekonom@example.com")
    response = web.get(f"/money/splits/{YEAR}/kostnadsfordelning.csv")
    assert response.data.startswith("\ufeff".encode())
    frame = pd.read_csv(io.BytesIO(response.data), sep=";", encoding="utf-8-sig", dtype=str)
    found = {
        (row["Organisation"], row["Kostnad"]): Decimal(row["Andel"].replace(",", "."))
        for _i, row in frame.iterrows()
    }
    assert found == _database(app, YEAR)
    assert set(frame["År"]) == {"2019"}


def test_a_year_without_splits_gives_an_empty_summary(web: WebClient, demo: dict) -> None:
    web.login("chef@example.com")
    data = web.get("/money/splits/2015/kostnadsfordelning.xlsx").data
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Sammanställning"]


def test_builder_from_plain_rows_without_flask() -> None:
    def row(org_id: int, org: str, split_id: int, name: str, amount: int) -> PartRow:
        return PartRow(
            org_id,
            org,
            split_id,
            name,
            "",
            "equal",
            "Lika delar",
            Decimal(300),
            Decimal(amount),
            Decimal(amount) / 3,
        )

    rows = [
        row(2, "B", 1, "Z-kostnad", 100),
        row(1, "A", 2, "A-kostnad", 200),
        row(2, "B", 2, "A-kostnad", 100),
    ]
    sheets = cost_split_sheets(2030, rows)
    assert [s.name for s in sheets] == ["Sammanställning", "B", "A"]
    summary = sheets[0]
    assert [c.title for c in summary.columns] == ["Organisation", "A-kostnad", "Z-kostnad"]
    assert summary.frame["split_2"].tolist() == [Decimal(100), Decimal(200)]
    assert summary.frame["split_1"].tolist() == [Decimal(100), None]
    data = workbook_bytes(sheets, title="T", forbund="F", created=pd.Timestamp("2030-01-01").date())
    values = pd.read_excel(io.BytesIO(data), sheet_name="Sammanställning", header=1)
    assert values["Totalt"].tolist() == [200, 200, 400]
