"""The protocol: Swedish layout, attendance groups, every § and decision, read back from .docx."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from io import BytesIO
from typing import Any

from docx import Document
from sqlalchemy import select

from app.services.meetings import agenda, decisions, jav, protocol, protocol_files, quorum
from app.services.meetings import lifecycle as meetings
from models import db
from models.meeting import Meeting

from .test_meetings_support import Board, application, attend, funds, justera

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
    agenda.add_standard_items(m)
    agenda.add_paragraph(m, kind="application", title=app_.title, application=app_)
    agenda.fix_agenda(m)
    attend(m, board, ["FK", "AF", "Ludvika"], serving={"Region": "Region"})
    rows = {a.member_id: (a.status, a.serving_for_id) for a in m.attendances}
    rows[board.ersattare["FK"].id] = ("present", None)
    meetings.record_attendance(m, rows)
    item = next(p for p in m.paragraphs if p.kind == "application")
    jav.add_recusal(item, board.ledamot["AF"], "Anställd hos Arbetsförmedlingen")
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
    assert item.decision == ""  # the standard text: the att-satser say it
    assert item.amounts == [("2026", "512\xa0000\xa0kr")]
    assert item.clauses == [
        "att bevilja Ludvika kommun 512\xa0000\xa0kr för En väg in (2026: 512\xa0000\xa0kr),",
        "att beviljade medel förenas med villkoren: Slutrapport lämnas,",
        "att slutrapport lämnas till förbundet senast 2027-02-28.",
    ]
    assert item.notes[0].startswith("Ledamot AF anmäler jäv och deltar inte i handläggningen")
    assert "Beslutet gäller efter justering." in item.notes


def test_docx_reads_back_with_header_paragraphs_decisions_and_signatures(app_ctx: Any) -> None:
    board, m = _meeting(app_ctx)
    justera(m, board, date(2026, 3, 19))
    document = Document(BytesIO(protocol_files.document(m)[0]))
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
    assert "Styrelsen beslutar" in texts
    assert any(t.startswith("att bevilja Ludvika kommun 512\xa0000\xa0kr") for t in texts)
    assert "Beslutet gäller efter justering." not in texts  # justerat: it applies
    signatures = [
        c.text for t in document.tables for r in t.rows for c in r.cells if "____" in c.text
    ]
    for label, name in (
        ("Sekreterare", "Karin Lindqvist"),
        ("Ordförande", "Ledamot Ludvika"),
        ("Justerare", "Ledamot FK"),
    ):
        assert any(label in t and name in t for t in signatures)
    assert "Protokollet förvaras hos Västerbergslagens samordningsförbund, Ludvika." in texts
    assert "Anslagsbevis" in texts
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
        "Beslutet går utöver de medel för insatser som återstår enligt fastställd "
        "verksamhetsplan (eller är fattat innan verksamhetsplanen för året fastställts); "
        "styrelsen har beslutat detta medvetet." in item.notes
    )


# The demo förbund's meetings as their pages and protocols show them: for each, the
# seats, needed, taking part and quorate; the range of §; the protocol's quorum line
# and attendance groups (beslutande, tjänstgörande ersättare, ersättare ej
# tjänstgörande); and each item with jäv, who is jävig and how many then take part.
DEMO_FK, DEMO_AF, DEMO_RD = "Försäkringskassan", "Arbetsförmedlingen", "Region Dalarna"
DEMO_LK, DEMO_SK = "Ludvika kommun", "Smedjebackens kommun"
BOARD_2016 = [
    f"Birgitta Holm, {DEMO_FK}",
    f"Tomas Lund, {DEMO_AF}",
    f"Ulla Sjöberg, {DEMO_RD} (vice ordförande)",
    f"Stefan Wallin, {DEMO_LK} (ordförande)",
    f"Margareta Falk, {DEMO_SK}",
]
BOARD_2024 = [
    f"Helena Berg, {DEMO_FK}",
    f"Mats Olsson, {DEMO_AF}",
    f"Anna Berglund, {DEMO_RD} (vice ordförande)",
    f"Per Nilsson, {DEMO_LK} (ordförande)",
    f"Erik Sandberg, {DEMO_SK}",
]
QUORATE = "Styrelsen är beslutför (5 av 5 platser)."
DEMO_MEETINGS: dict[str, tuple[Any, ...]] = {
    "1/2016": (
        (5, 3, 5, True),
        "§§ 1–9",
        QUORATE,
        [line for line in BOARD_2016 if not line.startswith("Tomas")],
        [f"Karin Dahl, {DEMO_AF}, tjänstgörande för Tomas Lund"],
        [f"Eva Norén, {DEMO_LK}"],
        [("§ 7", ["Margareta Falk"], 4)],
    ),
    "2/2016": ((5, 3, 5, True), "§§ 10–19", QUORATE, BOARD_2016, [], [], []),
    "3/2016": (
        (5, 3, 5, True),
        "§§ 20–29",
        QUORATE,
        BOARD_2016[1:],
        [f"Lars Ek, {DEMO_FK}, tjänstgörande för Birgitta Holm"],
        [],
        [],
    ),
    # 1/2024 grants Vägen in, Trisam and the own processledare; 2/2024 adopts the plan 2025
    "1/2024": ((5, 3, 5, True), "§§ 1–11", QUORATE, BOARD_2024, [], [], []),
    "2/2024": ((5, 3, 5, True), "§§ 12–19", QUORATE, BOARD_2024, [], [], []),
    "1/2025": ((5, 3, 5, True), "§§ 1–9", QUORATE, BOARD_2024, [], [], []),
    "1/2026": (
        (5, 3, 5, True),
        "§§ 1–11",
        QUORATE,
        [line for line in BOARD_2024 if not line.startswith("Anna")],
        [f"Gunnar Hedlund, {DEMO_RD}, tjänstgörande för Anna Berglund"],
        [f"Ingrid Mattsson, {DEMO_LK}"],
        [],
    ),
    "2/2026": ((5, 3, 5, True), "§§ 12–22", QUORATE, BOARD_2024, [], [], []),
    "3/2026": (
        (5, 3, 5, True),
        "§§ 23–34",
        QUORATE,
        [line for line in BOARD_2024 if not line.startswith("Mats")],
        [f"Sofia Lindberg, {DEMO_AF}, tjänstgörande för Mats Olsson"],
        [],
        [],
    ),
    "4/2026": (
        (5, 3, 5, True),
        "§§ 35–49",
        QUORATE,
        BOARD_2024,
        [],
        [f"Leila Karimi, {DEMO_SK}"],
        [("§ 43", ["Per Nilsson"], 4)],  # the chair, on Vägen in; the vice chair leads the §
    ),
    "5/2026": ((5, 3, 0, False), "§§ 50–61", "", [], [], [], []),
}


def test_every_demo_meeting_shows_its_quorum_jav_and_attendance(app_ctx: Any, demo: dict) -> None:
    found = {}
    for meeting_id in db.session.scalars(select(Meeting.id).order_by(Meeting.id)):
        m = meetings.load_for_page(meeting_id)
        assert m is not None
        seats = quorum.board_seats(m)
        assert seats and all(s.is_ledamot and s.serves_on(m.date) for s in seats)
        status = quorum.status(m, seats=seats)
        data = protocol.protocol_data(m)
        jav = []
        for p in m.paragraphs:
            if p.recusals:
                item = quorum.status(m, p, seats=seats)
                jav.append((p.label, [member.name for member in item.recused], item.present))
                notes = next(i.notes for i in data.items if i.paragraph_id == p.id)
                for member in item.recused:
                    assert any(
                        n.startswith(f"{member.name} anmäler jäv och deltar inte") for n in notes
                    )
        found[m.label] = (
            (status.seats, status.needed, status.present, status.quorate),
            data.range,
            data.quorum,
            data.decision_makers,
            data.serving,
            data.not_serving,
            jav,
        )
    assert found == DEMO_MEETINGS
    assert meetings.load_for_page(10**9) is None


def test_the_demo_shows_jav_an_omrostning_a_reservation_and_a_note(
    app_ctx: Any, demo: dict
) -> None:
    m = db.session.scalar(select(Meeting).where(Meeting.year == 2026, Meeting.number == 4))
    items = {i.number: i for i in protocol.protocol_data(m).items}
    assert items["§ 43"].notes[:2] == [
        "Per Nilsson anmäler jäv och deltar inte i handläggningen av ärendet"
        " (kommunalråd i Ludvika kommun, som är projektägare).",
        "Vice ordförande Anna Berglund leder sammanträdet under paragrafen.",
    ]
    assert items["§ 47"].details[:4] == [
        "Omröstning begärs. 4 röster ja, 1 nej, 0 avstår."
        " Styrelsen har beslutat enligt ja-linjen (ja för beslutet ovan).",
        "Ja: Helena Berg, Anna Berglund, Per Nilsson, Erik Sandberg",
        "Nej: Mats Olsson",
        "Mats Olsson reserverar sig mot beslutet. Skriftlig reservation bifogas protokollet"
        " (Bilaga: reservation).",
    ]
    assert items["§ 47"].appendices[0][0] == "Bilaga: reservation – Mats Olsson, § 47"
    assert items["§ 45"].details == [
        "Protokollsanteckning av Erik Sandberg: Smedjebackens kommun vill att utlysningen 2027"
        " också når föreningslivet och studieförbunden."
    ]
