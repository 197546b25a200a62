"""The protocol's generated sentences: standard items and a decision's att-satser.

A protocol a förbund publishes has no blanks: the standard items say what
happened ("Ordföranden öppnar mötet.", the roll call with the quorum count, the
justerare elected) and every application decision is written as "Styrelsen
beslutar att …" clauses, all from the recorded data. The standard items are
recognised by their title (Swedish or English, with or without "Val av"/"Godkännande
av"), so items the förbundschef typed by hand get their texts too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from models import db
from models.board import BoardMember
from models.meeting import Decision, Meeting, Paragraph
from models.meeting_terms import Outcome, ParagraphKind, StandardItem

from ...formatting import sek
from . import quorum
from .report_terms import stated_in_villkor
from .signatories import chair_of, elected_justerare

# Which standard item a title is, by words in it (lower case); first match wins. Used on
# the titles of STANDARD_TITLES only: an ordinary item that merely mentions a word
# ("Information om nästa möte") must never get a standard sentence in the legal record.
STANDARD_KINDS = (
    ("justerare", ("justerare", "justering av protokoll", "justera protokoll")),
    ("roll_call", ("upprop", "närvaro", "beslutförhet", "roll call", "quorum")),
    ("agenda", ("dagordning", "agenda")),
    ("previous", ("föregående protokoll", "previous minutes", "föregående mötes protokoll")),
    ("opening", ("öppnande", "mötet öppnas", "opening")),
    ("next", ("nästa sammanträde", "nästa möte", "next meeting")),
    ("closing", ("avslutande", "mötet avslutas", "closing")),
)
# The standard items' titles as Samordna writes them (both languages) and as förbund
# commonly write them; compared whole, lower case, without a final full stop.
STANDARD_TITLES = frozenset(
    {
        "mötets öppnande", "mötet öppnas", "öppnande", "opening of the meeting",
        "upprop", "upprop och beslutförhet", "närvaro och beslutförhet", "närvaro",
        "roll call and quorum",
        "godkännande av dagordningen", "godkännande av dagordning",
        "fastställande av dagordningen", "fastställande av dagordning",
        "dagordning", "approval of the agenda",
        "val av justerare", "val av justerare och godkännande av dagordningen",
        "val av justerare och godkännande av dagordning",
        "godkännande av dagordningen och val av justerare", "choice of justerare",
        "föregående protokoll", "föregående mötes protokoll", "previous minutes",
        "nästa sammanträde", "nästa möte", "next meeting",
        "mötets avslutande", "mötet avslutas", "avslutande", "closing of the meeting",
    }
)  # fmt: skip
#: A report's Swedish name, as the protocol, the att-satser and the decision letter write it.
REPORT_NAMES = {"status": "Lägesrapport", "final": "Slutrapport"}


def report_name(kind: str) -> str:
    """'Lägesrapport' / 'Slutrapport' (an unknown kind as it stands)."""
    return REPORT_NAMES.get(kind, kind)


def report_list(rows: Iterable[tuple[str, date]]) -> str:
    """'slutrapport 2027-02-28, lägesrapport 2027-06-30' (say which dates came from where)."""
    return ", ".join(f"{report_name(kind).lower()} {due.isoformat()}" for kind, due in rows)


def standard_kind(paragraph: Paragraph) -> str | None:
    """'opening', 'roll_call', 'agenda', 'justerare', 'previous', 'next', 'closing' or None."""
    if paragraph.standard == StandardItem.JUSTERARE:  # the flag the agenda sets
        return "justerare"
    if paragraph.kind not in (ParagraphKind.OTHER, ParagraphKind.INFORMATION):
        return None
    title = re.sub(r"\s+", " ", paragraph.title.lower()).strip().rstrip(".")
    if title not in STANDARD_TITLES:
        return None
    for kind, words in STANDARD_KINDS:
        if any(word in title for word in words):
            return kind
    return None


def names(members: list[BoardMember]) -> str:
    """'A', 'A och B', 'A, B och C'."""
    listed = [m.name for m in members]
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " och " + listed[-1]


def standard_sentences(paragraph: Paragraph) -> list[str]:
    """The sentences a standard item carries, from the meeting's data."""
    kind = standard_kind(paragraph)
    meeting = paragraph.meeting
    chair_member = chair_of(meeting)
    chair = chair_member.name if chair_member else ""
    if kind == "opening":
        return [f"Ordföranden {chair} öppnar mötet." if chair else "Ordföranden öppnar mötet."]
    if kind == "roll_call":
        return [roll_call(meeting)] if meeting.attendances else []
    if kind == "agenda":
        both = standard_kind_words(paragraph.title, "justerare")
        lines = ["Dagordningen godkänns."]
        if both:
            lines.insert(0, _justerare_sentence(meeting))
        return lines
    if kind == "justerare":
        if not meeting.attendances:  # before the meeting there is nothing to say yet
            return []
        lines = [_justerare_sentence(meeting)]
        if standard_kind_words(paragraph.title, "agenda"):
            lines.append("Dagordningen godkänns.")
        return lines
    if kind == "previous":
        return ["Föregående protokoll läggs till handlingarna."]
    if kind == "next":
        later = _next(meeting)
        if later is None:
            return ["Nästa sammanträde hålls enligt sammanträdesplanen."]
        return [f"Nästa sammanträde hålls {later.date.isoformat()}."]
    if kind == "closing":
        return [
            f"Ordföranden {chair} förklarar mötet avslutat."
            if chair
            else "Ordföranden förklarar mötet avslutat."
        ]
    return []


def standard_kind_words(title: str, kind: str) -> bool:
    """Whether a title also names another standard item ("Val av justerare och dagordning")."""
    words = dict(STANDARD_KINDS)[kind]
    return any(word in title.lower() for word in words)


def roll_call(meeting: Meeting) -> str:
    """'Närvarolista upprättas. Styrelsen är beslutför: 4 av 5 platser besatta.'"""
    status = quorum.status(meeting)
    if status.quorate:
        return (
            "Närvarolista upprättas. Styrelsen är beslutför: "
            f"{status.present} av {status.seats} platser besatta."
        )
    return (
        "Närvarolista upprättas. Styrelsen är inte beslutför: "
        f"{status.present} av {status.seats} platser besatta, minst {status.needed} krävs."
    )


def _justerare_sentence(meeting: Meeting) -> str:
    chosen = elected_justerare(meeting)
    if not chosen:
        return "Ingen justerare har valts ännu."
    return f"Till justerare valdes {names(chosen)} att jämte ordföranden justera protokollet."


def _next(meeting: Meeting) -> Meeting | None:
    return db.session.scalars(
        select(Meeting)
        .where(Meeting.date >= meeting.date, Meeting.id != meeting.id)
        .where((Meeting.year > meeting.year) | (Meeting.number > meeting.number))
        .order_by(Meeting.year, Meeting.number)
        .limit(1)
    ).first()


def amounts(decision: Decision) -> list[tuple[str, str]]:
    """(year, amount) rows of a decision, and the total when there are several years."""
    rows = [(str(y.year), sek(y.amount)) for y in decision.years]
    if len(rows) > 1:
        rows.append(("Summa", sek(decision.total)))
    return rows


def clauses(decision: Decision, title: str = "") -> list[str]:
    """The decision as att-satser: 'att bevilja …', 'att avslå …', with conditions and reports."""
    application = decision.application
    title = getattr(application, "title", "") or title
    owner = getattr(getattr(application, "owner", None), "name", "")
    outcome = decision.outcome
    years = ", ".join(f"{y.year}: {sek(y.amount)}" for y in decision.years)
    if outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED):
        part = "delvis bevilja" if outcome == Outcome.PARTLY_GRANTED else "bevilja"
        receiver = f"{owner} " if owner else ""
        lines = [f"att {part} {receiver}{sek(decision.total)} för {title} ({years})"]
        if decision.conditions:
            lines.append(
                f"att beviljade medel förenas med villkoren: {decision.conditions.strip()}"
            )
        for row in decision.report_dates or []:
            if stated_in_villkor(decision.conditions, row.get("kind", ""), row.get("due", "")):
                continue  # the villkor above say it with its date: one statement, not two
            kind = report_name(row.get("kind", "")).lower()
            lines.append(f"att {kind} lämnas till förbundet senast {row.get('due', '')}")
    elif outcome == Outcome.REJECTED:
        lines = [f"att avslå ansökan {title}".strip()]
        if decision.reasons:
            lines[0] += f" med motiveringen: {decision.reasons.strip()}"
    elif outcome == Outcome.REFERRED_BACK:
        lines = [f"att återremittera ärendet {title} till förbundschefen".replace("  ", " ")]
        if decision.reasons:
            lines[0] += f" för {decision.reasons.strip()}"
    elif outcome == Outcome.POSTPONED:
        later = f" till sammanträde {decision.postponed_to.label}" if decision.postponed_to else ""
        lines = [f"att bordlägga ärendet{later}"]
    else:
        return []
    last = len(lines) - 1
    return [line.rstrip(".,") + ("." if i == last else ",") for i, line in enumerate(lines)]
