"""Reads for the employee-facing SKP pages: own plans, the list, the editor's choices."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from kinerja.skp import selectors
from kinerja.skp.models import Rhk, Skp, SkpStatus


def own_plans(viewer) -> list[Skp]:
    """The viewer's own plans (latest version of each), newest year first."""
    if viewer.employee_id is None:
        return []
    return selectors.skps_of_employee(viewer, viewer.employee_id)


def open_plan_of_year(viewer, year: int) -> Skp | None:
    if viewer.employee_id is None:
        return None
    return selectors.current_skp(viewer.employee_id, year)


def plan_list(viewer, *, year=None, unit=None, status: str = "") -> QuerySet[Skp]:
    """Latest versions the viewer may read, with a `nip_visible` flag per row (no N+1)."""
    from kinerja.org.models import Employee
    from kinerja.org.selectors import personal_data_visible

    nip_visible = (
        Employee.objects.filter(pk=OuterRef("employee_id"))
        .annotate(visible=personal_data_visible(viewer))
        .values("visible")[:1]
    )
    qs = selectors.skps_visible_to(viewer).filter(is_latest=True)
    if year is not None:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if status:
        qs = qs.filter(status=status)
    return (
        qs.annotate(nip_visible=Subquery(nip_visible))
        .select_related("employee", "position", "unit")
        .order_by("-year", "unit__path", "employee__name", "start_date", "pk")
    )


def plan_years(viewer) -> list[int]:
    return list(
        selectors.skps_visible_to(viewer)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def plan_units(viewer) -> list:
    from kinerja.org.selectors import units_visible_to

    return list(units_visible_to(viewer).order_by("path"))


def get_rhk(skp: Skp, pk: int) -> Rhk | None:
    return Rhk.objects.filter(skp=skp, pk=pk).select_related("skp").first()


def get_indicator(skp: Skp, pk: int):
    from kinerja.skp.models import RhkIndicator

    return RhkIndicator.objects.filter(rhk__skp=skp, pk=pk).select_related("rhk__skp").first()


def leader_rhk_choices(skp: Skp, keep_ids=()) -> list[Rhk]:
    """RHK a non-JPT plan may intervene in: those of the rater's latest plans of the year,
    plus any already linked (an older version of the leader's plan stays selectable)."""
    from django.db.models import Q

    condition = Q(pk__in=[pk for pk in keep_ids if pk])
    if skp.rater_id is not None:
        condition |= Q(
            skp__employee_id=skp.rater_id,
            skp__year=skp.year,
            skp__agency_id=skp.agency_id,
            skp__is_latest=True,
        ) & ~Q(skp__status=SkpStatus.CLOSED)
    return list(
        Rhk.objects.filter(condition)
        .exclude(skp__employee_id=skp.employee_id)
        .select_related("skp__employee")
        .order_by("skp__start_date", "kind", "order", "pk")
    )


def iku_indicator_choices(skp: Skp, keep_ids=()) -> list:
    """Organisation indicators of the plan's unit and its ancestors, active in the year."""
    from django.db.models import Q

    from kinerja.iku.models import Indicator

    unit_ids = [*skp.unit.ancestor_ids, skp.unit_id]
    condition = Q(
        agency_id=skp.agency_id,
        is_active=True,
        goal__is_active=True,
        goal__owner_unit_id__in=unit_ids,
        goal__plan_start_year__lte=skp.year,
        goal__plan_end_year__gte=skp.year,
    ) | Q(pk__in=[pk for pk in keep_ids if pk])
    return list(
        Indicator.objects.filter(condition)
        .select_related("goal__owner_unit")
        .order_by("goal__owner_unit__path", "goal__order", "order", "pk")
    )


@dataclass(frozen=True)
class Period:
    number: int
    label: str


def action_periods(skp: Skp) -> list[Period]:
    """Periods of the rencana aksi: months or quarters, as the agency evaluates
    (PermenPANRB 6/2022 Ps 24(2)-(3)); quarterly when the year is not configured."""
    from kinerja.iku.models import PerformanceYear
    from kinerja.iku.models.calendar import EvaluationPeriod

    kind = (
        PerformanceYear.objects.filter(agency_id=skp.agency_id, year=skp.year)
        .values_list("evaluation_period", flat=True)
        .first()
    )
    if kind == EvaluationPeriod.MONTHLY:
        from django.utils.dates import MONTHS

        return [Period(n, str(MONTHS[n])) for n in range(1, 13)]
    roman = ["I", "II", "III", "IV"]
    return [Period(n, _("Quarter %(number)s") % {"number": roman[n - 1]}) for n in range(1, 5)]


def rhk_texts(ids) -> dict[int, str]:
    return dict(Rhk.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "text"))


def iku_indicator_names(ids) -> dict[int, str]:
    from kinerja.iku.models import Indicator

    return dict(Indicator.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))
