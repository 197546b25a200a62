"""A submitted application is a public record: versions kept with a diff; attachments checked."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import text

from app.services.applications import attachments, content, lines
from app.services.applications import workflow as applications
from app.services.applications.attachments import AttachmentError
from app.services.applications.revisions import FieldChange, ListChange, readable, revision_diff
from models import Application, ApplicationRevision, Role, User, db

from .test_applications_factories import draft, organisations, submitted, user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office_file(kind: str) -> bytes:
    """A minimal DOCX ("word/") or XLSX ("xl/") package."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{kind}/document.xml", "<x/>")
    return buffer.getvalue()


@pytest.fixture
def world(app_ctx: Flask) -> dict:
    orgs = organisations()
    return {
        "orgs": orgs,
        "chef": user(Role.FORBUNDSCHEF),
        "owner": user(Role.PROJEKTAGARE, orgs["AME"]),
    }


def _update(application: Application, by: User, **changes: object) -> None:
    fields = {
        name: getattr(application, name)
        for name in (
            "title",
            "kind",
            "insats_type",
            "contact_name",
            "contact_email",
            "contact_phone",
            "period_start",
            "period_end",
            "purpose",
            "background",
        )
    }
    fields.update(changes)
    content.update_application(application, user=by, owner=application.owner, parent=None, **fields)


def test_drafts_have_no_versions(world: dict) -> None:
    application = draft(world["orgs"], world["owner"])
    _update(application, world["owner"], purpose="Nytt syfte.")
    assert application.revisions == []


def test_every_change_after_submission_is_kept_with_who_and_a_diff(world: dict) -> None:
    orgs, chef = world["orgs"], world["chef"]
    application = submitted(orgs, world["owner"], purpose="Första syftet.")
    assert [r.number for r in application.revisions] == [1]
    first = application.revisions[0]
    assert first.snapshot["fields"]["purpose"] == "Första syftet."
    assert first.snapshot["requested"] == {"2026": "100000.00"}

    _update(application, chef, purpose="Andra syftet.")
    lines.add_budget_line(
        application, user=chef, year=2026, category="travel", amount=Decimal("2500.50")
    )
    _update(application, chef, purpose="Andra syftet.")  # nothing changed: no new version
    numbers = [r.number for r in application.revisions]
    assert numbers == [1, 2, 3]
    second, third = application.revisions[1], application.revisions[2]
    assert second.user_id == chef.id
    fields, lists = revision_diff(second, with_beredning=True)
    assert [(c.key, c.old, c.new) for c in fields] == [
        ("purpose", "Första syftet.", "Andra syftet.")
    ]
    assert lists == []
    fields, lists = revision_diff(third, with_beredning=True)
    assert ("requested", {"2026": "100000.00"}, {"2026": "102500.50"}) in [
        (c.key, c.old, c.new) for c in fields
    ]
    assert lists[0].key == "budget_lines" and lists[0].added == ["2026 · travel ·  · 2500.50"]
    # the first version still holds what was submitted
    db.session.expire_all()
    kept = db.session.get(ApplicationRevision, first.id)
    assert kept.snapshot["fields"]["purpose"] == "Första syftet."


def test_proposal_changes_are_versions_too(world: dict) -> None:
    chef = world["chef"]
    application = submitted(world["orgs"], chef)
    applications.transition(application, "in_preparation", user=chef)
    content.save_proposal(
        application, user=chef, assessment="", proposal_text="Bevilja.", conditions="",
        amounts={2026: Decimal(90_000)},
    )  # fmt: skip
    fields, _lists = revision_diff(application.revisions[-1], with_beredning=True)
    assert {c.key for c in fields} == {"proposal_text", "amounts"}


def test_optimistic_locking_refuses_a_stale_save(world: dict) -> None:
    chef, owner = world["chef"], world["owner"]
    application = draft(world["orgs"], owner)
    opened = application.version
    _update(application, chef, title="Chefens titel")
    with pytest.raises(content.ConflictError, match="har ändrats av Forbundschef Testsson"):
        content.update_application(
            application, user=owner, owner=application.owner, parent=None,
            expected_version=opened, title="Min titel", kind="new", insats_type="project",
            period_start=application.period_start, period_end=application.period_end,
        )  # fmt: skip
    assert application.title == "Chefens titel"


@pytest.mark.parametrize(
    ("name", "data"),
    [("plan.pdf", PDF), ("budget.xlsx", office_file("xl")), ("ansökan.docx", office_file("word"))],
)
def test_allowed_files_are_kept_in_the_database(world: dict, name: str, data: bytes) -> None:
    application = draft(world["orgs"], world["owner"])
    attachment = attachments.add_attachment(application, name, data, user=world["owner"])
    assert attachment.size == len(data) and attachment.filename == name
    db.session.expire_all()
    assert db.session.get(type(attachment), attachment.id).content == data


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "inte en PDF-fil"),
        ("budget.xlsx", office_file("word"), "inte en XLSX-fil"),
        ("text.docx", PDF, "inte en DOCX-fil"),
        ("zip.docx", b"PK\x03\x04 broken", "inte en DOCX-fil"),
        ("bild.png", b"\x89PNG\r\n\x1a\n", "Bara PDF"),
        ("tom.pdf", b"", "tom"),
        ("stor.pdf", PDF + b"0" * (10 * 1024 * 1024), "större än 10 MB"),
    ],
)
def test_lying_or_large_files_are_refused(
    world: dict, name: str, data: bytes, message: str
) -> None:
    application = draft(world["orgs"], world["owner"])
    with pytest.raises(AttachmentError, match=message):
        attachments.add_attachment(application, name, data, user=world["owner"])
    assert application.attachments == []


def test_file_names_lose_their_folders() -> None:
    assert attachments.clean_filename("../../etc/passwd.pdf") == "passwd.pdf"
    assert attachments.clean_filename("C:\\Users\\x\\Tidsplan.pdf") == "Tidsplan.pdf"
    assert attachments.clean_filename("a\x00b\u202e.pdf") == "ab.pdf"


def test_attachments_of_a_submitted_application_stay(world: dict) -> None:
    owner, chef = world["owner"], world["chef"]
    application = draft(world["orgs"], owner)
    attachment = attachments.add_attachment(application, "plan.pdf", PDF, user=owner)
    lines.add_budget_line(application, user=owner, year=2026, category="travel", amount=Decimal(1))
    applications.submit(application, user=owner)
    with pytest.raises(AttachmentError, match="allmän handling"):
        attachments.remove_attachment(application, attachment, user=chef)
    assert "plan.pdf" in application.revisions[0].snapshot["attachments"][0]


@pytest.mark.postgres_only  # SQLite refuses the second writer outright ("database is locked")
def test_a_save_that_loses_the_race_after_the_check_is_a_conflict(world: dict) -> None:
    """The version check passed, then someone else committed: the UPDATE matches no row."""
    application = draft(world["orgs"], world["owner"])
    db.session.commit()
    with db.engine.begin() as other:  # the other user's save, committed in between
        other.execute(
            text("UPDATE application SET version = version + 1, title = 'Chefens' WHERE id = :i"),
            {"i": application.id},
        )
    with pytest.raises(content.ConflictError), content.saving(application):
        application.title = "Min titel"
    db.session.expire_all()
    assert db.session.get(Application, application.id).title == "Chefens"


def test_version_differences_show_kronor_not_raw_decimals(app_ctx: object) -> None:
    fields, lists = readable(
        [FieldChange("requested", {"2027": "512000.00"}, {"2027": "512000.50"})],
        [
            ListChange(
                "budget_lines",
                ["2027 · travel · Resor · 1200.00"],
                ["2027 · travel · Resor · 1500.00"],
            ),
            ListChange(
                "staff_lines",
                [],
                [
                    "2027 · Coach · Anna · AME · 50.00 % · 156000.00 per år · PO 0 % · "
                    "12 mån = 78000.00"
                ],
            ),
        ],
    )
    assert fields[0].old == {"2027": "512\xa0000\xa0kr"}
    assert fields[0].new == {"2027": "512\xa0000,50\xa0kr"}
    assert lists[0].removed[0].endswith(" · Resor · 1\xa0200\xa0kr")
    assert lists[1].added[0] == (
        "2027 · Coach · Anna · AME · 50\xa0% · 156\xa0000\xa0kr per år · PO 0\xa0% · 12 mån = "
        "78\xa0000\xa0kr"
    )
