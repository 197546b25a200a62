"""Input a user can type that the services must refuse with a message, never a fault.

Payment dates far outside the grant's period, staff allocations ending 9999-12-31,
two decisions on one item saved at the same moment, and DOCX packages that expand
to far more than they weigh (zip bombs).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.services.applications.attachments import (
    MAX_EXPANDED_BYTES,
    AttachmentError,
    detect_type,
)
from app.services.grants import allocations, payments
from app.services.meetings import decisions
from models import db
from models.meeting import Decision

from .test_grants_factories import grant
from .test_meetings_decisions import DAY, _held
from .test_meetings_support import Board, application, funds

D = Decimal
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _pay(g: Any, paid_on: date, **kwargs: Any) -> Any:
    return payments.record_payment(
        g, year=2026, amount=D("100"), paid_on=paid_on, user=None, **kwargs
    )


@pytest.mark.parametrize("far", [date(1900, 1, 1), date(2099, 12, 31), date(2024, 12, 31)])
def test_a_payment_date_far_outside_the_grant_needs_a_confirmation_and_a_reason(
    app_ctx: Any, far: date
) -> None:
    g = grant(years={2026: "100000"})  # period 2026-01-01 – 2026-12-31
    with pytest.raises(payments.PaymentError, match="mer än 60 dagar utanför bidragets period"):
        _pay(g, far)
    with pytest.raises(payments.PaymentError, match="kryssa i bekräftelsen"):
        _pay(g, far, date_reason="Återbetalning av ett gammalt bidrag.")  # not confirmed
    kept = _pay(g, far, date_confirmed=True, date_reason="Återbetalning av ett gammalt bidrag.")
    assert kept.paid_on == far and kept.date_confirmed
    assert kept.date_reason == "Återbetalning av ett gammalt bidrag."


def test_payment_dates_within_the_period_and_tolerance_need_nothing(app_ctx: Any) -> None:
    g = grant(years={2026: "100000"})
    for day in (date(2025, 11, 2), date(2026, 6, 30), date(2027, 3, 1)):
        kept = _pay(g, day)
        assert kept.paid_on == day and not kept.date_confirmed and kept.date_reason == ""


def test_a_covered_period_far_outside_the_grant_is_refused(app_ctx: Any) -> None:
    g = grant(years={2026: "100000"})
    with pytest.raises(
        payments.PaymentError, match=r"Perioden som betalningen avser .* långt utanför"
    ):
        _pay(g, date(2026, 3, 1), covered_from=date(1900, 1, 1), covered_to=date(2026, 3, 31))
    with pytest.raises(
        payments.PaymentError, match=r"Perioden som betalningen avser .* långt utanför"
    ):
        _pay(g, date(2026, 3, 1), covered_from=date(2026, 1, 1), covered_to=date(9999, 12, 31))


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2026, 1, 1), date(9999, 12, 31)), (date(1, 1, 1), date(2026, 12, 31))],
)
def test_a_staff_allocation_beyond_the_years_is_refused(
    app_ctx: Any, start: date, end: date
) -> None:
    g = grant(years={2026: "100000"})
    with pytest.raises(allocations.AllocationError, match="mellan 1990 och 2100"):
        allocations.save_allocation(
            g,
            None,
            person="Projektledare",
            employer=g.owner,
            percent=D("50"),
            start_on=start,
            end_on=end,
            annual_salary=D("456000"),
            po_rate=D("44.53"),
        )
    assert allocations.overview() == []


def test_two_decisions_on_one_item_at_once_answer_a_conflict(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "1000000")
    item = _held(board, application(board.orgs["Ludvika"]), day=DAY).paragraphs[0]
    db.session.commit()
    assert item.decision is None  # this request has read the item: no decision yet
    # ... and another request saves its decision on the item in the meantime.
    db.session.add(
        Decision(
            paragraph_id=item.id,
            application_id=item.application_id,
            outcome="rejected",
            reasons="Först.",
            text="Styrelsen avslår.",
            decided_on=DAY,
        )
    )
    db.session.flush()
    with pytest.raises(decisions.DecisionConflict, match="samtidigt"):
        decisions.record_decision(item, outcome="rejected", reasons="Sen.")
    db.session.rollback()


def _package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def test_a_docx_zip_bomb_is_refused() -> None:
    bomb = _package(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w/>",
            "word/media/fill.bin": b"\0" * (MAX_EXPANDED_BYTES + 1),
        }
    )
    assert len(bomb) < 1024 * 1024  # a small upload ...
    with pytest.raises(AttachmentError, match="100 MB"):
        detect_type("bomb.docx", bomb)  # ... that expands beyond the limit


def test_a_zip_bomb_lying_about_its_size_is_refused() -> None:
    """The directory claims a 1-byte part that really inflates beyond the limit: refused
    (as a corrupt package: what the part inflates to does not match its checksum)."""
    bomb = bytearray(
        _package(
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"<w/>",
                "word/fill.bin": b"\0" * (MAX_EXPANDED_BYTES + 1),
            }
        )
    )
    central = bomb.rfind(b"word/fill.bin") - 46  # the part's central directory entry
    assert bomb[central : central + 4] == b"PK\x01\x02"
    bomb[central + 24 : central + 28] = (1).to_bytes(4, "little")  # uncompressed size
    with pytest.raises(AttachmentError):
        detect_type("bomb.docx", bytes(bomb))


def test_an_ordinary_docx_is_still_accepted() -> None:
    docx = _package(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w>" + b"text " * 1000 + b"</w>",
        }
    )
    assert detect_type("plan.docx", docx) == DOCX
