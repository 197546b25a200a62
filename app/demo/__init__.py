"""The demo förbund loaded by ``flask seed-demo``: Västerbergslagens samordningsförbund.

Each area adds its own module here with ``ORDER`` (an int: when to run) and
``seed(context)``; they are found automatically and run in order, so that a newcomer
who types ``make run`` sees the whole cycle with real-looking data (docs/domain.md,
Demo förbund).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

DEMO_PASSWORD = "samordna-demo"  # noqa: S105 - documented demo accounts, never production


def steps() -> list[ModuleType]:
    """The seed modules of this package, in their declared order."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    ]
    return sorted((m for m in modules if hasattr(m, "seed")), key=lambda m: m.ORDER)


def seed() -> dict:
    """Run every step, each adding to the shared context; the caller commits."""
    context: dict = {"password": DEMO_PASSWORD}
    for module in steps():
        module.seed(context)
    return context
