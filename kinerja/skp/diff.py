"""What changed between two versions of an SKP, matched by the keys of RHK and indicators."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.skp.models import BehaviourExpectation, Rhk, RhkIndicator, Skp

RHK_COMPARED = [
    "kind",
    "text",
    "perspective",
    "control_level",
    "intervened_rhk_id",
    "intervened_indicator_id",
    "iku_indicator_id",
]
INDICATOR_COMPARED = ["aspect", "text", "target_display"]
ANNEX_COMPARED = ["approach", "resource_support", "accountability_scheme", "consequences"]


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class RhkDiff:
    status: str  # "added", "removed", "changed", "same"
    old: Rhk | None
    new: Rhk | None
    changes: list[Change] = field(default_factory=list)
    indicators: list[tuple[str, RhkIndicator | None, RhkIndicator | None, list[Change]]] = field(
        default_factory=list
    )


@dataclass
class SkpDiff:
    rhks: list[RhkDiff]
    annex: list[Change]
    behaviours: list[Change]

    @property
    def has_changes(self) -> bool:
        return bool(self.annex or self.behaviours) or any(r.status != "same" for r in self.rhks)


def _changes(old, new, names) -> list[Change]:
    return [
        Change(name, getattr(old, name), getattr(new, name))
        for name in names
        if getattr(old, name) != getattr(new, name)
    ]


def _rhks(skp: Skp) -> dict:
    indicators: dict[int, list] = {}
    for row in RhkIndicator.objects.filter(rhk__skp=skp).order_by("order", "pk"):
        indicators.setdefault(row.rhk_id, []).append(row)
    rows = {}
    for rhk in Rhk.objects.filter(skp=skp).order_by("kind", "order", "pk"):
        rhk.indicator_rows = indicators.get(rhk.pk, [])
        rows[rhk.key] = rhk
    return rows


def _indicator_diffs(old: Rhk | None, new: Rhk | None) -> list:
    before = {i.key: i for i in (old.indicator_rows if old else [])}
    after = {i.key: i for i in (new.indicator_rows if new else [])}
    result = []
    for key in list(before) + [k for k in after if k not in before]:
        a, b = before.get(key), after.get(key)
        if a is None:
            result.append(("added", None, b, []))
        elif b is None:
            result.append(("removed", a, None, []))
        else:
            changes = _changes(a, b, INDICATOR_COMPARED)
            result.append(("changed" if changes else "same", a, b, changes))
    return result


def skp_diff(old: Skp, new: Skp) -> SkpDiff:
    """Compare two versions: RHK and indicators keep their key from version to version."""
    before, after = _rhks(old), _rhks(new)
    rhk_diffs = []
    for key in list(before) + [k for k in after if k not in before]:
        a, b = before.get(key), after.get(key)
        indicators = _indicator_diffs(a, b)
        if a is None:
            rhk_diffs.append(RhkDiff("added", None, b, [], indicators))
            continue
        if b is None:
            rhk_diffs.append(RhkDiff("removed", a, None, [], indicators))
            continue
        changes = _changes(a, b, RHK_COMPARED)
        changed = changes or any(status != "same" for status, *_rest in indicators)
        rhk_diffs.append(RhkDiff("changed" if changed else "same", a, b, changes, indicators))
    old_behaviours = dict(
        BehaviourExpectation.objects.filter(skp=old).values_list("value", "special_expectation")
    )
    new_behaviours = dict(
        BehaviourExpectation.objects.filter(skp=new).values_list("value", "special_expectation")
    )
    behaviours = [
        Change(value, old_behaviours.get(value, ""), new_behaviours.get(value, ""))
        for value in new_behaviours.keys() | old_behaviours.keys()
        if old_behaviours.get(value, "") != new_behaviours.get(value, "")
    ]
    return SkpDiff(
        rhk_diffs, _changes(old, new, ANNEX_COMPARED), sorted(behaviours, key=lambda c: c.field)
    )
