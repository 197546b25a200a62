"""Hostile text cannot add a line to the SIE file, and is refused where it is typed.

Every field from data is quoted and escaped; control characters are refused at
input (with the message beside the field) and, for rows stored before that
rule, dropped at export. The file parses back line by line into exactly the
records Samordna wrote, and is served with one Content-Type.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app.downloads import SIE_CONTENT_TYPE
from exports.sie import Ledger, pc8, sie_bytes
from models import Forbund, db
from models.grant import Grant
from models.grant_followup import Payment

from ..conftest import WebClient
from .test_sie import parse

D = Decimal
INJECT = '#KONTO 9999 "Injicerat"'
#: Each tries to end the field or the line and start a record of its own.
PAYLOADS = [
    f"\r\n{INJECT}",
    f"\n{INJECT}",
    f"\r{INJECT}",
    f'"\r\n{INJECT} "',
    f'x\\"\n{INJECT}',
    f"\x00\x1b[2J{INJECT}",
    f"\u2028{INJECT}",
    f"\x85{INJECT}",
    f"\t{INJECT}\t",
    '\\"\\',
]
#: Control characters refused at input (a browser's one-line box sends none of them).
CONTROL = ["\r\n", "\n", "\r", "\t", "\x00", "\x1b", "\u2028", "\x85"]
MESSAGE = "Radbrytningar, tabbtecken och andra styrtecken är inte tillåtna här."
#: What a well-formed line of the file looks like: a label and its fields.
QUOTED = r'"(?:[^"\\\x00-\x1f]|\\.)*"'
FIELD = rf"(?:{QUOTED}|\{{(?:\d+ {QUOTED})?\}}|[0-9A-Za-z.\-]+)"
LINE = re.compile(rf"^(?:   )?#[A-Z]+(?: {FIELD})*$|^[{{}}]$")


def expected(text: str) -> str:
    """The text as the file carries it: on one line, no control characters, PC8."""
    flat = "".join(c for c in " ".join(text.split()) if unicodedata.category(c) != "Cc")
    return pc8(flat)


def check_lines(
    data: bytes, payments: int, accounts: int = 2, objects: int = 0, rows: int | None = None
) -> None:
    """Only CRLF ends a line; every line is one well-formed record; none is extra.

    ``accounts`` #KONTO and ``objects`` #OBJEKT lines are expected, and ``rows``
    #TRANS rows (two per payment unless told).
    """
    assert not re.search(rb"[\x00-\x1f\x7f]", data.replace(b"\r\n", b""))
    lines = data.decode("cp437").split("\r\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert LINE.match(line), line
    assert sum(line.startswith("#RAR ") for line in lines) == 1  # one fiscal year
    assert sum(line.startswith("#KONTO ") for line in lines) == accounts
    assert sum(line.startswith("#OBJEKT ") for line in lines) == objects
    rows = 2 * payments if rows is None else rows
    assert len(lines) - 1 == 7 + 1 + accounts + 1 + objects + 3 * payments + rows


class Row:
    """A payment row as the export reads it."""

    def __init__(self, name: str, reference: str, reason: str) -> None:
        self.paid_on, self.amount, self.year = date(2026, 1, 2), D("-10"), 2026
        self.reference, self.reason = reference, reason
        self.grant = type("GrantRow", (), {"name": name})()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_field_can_add_a_line(payload: str) -> None:
    """The payload in every one of the ten fields that come from data."""
    ledger = Ledger(
        name=f"Förbund{payload}",
        org_number=f"5560{payload}",
        grant_account=f"4990{payload}",
        bank_account=f"1930{payload}",
        grant_account_name=f"Bidrag{payload}",
        bank_account_name=f"Bank{payload}",
    )
    rows = [Row(f"Insats{payload}", f"R-1{payload}", f"Fel{payload}")]
    data = sie_bytes(
        rows, ledger, start=date(2026, 1, 1), end=date(2026, 12, 31),
        generated=date(2026, 2, 1), generated_by=f"Eva{payload}",
    )  # fmt: skip
    check_lines(data, payments=1)
    labels, (ver,) = parse(data)
    assert labels["#FNAMN"] == [[expected(ledger.name)]]
    assert labels["#ORGNR"] == [[expected(ledger.org_number)]]
    assert labels["#GEN"] == [["20260201", expected(f"Eva{payload}")]]
    assert labels["#KONTO"] == [
        [expected(ledger.bank_account), expected(ledger.bank_account_name)],
        [expected(ledger.grant_account), expected(ledger.grant_account_name)],
    ]
    assert ver["text"] == expected(
        f"Utbetalning Insats{payload} 2026, R-1{payload}, rättelse: Fel{payload}"
    )
    assert dict(ver["trans"]) == {
        expected(ledger.grant_account): D("-10.00"),
        expected(ledger.bank_account): D("10.00"),
    }


def _settings(app: Flask) -> dict[str, str]:
    with app.app_context():
        forbund = db.session.get(Forbund, 1)
        return {
            "name": forbund.name, "org_number": forbund.org_number or "", "split_unit": "1.00",
            "registry_format": forbund.registry_format, "grant_account": forbund.grant_account,
            "bank_account": forbund.bank_account,
        }  # fmt: skip


def _error(page: str, field: str) -> str:
    found = re.search(rf'<div id="{field}-error"[^>]*>(.*?)</div>', page, re.S)
    return html.unescape(found.group(1)) if found else ""


def test_settings_refuse_control_characters_beside_the_field(
    app: Flask, web: WebClient, demo: dict
) -> None:
    """8 control characters × the 4 settings that reach the SIE file: all 32 refused."""
    web.login("chef@example.com")
    before = _settings(app)
    refused = 0
    for field in ("name", "org_number", "grant_account", "bank_account"):
        for control in CONTROL:
            value = {"org_number": "5560", "grant_account": "4990", "bank_account": "1930"}.get(
                field, "Förbundet"
            )
            response = web.post("/admin/settings", {**before, field: f"{value}{control}9999"})
            assert response.status_code == 200, (field, control)
            assert MESSAGE in _error(response.get_data(as_text=True), field), (field, control)
            refused += 1
    assert refused == 32
    assert _settings(app) == before
    saved = web.post("/admin/settings", {**before, "org_number": "222000-1234"})
    assert saved.status_code == 302
    assert _settings(app)["org_number"] == "222000-1234"


def test_payment_reference_refuses_control_characters(
    app: Flask, web: WebClient, demo: dict
) -> None:
    """The reference is written into the verification text: 8 tries, 8 refused."""
    web.login("ekonom@example.com")
    with app.app_context():
        gid = db.session.scalar(select(Grant.id).where(Grant.name == "Vägen in"))
        count = len(db.session.scalars(select(Payment)).all())
    for control in CONTROL:
        response = web.post(
            f"/grants/{gid}/payments/new",
            {"year": "2026", "paid_on": "2026-11-20", "amount": "10", "reference": f"R{control}X"},
        )
        assert response.status_code in (200, 400), control
        assert MESSAGE in _error(response.get_data(as_text=True), "reference"), control
    with app.app_context():
        assert len(db.session.scalars(select(Payment)).all()) == count


def test_stored_hostile_values_cannot_add_a_line_and_one_content_type(
    app: Flask, web: WebClient, demo: dict
) -> None:
    """Values stored before the input rule (or straight in the database) are still safe."""
    with app.app_context():
        forbund = db.session.get(Forbund, 1)
        forbund.name = f'Förbund "X"\r\n{INJECT}'
        forbund.org_number = '5\r\n#KONTO 9999 "I"'  # the column holds 20 characters
        grant = db.session.scalar(select(Grant).where(Grant.name == "Vägen in"))
        grant.name = f"Vägen in\n{INJECT}"
        db.session.commit()
    web.login("ekonom@example.com")
    response = web.get("/grants/payments.se?from=2026-01-01&to=2026-12-31")
    assert response.status_code == 200
    assert response.headers.getlist("Content-Type") == [SIE_CONTENT_TYPE]
    assert SIE_CONTENT_TYPE.count("charset=") == 1
    labels, verifications = parse(response.data)
    check_lines(
        response.data,
        payments=len(verifications),
        accounts=len({row[0] for v in verifications for row in v["trans"]}),
        objects=len({row[1][6] for v in verifications for row in v["rows"] if row[1]}),
        rows=sum(len(v["trans"]) for v in verifications),
    )
    assert labels["#ORGNR"] == [['5 #KONTO 9999 "I"']]
    assert labels["#FNAMN"] == [[f'Förbund "X" {INJECT}']]
    assert [k[0] for k in labels["#KONTO"]][:2] == ["1930", "4990"]
    assert any(f"Vägen in {INJECT}" in v["text"] for v in verifications)
