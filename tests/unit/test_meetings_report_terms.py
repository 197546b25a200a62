"""Report dates written in the villkor are the decision's report dates, stated once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.services.meetings import decisions, delegation, letters, protocol_texts, villkor
from app.services.meetings.report_terms import report_dates_in, typed_only, with_villkor
from app.services.meetings.rules import MeetingError
from models import db
from models.grant import Grant

from .test_meetings_decisions import _held, _justera
from .test_meetings_support import Board, application, delegate, funds

D = Decimal


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Slutrapport senast 2027-02-28. Medel som inte används återbetalas.",
            [("final", date(2027, 2, 28))],
        ),
        ("Delrapport 2027-06-30", [("status", date(2027, 6, 30))]),
        ("Lägesrapport lämnas senast 31 augusti 2027.", [("status", date(2027, 8, 31))]),
        ("En rapport den 1 feb. 2027 om läget.", [("status", date(2027, 2, 1))]),
        ("Slutredovisning 2028-01-31", [("final", date(2028, 1, 31))]),
        ("Ekonomisk redovisning senast 31:a mars 2028.", [("final", date(2028, 3, 31))]),
        (
            "Lägesrapporter 2027-06-30 och 2027-12-31; slutrapporten senast 28 februari 2028.",
            [
                ("status", date(2027, 6, 30)),
                ("status", date(2027, 12, 31)),
                ("final", date(2028, 2, 28)),
            ],
        ),
        (
            "Slutrapport ska vara förbundet tillhanda senast den 28 februari 2027.",
            [("final", date(2027, 2, 28))],
        ),
        # Only the due date, not the other dates of the sentence.
        (
            "Slutrapporten ska beskriva resultat för perioden 2026-01-01 – 2026-12-31 och lämnas"
            " senast 2027-02-28.",
            [("final", date(2027, 2, 28))],
        ),
        (
            "Lägesrapport lämnas senast 2026-08-31 avseende perioden 2026-01-01–2026-06-30.",
            [("status", date(2026, 8, 31))],
        ),
        (
            "Slutrapport enligt beslut 2025-11-20 § 42 lämnas senast 2027-02-28.",
            [("final", date(2027, 2, 28))],
        ),
        (
            "Slutrapport lämnas senast 2027-02-28 (se förbundets mall, version 2024-05-01).",
            [("final", date(2027, 2, 28))],
        ),
        (
            "Slutrapport senast 2027-02-28, medel som inte förbrukats 2027-01-31 ska återbetalas.",
            [("final", date(2027, 2, 28))],
        ),
        ("Delårsrapport per 2026-08-31 lämnas senast 2026-09-30.", [("status", date(2026, 9, 30))]),
        # Vague, or not a report's date: left alone.
        ("Lägesrapport varje tertial, slutrapport februari 2027.", []),
        ("Lägesrapport i augusti. Insatsen startar 2027-02-01.", []),
        ("Senast 2027-02-28 lämnas slutrapport.", []),
        ("Slutrapport 2027-02-30.", []),
        ("Insatsen ska rapportera 2027-01-15.", []),
        ("", []),
    ],
)
def test_report_dates_are_found_only_with_a_report_word_and_a_full_date(
    text: str, found: list[tuple[str, date]]
) -> None:
    assert report_dates_in(text) == found


def test_typed_and_villkor_dates_are_merged_once_and_the_form_keeps_the_typed() -> None:
    text = "Slutrapport senast 2027-02-28."
    typed = [("status", date(2026, 8, 31)), ("final", date(2027, 2, 28))]
    assert with_villkor(text, typed) == typed
    assert with_villkor(text, typed[:1]) == typed
    stored = [{"kind": k, "due": d.isoformat()} for k, d in typed]
    assert typed_only(text, stored) == [{"kind": "status", "due": "2026-08-31"}]


def _granted(board: Board, conditions: str, reports: list[tuple[str, date]]) -> Any:
    funds(2026, "2000000")
    app_ = application(board.orgs["Ludvika"], "En väg in", {2026: "512000"})
    m = _held(board, app_)
    decision = decisions.record_decision(
        m.paragraphs[0],
        outcome="granted",
        years={2026: D("512000")},
        conditions=conditions,
        report_dates=reports,
    )
    return m, decision


def test_a_report_date_in_the_villkor_becomes_a_report_of_the_grant(app_ctx: Any) -> None:
    board = Board()
    text = "Slutrapport senast 2027-02-28. Medel som inte används återbetalas."
    m, decision = _granted(board, text, [("status", date(2026, 8, 31))])
    assert decision.report_dates == [
        {"kind": "status", "due": "2026-08-31"},
        {"kind": "final", "due": "2027-02-28"},
    ]
    assert villkor.villkor_message(decision.conditions, [("status", date(2026, 8, 31))]) == (
        "Rapportdatum från villkoren: slutrapport 2027-02-28."
    )
    assert villkor.villkor_message(decision.conditions, [("final", date(2027, 2, 28))]) == ""
    _justera(m)
    grant = db.session.scalar(select(Grant))
    assert sorted((r.kind, r.due_on) for r in grant.reports) == [
        ("final", date(2027, 2, 28)),
        ("status", date(2026, 8, 31)),
    ]


def test_the_att_satser_and_the_letter_state_a_villkor_report_once(app_ctx: Any) -> None:
    board = Board()
    text = "Slutrapport senast 2027-02-28. Medel som inte används återbetalas."
    _m, decision = _granted(
        board, text, [("status", date(2026, 8, 31)), ("final", date(2027, 2, 28))]
    )
    clauses = protocol_texts.clauses(decision)
    assert clauses == [
        "att bevilja Ludvika kommun 512\xa0000\xa0kr för En väg in (2026: 512\xa0000\xa0kr),",
        "att beviljade medel förenas med villkoren: Slutrapport senast 2027-02-28. Medel som"
        " inte används återbetalas,",
        "att lägesrapport lämnas till förbundet senast 2026-08-31.",
    ]
    letter = letters.letter_data(decision)
    assert letter.clauses == clauses
    assert not any("slutrapport lämnas" in line for line in letter.clauses)
    # The letter's table is the schedule of every report, the villkor's too.
    assert letter.reports == [("Lägesrapport", "2026-08-31"), ("Slutrapport", "2027-02-28")]


def test_a_delegation_decision_takes_its_report_dates_from_the_villkor(app_ctx: Any) -> None:
    board = Board()
    delegate(board)
    small = application(board.orgs["Ludvika"], "Förstudie", {2026: "45000"})
    decided = delegation.record_delegated_decision(
        small,
        year=2026,
        amount=D("45000"),
        decided_on=date(2026, 4, 2),
        conditions="Delrapport 30 september 2026. Slutrapport senast 2027-01-31.",
        report_dates=[("final", date(2027, 1, 31))],
    )
    assert decided.report_dates == [
        {"kind": "status", "due": "2026-09-30"},
        {"kind": "final", "due": "2027-01-31"},
    ]
    grant = db.session.scalar(select(Grant).where(Grant.application_id == small.id))
    assert sorted((r.kind, r.due_on) for r in grant.reports) == [
        ("final", date(2027, 1, 31)),
        ("status", date(2026, 9, 30)),
    ]
    assert protocol_texts.clauses(decided) == [
        "att bevilja Ludvika kommun 45\xa0000\xa0kr för Förstudie (2026: 45\xa0000\xa0kr),",
        "att beviljade medel förenas med villkoren: Delrapport 30 september 2026. Slutrapport"
        " senast 2027-01-31.",
    ]


def test_a_slutrapport_dated_differently_in_the_villkor_and_the_rows_is_refused(
    app_ctx: Any,
) -> None:
    board = Board()
    with pytest.raises(MeetingError, match="Villkoren säger slutrapport 2027-02-28 men"):
        _granted(board, "Slutrapport senast 2027-02-28.", [("final", date(2027, 3, 31))])
    assert db.session.scalar(select(Grant)) is None
    # Two slutrapport dates in the villkor alone: refused too, naming both.
    assert villkor.final_report_problem(
        "Ekonomisk redovisning lämnas halvårsvis, senast 2026-08-31 och 2027-02-28.", []
    ) == (
        "Villkoren ger slutrapporten mer än ett datum (2026-08-31, 2027-02-28). Behåll ett:"
        " en insats har en slutrapport."
    )
    # Refused as a decision that grants; an avslag keeps neither villkor nor reports.
    assert (
        villkor.final_report_problem(
            "Slutrapport 2027-02-28.", [("final", date(2027, 3, 31))], "rejected"
        )
        is None
    )


def test_two_slutrapport_dates_in_the_villkor_alone_are_refused(app_ctx: Any) -> None:
    board = Board()
    with pytest.raises(MeetingError, match="ger slutrapporten mer än ett datum"):
        _granted(
            board,
            "Ekonomisk redovisning lämnas halvårsvis, senast 2026-08-31 och 2027-02-28.",
            [],
        )


def test_reports_the_villkor_ask_for_without_a_date_are_pointed_out(app_ctx: Any) -> None:
    """ "Lägesrapport 31 augusti och slutrapport." names two reports and dates neither (no
    year, no day): saving says so, or the grant would ask for no report at all."""
    text = "Lägesrapport 31 augusti och slutrapport."
    with force_locale("sv"):
        assert villkor.villkor_message(text, []) == (
            "Villkoren begär lägesrapport, slutrapport utan datum: ange datumet i"
            " rapportraderna, annars begär bidraget ingen sådan rapport."
        )
        # Typed in the rows, or written with a full date, nothing is missing.
        typed = [("status", date(2026, 8, 31)), ("final", date(2027, 2, 28))]
        assert villkor.villkor_message(text, typed) == ""
        assert villkor.villkor_message("Slutrapport senast 2027-02-28.", []) == (
            "Rapportdatum från villkoren: slutrapport 2027-02-28."
        )
        assert villkor.villkor_message("Medel som inte används återbetalas.", []) == ""
