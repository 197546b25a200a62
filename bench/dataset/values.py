"""What the rows of the large data set are made of: names, texts, categories and the
small helpers that turn days and amounts into column values."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

YEARS = range(2007, 2027)
TOTALS = {"applications": 4000, "meetings": 400, "paragraphs": 8000, "grants": 3000}
PER_GRANT = {"payments": 10, "outcomes": 10}
CATEGORIES = ("personnel", "premises", "travel", "material", "evaluation", "other")
COST_CATEGORIES = CATEGORIES[1:]
NAMES = (
    "En väg in",
    "Vägen in",
    "Trisam",
    "Kvinnocoacher",
    "SAMVERK",
    "En dörr in",
    "Flåtan",
    "Steget vidare",
    "Unga till arbete",
    "Hälsa och arbete",
    "Språkstegen",
    "Nya vägar",
    "Arbetsträning",
    "IPS",
    "Rehabkoordinering",
    "Ung framtid",
    "Kompassen",
    "Navet",
)
PLACES = (
    "Ludvika",
    "Smedjebacken",
    "Grängesberg",
    "Fredriksberg",
    "Söderbärke",
    "Västerbergslagen",
)
PEOPLE = (
    "Anna Berg",
    "Erik Lind",
    "Sara Holm",
    "Johan Ek",
    "Maria Sjö",
    "Karin Dahl",
    "Lars Ström",
    "Eva Björk",
    "Per Falk",
    "Lena Nord",
    "Ali Hassan",
    "Fatima Noor",
    "Olle Grön",
    "Ida Ahl",
)
ROLES = ("Processledare", "Coach", "Arbetskonsulent", "Handledare", "Projektledare", "Utvärderare")
SENTENCES = (
    "Insatsen riktar sig till personer som står långt från arbetsmarknaden.",
    "Parterna samverkar kring varje deltagare med en gemensam planering.",
    "Deltagarna får stöd i steg mot arbete eller studier.",
    "Arbetet följs upp i SUS och redovisas till styrelsen varje tertial.",
    "Samverkan mellan Försäkringskassan, Arbetsförmedlingen, regionen och kommunerna stärks.",
    "Målgruppen är unga vuxna 18–29 år med behov av samordnade insatser.",
    "Metoden bygger på individuell coachning och arbetsträning hos lokala arbetsgivare.",
    "En extern utvärderare följer insatsen och lämnar en slutrapport.",
)
TEXT_FIELDS = ("background", "purpose", "goals", "target_group", "activities", "follow_up")
INSATS_TYPES = ("prestudy", "project", "project", "individual", "individual", "structural")
D = Decimal


def month_add(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def kr(value: float, unit: int = 100) -> Decimal:
    """``value`` rounded to whole ``unit`` kronor, at least one unit."""
    return D(max(unit, round(value / unit) * unit))


def at(day: date, hour: int = 10) -> datetime:
    """A timestamp on ``day`` (UTC)."""
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def stamp(day: date | None) -> datetime:
    """created_at/updated_at of a row made on ``day`` (or on New Year's Day 2026)."""
    return at(day or date(2026, 1, 1), 9)


def spread(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers that differ by at most one."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]
