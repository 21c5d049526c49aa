"""Writes of the performance tree: goals, indicators, annual and period targets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose, choose_many, not_choosable
from kinerja.core.numbers import parse_model_decimal
from kinerja.iku import permissions
from kinerja.iku.models import (
    GOAL_LEVEL_RANK,
    AnnualTarget,
    Goal,
    Indicator,
    Period,
    PeriodTarget,
)
from kinerja.iku.selectors.tree_edit import linkable_goals, owner_positions, responsible_positions

GOAL_FIELDS = [
    "level",
    "code",
    "statement",
    "owner_unit",
    "owner_position",
    "parent",
    "plan_start_year",
    "plan_end_year",
    "order",
    "is_active",
]
INDICATOR_FIELDS = [
    "code",
    "name",
    "is_iku",
    "definition",
    "purpose",
    "formula_text",
    "unit_of_measure",
    "data_source",
    "reporting_frequency",
    "responsible_position",
    "polarity",
    "target_shape",
    "lower_is_better_formula",
    "consolidation",
    "order",
    "is_active",
]
_MANAGE_MESSAGE = gettext_lazy("You may not change the goals and indicators of this unit.")
_GOAL_NOT_CHOOSABLE = gettext_lazy("Choose an active goal of this agency.")


def _lock_agency(agency_id: int) -> None:
    from kinerja.org.models import Agency

    Agency.objects.select_for_update().filter(pk=agency_id).first()


# --- goals ----------------------------------------------------------------------------------------


def _descendant_ids(goal_id: int) -> set[int]:
    """Goals below `goal_id` through parent and cross-cutting links (one query per level)."""
    found: set[int] = set()
    frontier = {goal_id}
    while frontier:
        children = set(Goal.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        children |= set(
            Goal.extra_parents.through.objects.filter(to_goal_id__in=frontier).values_list(
                "from_goal_id", flat=True
            )
        )
        frontier = children - found - {goal_id}
        found |= frontier
    return found


def _check_parents(goal: Goal, parents: list[Goal], field: str) -> None:
    for parent in parents:
        if GOAL_LEVEL_RANK.get(parent.level, 0) > GOAL_LEVEL_RANK.get(goal.level, 99):
            raise ValidationError(
                {
                    field: _("A %(level)s cannot support a goal of a lower level (%(parent)s).")
                    % {"level": goal.get_level_display(), "parent": parent.get_level_display()}
                }
            )
    if goal.pk:
        below = _descendant_ids(goal.pk) | {goal.pk}
        if any(p.pk in below for p in parents):
            raise ValidationError(
                {field: _("A goal cannot be placed under itself or under a goal that supports it.")}
            )


def _choose_parent(agency_id: int, parent, *, keep_ids) -> Goal | None:
    return choose(
        linkable_goals(agency_id, keep_ids=keep_ids),
        parent,
        field="parent",
        message=_GOAL_NOT_CHOOSABLE,
    )


def _choose_extra_parents(agency_id: int, parents, *, keep_ids) -> list[Goal]:
    return choose_many(
        linkable_goals(agency_id, keep_ids=keep_ids),
        parents,
        field="extra_parents",
        message=_GOAL_NOT_CHOOSABLE,
    )


def _choose_owner_position(owner_unit, position, *, keep_id):
    """A position of the owner unit (`owner_positions`, as the page offers them)."""
    return choose(
        owner_positions(owner_unit, keep_id=keep_id),
        position,
        field="owner_position",
        message=_("The owner position must be a position of the owner unit."),
    )


def _check_goal(goal: Goal) -> None:
    if (
        goal.plan_start_year is not None
        and goal.plan_end_year is not None
        and goal.plan_end_year < goal.plan_start_year
    ):
        raise ValidationError({"plan_end_year": _("The plan cannot end before it starts.")})
    goal.full_clean()
    if goal.owner_unit.agency_id != goal.agency_id:
        raise ValidationError({"owner_unit": _("The unit belongs to another agency.")})
    if goal.owner_position_id and goal.owner_position.unit_id != goal.owner_unit_id:
        raise ValidationError(
            {"owner_position": _("The owner position must be a position of the owner unit.")}
        )


@transaction.atomic
def goal_create(
    *,
    actor,
    agency,
    level: str,
    statement: str,
    owner_unit,
    plan_start_year: int,
    plan_end_year: int,
    owner_position=None,
    parent: Goal | None = None,
    extra_parents: list[Goal] = (),
    code: str = "",
    order: int = 0,
) -> Goal:
    require(
        actor,
        lambda v: permissions.can_manage_goal(v, level=level, owner_unit=owner_unit),
        str(_MANAGE_MESSAGE),
    )
    _lock_agency(agency.pk)
    parent = _choose_parent(agency.pk, parent, keep_ids=())
    extra_parents = _choose_extra_parents(agency.pk, extra_parents, keep_ids=())
    goal = Goal(
        agency=agency,
        level=level,
        code=code.strip(),
        statement=statement.strip(),
        owner_unit=owner_unit,
        owner_position=_choose_owner_position(owner_unit, owner_position, keep_id=None),
        parent=parent,
        plan_start_year=plan_start_year,
        plan_end_year=plan_end_year,
        order=order,
    )
    _check_parents(goal, [parent] if parent else [], "parent")
    _check_goal(goal)
    extra = [p for p in extra_parents if p.pk != getattr(parent, "pk", None)]
    _check_parents(goal, extra, "extra_parents")
    goal.save()
    goal.extra_parents.set(extra)
    after = audit.snapshot(goal, GOAL_FIELDS) | {"extra_parents": sorted(p.pk for p in extra)}
    audit.record(actor=audit_actor(actor), action="iku.goal.created", obj=goal, after=after)
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, extra_parents: list[Goal] | None = None, **changes) -> Goal:
    _lock_agency(goal.agency_id)
    goal = Goal.objects.select_for_update().select_related("owner_unit").get(pk=goal.pk)
    require(
        actor,
        lambda v: permissions.can_manage_goal(v, level=goal.level, owner_unit=goal.owner_unit),
        str(_MANAGE_MESSAGE),
    )
    stored_extra = sorted(goal.extra_parents.values_list("pk", flat=True))
    before = audit.snapshot(goal, GOAL_FIELDS) | {"extra_parents": stored_extra}
    for key in changes:
        if key not in GOAL_FIELDS:
            raise TypeError(f"goal_update() got an unexpected field {key!r}")
    if "parent" in changes:
        changes["parent"] = _choose_parent(
            goal.agency_id, changes["parent"], keep_ids=[goal.parent_id]
        )
    if extra_parents is not None:
        extra_parents = _choose_extra_parents(goal.agency_id, extra_parents, keep_ids=stored_extra)
    stored_position = goal.owner_position_id
    position = changes.pop("owner_position", stored_position)
    for key, value in changes.items():
        setattr(goal, key, value.strip() if isinstance(value, str) else value)
    if position != stored_position or "owner_unit" in changes:
        goal.owner_position = _choose_owner_position(
            goal.owner_unit, position, keep_id=stored_position
        )
    if "owner_unit" in changes or "level" in changes:
        require(
            actor,
            lambda v: permissions.can_manage_goal(v, level=goal.level, owner_unit=goal.owner_unit),
            str(_MANAGE_MESSAGE),
        )
    _check_parents(goal, [goal.parent] if goal.parent_id else [], "parent")
    _check_goal(goal)
    if extra_parents is not None:
        extra = [p for p in extra_parents if p.pk != goal.parent_id]
        _check_parents(goal, extra, "extra_parents")
    else:
        extra = list(goal.extra_parents.all())
    after = audit.snapshot(goal, GOAL_FIELDS) | {"extra_parents": sorted(p.pk for p in extra)}
    if after == before:
        return goal
    goal.save()
    if extra_parents is not None:
        goal.extra_parents.set(extra)
    audit.record(
        actor=audit_actor(actor), action="iku.goal.updated", obj=goal, before=before, after=after
    )
    return goal


# --- indicators -----------------------------------------------------------------------------------


def _choose_responsible(goal: Goal, position, *, keep_id):
    """A position of the goal's unit or below it (`responsible_positions`, as offered)."""
    return choose(
        responsible_positions(goal.owner_unit, keep_id=keep_id),
        position,
        field="responsible_position",
        message=_("Choose a position of the goal's unit or of a unit below it."),
    )


def _check_indicator(indicator: Indicator) -> None:
    indicator.full_clean()
    if indicator.goal.agency_id != indicator.agency_id:
        raise ValidationError({"goal": _("The goal belongs to another agency.")})


@transaction.atomic
def indicator_create(
    *,
    actor,
    goal: Goal,
    name: str,
    unit_of_measure: str,
    polarity: str,
    consolidation: str,
    **fields,
) -> Indicator:
    require(
        actor,
        lambda v: permissions.can_manage_goal(v, level=goal.level, owner_unit=goal.owner_unit),
        str(_MANAGE_MESSAGE),
    )
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"indicator_create() got unexpected fields {sorted(unknown)}")
    if "responsible_position" in fields:
        fields["responsible_position"] = _choose_responsible(
            goal, fields["responsible_position"], keep_id=None
        )
    indicator = Indicator(
        agency_id=goal.agency_id,
        goal=goal,
        name=name.strip(),
        unit_of_measure=unit_of_measure.strip(),
        polarity=polarity,
        consolidation=consolidation,
        **{k: v.strip() if isinstance(v, str) else v for k, v in fields.items()},
    )
    _check_indicator(indicator)
    indicator.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.indicator.created",
        obj=indicator,
        agency=goal.agency,
        after=audit.snapshot(indicator, [*INDICATOR_FIELDS, "goal"]),
    )
    return indicator


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, **changes) -> Indicator:
    indicator = (
        Indicator.objects.select_for_update()
        .select_related("goal__owner_unit", "agency")
        .get(pk=indicator.pk)
    )
    require(actor, lambda v: permissions.can_manage_indicator(v, indicator), str(_MANAGE_MESSAGE))
    before = audit.snapshot(indicator, INDICATOR_FIELDS)
    for key in changes:
        if key not in INDICATOR_FIELDS:
            raise TypeError(f"indicator_update() got an unexpected field {key!r}")
    if "responsible_position" in changes:
        changes["responsible_position"] = _choose_responsible(
            indicator.goal,
            changes["responsible_position"],
            keep_id=indicator.responsible_position_id,
        )
    for key, value in changes.items():
        setattr(indicator, key, value.strip() if isinstance(value, str) else value)
    _check_indicator(indicator)
    if before["target_shape"] != indicator.target_shape:
        _check_existing_targets_fit(indicator)
    after = audit.snapshot(indicator, INDICATOR_FIELDS)
    if after == before:
        return indicator
    indicator.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.indicator.updated",
        obj=indicator,
        agency=indicator.agency,
        before=before,
        after=after,
    )
    return indicator


# --- targets --------------------------------------------------------------------------------------


def clean_target(
    indicator: Indicator, value, value_high, *, low_field="value", high_field="value_high"
):
    """(low, high) for the indicator's target shape, with messages naming the field at fault."""
    low = parse_model_decimal(value, AnnualTarget, "value", key=low_field)
    high = parse_model_decimal(value_high, AnnualTarget, "value_high", key=high_field)
    if low is None:
        raise ValidationError({low_field: _("Enter the target.")})
    if low < 0:
        raise ValidationError({low_field: _("A target cannot be negative.")})
    if indicator.is_range:
        if high is None:
            raise ValidationError(
                {high_field: _("A range indicator needs the upper end of the target range.")}
            )
        if high < low:
            raise ValidationError(
                {high_field: _("The upper end of the range cannot be below the lower end.")}
            )
    elif high is not None:
        raise ValidationError(
            {high_field: _("Only an indicator with a target range has an upper target.")}
        )
    return low, high


def _check_existing_targets_fit(indicator: Indicator) -> None:
    is_range = indicator.is_range
    for model in (AnnualTarget, PeriodTarget):
        if model.objects.filter(indicator=indicator, value_high__isnull=is_range).exists():
            raise ValidationError(
                {
                    "target_shape": _(
                        "The indicator already has targets of the other kind; change them "
                        "before switching to or from a target range."
                    )
                }
            )


def choose_period(indicator: Indicator, period) -> Period:
    """A period (an instance or an id) of the indicator's agency; else the same error on the
    field for a missing id and for a period of another agency."""
    chosen = choose(
        Period.objects.filter(performance_year__agency_id=indicator.agency_id).select_related(
            "performance_year"
        ),
        period,
        field="period",
        message=_("There is no period with this id."),
    )
    if chosen is None:
        raise not_choosable("period", _("There is no period with this id."))
    return chosen


def _target_key(indicator: Indicator, year, period) -> tuple:
    """(model, lookup, audit action) of the target named by a year or by a period."""
    if (year is None) == (period is None):
        raise TypeError("target_set() takes either a year or a period")
    if period is None:
        if not indicator.goal.covers_year(year):
            raise ValidationError(
                {
                    "year": _("%(year)s is outside the goal's plan period %(start)s-%(end)s.")
                    % {
                        "year": year,
                        "start": indicator.goal.plan_start_year,
                        "end": indicator.goal.plan_end_year,
                    }
                }
            )
        return AnnualTarget, {"year": year}, "iku.annual_target.set"
    period = choose_period(indicator, period)
    if period.is_annual:
        raise ValidationError({"period": _("Set the annual target as the year's target.")})
    return PeriodTarget, {"period": period}, "iku.period_target.set"


@transaction.atomic
def target_set(
    *, actor, indicator: Indicator, value, value_high=None, year=None, period=None
) -> AnnualTarget | PeriodTarget:
    """Set the annual target of a plan year (`year`) or the trajectory target (rencana aksi) of
    an evaluation period (`period`): created or changed, audited when it changed."""
    indicator = Indicator.objects.select_related("goal__owner_unit", "agency").get(pk=indicator.pk)
    require(actor, lambda v: permissions.can_manage_indicator(v, indicator), str(_MANAGE_MESSAGE))
    model, lookup, action = _target_key(indicator, year, period)
    low, high = clean_target(indicator, value, value_high)
    target = model.objects.select_for_update().filter(indicator=indicator, **lookup).first()
    before = audit.snapshot(target) if target else None
    if target is None:
        target = model(indicator=indicator, **lookup)
    target.value, target.value_high = low, high
    target.full_clean()
    target.save()
    after = audit.snapshot(target)
    if before != after:
        audit.record(
            actor=audit_actor(actor),
            action=action,
            obj=target,
            agency=indicator.agency,
            before=before,
            after=after,
        )
    return target
