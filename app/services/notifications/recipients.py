"""Who a mail goes to: the board roster, the projektägare's contact, the förbundschef."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Application, BoardMember, Grant, Role, User, db

from .outbox import Recipient


def board_roster(day: date) -> list[Recipient]:
    """Every ledamot and ersättare whose term covers ``day`` and who has an address.

    A member whose log-in is deactivated is left out (``outbox.receives`` also
    refuses any address of a deactivated account).
    """
    members = db.session.scalars(
        select(BoardMember)
        .where(BoardMember.term_start <= day, BoardMember.term_end >= day)
        .order_by(BoardMember.role.desc(), BoardMember.name)
    )
    return [
        Recipient(member.email.strip(), member.name)
        for member in members
        if member.email.strip() and (member.user is None or member.user.active)
    ]


def _organisation_users(organisation_id: int) -> list[Recipient]:
    users = db.session.scalars(
        select(User)
        .where(
            User.organisation_id == organisation_id,
            User.role == Role.PROJEKTAGARE,
            User.active.is_(True),
        )
        .order_by(User.id)
    )
    return [Recipient(user.email, user.name) for user in users]


def application_contact(application: Application) -> list[Recipient]:
    """The application's contact person; without one, the owner's projektägare accounts."""
    if application.contact_email.strip():
        return [Recipient(application.contact_email.strip(), application.contact_name)]
    return _organisation_users(application.owner_id)


def grant_contact(grant: Grant) -> list[Recipient]:
    """The projektägare's contact for a grant: its application's contact, else the owner's."""
    if grant.application is not None and grant.application.contact_email.strip():
        return application_contact(grant.application)
    return _organisation_users(grant.owner_id)


def forbundschefer() -> list[Recipient]:
    """The active förbundschef accounts (reminders go to the office too)."""
    users = db.session.scalars(
        select(User).where(User.role == Role.FORBUNDSCHEF, User.active.is_(True)).order_by(User.id)
    )
    return [Recipient(user.email, user.name) for user in users]
