"""The supervisor's team page: what each app knows about each person the viewer leads.

Each app that keeps records a leader watches describes them in its own `team` module with a
function ``team_section(viewer, members, day)``: a headline for the whole team (what waits for
the leader, with the page where it is done) and a few cells per member; a section, a list of
sections for an app with several records, or None.
The team page gathers every section. A provider runs a fixed number of queries whatever the
size of the team or of the agency, and returns None when it has nothing to say.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

GOOD, NEUTRAL, WARN = "good", "neutral", "warn"


@dataclass(frozen=True)
class TeamCell:
    """One fact about one member: "2 to verify", "late 3 days". `tone` colours it."""

    label: str
    tone: str = NEUTRAL
    url: str = ""


@dataclass
class TeamSection:
    key: str  # stable, for tests and anchors: "results"
    title: str
    url: str  # the app's own page for the whole team, "" when the viewer has none
    action: str  # the link's words: "Verify the realisations"
    waiting: int = 0  # how many things wait for the leader in this section
    summary: str = ""
    cells: dict[int, list[TeamCell]] = field(default_factory=dict)  # by employee id
    order: int = 50


@dataclass
class Providers:
    functions: list[Callable] = field(default_factory=list)

    def add(self, module) -> None:
        function = getattr(module, "team_section", None)
        if function is not None and module.__name__ != __name__:
            self.functions.append(function)


providers = Providers()


def sections_for(viewer, members: list, day: datetime.date) -> list[TeamSection]:
    """Every app's section for the viewer's team, in each app's order."""
    found = []
    for function in providers.functions:
        given = function(viewer, members, day)
        found.extend(given if isinstance(given, list) else [given] if given else [])
    return sorted(found, key=lambda s: (s.order, s.key))
