"""app.downloads: file names, headers and streamed bodies of export downloads."""

from __future__ import annotations

import io
import tempfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from flask import Flask, Response

from app.downloads import XLSX_MIMETYPE, csv_response, download_name, xlsx_response
from exports.workbook import Column, Sheet, frame_of, workbook_bytes, write_workbook


@pytest.mark.parametrize(
    ("stem", "parts", "ext", "expected"),
    [
        ("Kostnadsfördelning", (2026,), "xlsx", "kostnadsfordelning-2026.xlsx"),
        ("kostnadsfordelning", (2026,), ".XLSX", "kostnadsfordelning-2026.xlsx"),
        ("Avgifter", ("Västerbergslagen", None, ""), "csv", "avgifter-vasterbergslagen.csv"),
        ("Åäö ÅÄÖ é ß æ", (date(2026, 3, 5),), "xlsx", "aao-aao-e-ss-ae-2026-03-05.xlsx"),
        ("../../etc/passwd", (), "csv", "etc-passwd.csv"),
        ("«»", (), "csv", "export.csv"),
        ("x" * 300, (), "csv", "x" * 100 + ".csv"),
    ],
)  # fmt: skip
def test_download_name_is_an_ascii_slug(stem: str, parts: tuple, ext: str, expected: str) -> None:
    assert download_name(stem, *parts, ext=ext) == expected


def test_download_name_refuses_odd_extensions() -> None:
    with pytest.raises(ValueError, match="extension"):
        download_name("x", ext="xlsx; rm")


def _workbook() -> bytes:
    columns = [Column("org", "Organisation"), Column("amount", "Belopp", "money")]
    frame = frame_of([{"org": "AME", "amount": Decimal("66250")}], columns)
    return workbook_bytes(
        [Sheet("Fördelning", frame, columns, total_row=True)],
        title="Kostnadsfördelning 2026",
        forbund="Västerbergslagens samordningsförbund",
        created=date(2026, 3, 5),
    )


def test_xlsx_download_is_a_streamed_uncached_attachment() -> None:
    site = Flask(__name__)
    data = _workbook()
    site.add_url_rule("/x", "x", lambda: xlsx_response(data, "kostnadsfordelning-2026.xlsx"))
    site.add_url_rule("/f", "f", lambda: xlsx_response(io.BytesIO(data), "f.xlsx"))
    for url in ("/x", "/f"):
        response = site.test_client().get(url)
        assert response.status_code == 200 and response.mimetype == XLSX_MIMETYPE
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Content-Length"] == str(len(data))
        assert response.data == data
    response = site.test_client().get("/x")
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=kostnadsfordelning-2026.xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.data), data_only=True).active
    assert (sheet["A2"].value, sheet["B2"].value, sheet["B3"].value) == ("AME", 66250, 66250)


def test_large_workbook_streams_from_a_spooled_file() -> None:
    columns = [Column("n", "Nr", "integer"), Column("amount", "Belopp", "money")]
    frame = frame_of([{"n": i, "amount": Decimal(i) / 4} for i in range(3000)], columns)
    site = Flask(__name__)

    @site.get("/big")
    def big() -> Response:
        file = tempfile.SpooledTemporaryFile(max_size=2**20)  # noqa: SIM115 (the response closes it)
        write_workbook(file, [Sheet("Stor", frame, columns, total_row=True)], title="Stor",
                       forbund="F", created=date(2026, 1, 1), constant_memory=True)  # fmt: skip
        file.seek(0)
        return xlsx_response(file, download_name("stor export", 2026, ext="xlsx"))

    response = site.test_client().get("/big")
    assert response.headers["Content-Disposition"] == "attachment; filename=stor-export-2026.xlsx"
    data = response.data
    response.close()  # a WSGI server does this after sending; it closes the file
    sheet = openpyxl.load_workbook(io.BytesIO(data), data_only=True).active
    assert sheet.max_row == 3002 and sheet["B3001"].value == 749.75
    assert sheet["B3002"].value == float(sum(Decimal(i) / 4 for i in range(3000)))


def test_csv_download_headers() -> None:
    site = Flask(__name__)
    body = "\ufeffOrganisation;Belopp\r\nAME;66250,00\r\n".encode()
    site.add_url_rule("/c", "c", lambda: csv_response(body, "kostnadsfordelning-2026.csv"))
    response = site.test_client().get("/c")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data == body


def test_samordna_security_headers_keep_no_store(app: Flask) -> None:
    with app.test_request_context("/"):
        response = app.process_response(xlsx_response(b"PK", "x.xlsx"))
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.direct_passthrough  # streamed from the file, not buffered by Flask
    response.close()
