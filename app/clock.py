"""Today in Stockholm: the förbund's calendar, whatever the server's time zone.

A meeting is held, a protocol justerat and a diarienummer given on a Swedish
date, so rules that compare with "today" ask this module. It imports nothing
from the app, so models, forms and every service can use it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def today() -> date:
    """Today's date in Stockholm."""
    return datetime.now(STOCKHOLM).date()
