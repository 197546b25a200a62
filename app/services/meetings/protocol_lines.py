"""The protocol's sentences about who acted on a § and how the board voted, in Swedish.

``protocol_data`` puts these lines on each item (its notes and details), so the print
view and the .docx say the same. Each function answers "" or [] when there is nothing
to say. The jäv sentence itself is ``jav.recusal_sentence``.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from models.board import BoardPosition
from models.meeting import Decision, Paragraph, Recusal
from models.meeting_votes import Vote

from . import jav, quorum, votes


def _genitive(name: str) -> str:
    """'Per Nilssons', 'Jonas' — the Swedish genitive of a name."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def stand_in_sentence(recusal: Recusal) -> str:
    """'X (ersättare) tjänstgör i Y:s ställe under paragrafen.', or '' when nobody steps in."""
    if recusal.replaced_by is None:
        return ""
    with force_locale("sv"):
        return _(
            "%(name)s (ersättare) serves in %(whose)s place for this item.",
            name=recusal.replaced_by.name,
            whose=_genitive(recusal.member.name),
        )


def chair_sentence(paragraph: Paragraph) -> str:
    """'Vice ordförande Z leder sammanträdet under paragrafen.', or '' when the chair leads."""
    chair = paragraph.chair
    if chair is None or not jav.chair_is_javig(paragraph):
        return ""
    with force_locale("sv"):
        if chair.position == BoardPosition.VICE_CHAIR:
            return _("Vice chair %(name)s chairs the meeting for this item.", name=chair.name)
        return _("%(name)s chairs the meeting for this item.", name=chair.name)


def jav_lines(paragraph: Paragraph) -> list[str]:
    """Each jäv with its reason, who chairs the § instead and who steps in.

    A stand-in is stated only while it counts (the ersättare still present and not
    serving for another seat; see ``quorum.status``).
    """
    lines = [jav.recusal_sentence(r) for r in paragraph.recusals]
    lines += [chair_sentence(paragraph)]
    if any(r.replaced_by is not None for r in paragraph.recusals):
        voters = quorum.status(paragraph.meeting, paragraph).voters
        stepped = {v.member.id for v in voters if v.stepped_in}
        lines += [stand_in_sentence(r) for r in paragraph.recusals if r.replaced_by_id in stepped]
    return [line for line in lines if line]


def vote_lines(decision: Decision) -> list[str]:
    """'Omröstning begärs. 3 röster ja, 1 nej, 1 avstår. …' and who voted how."""
    if not decision.votes:
        return []
    yes, no, abstain = votes.tally(decision)
    with force_locale("sv"):
        if yes == 1:
            count = _("Omröstning is asked for. 1 vote yes, %(no)s no, %(abstain)s abstain.")
        else:
            count = _("Omröstning is asked for. %(yes)s votes yes, %(no)s no, %(abstain)s abstain.")
        count = count % {"yes": yes, "no": no, "abstain": abstain}
        parts = [count]
        if votes.casting_vote_decides(decision):
            parts.append(_("The votes are equal; the chair's casting vote decides."))
        parts.append(
            _("The board has decided according to the ja-linjen (ja for the decision above).")
        )
        lines = [" ".join(parts)]
        labels = {Vote.YES: _("Yes"), Vote.NO: _("No"), Vote.ABSTAIN: _("Abstains")}
        for vote, label in labels.items():
            names = [v.member.name for v in decision.votes if v.vote == vote]
            if names:
                lines.append(f"{label}: {', '.join(names)}")
    return lines


def reservation_lines(decision: Decision) -> list[str]:
    """'Per Nilsson reserverar sig mot beslutet.' per reservation (and where the reason is)."""
    with force_locale("sv"):
        lines = []
        for reservation in decision.reservations:
            line = _("%(name)s reserves against the decision.", name=reservation.member.name)
            if reservation.reason:
                line += " " + _("Written reservation attached (Bilaga: reservation).")
            lines.append(line)
        return lines


def note_lines(paragraph: Paragraph) -> list[str]:
    """'Protokollsanteckning av Erik Sandberg: …' per note."""
    with force_locale("sv"):
        return [
            _("Protokollsanteckning by %(name)s: %(text)s", name=n.member.name, text=n.text)
            for n in paragraph.protocol_notes
        ]


def appendices(paragraph: Paragraph) -> list[tuple[str, str]]:
    """The written reservations attached to the protocol: (title, text)."""
    decision = paragraph.decision
    if decision is None:
        return []
    with force_locale("sv"):
        return [
            (
                _(
                    "Bilaga: reservation – %(name)s, %(label)s",
                    name=r.member.name,
                    label=paragraph.label,
                ),
                r.reason,
            )
            for r in decision.reservations
            if r.reason
        ]
