"""The page frame of the förbund's Word documents: A4, binding margin, header and footer.

A protocol is printed, signed and bound: the left margin leaves room for the
binding, the header names the förbund, the document and the date on every
page, and the footer carries "sida X av Y" as real PAGE / NUMPAGES fields (Word
fills them in) and, on protocols, a box for the justerandes signatur.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph

A4 = (Twips(11906), Twips(16838))  # 210 × 297 mm, as Word stores it
MARGINS = {"left": Cm(3.0), "right": Cm(2.0), "top": Cm(2.5), "bottom": Cm(2.0)}
SIGNATURE_BOX = "Justerandes signatur"


def new_document(
    *, forbund: str, title: str, heading: str, day: str, signature_box: bool
) -> DocumentType:
    """An empty A4 document with the förbund's header, the page footer and its properties.

    ``heading`` is the header's middle text ("Protokoll nr 5/2026"), ``title`` the
    document property; the author is the förbund, never the library's name.
    """
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin = MARGINS["left"]
    section.right_margin = MARGINS["right"]
    section.top_margin = MARGINS["top"]
    section.bottom_margin = MARGINS["bottom"]
    _header(section.header.paragraphs[0], forbund, heading, day)
    _footer(section.footer, signature_box)
    properties = document.core_properties
    properties.title = _property(title)
    properties.author = _property(forbund)
    properties.last_modified_by = _property(forbund)
    properties.comments = ""
    properties.keywords = ""
    properties.subject = _property(heading)
    try:
        created = dt.datetime.fromisoformat(day)
    except ValueError:
        created = dt.datetime(2000, 1, 1)
    properties.created = properties.modified = created
    properties.revision = 1
    return document


def _property(text: str) -> str:
    """Word's document properties hold at most 255 characters."""
    return text if len(text) <= 255 else text[:254] + "…"


def _header(paragraph: Paragraph, forbund: str, heading: str, day: str) -> None:
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(Cm(8.0), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(forbund).bold = True
    paragraph.add_run(f"\t{heading}\t{day}")


def _footer(footer: object, signature_box: bool) -> None:
    """'sida X av Y' with PAGE and NUMPAGES fields, and the signature box beside it."""
    first = footer.paragraphs[0]  # type: ignore[attr-defined]
    if not signature_box:
        first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        page_numbers(first)
        return
    table = footer.add_table(rows=1, cols=2, width=Cm(16.0))  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    numbers, box = table.rows[0].cells
    numbers.width, box.width = Cm(10.0), Cm(6.0)
    page_numbers(numbers.paragraphs[0])
    label = box.paragraphs[0]
    run = label.add_run(SIGNATURE_BOX)
    run.font.size = Pt(8)
    box.add_paragraph()
    _border(box)


def page_numbers(paragraph: Paragraph) -> None:
    """'sida X av Y' where X and Y are Word fields."""
    paragraph.add_run("sida ")
    field(paragraph, "PAGE", "1")
    paragraph.add_run(" av ")
    field(paragraph, "NUMPAGES", "1")


def field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, shown value, end)."""

    def char(kind: str) -> None:
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _border(cell: _Cell) -> None:
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "8")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.append(borders)


def amounts_table(document: DocumentType, rows: list[tuple[str, str]]) -> None:
    """The small table of amounts per year (År | Belopp)."""
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text, head[1].text = "År", "Belopp"
    for year, amount in rows:
        cells = table.add_row().cells
        cells[0].text = year
        cells[1].text = amount
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def signature_lines(document: DocumentType, blocks: list[tuple[str, str]]) -> None:
    """Signature blocks side by side: a line to sign on, the role, the printed name."""
    table = document.add_table(rows=0, cols=2)
    for start in range(0, len(blocks), 2):
        cells = table.add_row().cells
        for cell, (role, name) in zip(cells, blocks[start : start + 2], strict=False):
            cell.paragraphs[0].add_run("\n\n" + "_" * 30)
            cell.add_paragraph().add_run(role).bold = True
            cell.add_paragraph(name)


def to_bytes(document: DocumentType) -> bytes:
    """The .docx file's bytes."""
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
