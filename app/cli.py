"""Command-line tasks: demo data, the first account, backup and restore, the records check."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from models import Organisation, Role, User, db

from . import demo
from .services.admin import accounts, records_check
from .services.admin.backup import BackupError, restore_backup, write_backup_file


def database_is_empty() -> bool:
    """True when no organisation and no user exists yet."""
    return not (
        db.session.scalar(select(func.count(User.id)))
        or db.session.scalar(select(func.count(Organisation.id)))
    )


def register(app: Flask) -> None:
    """Attach the commands to ``flask --app app …``."""

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
