"""Beranda's to-do list: what the signed-in person must do next, gathered from every app.

Each app that gives people work describes it in its own `todo` module with a function
``todo_items(viewer) -> list[Todo]``; Beranda collects them all. A provider runs a fixed number
of queries whatever the size of the agency (counts, not rows), and names for every item the page
where the work is done.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

OVERDUE, SOON, LATER = 0, 1, 2
SOON_DAYS = 7


@dataclass(frozen=True)
class Todo:
    """One thing to do: a sentence, how many, by when, and the page where it is done."""

    key: str  # stable, for tests and anchors: "skp.returned"
    title: str
    url: str
    action: str  # the button: "Fix the SKP"
    count: int | None = None
    deadline: datetime.date | None = None
    days_left: int | None = None
    working_days: bool = False  # days_left counts working days (the rule's own unit)
    details: tuple[str, ...] = ()
    rows: tuple[tuple[str, str, str], ...] = ()  # (label, figure, url) lines such as OPD rates
    order: int = 50  # ties between items of the same urgency: lower first

    @property
    def urgency(self) -> int:
        if self.days_left is None:
            return LATER
        if self.days_left < 0:
            return OVERDUE
        return SOON if self.days_left <= SOON_DAYS else LATER

    @property
    def days_late(self) -> int:
        return max(0, -(self.days_left or 0))


@dataclass
class Providers:
    functions: list[Callable] = field(default_factory=list)

    def add(self, module) -> None:
        function = getattr(module, "todo_items", None)
        if function is not None and module.__name__ != __name__:
            self.functions.append(function)


providers = Providers()


def items_for(viewer) -> list[Todo]:
    """Every item for the viewer: the overdue first, then by deadline, then by each app's order."""
    items = [item for function in providers.functions for item in function(viewer)]
    return sorted(
        items,
        key=lambda item: (
            item.urgency,
            item.deadline or datetime.date.max,
            item.order,
            item.key,
        ),
    )
