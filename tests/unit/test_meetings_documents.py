"""The protocol as förbund publish it: the .docx read back, frozen at justering, anslag,
the protokollsutdrag and the beslutsmeddelande."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from docx import Document

from app.services.meetings import anslag, decisions, justering, letters, protocol, protocol_files
from app.services.meetings.protocol_texts import standard_kind
from app.services.meetings.rules import MeetingError
from exports.decision_letter import letter as letter_docx
from exports.docx_frame import new_document
from models import Forbund, db
from models.meeting import Meeting

from .test_meetings_protocol import _meeting
from .test_meetings_support import justera_by_name

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbered(app_ctx: Any) -> Meeting:
    _board, m = _meeting(app_ctx)
    next(p for p in m.paragraphs if p.application).application.registry_number = "2026/001"
    return m


def _justerad(app_ctx: Any) -> Meeting:
    m = _numbered(app_ctx)
    justera_by_name(m, date(2026, 3, 19))
    return m


def _all_text(document: Any) -> str:
    """Every w:t of the body, headers and footers (tables included)."""
    parts = [document.element]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    return "\n".join(t.text or "" for part in parts for t in part.iter(f"{W}t"))


def test_the_protocol_docx_has_the_frame_a_förbund_publishes(app_ctx: Any) -> None:
    m = _justerad(app_ctx)
    document = Document(BytesIO(protocol_files.document(m)[0]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 20
    header = section.header.paragraphs[0].text
    assert header == "Testförbundet\tProtokoll nr 1/2026\t2026-03-12"
    footer_xml = section.footer._element.xml
    instructions = [t.text.strip() for t in section.footer._element.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer_xml.count('w:fldCharType="begin"') == 2
    [box_table] = section.footer.tables
    numbers, box = box_table.rows[0].cells
    assert numbers.text == "sida 1 av 1"
    assert box.text.startswith("Justerandes signatur")
    borders = box._tc.tcPr.find(f"{W}tcBorders")
    assert [b.get(f"{W}val") for b in borders] == ["single"] * 4
    properties = document.core_properties
    assert properties.title == "Protokoll 1/2026 – Testförbundet"
    assert properties.author == "Testförbundet" and properties.last_modified_by == "Testförbundet"
    text = _all_text(document)
    assert "{" not in text and "}" not in text and "python-docx" not in text


def test_standard_items_and_ärenden_carry_their_texts(app_ctx: Any) -> None:
    m = _justerad(app_ctx)
    document = Document(BytesIO(protocol_files.document(m)[0]))
    texts = [p.text for p in document.paragraphs]
    # § 1 has a recorded decision text; the other standard items get generated sentences.
    assert "Beslut: Ordföranden öppnar mötet." in texts
    assert "Närvarolista upprättas. Styrelsen är beslutför: 4 av 5 platser besatta." in texts
    assert "Dagordningen godkänns." in texts
    assert "Till justerare valdes Ledamot FK att jämte ordföranden justera protokollet." in texts
    assert "Föregående protokoll läggs till handlingarna." in texts
    assert "Ordföranden Ledamot Ludvika förklarar mötet avslutat." in texts
    start = texts.index("§ 6 En väg in")
    ärende = texts[start : start + 12]
    assert ärende[1] == "Diarienummer: 2026/001\nSökande: Ludvika kommun"
    assert "Bakgrund" in ärende
    assert "Förbundschefen föreslår att En väg in beviljas." in ärende
    clauses = ärende[ärende.index("Styrelsen beslutar") + 1 :][:3]
    assert clauses == [
        "att bevilja Ludvika kommun 512\xa0000\xa0kr för En väg in (2026: 512\xa0000\xa0kr),",
        "att beviljade medel förenas med villkoren: Slutrapport lämnas,",
        "att slutrapport lämnas till förbundet senast 2027-02-28.",
    ]
    amount_tables = [t for t in document.tables if t.rows[0].cells[0].text == "År"]
    assert [[c.text for c in r.cells] for r in amount_tables[0].rows] == [
        ["År", "Belopp"],
        ["2026", "512\xa0000\xa0kr"],
    ]


def test_standard_items_are_recognised_by_their_title(app_ctx: Any) -> None:
    board, m = _meeting(app_ctx)
    justering.elect_justerare(m, [board.ledamot["FK"]])
    paragraph = m.paragraphs[3]
    assert standard_kind(paragraph) == "justerare"  # by its flag, whatever its title
    paragraph.standard = ""  # an item without the flag is known by its title
    for title, kind in (
        ("Val av justerare", "justerare"),
        ("VAL AV JUSTERARE OCH GODKÄNNANDE AV DAGORDNING", "justerare"),
        ("Upprop", "roll_call"),
        ("Närvaro och beslutförhet", "roll_call"),
        ("Fastställande av dagordning", "agenda"),
        ("Föregående protokoll", "previous"),
        ("Mötets öppnande", "opening"),
        ("Mötets avslutande", "closing"),
        ("Information om Trisam", None),
        ("Information om nästa möte", None),  # an ordinary item mentioning a word
        ("Öppnande av ny verksamhet i Smedjebacken", None),
        ("Dagordning för medlemssamrådet", None),
    ):
        paragraph.title = title
        assert standard_kind(paragraph) == kind, title
    paragraph.title = "Val av justerare och godkännande av dagordning"
    assert protocol.protocol_data(m).items[3].standard == [
        "Till justerare valdes Ledamot FK att jämte ordföranden justera protokollet.",
        "Dagordningen godkänns.",
    ]


def test_an_unfilled_template_never_reaches_the_protocol(app_ctx: Any) -> None:
    board, m = _meeting(app_ctx)
    justering.elect_justerare(m, [board.ledamot["FK"]])
    decisions.record_decision(
        m.paragraphs[3], outcome="adopted", text="Styrelsen väljer {justerare}"
    )
    item = protocol.protocol_data(m).items[3]
    assert item.decision == ""
    assert item.standard == [
        "Till justerare valdes Ledamot FK att jämte ordföranden justera protokollet."
    ]


def test_the_protocol_is_frozen_at_justering_and_served_byte_for_byte(app_ctx: Any) -> None:
    m = _numbered(app_ctx)
    assert protocol_files.stored(m) is None
    draft, sha = protocol_files.document(m)
    assert sha is None and b"Utkast" in Document(BytesIO(draft)).paragraphs[2].text.encode()
    justera_by_name(m, date(2026, 3, 19))
    frozen = protocol_files.stored(m)
    assert frozen is not None
    assert frozen.sha256 == hashlib.sha256(frozen.content).hexdigest()
    db.session.get(Forbund, 1).name = "Nytt namn"  # a later change does not reach the record
    served, served_sha = protocol_files.document(m)
    assert served == frozen.content and served_sha == frozen.sha256
    assert Document(BytesIO(served)).core_properties.author == "Testförbundet"
    assert protocol_files.freeze(m) is frozen  # once


def test_anslag_dates_and_the_appeal_window(app_ctx: Any) -> None:
    assert anslag.appeal_ends(Meeting(posted_on=date(2026, 3, 10))) == date(2026, 3, 31)
    assert anslag.appeal_ends(Meeting()) is None
    m = _numbered(app_ctx)
    with pytest.raises(MeetingError, match="justera"):
        anslag.record_anslag(m, posted_on=date(2026, 3, 20), taken_down_on=None)
    justera_by_name(m, date(2026, 3, 19))
    assert anslag.awaiting_anslag() == [m]
    with pytest.raises(MeetingError, match="2026-03-19"):
        anslag.record_anslag(m, posted_on=date(2026, 3, 18), taken_down_on=None)
    with pytest.raises(MeetingError, match="2026-04-10"):
        anslag.record_anslag(m, posted_on=date(2026, 3, 20), taken_down_on=date(2026, 4, 9))
    anslag.record_anslag(m, posted_on=date(2026, 3, 20), taken_down_on=date(2026, 4, 11))
    assert (m.posted_on, m.taken_down_on) == (date(2026, 3, 20), date(2026, 4, 11))
    assert anslag.appeal_ends(m) == date(2026, 4, 10)
    assert anslag.awaiting_anslag() == []
    data = protocol.protocol_data(m)
    assert data.anslag is not None
    assert (data.anslag.adjusted_on, data.anslag.posted_on, data.anslag.taken_down_on) == (
        "2026-03-19",
        "2026-03-20",
        "2026-04-11",
    )
    assert data.anslag.appeal_ends == "2026-04-10"
    item = next(i for i in data.items if i.registry_number)
    assert item.appeal_ends == "2026-04-10"


def test_the_protokollsutdrag_ends_with_rätt_utdraget_intygar(app_ctx: Any) -> None:
    m = _justerad(app_ctx)
    paragraph = next(p for p in m.paragraphs if p.kind == "application")
    document = Document(BytesIO(protocol_files.extract(paragraph)))
    texts = [p.text for p in document.paragraphs]
    assert "Protokollsutdrag – Protokoll nr 1/2026" in texts
    assert "§ 6 En väg in" in texts and "§ 5 Föregående protokoll" not in texts
    assert texts[-1] == "Rätt utdraget intygar"
    signature = document.tables[-1].rows[0].cells[0].text
    assert "Justerare" in signature and "Ledamot FK" in signature
    assert "{" not in _all_text(document)
    assert protocol_files.extract_filename(paragraph) == "protokollsutdrag-1-2026-p6.docx"


def test_the_extract_of_an_omedelbart_justerad_paragraph_is_no_draft(app_ctx: Any) -> None:
    """The decision mail after omedelbar justering carries this extract: it must not say
    "Utkast" above "Rätt utdraget intygar"."""
    m = _numbered(app_ctx)
    paragraph = next(p for p in m.paragraphs if p.kind == "application")
    justering.adjust_at_meeting(paragraph)
    texts = [p.text for p in Document(BytesIO(protocol_files.extract(paragraph))).paragraphs]
    assert f"{paragraph.label} förklarades omedelbart justerad vid sammanträdet." in texts
    assert not any("Utkast" in t for t in texts)


def test_the_beslutsmeddelande_tells_the_projektägare_everything(app_ctx: Any) -> None:
    m = _justerad(app_ctx)
    anslag.record_anslag(m, posted_on=date(2026, 3, 20), taken_down_on=None)
    decision = next(p for p in m.paragraphs if p.kind == "application").decision
    data = letters.letter_data(decision)
    assert data.recipient == "Ludvika kommun"
    assert data.amounts == [("2026", "512\xa0000\xa0kr")]
    assert data.reports == [("Slutrapport", "2027-02-28")]
    document = Document(BytesIO(letter_docx(data)))
    text = _all_text(document)
    assert "Beslut om ansökan 2026/001 – En väg in" in text
    assert "§ 6, Sammanträde 1/2026" in text
    assert "att bevilja Ludvika kommun 512\xa0000\xa0kr" in text
    assert "Slutrapport lämnas." in text and "2027-02-28" in text
    assert "rekvisition" in text
    assert "laglighetsprövning" in text and "förvaltningsrätten" in text
    assert "senast 2026-04-10" in text
    assert "{" not in text
    assert document.core_properties.author == "Testförbundet"
    assert re.search(r"sida \d+ av \d+", document.sections[0].footer.paragraphs[0].text)


def test_long_names_fit_words_255_character_properties() -> None:
    document = new_document(
        forbund="F" * 300, title="T" * 300, heading="H", day="2026-03-12", signature_box=True
    )
    properties = document.core_properties
    assert len(properties.title) == len(properties.author) == 255
    assert properties.title.endswith("…")
