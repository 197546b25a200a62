"""The file frozen at justering stays as it is; the anslag makes a second file, the same
protocol with the anslagsbevis filled in, which is served (and printed) from then on."""

from __future__ import annotations

import hashlib
from datetime import date
from io import BytesIO
from typing import Any

from docx import Document

from app.services.meetings import protocol_files
from models import Forbund, db
from models.protocol_file import ProtocolFile

from .test_meetings_documents import _all_text, _justerad

BLANK = "_" * 16


def _anslagsbevis(content: bytes) -> dict[str, str]:
    """The anslagsbevis table of a protocol .docx, label → value."""
    document = Document(BytesIO(content))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Organ")
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def _body(content: bytes) -> str:
    """Everything the document says before its anslagsbevis."""
    return _all_text(Document(BytesIO(content))).split("Anslagsbevis")[0]


def test_the_anslag_makes_a_second_file_and_the_justerat_one_never_changes(
    app_ctx: Any,
) -> None:
    m = _justerad(app_ctx)
    frozen = protocol_files.stored(m)
    assert frozen is not None and protocol_files.served(m) is frozen
    content, sha = frozen.content, frozen.sha256
    before = _anslagsbevis(content)
    assert before["Protokollet har justerats"] == "2026-03-19"
    assert before["Anslaget"] == before["Tas ned"] == BLANK
    assert before["Överklagandetiden löper ut"] == BLANK
    db.session.get(Forbund, 1).name = "Nytt namn"  # later changes do not reach either file

    posted = protocol_files.record_anslag(m, posted_on=date(2026, 3, 20), taken_down_on=None)
    db.session.commit()
    db.session.expire_all()
    frozen = protocol_files.stored(m)
    assert frozen is not None and posted is not None
    assert frozen.content == content and frozen.sha256 == sha
    assert [row.kind for row in protocol_files.files(m)] == ["protocol", "anslag"]
    served, served_sha = protocol_files.document(m)
    assert served_sha == posted.sha256 == hashlib.sha256(served).hexdigest() != sha
    after = _anslagsbevis(served)
    assert after["Anslaget"] == "2026-03-20" and after["Tas ned"] == BLANK
    assert after["Överklagandetiden löper ut"] == "2026-04-10"
    assert after["Protokollet har justerats"] == "2026-03-19"
    assert _body(served) == _body(content)  # the same protocol, word for word
    assert "Testförbundet" in _body(served) and "Nytt namn" not in _all_text(
        Document(BytesIO(served))
    )

    first_sha = posted.sha256
    again = protocol_files.record_anslag(
        m, posted_on=date(2026, 3, 20), taken_down_on=date(2026, 4, 11)
    )
    assert again is not None and again.id == posted.id and again.sha256 != first_sha
    served, _sha = protocol_files.document(m)
    assert _anslagsbevis(served)["Tas ned"] == "2026-04-11"
    assert protocol_files.stored(m).content == content  # still untouched
    unchanged = protocol_files.record_anslag(
        m, posted_on=date(2026, 3, 20), taken_down_on=date(2026, 4, 11)
    )
    assert unchanged is not None and unchanged.sha256 == again.sha256

    protocol_files.record_anslag(m, posted_on=None, taken_down_on=None)  # recorded by mistake
    assert [row.kind for row in protocol_files.files(m)] == ["protocol"]
    assert protocol_files.document(m) == (content, sha)
    assert db.session.query(ProtocolFile).count() == 1
