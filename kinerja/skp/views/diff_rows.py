"""The version diff (kinerja/skp/diff.py) put into words for a side-by-side table."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kinerja.skp.berakhlak import CoreValue
from kinerja.skp.models import Rhk, RhkIndicator, Skp
from kinerja.skp.selectors import editor as selectors_editor
from kinerja.skp.selectors import plan as selectors_plan

LINKS = {"intervened_rhk_id", "intervened_indicator_id", "iku_indicator_id"}


def _label(model, name: str) -> str:
    if name == "target_display":
        return _("target")
    if name == "intervened_indicator_id":
        return _("leader's indicator intervened")
    return str(model._meta.get_field(name.removesuffix("_id")).verbose_name)


def _value(model, name: str, value, lookups) -> str:
    if value in (None, ""):
        return "—"
    if name in LINKS:
        return lookups[name].get(value, "—")
    if name == "target_display":
        return str(value)
    field = model._meta.get_field(name)
    choices = dict(field.flatchoices) if field.choices else None
    return str(choices.get(value, value)) if choices else str(value)


def _changes(model, changes, lookups) -> list[tuple[str, str, str]]:
    return [
        (
            _label(model, c.field),
            _value(model, c.field, c.old, lookups),
            _value(model, c.field, c.new, lookups),
        )
        for c in changes
    ]


def diff_rows(diff) -> dict:
    """Rows of RHK (with their indicators), annex and behaviour changes, ready to show."""
    rhk_ids, leader_indicator_ids, indicator_ids = set(), set(), set()
    for row in diff.rhks:
        for change in row.changes:
            if change.field == "intervened_rhk_id":
                rhk_ids |= {change.old, change.new}
            if change.field == "intervened_indicator_id":
                leader_indicator_ids |= {change.old, change.new}
            if change.field == "iku_indicator_id":
                indicator_ids |= {change.old, change.new}
    lookups = {
        "intervened_rhk_id": selectors_plan.rhk_texts(rhk_ids) if rhk_ids else {},
        "intervened_indicator_id": selectors_editor.rhk_indicator_texts(leader_indicator_ids),
        "iku_indicator_id": (
            selectors_plan.iku_indicator_names(indicator_ids) if indicator_ids else {}
        ),
    }
    rhks = []
    for row in diff.rhks:
        rhks.append(
            {
                "status": row.status,
                "old": row.old,
                "new": row.new,
                "changes": _changes(Rhk, row.changes, lookups),
                "indicators": [
                    {
                        "status": status,
                        "old": old,
                        "new": new,
                        "changes": _changes(RhkIndicator, changes, lookups),
                    }
                    for status, old, new, changes in row.indicators
                ],
            }
        )
    values = dict(CoreValue.choices)
    return {
        "rhks": rhks,
        "annex": _changes(Skp, diff.annex, lookups),
        "behaviours": [
            (values.get(c.field, c.field), c.old or "—", c.new or "—") for c in diff.behaviours
        ],
    }
