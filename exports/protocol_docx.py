"""The protocol and the protokollsutdrag as Word documents, laid out as a förbund publishes them.

Only layout lives here: every sentence comes from ``ProtocolData``
(``app/services/meetings/protocol.py``), the same data the print view shows.
"""

from __future__ import annotations

from docx.document import Document as DocumentType
from docx.enum.text import WD_BREAK
from docx.shared import Cm

from .docx_frame import amounts_table, new_document, signature_lines, to_bytes
from .protocol_parts import Item, ProtocolData


def _frame(data: ProtocolData, title: str, heading: str) -> DocumentType:
    return new_document(
        forbund=data.forbund, title=title, heading=heading, day=data.date, signature_box=True
    )


def protocol(data: ProtocolData) -> bytes:
    """The whole protocol: the meeting's facts, every §, signatures and the anslagsbevis."""
    document = _frame(data, f"Protokoll {data.number} – {data.forbund}", data.title)
    document.add_paragraph().add_run(data.forbund).bold = True
    document.add_heading(data.title, level=0)
    if data.draft:
        document.add_paragraph().add_run("Utkast – ej justerat").bold = True
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in _facts(data):
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value or "–"
    if data.quorum:
        document.add_paragraph(data.quorum)
    for item in data.items:
        _item(document, item)
    document.add_heading("Underskrifter", level=2)
    signature_lines(document, [(role, name) for role, name in data.signatures])
    document.add_paragraph(data.kept_at)
    for item in data.items:  # written reservations follow the protocol, as in the print view
        for title, text in item.appendices:
            document.add_heading(title, level=2)
            document.add_paragraph(text)
    if data.anslag is not None:
        _anslagsbevis(document, data)
    return to_bytes(document)


def _facts(data: ProtocolData) -> list[tuple[str, str]]:
    return [
        ("Sammanträdesdatum", data.date),
        ("Plats och tid", ", ".join(v for v in (data.place, data.time) if v)),
        ("Beslutande", "\n".join(data.decision_makers)),
        ("Tjänstgörande ersättare", "\n".join(data.serving)),
        ("Ersättare, ej tjänstgörande", "\n".join(data.not_serving)),
        ("Övriga närvarande", "\n".join(data.others)),
        ("Justerare", data.justerare),
        ("Justering", data.adjusted or "Ej justerat"),
        ("Paragrafer", data.range),
    ]


def _item(document: DocumentType, item: Item) -> None:
    document.add_heading(f"{item.number} {item.title}", level=2)
    if item.registry_number or item.applicant:
        line = document.add_paragraph()
        if item.registry_number:
            line.add_run("Diarienummer: ").bold = True
            line.add_run(item.registry_number)
        if item.applicant:
            if item.registry_number:
                line.add_run("\n")
            line.add_run("Sökande: ").bold = True
            line.add_run(item.applicant)
    elif item.reference:
        document.add_paragraph().add_run(item.reference).italic = True
    for note in item.notes:
        document.add_paragraph().add_run(note).italic = True
    for sentence in item.standard:
        document.add_paragraph(sentence)
    if item.background:
        document.add_paragraph().add_run("Bakgrund").bold = True
        document.add_paragraph(item.background)
    if item.minutes:
        document.add_paragraph(item.minutes)
    if item.decision:
        paragraph = document.add_paragraph()
        paragraph.add_run("Beslut: ").bold = True
        paragraph.add_run(item.decision)
    if item.clauses:
        document.add_paragraph().add_run("Styrelsen beslutar").bold = True
        for clause in item.clauses:
            paragraph = document.add_paragraph(clause)
            paragraph.paragraph_format.left_indent = Cm(1.0)
    if item.amounts:
        amounts_table(document, item.amounts)
    for line in item.details:
        document.add_paragraph(line, style="List Bullet")


def _anslagsbevis(document: DocumentType, data: ProtocolData) -> None:
    anslag = data.anslag
    assert anslag is not None
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Anslagsbevis", level=2)
    blank = "_" * 16
    rows = [
        ("Organ", f"Styrelsen, {data.forbund}"),
        ("Sammanträdesdatum", data.date),
        ("Protokollet har justerats", anslag.adjusted_on or blank),
        ("Anslaget", anslag.posted_on or blank),
        ("Tas ned", anslag.taken_down_on or blank),
        ("Överklagandetiden löper ut", anslag.appeal_ends or blank),
        ("Förvaringsplats", anslag.kept_at),
    ]
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    signature_lines(document, [("Underskrift", "")])


def extract(data: ProtocolData, item: Item) -> bytes:
    """A protokollsutdrag: one § as the protocol has it, ending "Rätt utdraget intygar"."""
    heading = f"Protokollsutdrag {data.number}"
    document = _frame(
        data, f"Protokollsutdrag {data.number} {item.number} – {data.forbund}", heading
    )
    document.add_paragraph().add_run(data.forbund).bold = True
    document.add_heading(f"Protokollsutdrag – {data.title}", level=1)
    facts = f"Sammanträdesdatum {data.date}"
    if data.place:
        facts += f", {data.place}"
    document.add_paragraph(facts)
    if data.adjusted:
        status = data.adjusted
    elif item.adjusted_now:
        status = f"{item.number} förklarades omedelbart justerad vid sammanträdet."
    else:
        status = "Utkast – protokollet är ännu inte justerat"
    document.add_paragraph(status)
    _item(document, item)
    document.add_paragraph()
    document.add_paragraph().add_run("Rätt utdraget intygar").bold = True
    signature_lines(document, [("Justerare", name) for name in data.justerare_names or [""]])
    return to_bytes(document)
