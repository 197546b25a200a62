"""Mail benchmark: 1 000 queued mails sent by two ``flask mail send --once`` processes at
once, against the same mails sent by one plain ``smtplib`` loop, to a local aiosmtpd.

The database is PostgreSQL (``--mail-db``, a URL whose database name holds 'bench'
or 'mail'; its tables are dropped and migrated anew), where the senders claim rows
with ``FOR UPDATE SKIP LOCKED``. The plain loop builds each message with
``EmailMessage`` and sends it over one connection, reading nothing from a database:
the ratio is what the outbox (claim, commit per mail, audit entry) costs.
tests/mail/test_outbox_pg.py uses ``queue_mails`` and ``run_senders`` to check that
every mail arrives exactly once.
"""

from __future__ import annotations

import argparse
import os
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlalchemy import insert

import bench
from models import db
from models.mail import MailKind, OutboxMail

BENCHMARK = True
FLASK = str(Path(sys.executable).with_name("flask"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("mail")
    group.add_argument(
        "--mail-db",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/bench",
        help="PostgreSQL URL whose database name holds 'bench' (dropped and migrated anew)",
    )
    group.add_argument("--mail-count", type=int, default=1000, help="mails (1000)")
    group.add_argument("--mail-senders", type=int, default=2, help="sender processes (2)")


def queue_mails(count: int) -> None:
    """``count`` queued mails, one per address r0@example.com …, in one statement."""
    rows = [
        {
            "kind": MailKind.PAYMENT_NOTICE.value,
            "recipient": f"r{i}@example.com",
            "recipient_name": f"Mottagare {i}",
            "subject": f"Utbetalning {i}",
            "text": f"Hej!\n\nUtbetalning nummer {i}.\n",
            "html": f"<p>Hej!</p><p>Utbetalning nummer {i}.</p>",
            "attachments": [],
        }
        for i in range(count)
    ]
    db.session.execute(insert(OutboxMail), rows)
    db.session.commit()


def run_senders(database_url: str, mail_url: str, processes: int) -> float:
    """Start ``processes`` × ``flask mail send --once`` at once; seconds until all end."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MAIL_URL": mail_url,
        "MAIL_FROM": "kansli@example.com",
        "SAMORDNA_INSTANCE": tempfile.mkdtemp(prefix="samordna-mail-"),
        "SECRET_KEY": "bench",
    }
    start = time.perf_counter()
    running = [
        subprocess.Popen(  # noqa: S603 - our own command
            [FLASK, "--app", "app", "mail", "send", "--once", "--batch", "50"],
            env=env,
            cwd=bench.ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(processes)
    ]
    for process in running:
        output, _ = process.communicate(timeout=600)
        if process.returncode != 0:
            raise RuntimeError(f"flask mail send failed: {output.decode(errors='replace')}")
    return time.perf_counter() - start


def plain_loop(port: int, count: int) -> float:
    """The same mails built with EmailMessage and sent over one smtplib connection."""
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(count):
            message = EmailMessage()
            message["Subject"] = f"Utbetalning {i}"
            message["From"] = "Benchmarkförbundet <kansli@example.com>"
            message["To"] = f"Mottagare {i} <r{i}@example.com>"
            message.set_content(f"Hej!\n\nUtbetalning nummer {i}.\n")
            message.add_alternative(f"<p>Hej!</p><p>Utbetalning nummer {i}.</p>", subtype="html")
            smtp.send_message(message)
    return time.perf_counter() - start


def run(args: Any) -> list[dict[str, Any]]:
    # Beside their only use: the app and the SMTP server are needed only when this runs.
    from aiosmtpd.controller import Controller
    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import create_app

    url = args.mail_db
    if not url.startswith("postgresql") or "bench" not in url.rsplit("/", 1)[-1]:
        raise SystemExit("--mail-db must be a PostgreSQL URL whose database name holds 'bench'")
    received: list[str] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.extend(envelope.rcpt_tos)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            upgrade()
            queue_mails(args.mail_count)
            db.engine.dispose()
        outbox = run_senders(url, f"smtp://127.0.0.1:{port}?starttls=0", args.mail_senders)
        delivered = len(received)
        unique = len(set(received))
        plain = plain_loop(port, args.mail_count)
    finally:
        controller.stop()
    return [
        {
            "mails": args.mail_count,
            "senders": args.mail_senders,
            "delivered": delivered,
            "distinct recipients": unique,
            "outbox s": outbox,
            "plain smtplib s": plain,
            "ratio": outbox / plain if plain else None,
        }
    ]


def report(rows: list[dict[str, Any]], args: Any) -> str:
    return (
        "## Mail: the outbox against a plain smtplib loop\n\n"
        f"Measured on {bench.machine()}, PostgreSQL, a local aiosmtpd server. "
        f"{args.mail_count} queued mails sent by {args.mail_senders} `flask mail send --once` "
        "processes at once (each claims batches of 50 with `FOR UPDATE SKIP LOCKED`, "
        "commits each mail's status and its audit entry, and starts its own Python and app), "
        "against one plain `smtplib` loop sending the same mails over one connection "
        "with no database; each mail the outbox sends costs a claim share, one UPDATE, one "
        "audit INSERT and one COMMIT. `python -m bench mail` (a first run, before the sender "
        "read each claimed mail once instead of after every commit, measured 40x; the "
        "shared machine's load moves the figures too).\n\n" + bench.markdown_table(rows)
    )
