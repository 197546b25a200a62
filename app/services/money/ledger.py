"""The förbund's chart of accounts for the SIE file: where each kind of cost is booked.

A payment to another organisation's insats is a grant paid out (lämnat bidrag, the
förbund's grant account, default 4990). A payment for the förbund's own insats (an
insats of type "own": a processledare it employs, its premises, its administration) is
the förbund's own cost and goes to the account of its cost category: salaries to a
salary account, premises to rent, and so on. The mapping is kept under Inställningar;
a category the förbund has not set uses the BAS default below.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from models import CostAccount, db
from models.grant import CostCategory

#: BAS defaults (BAS-kontoplanen) for the förbund's own costs, by cost category.
DEFAULT_COST_ACCOUNTS: dict[str, tuple[str, str]] = {
    CostCategory.PERSONNEL: ("7210", "Löner till tjänstemän"),
    CostCategory.PREMISES: ("5010", "Lokalhyra"),
    CostCategory.TRAVEL: ("5800", "Resekostnader"),
    CostCategory.MATERIAL: ("5400", "Förbrukningsinventarier och förbrukningsmaterial"),
    CostCategory.EVALUATION: ("6550", "Konsultarvoden"),
    CostCategory.OTHER: ("6990", "Övriga externa kostnader"),
}


@dataclass(frozen=True)
class Account:
    """A BAS account: its number and name."""

    number: str
    name: str


def cost_accounts() -> dict[str, Account]:
    """Cost category → the account the förbund's own costs of that category are booked to."""
    stored = {row.category: row for row in db.session.scalars(select(CostAccount))}
    result = {}
    for category, (number, name) in DEFAULT_COST_ACCOUNTS.items():
        row = stored.get(category)
        result[str(category)] = (
            Account(row.account, row.name or name) if row is not None else Account(number, name)
        )
    return result


def set_cost_account(category: str, number: str, name: str = "") -> CostAccount:
    """Keep the account of one cost category (flushes; the view commits)."""
    category = str(CostCategory(category))
    row = db.session.get(CostAccount, category)
    if row is None:
        row = CostAccount(category=category, account=number, name=name.strip())
        db.session.add(row)
    else:
        row.account, row.name = number, name.strip()
    db.session.flush()
    return row
