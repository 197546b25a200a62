"""Scale: 1 000 queued mails, two `flask mail send` processes at once on PostgreSQL,
each mail delivered exactly once (FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from bench.mail import queue_mails, run_senders
from models import AuditEntry, db
from models.mail import MailStatus, OutboxMail

COUNT = 1000


@pytest.mark.postgres_only
def test_two_senders_deliver_1000_mails_exactly_once(app: Flask, smtp_server: Any) -> None:
    with app.app_context():
        queue_mails(COUNT)
    run_senders(os.environ["TEST_DATABASE_URL"], smtp_server.url, processes=2)
    delivered = Counter(address for rcpt, _m in smtp_server.received for address in rcpt)
    assert len(delivered) == COUNT
    assert set(delivered.values()) == {1}
    with app.app_context():
        statuses = dict(
            db.session.execute(
                select(OutboxMail.status, func.count(OutboxMail.id)).group_by(OutboxMail.status)
            ).all()
        )
        assert statuses == {MailStatus.SENT.value: COUNT}
        assert db.session.scalar(select(func.max(OutboxMail.attempts))) == 1
        audited = db.session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.table_name == "outbox_mail")
        )
        assert audited == COUNT
