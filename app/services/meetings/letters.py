"""The beslutsmeddelande to the projektägare: what the board decided and what follows.

The letter is written from the decision as recorded (``protocol_texts.clauses``
and ``amounts``, the same sentences as the protocol) and tells the projektägare
the villkor, the reports due, how payment is requested and how to appeal:
laglighetsprövning at the förvaltningsrätten within three weeks from the day
the justerat protocol was posted on the anslagstavla.
"""

from __future__ import annotations

from flask_babel import force_locale

from exports.decision_letter import Letter
from models.meeting import Decision
from models.meeting_terms import OUTCOME_LABELS

from ...clock import today
from ..forbund import forbund_name
from . import anslag, protocol_texts

PAYMENT = (
    "Medlen betalas ut efter rekvisition. Skicka en rekvisition till förbundet med insatsens"
    " namn, diarienummer, det belopp som begärs och perioden det avser. Utbetalning sker"
    " tidigast när protokollet är justerat och villkoren för beslutet är uppfyllda."
)


def letter_data(decision: Decision) -> Letter:
    """The letter's content for a board decision on an application (Swedish)."""
    with force_locale("sv"):
        return _letter(decision)


def _letter(decision: Decision) -> Letter:
    application = decision.application
    forbund = forbund_name() or "Samordningsförbundet"
    number = application.registry_number or ""
    day = (decision.day or today()).isoformat()
    outcome = str(OUTCOME_LABELS.get(decision.outcome, "")).lower()
    citation = decision.citation
    who = (
        f"Förbundschefen för {forbund} har {day}, på delegation från styrelsen,"
        if decision.paragraph is None
        else f"Styrelsen för {forbund} har {day} ({citation})"
    )
    clauses = protocol_texts.clauses(decision, application.title)
    return Letter(
        forbund=forbund,
        day=today().isoformat(),
        recipient=application.owner.name if application.owner else "",
        contact=application.contact_name or "",
        subject=f"Beslut om ansökan {number} – {application.title}".replace("  ", " "),
        citation=citation,
        decision=(
            f"{who} behandlat ansökan {number} {application.title}. Beslut: {outcome}."
        ).replace("  ", " "),
        clauses=clauses,
        amounts=protocol_texts.amounts(decision) if decision.grants_money else [],
        conditions=decision.conditions.strip()
        if decision.grants_money
        else "",  # reasons: in the att-sats
        reports=[
            (protocol_texts.report_name(row.get("kind", "")), row.get("due", ""))
            for row in decision.report_dates or []
        ],
        payment=PAYMENT if decision.grants_money else "",
        appeal=appeal_text(decision),
        signer="Förbundschef",
    )


def appeal_text(decision: Decision) -> list[str]:
    """How to appeal: laglighetsprövning, three weeks from anslag, to the förvaltningsrätten."""
    meeting = decision.paragraph.meeting if decision.paragraph is not None else None
    ends = anslag.decision_appeal_ends(decision)
    lines = [
        "Beslutet kan överklagas genom laglighetsprövning enligt 13 kap. kommunallagen"
        " (2017:725). Överklagandet ställs till förvaltningsrätten men skickas till förbundet,"
        " som vidarebefordrar det. Ange vilket beslut som överklagas, varför det strider"
        " mot lag och vilken ändring som begärs.",
        "Överklagandet ska ha kommit in inom tre veckor från den dag då det anslogs på"
        " förbundets anslagstavla att protokollet justerats.",
    ]
    if meeting is not None and meeting.posted_on is not None and ends is not None:
        lines.append(
            f"Protokollet anslogs {meeting.posted_on.isoformat()}; överklagandet ska ha kommit"
            f" in senast {ends.isoformat()}."
        )
    elif meeting is not None and meeting.adjusted_on is not None:
        lines.append(f"Protokollet justerades {meeting.adjusted_on.isoformat()}.")
    else:
        lines.append("Beslutet gäller när protokollet har justerats.")
    return lines


def filename(decision: Decision) -> str:
    """'beslutsmeddelande-2026-001.docx'."""
    number = (decision.application.registry_number or str(decision.id)).replace("/", "-")
    return f"beslutsmeddelande-{number}.docx"
