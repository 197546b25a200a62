"""The words of a meeting: the kinds of meeting and agenda item, the standard items,
the outcomes of a decision and the attendance statuses, with their Swedish names.

The tables that use them are in ``models/meeting.py``; every page, form, letter and
protocol names an outcome or an item kind through the ``*_LABELS`` here, so they are
named the same way everywhere (as ``models/application_terms.py`` does for applications).
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class MeetingKind(StrEnum):
    """Ordinary (in the year's plan) or extra (called in between)."""

    ORDINARY = "ordinary"
    EXTRA = "extra"


KIND_LABELS = {MeetingKind.ORDINARY: _l("Ordinary"), MeetingKind.EXTRA: _l("Extra")}


class ParagraphKind(StrEnum):
    """What an agenda item is about."""

    APPLICATION = "application"
    INFORMATION = "information"
    PLAN = "plan"  # approval of the verksamhetsplan (the plans area links to it)
    REPORT = "report"  # delårsrapport, årsredovisning, a follow-up report
    DELEGATION = "delegation"  # delegationsordning or anmälan av delegationsbeslut
    CORRECTION = "correction"  # corrects a § of an earlier, justerat protocol
    OTHER = "other"


PARAGRAPH_KIND_LABELS = {
    ParagraphKind.APPLICATION: _l("Decision on an application"),
    ParagraphKind.INFORMATION: _l("Information"),
    ParagraphKind.PLAN: _l("Approval of the operational plan"),
    ParagraphKind.REPORT: _l("Approval of a report"),
    ParagraphKind.DELEGATION: _l("Delegation"),
    ParagraphKind.CORRECTION: _l("Correction of an earlier §"),
    ParagraphKind.OTHER: _l("Other"),
}


class StandardItem(StrEnum):
    """A standard item whose minutes Samordna writes itself (``Paragraph.standard``)."""

    NONE = ""
    JUSTERARE = "justerare"  # Val av justerare: the minutes name the elected justerare


#: ``Paragraph.standard`` as the audit trail names it ('' is an ordinary item).
STANDARD_LABELS = {StandardItem.NONE: _l("No"), StandardItem.JUSTERARE: _l("Choice of justerare")}


class Outcome(StrEnum):
    """A decision's outcome; the first five are for application items."""

    GRANTED = "granted"  # beviljas
    PARTLY_GRANTED = "partly_granted"  # delvis beviljas
    REJECTED = "rejected"  # avslås
    REFERRED_BACK = "referred_back"  # återremitteras
    POSTPONED = "postponed"  # bordläggs
    ADOPTED = "adopted"  # beslutar (other items)
    NOTED = "noted"  # informationen noteras
    WITHDRAWN = "withdrawn"  # ärendet utgår


OUTCOME_LABELS = {
    Outcome.GRANTED: _l("Granted (beviljas)"),
    Outcome.PARTLY_GRANTED: _l("Partly granted (delvis beviljas)"),
    Outcome.REJECTED: _l("Rejected (avslås)"),
    Outcome.REFERRED_BACK: _l("Referred back (återremitteras)"),
    Outcome.POSTPONED: _l("Postponed (bordläggs)"),
    Outcome.ADOPTED: _l("Decided"),
    Outcome.NOTED: _l("Noted"),
    Outcome.WITHDRAWN: _l("Withdrawn from the agenda (utgår)"),
}


GRANTING = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED})
APPLICATION_OUTCOMES = (
    Outcome.GRANTED,
    Outcome.PARTLY_GRANTED,
    Outcome.REJECTED,
    Outcome.REFERRED_BACK,
    Outcome.POSTPONED,
    Outcome.WITHDRAWN,
)


class AttendanceStatus(StrEnum):
    """Present or absent; an ersättare present may serve (tjänstgöra) for a ledamot."""

    PRESENT = "present"
    ABSENT = "absent"


ATTENDANCE_LABELS = {
    AttendanceStatus.PRESENT: _l("Present"),
    AttendanceStatus.ABSENT: _l("Absent"),
}
