"""Writes of the RHK templates of a position: the results every holder of a post plans.

Offices with many holders of one post (teachers, nurses, clerks) give them the same RHK. A
template is one RHK with one indicator; applying the templates writes them (key = template.key)
into the draft SKP of every holder at once. Plans already submitted or set are left alone and
reported: they change only through a revision.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ValidationError
from kinerja.core.numbers import parse_model_decimal
from kinerja.skp.models import (
    ResultKind,
    Rhk,
    RhkIndicator,
    RhkSource,
    RhkTemplate,
    Skp,
)
from kinerja.skp.selectors.matrix import (
    can_manage_templates,
    current_plans,
    exemptions_by_employee,
    matrix_day,
    position_holders,
    template_iku_indicators,
    template_leader_rhks,
)
from kinerja.skp.services._bulk import bulk_set, create_drafts, next_orders, supported_rhk_ids
from kinerja.skp.services._common import RHK_FIELDS, today_of

TEMPLATE_FIELDS = [
    "kind",
    "text",
    "intervened_rhk_key",
    "iku_indicator",
    "aspect",
    "indicator_text",
    "target_text",
    "target_value",
    "unit_of_measure",
]
NO_PERMISSION = "Only the admins of the position's unit or BKPSDM may manage its templates."


def _clean_template(template: RhkTemplate, position, iku_indicator, stored: dict) -> None:
    """Check the fields; `iku_indicator` (an instance or an id) and the leader RHK key are
    resolved against what the post may name, a choice `stored` before staying valid."""
    template.text = (template.text or "").strip()
    template.indicator_text = (template.indicator_text or "").strip()
    template.target_value = parse_model_decimal(template.target_value, RhkTemplate, "target_value")
    errors = {}
    if template.target_value is not None and template.target_value < 0:
        errors["target_value"] = _("The target must not be negative.")
    try:
        # A stored choice stays valid when it no longer qualifies; any other must be on offer.
        template.iku_indicator = choose(
            template_iku_indicators(position, template.year, [stored.get("iku_indicator")]),
            iku_indicator,
            field="iku_indicator",
            message=_(
                "Choose an active indicator of a goal of this position's unit, of a unit below "
                "it or of a unit above it."
            ),
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    key = _leader_rhk_key(template.intervened_rhk_key, position, template.year, stored)
    if key is False:
        errors["intervened_rhk_key"] = _("Choose an RHK of the leader.")
    else:
        template.intervened_rhk_key = key
    if errors:
        raise ValidationError(errors)
    template.full_clean()


def _leader_rhk_key(value, position, year: int, stored: dict):
    """The key of a leader RHK on offer (`template_leader_rhks`) or the one stored, None for
    none, False for anything else."""
    if value in (None, ""):
        return None
    try:
        key = uuid.UUID(str(value))
    except ValueError:
        return False
    if key == stored.get("intervened_rhk_key"):
        return key
    return key if template_leader_rhks(position, year).filter(key=key).exists() else False


@transaction.atomic
def rhk_template_save(
    *, actor, position, year: int, template: RhkTemplate | None = None, delete=False, **fields
) -> RhkTemplate | None:
    """Create (template=None), update or, with delete=True, remove a template of a position."""
    require(actor, lambda v: can_manage_templates(v, position), _(NO_PERMISSION))
    unknown = set(fields) - set(TEMPLATE_FIELDS)
    if unknown:
        raise TypeError(f"rhk_template_save cannot set {sorted(unknown)}")
    if template is not None:
        template = RhkTemplate.objects.select_for_update().get(pk=template.pk)
        if template.position_id != position.pk or template.year != year:
            raise ValidationError(_("This template belongs to another position or year."))
    if delete:
        if template is None:
            raise ValidationError(_("Choose the template to remove."))
        audit.record(
            actor=audit_actor(actor),
            action="skp.template.removed",
            obj=template,
            # The key names the RHK the template wrote: the next apply removes them from drafts.
            before=audit.snapshot(template, [*TEMPLATE_FIELDS, "key"]),
            agency=position.agency,
        )
        template.delete()
        return None
    before, stored = None, {}
    if template is None:
        template = RhkTemplate(agency_id=position.agency_id, position=position, year=year)
        fields.setdefault("kind", ResultKind.UTAMA)
    else:
        before = audit.snapshot(template, TEMPLATE_FIELDS)
        stored = {
            "iku_indicator": template.iku_indicator_id,
            "intervened_rhk_key": template.intervened_rhk_key,
        }
    iku_indicator = fields.pop("iku_indicator", template.iku_indicator_id)
    for name, value in fields.items():
        setattr(template, name, value)
    _clean_template(template, position, iku_indicator, stored)
    template.save()
    after = audit.snapshot(template, TEMPLATE_FIELDS)
    if before != after:
        audit.record(
            actor=audit_actor(actor),
            action="skp.template.updated" if before else "skp.template.created",
            obj=template,
            before=before,
            after=after,
            agency=position.agency,
        )
    return template


@dataclass
class HolderChange:
    employee_id: int
    employee_label: str
    plan_id: int | None
    status: str = ""
    reason: str = ""  # why a holder not subject to planning was left out


@dataclass
class TemplatesApplyResult:
    holders: int = 0
    drafts_created: list[HolderChange] = field(default_factory=list)
    plans_changed: list[HolderChange] = field(default_factory=list)
    unchanged: list[HolderChange] = field(default_factory=list)
    skipped: list[HolderChange] = field(default_factory=list)  # plan submitted or set
    exempt: list[HolderChange] = field(default_factory=list)  # not subject to planning
    kept: list[HolderChange] = field(default_factory=list)  # others' RHK intervene in them
    rhk_created: int = 0
    rhk_updated: int = 0
    rhk_removed: int = 0

    def summary(self) -> dict:
        return {
            "holders": self.holders,
            "drafts_created": len(self.drafts_created),
            "plans_changed": len(self.plans_changed),
            "rhk_created": self.rhk_created,
            "rhk_updated": self.rhk_updated,
            "rhk_removed": self.rhk_removed,
            "plans_skipped": sorted(c.plan_id for c in self.skipped if c.plan_id),
            "not_subject_to_planning": sorted(c.employee_id for c in self.exempt),
        }


INDICATOR_SYNC = ["aspect", "text", "target_text", "target_value", "unit_of_measure"]


def _leader_rhks(plans, templates, year) -> dict:
    """(rater employee id, RHK key) -> the rater's RHK in their plan of the year."""
    keys = {t.intervened_rhk_key for t in templates if t.intervened_rhk_key}
    raters = {p.rater_id for p in plans if p.rater_id}
    if not keys or not raters:
        return {}
    leader_plans = current_plans(raters, year)
    rows = Rhk.objects.filter(skp_id__in=[p.pk for p in leader_plans.values()], key__in=keys)
    by_plan = {p.pk: employee_id for employee_id, p in leader_plans.items()}
    return {(by_plan[r.skp_id], r.key): r for r in rows}


def _orphan_rhks(plans, templates) -> dict[int, list[Rhk]]:
    """plan id -> the RHK in it that a template wrote and whose template is gone.

    An RHK is a template's while its source says so, even when the employee edited its text
    (the apply overwrites such edits too). Its key must be no template's any more, of any
    position: a holder who also holds or held another post keeps that post's RHK.
    """
    candidates = list(
        Rhk.objects.filter(skp_id__in=[p.pk for p in plans], source=RhkSource.TEMPLATE)
        .exclude(key__in=[t.key for t in templates])
        .order_by("skp_id", "order", "pk")
    )
    if not candidates:
        return {}
    alive = set(
        RhkTemplate.objects.filter(key__in={r.key for r in candidates}).values_list(
            "key", flat=True
        )
    )
    orphans: dict[int, list[Rhk]] = {}
    for rhk in candidates:
        if rhk.key not in alive:
            orphans.setdefault(rhk.skp_id, []).append(rhk)
    return orphans


def _leader_indicators(rhks, leader_rhks: dict) -> tuple[dict, dict]:
    """The leader indicators the holders' RHK name, and those of the leader RHK on offer.

    Answers (indicator id -> (its RHK id, its RHK key, its key)) and ((leader RHK id,
    indicator key) -> indicator id), in one query.
    """
    stored = {r.intervened_indicator_id for r in rhks if r.intervened_indicator_id}
    if not stored:
        return {}, {}
    leaders = {r.pk for r in leader_rhks.values()}
    rows = RhkIndicator.objects.filter(Q(pk__in=stored) | Q(rhk_id__in=leaders)).values_list(
        "pk", "rhk_id", "rhk__key", "key"
    )
    named, offered = {}, {}
    for pk, rhk_id, rhk_key, key in rows:
        if pk in stored:
            named[pk] = (rhk_id, rhk_key, key)
        if rhk_id in leaders:
            offered[(rhk_id, key)] = pk
    return named, offered


def _leader_indicator_id(rhk, leader, named: dict, offered: dict) -> int | None:
    """The leader indicator an RHK keeps once it intervenes in `leader`.

    Kept when it is one of the leader RHK's; when the leader RHK is a newer version of the
    one it belongs to (same key), the new version's indicator of the same key; else none.
    """
    if rhk is None or leader is None or rhk.intervened_indicator_id is None:
        return None
    rhk_id, rhk_key, key = named.get(rhk.intervened_indicator_id, (None, None, None))
    if rhk_id == leader.pk:
        return rhk.intervened_indicator_id
    if rhk_key == leader.key:
        return offered.get((leader.pk, key))
    return None


def _wanted(template, leader, leader_indicator_id) -> tuple[dict, dict]:
    iku = template.iku_indicator
    wanted_rhk = {
        "text": template.text,
        "kind": template.kind,
        "intervened_rhk_id": leader.pk if leader else None,
        "intervened_indicator_id": leader_indicator_id,
        "iku_indicator_id": iku.pk if iku else None,
        "iku_goal_id": iku.goal_id if iku else None,
    }
    wanted_indicator = {
        "aspect": template.aspect,
        "text": template.indicator_text,
        "target_text": template.target_text,
        "target_value": template.target_value,
        "unit_of_measure": template.unit_of_measure,
    }
    return wanted_rhk, wanted_indicator


@dataclass
class _Writes:
    new_rhks: list = field(default_factory=list)
    new_indicators: list = field(default_factory=list)
    upd_rhks: list = field(default_factory=list)
    upd_indicators: list = field(default_factory=list)
    removed: list = field(default_factory=list)  # (plan, rhk)


@transaction.atomic
def rhk_templates_apply(*, actor, position, year: int) -> TemplatesApplyResult:
    """Write the position's templates into the plan of every holder (drafts made when missing)
    and remove from the drafts the RHK of templates since removed.

    Holders not subject to planning on the day are left out and reported."""
    require(actor, lambda v: can_manage_templates(v, position), _(NO_PERMISSION))
    templates = list(
        RhkTemplate.objects.filter(position=position, year=year)
        .select_related("iku_indicator")
        .order_by("kind", "pk")
    )
    day = matrix_day(year, today_of(actor))
    holders = {a.employee_id: a.employee for a in position_holders(position, day)}
    result = TemplatesApplyResult(holders=len(holders))
    exemptions = exemptions_by_employee(holders, day)
    plans = current_plans(holders, year, lock=True)
    for employee_id, exemption in exemptions.items():
        plan = plans.pop(employee_id, None)
        result.exempt.append(
            HolderChange(
                employee_id,
                str(holders[employee_id]),
                plan.pk if plan else None,
                plan.status if plan else "",
                exemption.get_reason_display(),
            )
        )
    result.exempt.sort(key=lambda c: c.employee_label)
    orphans = _orphan_rhks(plans.values(), templates)
    if not templates and not orphans:
        raise ValidationError(_("The position has no templates for this year."), code="empty")
    supported = supported_rhk_ids(r.pk for rows in orphans.values() for r in rows)
    user, agency = audit_actor(actor), position.agency
    reason = _("Started by the RHK templates of %(position)s") % {"position": position}
    missing = []
    if templates:
        missing = [holders[pk] for pk in holders if pk not in plans and pk not in exemptions]
    drafts, events = create_drafts(user, agency, missing, year, day, reason)
    plans.update(drafts)
    for pk, plan in drafts.items():
        result.drafts_created.append(HolderChange(pk, str(holders[pk]), plan.pk, plan.status))

    keys = [t.key for t in templates]
    rhks = {
        (r.skp_id, r.key): r
        for r in Rhk.objects.filter(skp_id__in=[p.pk for p in plans.values()], key__in=keys)
    }
    indicators = {}
    for indicator in RhkIndicator.objects.filter(rhk__in=list(rhks.values()), key__in=keys):
        indicators[indicator.rhk_id] = indicator
    leader_rhks = _leader_rhks(plans.values(), templates, year)
    named, offered = _leader_indicators(rhks.values(), leader_rhks)
    orders = next_orders(p.pk for p in plans.values())
    writes = _Writes()
    changed_plans = {}
    for employee_id, plan in sorted(plans.items()):
        editable = plan.is_editable and plan.is_latest
        change = HolderChange(employee_id, str(holders[employee_id]), plan.pk, plan.status)
        plan_changes = {"created": [], "updated": [], "removed": []}
        needs_change = False
        for template in templates:
            leader = leader_rhks.get((plan.rater_id, template.intervened_rhk_key))
            rhk = rhks.get((plan.pk, template.key))
            leader_indicator_id = _leader_indicator_id(rhk, leader, named, offered)
            wanted_rhk, wanted_indicator = _wanted(template, leader, leader_indicator_id)
            indicator = indicators.get(rhk.pk) if rhk else None
            same_rhk = rhk is not None and all(getattr(rhk, k) == v for k, v in wanted_rhk.items())
            same_indicator = indicator is not None and all(
                getattr(indicator, k) == v for k, v in wanted_indicator.items()
            )
            if same_rhk and same_indicator:
                continue
            needs_change = True
            if not editable:
                continue
            if rhk is None:
                orders[plan.pk] = orders.get(plan.pk, 0) + 1
                rhk = Rhk(
                    skp=plan,
                    key=template.key,
                    order=orders[plan.pk],
                    source=RhkSource.TEMPLATE,
                    **wanted_rhk,
                )
                writes.new_rhks.append(rhk)
                writes.new_indicators.append(
                    RhkIndicator(rhk=rhk, key=template.key, order=1, **wanted_indicator)
                )
                result.rhk_created += 1
                plan_changes["created"].append(str(template.key))
                continue
            if not same_rhk:
                for name, value in wanted_rhk.items():
                    setattr(rhk, name, value)
                rhk.source = RhkSource.TEMPLATE
                writes.upd_rhks.append(rhk)
            if indicator is None:
                writes.new_indicators.append(
                    RhkIndicator(rhk=rhk, key=template.key, order=0, **wanted_indicator)
                )
            elif not same_indicator:
                for name, value in wanted_indicator.items():
                    setattr(indicator, name, value)
                writes.upd_indicators.append(indicator)
            result.rhk_updated += 1
            plan_changes["updated"].append(str(template.key))
        for rhk in orphans.get(plan.pk, []):
            if editable and rhk.pk in supported:
                if not result.kept or result.kept[-1].plan_id != plan.pk:
                    result.kept.append(change)
                continue
            needs_change = True
            if editable:
                writes.removed.append((plan, rhk))
                result.rhk_removed += 1
                plan_changes["removed"].append(str(rhk.key))
        if not needs_change:
            result.unchanged.append(change)
        elif not editable:
            result.skipped.append(change)
        else:
            result.plans_changed.append(change)
            changed_plans[plan.pk] = (plan, {k: v for k, v in plan_changes.items() if v})

    events += _write(writes, user, agency, position)
    if changed_plans:
        Skp.objects.filter(pk__in=list(changed_plans)).update(updated_at=timezone.now())
    for plan, changes in changed_plans.values():
        events.append(
            audit.build_event(
                actor=user,
                action="skp.plan.templates_applied",
                obj=plan,
                after=changes,
                agency=agency,
                reason=str(position),
            )
        )
    events.append(
        audit.build_event(
            actor=user,
            action="skp.template.applied",
            obj=position,
            after={"year": year, **result.summary()},
            agency=agency,
        )
    )
    audit.record_many(events)
    return result


def _write(writes: _Writes, user, agency, position) -> list:
    """Store the RHK and indicators in bulk; answer the audit events of the removed RHK."""
    Rhk.objects.bulk_create(writes.new_rhks, batch_size=1000)
    for indicator in writes.new_indicators:
        indicator.rhk_id = indicator.rhk.pk
    RhkIndicator.objects.bulk_create(writes.new_indicators, batch_size=1000)
    bulk_set(
        Rhk,
        writes.upd_rhks,
        [
            "text",
            "kind",
            "intervened_rhk",
            "intervened_indicator",
            "iku_indicator",
            "iku_goal",
            "source",
        ],
    )
    bulk_set(RhkIndicator, writes.upd_indicators, INDICATOR_SYNC)
    if not writes.removed:
        return []
    reason = _("Its template was removed from %(position)s") % {"position": position}
    events = [
        audit.build_event(
            actor=user,
            action="skp.rhk.removed",
            obj=rhk,
            before={"skp": plan.pk, **audit.snapshot(rhk, RHK_FIELDS)},
            agency=agency,
            reason=reason,
        )
        for plan, rhk in writes.removed
    ]
    # Their indicators and action plans go with them (on_delete=CASCADE).
    Rhk.objects.filter(pk__in=[rhk.pk for _plan, rhk in writes.removed]).delete()
    return events
