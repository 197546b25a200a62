"""The one base class of the errors a user can fix.

A service raises a ``DomainError`` (through its area's subclass: ``GrantError``,
``MeetingError`` …) when a rule of the domain says no: a locked meeting, a budget
that does not add up, a report date outside the grant's period. ``str()`` of the
error is the message for the user, in Swedish. A view catches ``DomainError``
alone (``app/views/service_call.py``), rolls back and shows the message; any
other exception is a fault and ends in a 500.

This module imports nothing from the app, so every service can use it.
"""

from __future__ import annotations


class DomainError(ValueError):
    """A domain rule was broken; ``str()`` is the message for the user.

    The message is turned into text when the error is raised, so a lazy
    translation is read in the request's language.
    """

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
