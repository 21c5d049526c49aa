"""Realisations of RHK indicators that Kinerja computes from its own figures (the IKM of the
unit a frontline employee serves at, its complaints answered on time, its forum commitments
done on time): the rater chooses the source for an indicator of the year, and each open
evaluation period's realisation is written from it, verified as it is written, computed again
until its reporting deadline (a changed figure is a new recorded version) and refused to every
hand entry and correction. The pattern of organisation indicators (`kinerja.iku.services.sources`).
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import actor_user_id, audit_actor, require
from kinerja.core import audit
from kinerja.iku import sources
from kinerja.iku.models import Period
from kinerja.iku.services.sources import resolve_source
from kinerja.org.models import Employee
from kinerja.results import permissions, selectors
from kinerja.results.models import (
    Realisation,
    RealisationSource,
    RealisationStatus,
    RealisationVersion,
    RealisationVersionKind,
)
from kinerja.skp.models import RhkIndicator

SOURCE_FIELDS = ["indicator_key", "kind", "unit", "option_id", "option_name"]
COMPUTED_FIELDS = ["period", "indicator_key", "value", "text", "status", "version", "source_kind"]
HUMAN_FINAL = {RealisationStatus.SUBMITTED, RealisationStatus.VERIFIED}


def _key(value) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise ValidationError({"indicator_key": _("The indicator is not in the plan.")}) from None


def plan_indicator(employee: Employee, year: int, indicator_key) -> RhkIndicator:
    """The indicator of the employee's latest plan of the year with that key."""
    indicator = (
        RhkIndicator.objects.filter(
            key=_key(indicator_key), rhk__skp__employee=employee, rhk__skp__year=year
        )
        .select_related("rhk__skp")
        .order_by("-rhk__skp_id")
        .first()
    )
    if indicator is None:
        raise ValidationError({"indicator_key": _("The indicator is not in the plan.")})
    return indicator


@transaction.atomic
def realisation_source_set(
    *, actor, employee: Employee, year: int, indicator_key, kind: str, unit, option_id=None
) -> RealisationSource:
    """The rater lets Kinerja compute an indicator's realisations from a source; the open
    periods are computed at once."""
    indicator = plan_indicator(employee, year, indicator_key)
    viewer = require(actor, lambda v: permissions.can_choose_source(v, indicator.rhk.skp))
    source_kind, unit, option_id, option_name = resolve_source(
        employee.agency_id, kind, unit, option_id
    )
    source = (
        RealisationSource.objects.select_for_update()
        .filter(employee=employee, year=year, indicator_key=indicator.key)
        .first()
    )
    before = audit.snapshot(source, SOURCE_FIELDS) if source else None
    if source is None:
        source = RealisationSource(
            agency_id=employee.agency_id, employee=employee, year=year, indicator_key=indicator.key
        )
    source.kind, source.unit, source.option_id, source.option_name = (
        source_kind.key,
        unit,
        option_id,
        option_name,
    )
    source.set_by_id = actor_user_id(actor)
    source.save()
    after = audit.snapshot(source, SOURCE_FIELDS)
    if before != after:
        audit.record(
            actor=audit_actor(actor),
            action="results.source.set",
            obj=source,
            agency=employee.agency,
            before=before,
            after=after,
        )
    today = viewer.today if viewer is not None else None
    for period in open_periods(employee.agency_id, year, today):
        realisation_compute(employee=employee, indicator_key=indicator.key, period=period)
    return source


@transaction.atomic
def realisation_source_remove(*, actor, employee: Employee, year: int, indicator_key) -> None:
    """Stop computing: what was computed stays recorded; the employee enters the next periods."""
    indicator = plan_indicator(employee, year, indicator_key)
    require(actor, lambda v: permissions.can_choose_source(v, indicator.rhk.skp))
    source = (
        RealisationSource.objects.select_for_update()
        .filter(employee=employee, year=year, indicator_key=indicator.key)
        .first()
    )
    if source is None:
        return
    audit.record(
        actor=audit_actor(actor),
        action="results.source.removed",
        obj=source,
        agency=employee.agency,
        before=audit.snapshot(source, SOURCE_FIELDS),
    )
    source.delete()


def open_periods(agency_id: int, year: int, today: datetime.date | None = None) -> list[Period]:
    """The evaluation periods of the year that have started and whose reporting deadline has
    not passed (the deadline day included)."""
    today = today or timezone.localdate()
    return [
        period
        for period in selectors.evaluation_periods(agency_id, year)
        if period.start_date <= today <= selectors.due_date(period)
    ]


@transaction.atomic
def realisation_compute(*, employee: Employee, indicator_key, period: Period, now=None):
    """Write the period's realisation of the indicator from its source (the system acts).
    None when there is no source, no plan in force, an exemption, or a person's submitted or
    verified realisation for the period."""
    year = period.start_date.year
    source = (
        RealisationSource.objects.select_related("unit")
        .filter(employee=employee, year=year, indicator_key=indicator_key)
        .first()
    )
    kind = sources.get(source.kind) if source else None
    if kind is None or selectors.exemption_covering(employee.pk, period) is not None:
        return None
    plan_id = selectors.plan_in_force_id(employee.pk, period)
    indicator = selectors.indicators_of_plans([plan_id]).get(plan_id, {}).get(indicator_key)
    if indicator is None:
        return None
    realisation = (
        Realisation.objects.select_for_update()
        .filter(employee=employee, indicator_key=indicator_key, period=period)
        .first()
    )
    if (
        realisation is not None
        and not realisation.source_kind
        and realisation.status in HUMAN_FINAL
    ):
        return None
    now = now or timezone.now()
    measured = kind.measure(source.unit, source.option_id, period.start_date, period.end_date)
    before = audit.snapshot(realisation, COMPUTED_FIELDS) if realisation else None
    if realisation is None:
        realisation = Realisation(
            agency_id=employee.agency_id,
            employee=employee,
            year=year,
            rhk_key=indicator.rhk.key,
            indicator_key=indicator.key,
            period=period,
            due_date=selectors.due_date(period),
        )
    if not sources.apply_measured(
        realisation, key=kind.key, measured=measured, now=now, text_field="text"
    ):
        realisation.save(update_fields=["computed_at"])
        return realisation
    plan = indicator.rhk.skp
    realisation.unit_id, realisation.rater_id = plan.unit_id, plan.rater_id
    realisation.full_clean()
    realisation.save()
    RealisationVersion.objects.create(
        realisation=realisation,
        version=realisation.version,
        kind=RealisationVersionKind.COMPUTED,
        value=realisation.value,
        text=realisation.text,
        reason=sources.computed_reason(kind.key, source.option_name, source.unit.name),
        recorded_at=now,
    )
    audit.record(
        actor=None,
        action="results.realisation.computed",
        obj=realisation,
        agency=employee.agency,
        before=before,
        after=audit.snapshot(realisation, COMPUTED_FIELDS),
    )
    return realisation


def sourced_realisations_recompute(*, today: datetime.date | None = None) -> int:
    """Compute again every open period of every RHK indicator with a source (daily); returns
    how many realisations were written or changed."""
    today = today or timezone.localdate()
    written = 0
    chosen = RealisationSource.objects.filter(year__in=[today.year - 1, today.year])
    for source in chosen.select_related("employee__agency").order_by("pk"):
        for period in open_periods(source.agency_id, source.year, today):
            before = (
                Realisation.objects.filter(
                    employee_id=source.employee_id,
                    indicator_key=source.indicator_key,
                    period=period,
                )
                .values_list("version", flat=True)
                .first()
            )
            realisation = realisation_compute(
                employee=source.employee, indicator_key=source.indicator_key, period=period
            )
            if realisation is not None and realisation.version != before:
                written += 1
    return written
