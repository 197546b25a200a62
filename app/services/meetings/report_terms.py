"""Report dates written in a decision's villkor, so the förbundschef types them once.

A villkor text often says when the reports are due ("Slutrapport senast 2027-02-28.
Medel som inte används återbetalas."). The decision's report dates (what the grant gets,
and what the reminders go by) are then the dates found here plus any others typed in the
report rows; the att-satser and the beslutsmeddelande do not repeat as a separate
"att slutrapport lämnas … senast 2027-02-28" what the villkor already say.

What counts as a report date, deliberately narrow so that no other date in the villkor
(a period, an earlier decision, a template's version) becomes a due date the projektägare
is reminded of:

* a report word — a noun ending in -rapport or -redovisning, in any form (lägesrapport,
  delrapporten, slutrapporter, slutredovisning, redovisningen). A slutrapport and a
  (slut)redovisning are the final report (``final``); every other rapport, and a
  redovisning of a part (läges-, del-, delårsredovisning), is a lägesrapport (``status``):
  the two report kinds a grant has (models.grant_followup.ReportKind);
* followed, in the same sentence and before the next report word, by a full date: ISO
  (2027-02-28) or day, Swedish month name and year (31 augusti 2027, 1 feb. 2027) —
  right after the word or after words that only say it is due ("lämnas in till förbundet
  senast den"), or directly after "senast" or "tillhanda" later in the sentence, or
  joined to such a date by "och", "samt" or a comma ("senast 2027-06-30 och 2027-12-31").

"Varje tertial", "i augusti" or "februari 2027" name no day and are left alone; so is a
date written before the report word ("Senast 2027-02-28 lämnas slutrapport"), a date of a
range ("perioden 2026-01-01–2026-06-30") and a date after other words ("enligt beslut
2025-11-20", "per 2026-08-31", "version 2024-05-01").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from models.grant_followup import ReportKind

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4,
    "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# A sentence ends at . ! ? or ; before a space, or at a line break. The dot of an
# abbreviated month ("1 feb. 2027") is taken away first, so it ends no sentence.
_SENTENCE_END = re.compile(r"[.!?;](?:\s+|$)|\n+")
_MONTH_DOT = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.(?=\s+\d{4})", re.I)
_REPORT_WORD = re.compile(
    r"\b([a-zåäö]*?)(rapport|redovisning)(en|er|erna|ar|arna)?\b", re.IGNORECASE
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    r"\b(?:(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    rf"|(?P<day>\d{{1,2}})(?::[ae])?\s+(?P<month>{_MONTH_NAMES})\s+(?P<year>\d{{4}}))\b",
    re.IGNORECASE,
)


# A redovisning with one of these just before it accounts for a part of the period.
PART_PREFIXES = ("läges", "del", "delårs", "halvårs", "tertial", "kvartals", "månads", "status")


def _kind(prefix: str, noun: str) -> str:
    """Slutrapport and (slut)redovisning are the final report; other reports are status
    reports, and so is a redovisning of a part (lägesredovisning, delredovisning)."""
    prefix = prefix.lower()
    if prefix.endswith("slut"):
        return ReportKind.FINAL
    if noun.lower() == "redovisning" and not prefix.endswith(PART_PREFIXES):
        return ReportKind.FINAL
    return ReportKind.STATUS


def _as_date(match: re.Match[str]) -> date | None:
    """The date a match names, or None for an impossible one (2027-02-30)."""
    try:
        if match.group("y"):
            return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        month = MONTHS[match.group("month").lower()]
        return date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


#: Words that only say when a report is due, allowed between the report word and its date.
_DUE_WORDS = frozenset(
    {
        "ska", "skall", "lämnas", "lämnats", "inlämnas", "in", "skickas", "redovisas",
        "inkomma", "inkommer", "till", "förbundet", "samordningsförbundet", "kansliet",
        "förbundschefen", "vara", "tillhanda", "senast", "den",
    }
)  # fmt: skip
_LETTERS = re.compile(r"[a-zåäö]+", re.IGNORECASE)
_DUE_BEFORE = re.compile(r"\b(?:senast|tillhanda)(?:\s+den)?\s*$", re.IGNORECASE)
_JOINED = re.compile(r"\s*,?\s*(?:och|samt|respektive)?\s*", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\d\s*[–—-]\s*$")
_RANGE_AFTER = re.compile(r"\s*[–—-]\s*\d")


def _only_due_words(gap: str) -> bool:
    """Whether the text between a report word and a date only says it is due."""
    rest = _LETTERS.sub(lambda w: "" if w.group(0).lower() in _DUE_WORDS else "x", gap)
    return re.fullmatch(r"[\s:,]*", rest) is not None


def _in_range(sentence: str, match: re.Match[str]) -> bool:
    """A date that starts or ends a range ("2026-01-01–2026-06-30") is a period, not a due date."""
    return bool(
        _RANGE_BEFORE.search(sentence, 0, match.start())
        or _RANGE_AFTER.match(sentence, match.end())
    )


def _due_dates(sentence: str, start: int, end: int) -> list[date]:
    """The due dates in ``sentence[start:end]``, the text after one report word."""
    dates: list[date] = []
    joined_from: int | None = None  # where the last due date ended
    for match in _DATE.finditer(sentence, start, end):
        if _in_range(sentence, match):
            continue
        before = sentence[start : match.start()]
        due = (
            _only_due_words(before)
            or _DUE_BEFORE.search(before) is not None
            or (
                joined_from is not None
                and _JOINED.fullmatch(sentence, joined_from, match.start()) is not None
            )
        )
        day = _as_date(match) if due else None
        if day is not None:
            dates.append(day)
            joined_from = match.end()
    return dates


def report_dates_in(text: str) -> list[tuple[str, date]]:
    """The (kind, due) report dates a villkor text states, by date, each once."""
    found: list[tuple[str, date]] = []
    for sentence in _SENTENCE_END.split(_MONTH_DOT.sub(r"\1", text or "")):
        words = list(_REPORT_WORD.finditer(sentence))
        for i, word in enumerate(words):
            end = words[i + 1].start() if i + 1 < len(words) else len(sentence)
            kind = str(_kind(word.group(1), word.group(2)))
            for due in _due_dates(sentence, word.end(), end):
                if (kind, due) not in found:
                    found.append((kind, due))
    return sorted(found, key=lambda row: (row[1], row[0]))


def kinds_named_in(conditions: str) -> list[str]:
    """The report kinds the villkor name at all, dated or not ("Lägesrapport varje tertial")."""
    kinds: list[str] = []
    for word in _REPORT_WORD.finditer(conditions or ""):
        kind = str(_kind(word.group(1), word.group(2)))
        if kind not in kinds:
            kinds.append(kind)
    return kinds


def undated(conditions: str, typed: Iterable[tuple[str, date]]) -> list[str]:
    """Report kinds the villkor ask for that get no date at all: no report would be asked of
    the projektägare, and no reminder sent, unless the förbundschef types the dates."""
    dated = {str(kind) for kind, _due in with_villkor(conditions, typed)}
    return [kind for kind in kinds_named_in(conditions) if kind not in dated]


def from_villkor(conditions: str, typed: Iterable[tuple[str, date]]) -> list[tuple[str, date]]:
    """The report dates the villkor state that the typed rows do not already have."""
    have = {(str(kind), due) for kind, due in typed}
    return [row for row in report_dates_in(conditions) if row not in have]


def with_villkor(conditions: str, typed: Iterable[tuple[str, date]]) -> list[tuple[str, date]]:
    """The decision's report dates: the typed rows plus those in the villkor, by date, once."""
    rows: list[tuple[str, date]] = []
    for kind, due in [*typed, *report_dates_in(conditions)]:
        if (str(kind), due) not in rows:
            rows.append((str(kind), due))
    return sorted(rows, key=lambda row: (row[1], row[0]))


def final_disagreement(
    conditions: str, typed: Iterable[tuple[str, date]]
) -> tuple[date, date] | None:
    """(villkor's date, typed date) when the villkor and the typed rows give the slutrapport
    different dates: the grant would get two final reports, so the förbundschef chooses."""
    written = final_dates_in(conditions)
    for kind, due in typed:
        if str(kind) == ReportKind.FINAL and written and due not in written:
            return written[0], due
    return None


def final_dates_in(conditions: str) -> list[date]:
    """The slutrapport dates the villkor state (more than one is for the förbundschef to fix)."""
    return [due for kind, due in report_dates_in(conditions) if kind == ReportKind.FINAL]


def stated_in_villkor(conditions: str, kind: str, due: str | date) -> bool:
    """Whether the villkor already state this report with this date (so say it only once)."""
    day = due if isinstance(due, date) else _iso(due)
    return day is not None and (str(kind), day) in report_dates_in(conditions)


def typed_only(conditions: str, rows: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """A decision's stored report dates less those its villkor state (the form's rows)."""
    return [r for r in rows if not stated_in_villkor(conditions, r["kind"], r["due"])]


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None
