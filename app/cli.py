"""Command-line tasks: demo data, the first account in production, backup and restore."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask import Flask
from sqlalchemy import func, select

from models import Organisation, Role, User, db

from . import demo
from .services.admin import accounts
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
