"""What the audit trail calls each action and object, in plain words.

Every app that writes audit events describes them in its own `audit_labels` module: `ACTIONS`
maps each action code it writes (``skp.plan.set``) to a label ("SKP set"), and `OBJECTS` maps
each audited model (``skp.skp``) to an `ObjectKind` that names one object and links to its page.
The audit app discovers these modules when Django starts; a test fails when a code has no label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ObjectKind:
    """How the trail names and links one kind of audited object.

    `label` turns the object into a readable name ("SKP 2026 Budi Santoso (version 1)"); `link`
    returns the URL of the page that shows it, or None; `related` is passed to select_related so
    that a page of events names its objects in a fixed number of queries.
    """

    label: Callable[[object], str] = str
    link: Callable[[object], str | None] = lambda obj: None
    related: Sequence[str] = field(default_factory=tuple)


@dataclass
class Registry:
    actions: dict[str, object] = field(default_factory=dict)
    objects: dict[str, ObjectKind] = field(default_factory=dict)

    def add(self, module) -> None:
        for code, label in getattr(module, "ACTIONS", {}).items():
            if code in self.actions:
                raise ValueError(f"audit action {code} is labelled twice")
            self.actions[code] = label
        self.objects.update(getattr(module, "OBJECTS", {}))


registry = Registry()


def action_label(code: str) -> str:
    """The plain-words label of an action code; the code itself for an unknown one."""
    label = registry.actions.get(code)
    return str(label) if label is not None else code
