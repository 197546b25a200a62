"""The SIE 4 file of payments, parsed back: every verification balances, every payment once."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.grants import payments as payment_service
from app.services.money import ledger
from exports.sie import Ledger, pc8, sie_bytes
from models import Forbund, db
from models.grant import Grant
from models.grant_followup import Payment

from ..conftest import WebClient

D = Decimal
ITEM = re.compile(r'"((?:[^"\\]|\\.)*)"|\{[^}]*\}|(\S+)')
UNESCAPE = re.compile(r"\\(.)")
OBJECT = re.compile(r'(\d+)\s+"((?:[^"\\]|\\.)*)"')


def parse(data: bytes) -> tuple[dict[str, list[list[str]]], list[dict]]:
    """Labels with their fields, and verifications with their #TRANS rows.

    A #TRANS row is (account, amount) in ``trans`` and (account, objects, amount) in
    ``rows``, the objects as {dimension: object} ({} for none).
    """
    labels: dict[str, list[list[str]]] = {}
    verifications: list[dict] = []
    current = None
    for line in data.decode("cp437").split("\r\n"):
        line = line.strip()
        if not line:
            continue
        if line == "{":
            continue
        if line == "}":
            current = None
            continue
        matches = list(ITEM.finditer(line))
        fields = [
            UNESCAPE.sub(r"\1", m.group(1))
            if m.group(1) is not None
            else (m.group(2) or m.group(0))
            for m in matches
        ]
        label, rest = fields[0], fields[1:]
        if label == "#VER":
            current = {"series": rest[0], "number": rest[1], "date": rest[2], "text": rest[3]}
            current["trans"], current["rows"] = [], []
            verifications.append(current)
        elif label == "#TRANS":
            assert current is not None, "#TRANS outside a verification"
            objects = dict((int(d), UNESCAPE.sub(r"\1", o)) for d, o in OBJECT.findall(rest[1]))
            current["trans"].append((rest[0], D(rest[2])))
            current["rows"].append((rest[0], objects, D(rest[2])))
        else:
            labels.setdefault(label, []).append(rest)
    return labels, verifications


@pytest.fixture
def ekonom(web: WebClient, demo: dict) -> WebClient:
    web.login("ekonom@example.com")
    return web


def check_file(data: bytes) -> tuple[dict[str, list[list[str]]], list[dict]]:
    """What every SIE file must be: balanced vouchers, declared accounts and objects."""
    labels, verifications = parse(data)
    accounts = {k[0] for k in labels["#KONTO"]}
    assert labels["#DIM"] == [["6", "Projekt"]]
    objects = {o[1] for o in labels.get("#OBJEKT", []) if o[0] == "6"}
    assert len(labels["#RAR"]) == 1 and labels["#RAR"][0][0] == "0"
    for ver in verifications:
        assert sum(amount for _account, amount in ver["trans"]) == 0, ver
        for account, dims, _amount in ver["rows"]:
            assert account in accounts, (account, ver)
            assert set(dims) <= {6} and set(dims.values()) <= objects, (dims, ver)
    return labels, verifications


def test_sie_file_balances_and_holds_every_payment_once(app: Flask, ekonom: WebClient) -> None:
    with app.app_context():
        trisam = db.session.scalar(select(Grant).where(Grant.name.like("Trisam%")))
        first = db.session.scalar(select(Payment).where(Payment.grant_id == trisam.id))
        payment_service.record_payment(
            trisam, year=first.year, amount=D("-1500.50"), paid_on=date(2026, 3, 2),
            reference="Rättelse T-1", reason="Dubbelbetald faktura", corrects=first, user=None,
        )  # fmt: skip
        db.session.commit()
        rows = payment_service.payments_between(date(2026, 1, 1), date(2026, 12, 31))
        expected = sorted((p.paid_on.strftime("%Y%m%d"), str(p.grant_id), p.amount) for p in rows)
        names = {str(p.grant_id): pc8(p.grant.name) for p in rows}
        trisam_id = str(trisam.id)
    response = ekonom.get("/grants/payments.se?from=2026-01-01&to=2026-12-31")
    assert response.status_code == 200
    assert "utbetalningar-2026-01-01-2026-12-31.se" in response.headers["Content-Disposition"]
    labels, verifications = check_file(response.data)
    assert labels["#SIETYP"] == [["4"]] and labels["#FORMAT"] == [["PC8"]]
    assert labels["#FNAMN"] == [["Västerbergslagens samordningsförbund"]]
    assert labels["#RAR"] == [["0", "20260101", "20261231"]]
    assert {o[1]: o[2] for o in labels["#OBJEKT"]} == names  # one object per insats
    found = []
    for ver in verifications:
        (bank,) = [row for row in ver["rows"] if row[0] == "1930"]
        costs = [row for row in ver["rows"] if row[0] != "1930"]
        (insats,) = {row[1][6] for row in costs}  # every cost row carries its insats
        assert bank[1] == {}
        found.append((ver["date"], insats, -bank[2]))
    assert sorted(found) == expected  # every payment once, date, insats and amount
    assert len(verifications) == len(expected) > 5
    assert [v["number"] for v in verifications] == [str(n) for n in range(1, len(found) + 1)]
    correction = next(v for v in verifications if "Rättelse T-1" in v["text"])
    assert correction["rows"] == [
        ("4990", {6: trisam_id}, D("-1500.50")),
        ("1930", {}, D("1500.50")),
    ]
    assert "rättelse: Dubbelbetald faktura" in correction["text"]


def test_own_insats_is_booked_as_own_costs_per_category(app: Flask, ekonom: WebClient) -> None:
    """The processledare the förbund employs is its own salary cost, not a grant paid out."""
    labels, verifications = check_file(
        ekonom.get("/grants/payments.se?from=2025-01-01&to=2025-12-31").data
    )
    accounts = {k[0]: k[1] for k in labels["#KONTO"]}
    assert accounts["7210"] == "Löner till tjänstemän" and accounts["5800"] == "Resekostnader"
    own = [v for v in verifications if "Processledare" in v["text"]]
    assert len(own) == 4
    for ver in own:  # budget 2025: personnel 548 000, travel 12 000; paid 140 000 a quarter
        assert dict(ver["trans"]) == {
            "7210": D("137000.00"), "5800": D("3000.00"), "1930": D("-140000.00")
        }  # fmt: skip
        assert "4990" not in dict(ver["trans"])
    others = [v for v in verifications if v not in own]
    assert others and all({a for a, _ in v["trans"]} == {"4990", "1930"} for v in others)


def test_a_period_across_the_new_year_gives_one_file_per_year(ekonom: WebClient) -> None:
    response = ekonom.get("/grants/payments.se?from=2025-03-01&to=2026-06-30")
    assert response.status_code == 302
    page = ekonom.get(response.headers["Location"]).get_data(as_text=True)
    assert "En SIE-fil omfattar ett räkenskapsår" in page
    assert "from=2025-03-01&amp;to=2025-12-31" in page
    assert "from=2026-01-01&amp;to=2026-06-30" in page


def test_characters_outside_pc8_are_transliterated_never_question_marks() -> None:
    class Row:
        paid_on, amount, year, reference, reason = (
            date(2026, 1, 2),
            D("10"),
            2026,
            "Rekv “A” – 5 €",
            "",
        )

        class grant:
            id, name, insats_type = 7, "Café Østra — Łódź ☃", "project"

    data = sie_bytes(
        [Row()], Ledger("Förbund – Väst", "", "4990", "1930"),
        start=date(2026, 1, 1), end=date(2026, 1, 31), generated=date(2026, 2, 1),
    )  # fmt: skip
    labels, (ver,) = check_file(data)
    assert b"?" not in data
    assert labels["#FNAMN"] == [["Förbund - Väst"]]
    assert labels["#OBJEKT"] == [["6", "7", "Café Ostra - Lódz"]]
    assert ver["text"] == 'Utbetalning Café Ostra - Lódz 2026, Rekv "A" - 5 EUR'
    with pytest.raises(ValueError, match="one fiscal year"):
        sie_bytes([Row()], Ledger("F", "", "4990", "1930"), start=date(2025, 12, 1),
                  end=date(2026, 1, 31), generated=date(2026, 2, 1))  # fmt: skip


def test_accounts_are_set_per_forbund(app: Flask, web: WebClient, demo: dict) -> None:
    web.login("chef@example.com")
    page = web.get("/admin/settings").get_data(as_text=True)
    assert 'value="4990"' in page and 'value="1930"' in page
    with app.app_context():
        forbund = db.session.get(Forbund, 1)
        data = {
            "name": forbund.name, "org_number": forbund.org_number, "split_unit": "1.00",
            "registry_format": forbund.registry_format, "grant_account": "49", "bank_account": "x",
        }  # fmt: skip
    refused = web.post("/admin/settings", data)
    assert refused.status_code == 200
    assert "Ett kontonummer har 4 till 6 siffror." in refused.get_data(as_text=True)
    accounts = {
        "account_personnel": "7011", "account_premises": "5010", "account_travel": "5800",
        "account_material": "5400", "account_evaluation": "6550", "account_other": "6990",
    }  # fmt: skip
    assert 'value="7210"' in page  # the BAS default until the förbund sets its own
    saved = web.post(
        "/admin/settings", {**data, **accounts, "grant_account": "4994", "bank_account": "1940"}
    )
    assert saved.status_code == 302
    with app.app_context():
        assert ledger.cost_accounts()["personnel"].number == "7011"
    web.login("ekonom@example.com")
    labels, verifications = parse(web.get("/grants/payments.se?from=2026-01-01&to=2026-12-31").data)
    assert {"4994", "1940", "7011"} <= {k[0] for k in labels["#KONTO"]}
    assert "4990" not in {k[0] for k in labels["#KONTO"]}
    own = [v for v in verifications if "Processledare" in v["text"]]
    assert own and all("7011" in dict(v["trans"]) for v in own)
    assert all(
        {a for a, _ in v["trans"]} == {"4994", "1940"} for v in verifications if v not in own
    )


def test_strings_are_escaped_and_pc8() -> None:
    class Row:
        paid_on, amount, year, reference, reason = date(2026, 1, 2), D("10"), 2026, 'A "B"', ""

        class grant:  # mimics the attribute of a payment row
            name = "Öppen\nförskola ☃"

    data = sie_bytes(
        [Row()], Ledger("Förbund", "", "4990", "1930"),
        start=date(2026, 1, 1), end=date(2026, 1, 31), generated=date(2026, 2, 1),
    )  # fmt: skip
    _labels, (ver,) = parse(data)
    assert ver["text"] == 'Utbetalning Öppen förskola 2026, A "B"'  # ☃ has no PC8 likeness
