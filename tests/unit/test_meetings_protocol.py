"""The protocol: Swedish layout, attendance groups, every § and decision, read back from .docx."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from io import BytesIO
from typing import Any

from docx import Document

from app.services import agenda, decisions, meetings, protocol, quorum
from models.meeting import Meeting

from .test_meetings_support import Board, application, attend, funds

DAY = date(2026, 3, 12)


def _meeting(app_ctx: Any) -> tuple[Board, Meeting]:
    board = Board()
    funds(2026, "1000000")
    app_ = application(board.orgs["Ludvika"], "En väg in", {2026: "512000"})
    m = meetings.create_meeting(
        DAY,
        place="Folkets hus, Ludvika",
        start_time=time(13, 0),
        end_time=time(15, 30),
        secretary="Karin Lindqvist",
        others_present="Maria Holm, ekonom",
        kept_at="Protokollet förvaras hos Västerbergslagens samordningsförbund, Ludvika.",
    )
    m.chair = board.ledamot["Ludvika"]
    m.justerare = board.ledamot["FK"]
    agenda.add_standard_items(m)
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Ludvika"], serving={"Region": "Region"})
    rows = {a.member_id: (a.status, a.serving_for_id) for a in m.attendances}
    rows[board.ersattare["FK"].id] = ("present", None)
    meetings.record_attendance(m, rows)
    item = next(p for p in m.paragraphs if p.kind == "application")
    quorum.add_recusal(item, board.ledamot["AF"], "Anställd hos Arbetsförmedlingen")
    decisions.record_decision(
        item,
        outcome="granted",
        years={2026: Decimal("512000")},
        conditions="Slutrapport lämnas.",
        report_dates=[("final", date(2027, 2, 28))],
        over_budget_confirmed=False,
    )
    decisions.record_decision(m.paragraphs[0], outcome="adopted", text="Ordföranden öppnar mötet.")
    return board, m


def test_protocol_data_groups_attendance_like_a_swedish_protocol(app_ctx: Any) -> None:
    _board, m = _meeting(app_ctx)
    data = protocol.protocol_data(m)
    assert data.title == "Protokoll nr 1/2026"
    assert data.time == "kl. 13.00–15.30"
    assert data.decision_makers == [
        "Ledamot FK, Försäkringskassan",
        "Ledamot AF, Arbetsförmedlingen",
        "Ledamot Ludvika, Ludvika kommun (ordförande)",
    ]
    assert data.serving == ["Ersättare Region, Region Dalarna, tjänstgörande för Ledamot Region"]
    assert data.not_serving == ["Ersättare FK, Försäkringskassan"]
    assert data.others == ["Maria Holm, ekonom", "Karin Lindqvist, sekreterare"]
    assert data.range == "§§ 1–8"
    assert data.draft and data.adjusted == ""
    assert data.quorum == "Styrelsen är beslutför (4 av 5 platser)."
    item = data.items[5]
    assert (item.number, item.title) == ("§ 6", "En väg in")
    assert (
        item.decision
        == "Styrelsen beviljar 512 000 kr till En väg in (2026: 512 000 kr).".replace(
            " kr", "\xa0kr"
        ).replace("512 000", "512\xa0000")
    )
    assert "2026: 512\xa0000\xa0kr" in item.details
    assert "Slutrapport senast 2027-02-28" in item.details
    assert item.notes[0].startswith("Ledamot AF anmäler jäv och deltar inte i handläggningen")
    assert "Beslutet gäller efter justering." in item.notes


def test_docx_reads_back_with_header_paragraphs_decisions_and_signatures(app_ctx: Any) -> None:
    _board, m = _meeting(app_ctx)
    meetings.record_justering(m, on=date(2026, 3, 19), by="Ledamot Ludvika, Ledamot FK")
    document = Document(BytesIO(protocol.protocol_docx(m)))
    texts = [p.text for p in document.paragraphs]
    cells = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert texts[0] == "Testförbundet"
    assert "Protokoll nr 1/2026" in texts
    assert "Utkast – ej justerat" not in texts
    assert cells["Sammanträdesdatum"] == "2026-03-12"
    assert cells["Plats och tid"] == "Folkets hus, Ludvika, kl. 13.00–15.30"
    assert cells["Tjänstgörande ersättare"] == (
        "Ersättare Region, Region Dalarna, tjänstgörande för Ledamot Region"
    )
    assert cells["Justering"] == "Justerat 2026-03-19 av Ledamot Ludvika, Ledamot FK"
    assert cells["Paragrafer"] == "§§ 1–8"
    headings = [t for t in texts if t.startswith("§ ")]
    assert headings == [
        "§ 1 Mötets öppnande",
        "§ 2 Upprop och beslutförhet",
        "§ 3 Godkännande av dagordningen",
        "§ 4 Val av justerare",
        "§ 5 Föregående protokoll",
        "§ 6 En väg in",
        "§ 7 Nästa sammanträde",
        "§ 8 Mötets avslutande",
    ]
    assert "Beslut: Ordföranden öppnar mötet." in texts
    assert any(t.startswith("Beslut: Styrelsen beviljar 512\xa0000\xa0kr") for t in texts)
    assert "2026: 512\xa0000\xa0kr" in texts
    assert "Beslutet gäller efter justering." not in texts  # justerat: it applies
    for label, name in (
        ("Sekreterare", "Karin Lindqvist"),
        ("Ordförande", "Ledamot Ludvika"),
        ("Justerare", "Ledamot FK"),
    ):
        assert f"{label}: {name}" in texts
    assert texts[-1] == "Protokollet förvaras hos Västerbergslagens samordningsförbund, Ludvika."
    assert document.sections[0].header.paragraphs[0].text.startswith("Testförbundet")


def test_over_budget_decisions_are_marked_in_the_protocol(app_ctx: Any) -> None:
    board = Board()
    funds(2026, "100000")
    app_ = application(board.orgs["Ludvika"], "Trisam", {2026: "150000"})
    m = meetings.create_meeting(DAY)
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Region"])
    decisions.record_decision(
        m.paragraphs[0],
        outcome="granted",
        years={2026: Decimal("150000")},
        over_budget_confirmed=True,
    )
    [item] = protocol.protocol_data(m).items
    assert (
        "Beslutet överskrider återstående medel för insatser; "
        "styrelsen har beslutat detta medvetet." in item.notes
    )
