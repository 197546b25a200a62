"""The SIE 4 file of payments, parsed back: every verification balances, every payment once."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app.services.grants import payments as payment_service
from exports.sie import Ledger, sie_bytes
from models import Forbund, db
from models.grant import Grant
from models.grant_followup import Payment

from ..conftest import WebClient

D = Decimal
ITEM = re.compile(r'"((?:[^"\\]|\\.)*)"|\{[^}]*\}|(\S+)')
UNESCAPE = re.compile(r"\\(.)")


def parse(data: bytes) -> tuple[dict[str, list[list[str]]], list[dict]]:
    """Labels with their fields, and verifications with their #TRANS rows."""
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
        fields = [
            UNESCAPE.sub(r"\1", m.group(1)) if m.group(1) is not None else (m.group(2) or "{}")
            for m in ITEM.finditer(line)
        ]
        label, rest = fields[0], fields[1:]
        if label == "#VER":
            current = {"series": rest[0], "number": rest[1], "date": rest[2], "text": rest[3]}
            current["trans"] = []
            verifications.append(current)
        elif label == "#TRANS":
            assert current is not None, "#TRANS outside a verification"
            current["trans"].append((rest[0], D(rest[2])))
        else:
            labels.setdefault(label, []).append(rest)
    return labels, verifications


@pytest.fixture
def ekonom(web: WebClient, demo: dict) -> WebClient:
    web.login("ekonom@example.com")
    return web


def test_sie_file_balances_and_holds_every_payment_once(app: Flask, ekonom: WebClient) -> None:
    with app.app_context():
        trisam = db.session.scalar(select(Grant).where(Grant.name.like("Trisam%")))
        first = db.session.scalar(select(Payment).where(Payment.grant_id == trisam.id))
        payment_service.record_payment(
            trisam, year=first.year, amount=D("-1500.50"), paid_on=date(2026, 3, 2),
            reference="Rättelse T-1", reason="Dubbelbetald faktura", corrects=first, user=None,
        )  # fmt: skip
        db.session.commit()
        expected = {
            (p.paid_on.strftime("%Y%m%d"), p.amount)
            for p in payment_service.payments_between(date(2025, 1, 1), date(2026, 12, 31))
        }
        count = len(payment_service.payments_between(date(2025, 1, 1), date(2026, 12, 31)))
    response = ekonom.get("/grants/payments.se?from=2025-01-01&to=2026-12-31")
    assert response.status_code == 200
    assert "utbetalningar-2025-01-01-2026-12-31.se" in response.headers["Content-Disposition"]
    labels, verifications = parse(response.data)
    assert labels["#SIETYP"] == [["4"]] and labels["#FORMAT"] == [["PC8"]]
    assert labels["#FNAMN"] == [["Västerbergslagens samordningsförbund"]]
    assert labels["#RAR"] == [["0", "20260101", "20261231"], ["-1", "20250101", "20251231"]]
    assert {k[0] for k in labels["#KONTO"]} == {"4990", "1930"}
    assert len(verifications) == count > 10
    for ver in verifications:
        assert sum(amount for _account, amount in ver["trans"]) == 0, ver
    found = {
        (ver["date"], dict(ver["trans"])["4990"]) for ver in verifications
    }  # every payment once, with its date and amount on the grant account
    assert found == expected
    assert [v["number"] for v in verifications] == [str(n) for n in range(1, count + 1)]
    correction = next(v for v in verifications if "Rättelse T-1" in v["text"])
    assert dict(correction["trans"]) == {"4990": D("-1500.50"), "1930": D("1500.50")}
    assert "rättelse: Dubbelbetald faktura" in correction["text"]


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
    web.post("/admin/settings", {**data, "grant_account": "4994", "bank_account": "1940"})
    web.login("ekonom@example.com")
    labels, verifications = parse(web.get("/grants/payments.se?from=2026-01-01&to=2026-12-31").data)
    assert {k[0] for k in labels["#KONTO"]} == {"4994", "1940"}
    assert all({a for a, _ in v["trans"]} == {"4994", "1940"} for v in verifications)


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
    assert ver["text"] == 'Utbetalning Öppen förskola ? 2026, A "B"'
