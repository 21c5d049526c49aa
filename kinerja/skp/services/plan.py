"""Writes of an SKP's content: the plan itself, its RHK, indicators, actions and behaviours."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose, not_choosable
from kinerja.core.fields import check_lengths
from kinerja.core.numbers import parse_model_decimal
from kinerja.skp import permissions, rules
from kinerja.skp.berakhlak import CoreValue
from kinerja.skp.models import (
    ActionPlan,
    BehaviourExpectation,
    Rhk,
    RhkIndicator,
    RhkSource,
    Skp,
    SkpStatus,
)
from kinerja.skp.services._common import (
    INDICATOR_FIELDS,
    RHK_FIELDS,
    SKP_FIELDS,
    ensure_editable,
    lock,
    today_of,
)

SKP_CHANGES = {"approach", "resource_support", "accountability_scheme", "consequences"}
RHK_CHANGES = {
    "kind",
    "text",
    "perspective",
    "control_level",
    "assigned_by_label",
    "intervened_rhk",
    "intervened_indicator",
    "iku_goal",
    "iku_indicator",
    "order",
}
INDICATOR_CHANGES = set(INDICATOR_FIELDS) - {"key"}


def _planning_day(year: int, today: datetime.date) -> datetime.date:
    if today.year == year:
        return today
    return datetime.date(year, 1, 1) if today.year > year else datetime.date(year, 1, 2)


def chain_fields(employee, day: datetime.date) -> dict:
    """Post, unit, form and raters of an employee on a day, as SKP fields."""
    from kinerja.org.selectors import primary_assignment, supervision_chain

    assignment = primary_assignment(employee, day)
    if assignment is None:
        raise ValidationError(
            {"employee": _("%(name)s holds no post on %(day)s.") % {"name": employee, "day": day}},
            code="no_post",
        )
    position = assignment.position
    chain = supervision_chain(employee, day)
    rater, superior = chain.rater, chain.rater_superior
    return {
        "position": position,
        "unit": position.unit,
        "form": rules.skp_form(
            position.kind, is_unit_head=position.is_unit_head, unit_kind=position.unit.kind
        ),
        "rater": rater.employee if rater else None,
        "rater_position": rater.position if rater else None,
        "rater_label": _supervisor_label(rater),
        "rater_superior": superior.employee if superior else None,
        "rater_superior_label": _supervisor_label(superior) if superior else "",
    }


def _supervisor_label(supervisor) -> str:
    if supervisor is None:
        return ""
    if supervisor.position is not None:
        return f"{supervisor.label} ({supervisor.position.name})"[:300]
    return supervisor.label[:300]


def _audit(actor, action, obj, skp, before=None, after=None, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=obj,
        before=before,
        after=after,
        agency=skp.agency,
        reason=reason,
    )


def create_behaviours(skp: Skp, expectations: dict | None = None) -> None:
    expectations = expectations or {}
    BehaviourExpectation.objects.bulk_create(
        BehaviourExpectation(skp=skp, value=value, special_expectation=expectations.get(value, ""))
        for value in CoreValue.values
    )


def _agreement_rhks(skp: Skp, agreement=None) -> list[Rhk]:
    """A JPT plan takes the PK targets as mandatory main results (Lampiran p.28): from the PK
    in force, or its draft while none is signed ("drafts may be used", domain.md 1.3). Lines
    whose indicator the plan already has are skipped; answers the RHK added."""
    from kinerja.skp.selectors.plan import plan_agreement

    agreement = agreement or plan_agreement(skp.unit_id, skp.year)
    if agreement is None:
        return []
    present = set(
        Rhk.objects.filter(skp=skp, iku_indicator__isnull=False).values_list(
            "iku_indicator_id", flat=True
        )
    )
    last = (
        Rhk.objects.filter(skp=skp, kind=rules.UTAMA)
        .order_by("-order")
        .values_list("order", flat=True)
    ).first() or 0
    lines = agreement.lines.select_related("goal", "indicator").order_by("order", "pk")
    added = []
    for line in lines:
        if line.indicator_id in present:
            continue
        present.add(line.indicator_id)
        last += 1
        rhk = Rhk.objects.create(
            skp=skp,
            order=last,
            kind=rules.UTAMA,
            text=line.goal.statement,
            iku_goal=line.goal,
            iku_indicator=line.indicator,
            assigned_by_label=agreement.second_party_label,
            source=RhkSource.AGREEMENT,
        )
        RhkIndicator.objects.create(
            rhk=rhk,
            text=line.indicator.name,
            target_value=line.target,
            target_high=line.target_high,
            unit_of_measure=line.indicator.unit_of_measure,
        )
        added.append(rhk)
    return added


def pk_indicator_ids(skp: Skp) -> frozenset[int]:
    if skp.form != rules.FORM_JPT:
        return frozenset()
    from kinerja.skp.selectors.plan import plan_agreement

    agreement = plan_agreement(skp.unit_id, skp.year)
    if agreement is None:
        return frozenset()
    return frozenset(agreement.lines.values_list("indicator_id", flat=True))


def refuse_if_exempt(employee, day: datetime.date, field: str = "employee", actor=None) -> None:
    """No SKP is started while the employee is not subject to planning (Lampiran p.65-66);
    the error is given on `field`, naming the reason only to an actor who may read it."""
    from django.utils.formats import date_format

    from kinerja.skp.selectors.exemptions import exemption_of

    exemption = exemption_of(employee.pk, day)
    if exemption is None:
        return
    values = {
        "name": employee,
        "reason": exemption.get_reason_display(),
        "start": date_format(exemption.start_date, "d-m-Y"),
        "end": date_format(exemption.end_date, "d-m-Y") if exemption.end_date else "",
    }
    from kinerja.skp.permissions import can_see_exemption_reason

    viewer = as_viewer(actor)
    if viewer is not None and not can_see_exemption_reason(viewer, employee.pk):
        if exemption.end_date:
            message = _("%(name)s is not subject to SKP planning from %(start)s to %(end)s.")
        else:
            message = _("%(name)s is not subject to SKP planning since %(start)s.")
    elif exemption.end_date:
        message = _(
            "%(name)s is not subject to SKP planning: %(reason)s from %(start)s to %(end)s."
        )
    else:
        message = _("%(name)s is not subject to SKP planning: %(reason)s since %(start)s.")
    raise ValidationError({field: message % values}, code="exempt_from_planning")


def _first_start(employee, year: int, day: datetime.date) -> datetime.date:
    """1 January, or the day after an exemption that ended during the year before `day`
    (its deadline then counts from that start, like a plan after a new post)."""
    from kinerja.skp.selectors.exemptions import first_plan_start, planning_resumes_on

    return first_plan_start(year, planning_resumes_on([employee.pk], year, day).get(employee.pk))


def _plan_owner(actor, employee):
    from kinerja.org.models import Employee

    viewer = as_viewer(actor)
    message = _("You may not start an SKP for this employee.")
    employees = Employee.objects.all()
    if viewer is not None:
        employees = employees.filter(agency_id=viewer.agency_id)
    chosen = choose(employees, employee, field="employee", message=message)
    if chosen is None or (viewer is not None and not permissions.can_create_for(viewer, chosen)):
        raise not_choosable("employee", message)
    return chosen


@transaction.atomic
def skp_create(*, actor, employee, year: int, day: datetime.date | None = None) -> Skp:
    """Start an employee's SKP (an instance or an id) for a year with today's post and raters.

    An employee the actor may not start a plan for (`permissions.can_create_for`) is refused
    on the field like an id that names nobody."""
    employee = _plan_owner(actor, employee)
    day = day or _planning_day(year, today_of(actor))
    if day.year != year:
        raise ValidationError({"year": _("The start day must fall in the year of the SKP.")})
    refuse_if_exempt(employee, day, actor=actor)
    open_plans = Skp.objects.filter(
        employee=employee, year=year, is_latest=True, end_date__gte=day
    ).exclude(status=SkpStatus.CLOSED)
    if open_plans.exists():
        raise ValidationError(
            {
                "year": _("%(name)s already has an SKP for %(year)s.")
                % {"name": employee, "year": year}
            },
            code="skp_exists",
        )
    earlier = Skp.objects.filter(employee=employee, year=year).exists()
    skp = Skp(
        agency_id=employee.agency_id,
        employee=employee,
        year=year,
        start_date=day if earlier else _first_start(employee, year, day),
        end_date=datetime.date(year, 12, 31),
        **chain_fields(employee, day),
    )
    skp.full_clean()
    skp.save()
    create_behaviours(skp)
    if skp.form == rules.FORM_JPT:
        _agreement_rhks(skp)
    _audit(actor, "skp.plan.created", skp, skp, after=audit.snapshot(skp, SKP_FIELDS))
    return skp


@transaction.atomic
def skp_update(*, actor, skp: Skp, **changes) -> Skp:
    """Change the approach or the annex (resources, accountability scheme, consequences)."""
    unknown = set(changes) - SKP_CHANGES
    if unknown:
        raise TypeError(f"skp_update cannot change {sorted(unknown)}")
    skp = lock(skp)
    ensure_editable(skp)
    require(actor, lambda v: permissions.can_edit(v, skp), _("You may not change this SKP."))
    before = audit.snapshot(skp, sorted(changes))
    for name, value in changes.items():
        setattr(skp, name, value)
    skp.full_clean()
    skp.save()
    after = audit.snapshot(skp, sorted(changes))
    if before != after:
        _audit(actor, "skp.plan.updated", skp, skp, before=before, after=after)
    return skp


def _editable_skp(actor, skp: Skp) -> Skp:
    skp = lock(skp)
    ensure_editable(skp)
    require(actor, lambda v: permissions.can_edit(v, skp), _("You may not change this SKP."))
    return skp


LINKS = ("intervened_rhk", "intervened_indicator", "iku_goal", "iku_indicator")


def _set_links(rhk: Rhk, skp: Skp, given: dict) -> None:
    """Set the links `given` (ids or instances; None unlinks) on the RHK, each resolved
    against what the plan may name (`selectors_plan`, as the editor offers it; a link already
    stored stays valid). An id that names nothing, a record of another agency and one not on
    offer get the same error on the field."""
    from kinerja.skp.selectors.editor import choosable_leader_indicators
    from kinerja.skp.selectors.plan import (
        choosable_iku_goals,
        choosable_iku_indicators,
        choosable_leader_rhks,
    )

    def stored(name):
        return [getattr(rhk, f"{name}_id")] if rhk.pk else []

    if "intervened_rhk" in given:
        rhk.intervened_rhk = choose(
            choosable_leader_rhks(skp, stored("intervened_rhk")),
            given["intervened_rhk"],
            field="intervened_rhk",
            message=_("Choose an RHK of a leader's SKP of the same year in this agency."),
        )
    indicator = given.get("intervened_indicator", rhk.intervened_indicator_id)
    if "intervened_indicator" in given or "intervened_rhk" in given:
        leaders = [rhk.intervened_rhk_id] if rhk.intervened_rhk_id else []
        rhk.intervened_indicator = choose(
            choosable_leader_indicators(leaders),
            indicator,
            field="intervened_indicator",
            message=_("The indicator must belong to the intervened RHK."),
        )
    if "iku_indicator" in given:
        rhk.iku_indicator = choose(
            choosable_iku_indicators(skp, stored("iku_indicator")),
            given["iku_indicator"],
            field="iku_indicator",
            message=_(
                "Choose an active organisation indicator of the plan's unit or of a unit above it."
            ),
        )
    if "iku_goal" in given:
        rhk.iku_goal = choose(
            choosable_iku_goals(skp, stored("iku_goal")),
            given["iku_goal"],
            field="iku_goal",
            message=_(
                "Choose an active organisation goal of the plan's unit or of a unit above it."
            ),
        )
    if rhk.iku_indicator is not None and rhk.iku_goal is None:
        rhk.iku_goal = rhk.iku_indicator.goal


def _next_order(model, **filters) -> int:
    last = model.objects.filter(**filters).order_by("-order").values_list("order", flat=True)
    return (last.first() or 0) + 1


@transaction.atomic
def rhk_add(*, actor, skp: Skp, text: str, kind: str = rules.UTAMA, **fields) -> Rhk:
    skp = _editable_skp(actor, skp)
    source = fields.pop("source", RhkSource.MANUAL)
    acting_position = fields.pop("acting_position", None)  # chosen by services.acting
    unknown = set(fields) - RHK_CHANGES - {"key"}
    if unknown:
        raise TypeError(f"rhk_add cannot set {sorted(unknown)}")
    fields.setdefault("order", _next_order(Rhk, skp=skp))
    links = {name: fields.pop(name) for name in LINKS if name in fields}
    rhk = Rhk(
        skp=skp, text=text, kind=kind, source=source, acting_position=acting_position, **fields
    )
    _set_links(rhk, skp, links)
    rhk.full_clean()
    rhk.save()
    _audit(actor, "skp.rhk.added", rhk, skp, after=audit.snapshot(rhk, RHK_FIELDS))
    return rhk


@transaction.atomic
def rhk_update(*, actor, rhk: Rhk, **changes) -> Rhk:
    unknown = set(changes) - RHK_CHANGES
    if unknown:
        raise TypeError(f"rhk_update cannot change {sorted(unknown)}")
    skp = _editable_skp(actor, rhk.skp)
    rhk = Rhk.objects.select_for_update().get(pk=rhk.pk)
    before = audit.snapshot(rhk, RHK_FIELDS)
    links = {name: changes.pop(name) for name in LINKS if name in changes}
    for name, value in changes.items():
        setattr(rhk, name, value)
    _set_links(rhk, skp, links)
    rhk.full_clean()
    rhk.save()
    after = audit.snapshot(rhk, RHK_FIELDS)
    if before != after:
        _audit(actor, "skp.rhk.updated", rhk, skp, before=before, after=after)
    return rhk


@transaction.atomic
def rhk_remove(*, actor, rhk: Rhk) -> None:
    skp = _editable_skp(actor, rhk.skp)
    supporters = Rhk.objects.filter(intervened_rhk=rhk).count()
    if supporters:
        raise ValidationError(
            _(
                "%(count)s RHK of subordinates intervene in this RHK; remove their roles in "
                "the matrix first."
            )
            % {"count": supporters},
            code="rhk_supported",
        )
    before = audit.snapshot(rhk, RHK_FIELDS)
    _audit(actor, "skp.rhk.removed", rhk, skp, before=before)
    rhk.delete()


def _clean_indicator(indicator: RhkIndicator, skp: Skp) -> None:
    indicator.target_value = parse_model_decimal(
        indicator.target_value, RhkIndicator, "target_value"
    )
    indicator.target_high = parse_model_decimal(indicator.target_high, RhkIndicator, "target_high")
    errors = {}
    if indicator.target_high is not None and (
        indicator.target_value is None or indicator.target_high < indicator.target_value
    ):
        errors["target_high"] = _("The upper target must not be below the target.")
    if indicator.target_value is not None and indicator.target_value < 0:
        errors["target_value"] = _("The target must not be negative.")
    if errors:
        raise ValidationError(errors)
    indicator.full_clean(exclude=["rhk"])


@transaction.atomic
def indicator_add(*, actor, rhk: Rhk, text: str, **fields) -> RhkIndicator:
    skp = _editable_skp(actor, rhk.skp)
    unknown = set(fields) - INDICATOR_CHANGES - {"key"}
    if unknown:
        raise TypeError(f"indicator_add cannot set {sorted(unknown)}")
    fields.setdefault("order", _next_order(RhkIndicator, rhk=rhk))
    indicator = RhkIndicator(rhk=rhk, text=text, **fields)
    _clean_indicator(indicator, skp)
    indicator.save()
    _audit(
        actor,
        "skp.indicator.added",
        indicator,
        skp,
        after=audit.snapshot(indicator, INDICATOR_FIELDS),
    )
    return indicator


@transaction.atomic
def indicator_update(*, actor, indicator: RhkIndicator, **changes) -> RhkIndicator:
    unknown = set(changes) - INDICATOR_CHANGES
    if unknown:
        raise TypeError(f"indicator_update cannot change {sorted(unknown)}")
    skp = _editable_skp(actor, indicator.rhk.skp)
    indicator = RhkIndicator.objects.select_for_update().get(pk=indicator.pk)
    before = audit.snapshot(indicator, INDICATOR_FIELDS)
    for name, value in changes.items():
        setattr(indicator, name, value)
    _clean_indicator(indicator, skp)
    indicator.save()
    after = audit.snapshot(indicator, INDICATOR_FIELDS)
    if before != after:
        _audit(actor, "skp.indicator.updated", indicator, skp, before=before, after=after)
    return indicator


@transaction.atomic
def indicator_remove(*, actor, indicator: RhkIndicator) -> None:
    skp = _editable_skp(actor, indicator.rhk.skp)
    if Rhk.objects.filter(intervened_indicator=indicator).exists():
        raise ValidationError(
            _("Subordinates' RHK intervene in this indicator; change the matrix first."),
            code="indicator_supported",
        )
    _audit(
        actor,
        "skp.indicator.removed",
        indicator,
        skp,
        before=audit.snapshot(indicator, INDICATOR_FIELDS),
    )
    indicator.delete()


@transaction.atomic
def action_plan_set(*, actor, rhk: Rhk, period, text: str, target: str = ""):
    """Write (or, with an empty text, clear) the rencana aksi of an RHK for one period.

    `period` is one of the evaluation periods of the plan's year (an iku Period or its id);
    any other, missing or of another agency or year, is refused alike, on the field `period`."""
    from kinerja.skp.selectors.plan import year_action_periods

    skp = _editable_skp(actor, rhk.skp)
    period_id = getattr(period, "pk", period)
    period = year_action_periods(skp).filter(pk=period_id).first() if period_id else None
    if period is None:
        raise ValidationError(
            {"period": _("Choose one of the evaluation periods of %(year)s.") % {"year": skp.year}},
            code="period_not_in_year",
        )
    existing = ActionPlan.objects.filter(rhk=rhk, period=period).first()
    before = audit.snapshot(existing) if existing else None
    if not text.strip():
        if existing is not None:
            existing.delete()
            _audit(actor, "skp.action_plan.removed", rhk, skp, before=before)
        return None
    plan = existing or ActionPlan(rhk=rhk, period=period)
    plan.text, plan.target = text.strip(), target.strip()
    plan.full_clean()
    plan.save()
    _audit(actor, "skp.action_plan.set", rhk, skp, before=before, after=audit.snapshot(plan))
    return plan


@transaction.atomic
def action_plans_save(*, actor, rhk: Rhk, entries: dict) -> None:
    """Save the rencana aksi of an RHK for several periods at once, all or nothing: the
    editor's row of periods. `entries` maps a period (an iku Period or its id) to (text,
    target); unchanged periods are left alone, an empty text clears the period.

    Errors name the row's fields, `text_<n>` and `target_<n>` for period number n."""
    from kinerja.skp.selectors.plan import year_action_periods

    skp = _editable_skp(actor, rhk.skp)
    periods = {period.pk: period for period in year_action_periods(skp)}
    current = {plan.period_id: plan for plan in rhk.action_plans.all()}
    errors: dict[str, list] = {}
    for reference, (text, target) in entries.items():
        period = periods.get(getattr(reference, "pk", reference))
        if period is None:
            errors.setdefault("period", []).append(
                _("Choose one of the evaluation periods of %(year)s.") % {"year": skp.year}
            )
            continue
        text, target = text.strip(), target.strip()
        existing = current.get(period.pk)
        if existing is not None and (existing.text, existing.target) == (text, target):
            continue
        if existing is None and not text:
            if target:
                errors[f"text_{period.number}"] = [_("Write the planned action.")]
            continue
        if not text and target:
            errors[f"text_{period.number}"] = [_("Write the planned action.")]
            continue
        try:
            action_plan_set(actor=actor, rhk=rhk, period=period, text=text, target=target)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                field = "target" if name == "target" else "text"
                errors.setdefault(f"{field}_{period.number}", []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def behaviour_set(*, actor, skp: Skp, value: str, special_expectation: str):
    """The leader's special expectation on one BerAKHLAK value (Ps 10(4))."""
    skp = _editable_skp(actor, skp)
    if value not in CoreValue.values:
        raise ValidationError({"value": _("Choose one of the BerAKHLAK values.")})
    row, _created = BehaviourExpectation.objects.get_or_create(skp=skp, value=value)
    before = audit.snapshot(row, ["special_expectation"])
    row.special_expectation = special_expectation.strip()
    check_lengths(BehaviourExpectation, special_expectation=row.special_expectation)
    row.save(update_fields=["special_expectation"])
    after = audit.snapshot(row, ["special_expectation"])
    if before != after:
        _audit(actor, "skp.behaviour.set", row, skp, before=before, after=after)
    return row
