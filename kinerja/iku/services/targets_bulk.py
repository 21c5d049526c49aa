"""Set many targets of one indicator at once, all or nothing (the targets page saves a grid).

Every cell is checked before anything is written, so that every bad cell can be shown with its
own message; then the changed cells go through `tree.target_set`, which writes one audit event
per changed target, inside one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import require
from kinerja.iku import permissions
from kinerja.iku.models import AnnualTarget, Indicator, Period, PeriodTarget
from kinerja.iku.services import tree as tree_services


@dataclass(frozen=True)
class TargetEntry:
    """One cell of the grid: a year (annual target) or a Period (trajectory target).

    `low_field` and `high_field` name the inputs that messages about this cell are put on.
    """

    key: int | Period
    value: object
    value_high: object = None
    low_field: str = "value"
    high_field: str = "value_high"

    @property
    def is_annual(self) -> bool:
        return not isinstance(self.key, Period)


def _merge(errors: dict, error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        errors.setdefault(field, []).extend(messages)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _existing(indicator: Indicator, entries: list[TargetEntry]) -> tuple[dict, dict]:
    annual = {t.year: t for t in AnnualTarget.objects.filter(indicator=indicator)}
    period_ids = [e.key.pk for e in entries if not e.is_annual]
    periods = {
        t.period_id: t
        for t in PeriodTarget.objects.filter(indicator=indicator, period_id__in=period_ids)
    }
    return annual, periods


def _check(indicator: Indicator, entries: list[TargetEntry]) -> tuple[dict, list]:
    """(errors by field, [(entry, low, high)] to write) without writing anything."""
    goal = indicator.goal
    annual, periods = _existing(indicator, entries)
    errors: dict[str, list] = {}
    changes: list[tuple[TargetEntry, object, object]] = []
    for entry in entries:
        if entry.is_annual:
            existing = annual.get(entry.key)
            if not goal.covers_year(entry.key):
                errors.setdefault(entry.low_field, []).append(
                    _("%(year)s is outside the goal's plan period %(start)s-%(end)s.")
                    % {"year": entry.key, "start": goal.plan_start_year, "end": goal.plan_end_year}
                )
                continue
        else:
            existing = periods.get(entry.key.pk)
            if entry.key.performance_year.agency_id != indicator.agency_id:
                errors.setdefault(entry.low_field, []).append(
                    _("The period belongs to another agency.")
                )
                continue
            if entry.key.is_annual:
                errors.setdefault(entry.low_field, []).append(
                    _("Set the annual target as the year's target.")
                )
                continue
        if _blank(entry.value) and _blank(entry.value_high):
            if existing is not None:
                errors.setdefault(entry.low_field, []).append(
                    _("A target already set cannot be removed; enter its value.")
                )
            continue
        try:
            low, high = tree_services.clean_target(
                indicator,
                entry.value,
                entry.value_high,
                low_field=entry.low_field,
                high_field=entry.high_field,
            )
        except ValidationError as error:
            _merge(errors, error)
            continue
        if existing is None or (existing.value, existing.value_high) != (low, high):
            changes.append((entry, low, high))
    return errors, changes


def targets_check(*, indicator: Indicator, entries: list[TargetEntry]) -> dict[str, list]:
    """The messages `targets_set_bulk` would raise for these entries, by field; writes nothing.

    A page whose own parsing refused some cells uses it to show the other cells' errors too.
    """
    return _check(indicator, entries)[0]


@transaction.atomic
def targets_set_bulk(*, actor, indicator: Indicator, entries: list[TargetEntry]) -> int:
    """Set the targets of the entries; raise one ValidationError naming every bad cell.

    An empty cell leaves an unset target unset; a target already set cannot be emptied here.
    Returns the number of targets created or changed.
    """
    indicator = (
        Indicator.objects.select_for_update()
        .select_related("goal__owner_unit", "agency")
        .get(pk=indicator.pk)
    )
    require(
        actor,
        lambda v: permissions.can_manage_indicator(v, indicator),
        _("You may not change the goals and indicators of this unit."),
    )
    errors, changes = _check(indicator, entries)
    if errors:
        raise ValidationError(errors)
    for entry, low, high in changes:
        try:
            key = {"year": entry.key} if entry.is_annual else {"period": entry.key}
            tree_services.target_set(
                actor=actor, indicator=indicator, value=low, value_high=high, **key
            )
        except ValidationError as error:
            # Put what the single-target service says on the cell it is about.
            raise ValidationError({entry.low_field: error.messages}) from error
    return len(changes)
