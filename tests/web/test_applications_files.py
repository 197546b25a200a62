"""Attachments over HTTP: checked by content and size, served only to those who may read."""

from __future__ import annotations

import io
import zipfile

from flask import Flask
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from models import Application, Attachment, db

from ..conftest import WebClient, as_user, html_text

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def draft_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Application.id).where(Application.title == "Flåtan – vägen till arbete")
        )


def upload(client: WebClient, application: int, name: str, data: bytes) -> object:
    """A multipart POST built in memory (the test client would spool big bodies to a file)."""
    boundary, body = encode_multipart(
        {
            "csrf_token": client.token(),
            "file-file": FileStorage(io.BytesIO(data), filename=name),
            "file-description": "Tidsplan",
        }
    )
    return client.client.post(
        f"/applications/{application}/attachments",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_attachments_are_checked_and_served_only_to_readers(app: Flask, demo: dict) -> None:
    owner = as_user(app, "projektagare@example.com")
    flatan = draft_id(app)

    lying = upload(owner, flatan, "tidsplan.pdf", b"MZ\x90\x00 this is an exe")
    assert lying.status_code == 400
    assert "Filens innehåll är inte en PDF-fil" in html_text(lying)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w/>")
    disguised = upload(owner, flatan, "budget.xlsx", buffer.getvalue())
    assert "inte en XLSX-fil" in html_text(disguised)

    huge = upload(owner, flatan, "stor.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert huge.status_code in (400, 413)
    assert "10 MB" in html_text(huge)

    assert upload(owner, flatan, "Tidsplan Flåtan.pdf", PDF).status_code == 302
    with app.app_context():
        attachment = db.session.scalars(
            select(Attachment).where(Attachment.application_id == flatan)
        ).one()
        attachment_id, size = attachment.id, attachment.size
    assert size == len(PDF)
    url = f"/applications/{flatan}/attachments/{attachment_id}"

    for email in ("projektagare@example.com", "styrelse@example.com", "revisor@example.com"):
        response = as_user(app, email).get(url)
        assert response.status_code == 200, email
        assert response.data == PDF
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert "Tidsplan" in response.headers["Content-Disposition"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"

    # another organisation's projektägare, guessing the address
    chef = as_user(app, "chef@example.com")
    chef.post(
        "/admin/users/new",
        {
            "email": "ifo@example.com",
            "name": "Ifo Ägare",
            "role": "projektagare",
            "organisation_id": demo["orgs"]["IFO"],
            "active": "y",
            "password": "ett-bra-losenord",
        },
    )
    stranger = WebClient(app.test_client())
    assert stranger.login("ifo@example.com", "ett-bra-losenord").status_code == 302
    assert stranger.get(url).status_code == 403
    assert stranger.get(f"/applications/{flatan}").status_code == 403
    assert WebClient(app.test_client()).get(url).status_code == 302  # anonymous: to log-in

    # a draft's file can be removed; after submission it is a public record
    assert owner.post(f"{url}/delete", {}).status_code == 302
    with app.app_context():
        assert db.session.get(Attachment, attachment_id) is None
