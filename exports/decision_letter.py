"""The beslutsmeddelande: the board's decision as a letter to the projektägare.

Layout only; ``app/services/meetings/letters.py`` writes every sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .docx_frame import amounts_table, new_document, signature_lines, to_bytes


@dataclass
class Letter:
    """What the beslutsmeddelande says, in Swedish."""

    forbund: str
    day: str
    recipient: str
    contact: str
    subject: str  # "Beslut om ansökan 2026/001 – En väg in"
    citation: str  # "§ 55, Sammanträde 5/2026"
    decision: str  # one sentence: "Styrelsen beslutade 2026-03-03 att bevilja …"
    clauses: list[str]
    amounts: list[tuple[str, str]]
    conditions: str
    reports: list[tuple[str, str]] = field(default_factory=list)
    payment: str = ""
    appeal: list[str] = field(default_factory=list)
    signer: str = ""


def letter(data: Letter) -> bytes:
    """The letter as a .docx: recipient, decision, amounts, villkor, reports, payment, appeal."""
    document = new_document(
        forbund=data.forbund,
        title=f"Beslutsmeddelande – {data.subject} – {data.forbund}",
        heading="Beslutsmeddelande",
        day=data.day,
        signature_box=False,
    )
    document.add_paragraph(f"{data.recipient}\n{data.contact}".strip())
    document.add_heading(data.subject, level=1)
    document.add_paragraph(data.decision)
    if data.clauses:
        document.add_paragraph().add_run("Styrelsen beslutade").bold = True
        for clause in data.clauses:
            document.add_paragraph(clause, style="List Bullet")
    if data.amounts:
        document.add_heading("Belopp per år", level=2)
        amounts_table(document, data.amounts)
    if data.conditions:
        document.add_heading("Villkor", level=2)
        document.add_paragraph(data.conditions)
    if data.reports:
        document.add_heading("Rapporter", level=2)
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Rapport", "Lämnas senast"
        for kind, due in data.reports:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = kind, due
    if data.payment:
        document.add_heading("Utbetalning", level=2)
        document.add_paragraph(data.payment)
    document.add_heading("Hur man överklagar", level=2)
    for line in data.appeal:
        document.add_paragraph(line)
    document.add_paragraph()
    signature_lines(document, [(data.forbund, data.signer)])
    return to_bytes(document)
