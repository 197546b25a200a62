"""Command-line tasks: demo data, the first account, backup and restore, mail, the records check."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import force_locale
from sqlalchemy import func, select

from models import Organisation, Role, User, db

from . import clock, demo
from .services.admin import accounts, records_check
from .services.admin.backup import BackupError, restore_backup, write_backup_file
from .services.forbund import forbund_name
from .services.notifications import delivery, outbox
from .services.notifications import reminders as report_reminders


def database_is_empty() -> bool:
    """True when no organisation and no user exists yet."""
    return not (
        db.session.scalar(select(func.count(User.id)))
        or db.session.scalar(select(func.count(Organisation.id)))
    )


def register(app: Flask) -> None:
    """Attach the commands to ``flask --app app …``."""
    register_mail(app)

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if data exists.")
    def seed_demo(if_empty: bool) -> None:
        """Load the demo förbund into an empty database."""
        if not database_is_empty():
            if if_empty:
                click.echo("Databasen har redan data; demodata laddas inte.")
                return
            raise click.ClickException(
                "Databasen är inte tom: seed-demo fyller bara en tom databas, så att inga "
                "riktiga uppgifter blandas med demodata. Använd en ny databas (t.ex. ta bort "
                "instance/samordna.sqlite och kör make run igen)."
            )
        demo.seed()
        db.session.commit()
        click.echo(
            "Demoförbundet Västerbergslagens samordningsförbund är inläst. "
            f"Logga in som chef@example.com med lösenordet {demo.DEMO_PASSWORD}."
        )

    @app.cli.command("create-user")
    @click.argument("email")
    @click.option(
        "--role", type=click.Choice([r.value for r in Role]), default=Role.FORBUNDSCHEF.value
    )
    @click.option("--name", default="", help="Full name (defaults to the e-mail address).")
    @click.option("--organisation", default=None, help="Organisation name (projektägare).")
    @click.password_option(help="Asked for when not given.")
    def create_user(
        email: str, role: str, name: str, organisation: str | None, password: str
    ) -> None:
        """Create an account, e.g. the first förbundschef in production."""
        org_id = None
        if organisation:
            org_id = db.session.scalar(
                select(Organisation.id).where(Organisation.name == organisation)
            )
            if org_id is None:
                raise click.ClickException(f"Ingen organisation heter {organisation!r}.")
        try:
            user = accounts.create_user(email, name or email, role, password, org_id)
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from error
        db.session.commit()
        click.echo(f"Kontot {user.email} ({role}) är skapat.")

    @app.cli.command("backup")
    @click.argument("path", required=False, type=click.Path(dir_okay=False))
    def backup(path: str | None) -> None:
        """Write a consistent backup of the whole database to PATH (a new .zip, mode 0600).

        Without PATH it goes to instance/backups (kept at 0700); a named PATH must be
        in a folder that only its owner may enter.
        """
        own = path is None
        if path is None:
            folder = Path(app.instance_path) / "backups"
            path = str(folder / f"samordna-{datetime.now():%Y%m%d-%H%M%S}.zip")
        try:
            counts = write_backup_file(db.engine, db.metadata, Path(path), own_folder=own)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Säkerhetskopia skriven till {path}: {sum(counts.values())} rader.")

    @app.cli.command("restore")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    def restore(path: str) -> None:
        """Load a backup into this (empty, migrated) database."""
        try:
            counts = restore_backup(db.engine, db.metadata, path)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Återläst från {path}: {sum(counts.values())} rader.")

    @app.cli.command("check-records")
    @click.option(
        "--base-url",
        default=None,
        help="Print full links on this address (e.g. https://samordna.example.se).",
    )
    def check_records(base_url: str | None) -> None:
        """List every inconsistency between grants, decisions and protocols (exit 1 if any)."""
        parts = urlsplit(base_url or "")
        host = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
        context = app.test_request_context(base_url=base_url or "http://localhost/")
        with context, force_locale("sv"):
            problems = records_check.all_problems()
            labels = records_check.kind_labels()
        if not problems:
            click.echo("0 problem hittades.")
            return
        for kind, label in labels.items():
            found = [p for p in problems if p.kind == kind]
            if found:
                click.echo(f"{label} ({len(found)})")
                for problem in found:
                    click.echo(f"  - {problem.message}\n    {host}{problem.url}")
        click.echo(f"{len(problems)} problem hittades.")
        raise SystemExit(1)


def register_mail(app: Flask) -> None:
    """``flask mail send [--once]`` and ``flask mail reminders`` (docs/notifications.md)."""
    mail = AppGroup("mail", help="Send the outbox and queue the report reminders.")
    app.cli.add_command(mail)

    @mail.command("send")
    @click.option("--once", is_flag=True, help="One pass over what is due, then stop.")
    @click.option("--batch", default=100, show_default=True, help="Mails claimed per pass.")
    @click.option("--interval", default=10.0, show_default=True, help="Seconds between passes.")
    def send(once: bool, batch: int, interval: float) -> None:
        """Deliver the queued mails over SMTP (MAIL_URL); several senders may run at once."""
        url = app.config.get("MAIL_URL", "")
        if not url:
            raise click.ClickException(
                "MAIL_URL är inte satt: e-post köas och visas i Utkorgen men skickas inte."
            )
        try:
            settings = delivery.SmtpSettings.from_url(url)
        except delivery.MailConfigError as error:
            raise click.ClickException(str(error)) from error
        sender = delivery.Sender(forbund_name() or "Samordna", app.config["MAIL_FROM"])
        if not outbox.valid_address(sender.address):
            raise click.ClickException(
                f"MAIL_FROM är ingen giltig e-postadress: {sender.address!r}"
            )
        while True:
            while True:
                result = delivery.send_pass(settings, sender, batch=batch)
                if result.claimed:
                    click.echo(
                        f"Skickade {result.sent}, försöker igen senare {result.retried}, "
                        f"misslyckade {result.failed}."
                    )
                db.session.remove()
                if result.claimed < batch or result.sent == 0:
                    break
            if once:
                return
            time.sleep(interval)

    @mail.command("reminders")
    def reminders() -> None:
        """Queue the report reminders due today (run daily; running it again adds nothing)."""
        days = int(app.config.get("MAIL_REMINDER_DAYS", report_reminders.DEFAULT_DAYS_BEFORE))
        queued = report_reminders.queue_due_reminders(clock.today(), days)
        db.session.commit()
        click.echo(f"{queued} påminnelser köade.")
