"""Reads the IKU API needs beyond `selectors`: filtered lists and lookups, always scoped.

Scope, as on the pages: the performance tree (goals, indicators, their manuals and targets), the
performance years and the computed results are open to everyone of the agency, like the signed
agreements; realisations follow `selectors.realisations_visible_to` (verified figures for the
agency, work in progress for the units the viewer follows, what they may enter, and the
performance overseers), as on the pages. An object
outside the scope is missing (404); a filter naming one is an invalid filter (400).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.iku import permissions, selectors
from kinerja.iku.models import (
    AnnualTarget,
    Goal,
    Indicator,
    OrgPredikatDecision,
    PerformanceYear,
    Period,
    PeriodTarget,
    Realisation,
    UnitResult,
)


def _invalid(field: str, message: str):
    raise ValidationError({field: [message]}, code="invalid_choice")


# --- years and periods ----------------------------------------------------------------------------


def year_list(viewer) -> QuerySet[PerformanceYear]:
    periods = Period.objects.order_by("kind", "number")
    return (
        selectors.performance_years(viewer)
        .prefetch_related(Prefetch("periods", queryset=periods))
        .order_by("-year")
    )


def performance_year_for_filter(viewer, year: int, *, field: str = "year") -> PerformanceYear:
    py = selectors.performance_years(viewer).filter(year=year).first()
    if py is None:
        _invalid(field, _("The performance year %(year)s is not open.") % {"year": year})
    return py


def period_for_filter(viewer, pk: int | None, *, field: str = "period", performance_year=None):
    """A period of the viewer's agency (and of `performance_year` when given)."""
    if pk is None:
        return None
    qs = Period.objects.filter(performance_year__in=selectors.performance_years(viewer))
    if performance_year is not None:
        qs = qs.filter(performance_year=performance_year)
    period = qs.select_related("performance_year").filter(pk=pk).first()
    if period is None:
        _invalid(field, _("There is no period with this id."))
    return period


# --- goals ----------------------------------------------------------------------------------------


def goals_visible_to(viewer) -> QuerySet[Goal]:
    """The performance tree is a public planning document within the agency."""
    if not viewer.is_authenticated:
        return Goal.objects.none()
    return Goal.objects.filter(agency_id=viewer.agency_id)


def _with_goal_relations(qs: QuerySet[Goal]) -> QuerySet[Goal]:
    return (
        qs.select_related("owner_unit", "owner_position")
        .prefetch_related(Prefetch("extra_parents", queryset=Goal.objects.only("pk")))
        .annotate(indicator_count=Count("indicators", distinct=True))
    )


def goal_for_filter(viewer, pk: int | None, *, field: str = "goal") -> Goal | None:
    if pk is None:
        return None
    goal = goals_visible_to(viewer).filter(pk=pk).first()
    if goal is None:
        _invalid(field, _("There is no goal with this id."))
    return goal


def goal_list(viewer, *, year: int | None = None, unit=None, level: str = "") -> QuerySet[Goal]:
    """Goals from the top of the cascade down, by owner unit and order."""
    qs = goals_visible_to(viewer)
    if year is not None:
        qs = qs.filter(plan_start_year__lte=year, plan_end_year__gte=year)
    if unit is not None:
        qs = qs.filter(owner_unit__path__startswith=unit.path)
    if level:
        qs = qs.filter(level=level)
    return _with_goal_relations(qs).order_by("owner_unit__path", "order", "pk")


def get_goal(viewer, pk: int) -> Goal:
    goal = (
        _with_goal_relations(goals_visible_to(viewer))
        .prefetch_related(
            Prefetch("children", queryset=Goal.objects.only("pk", "parent_id").order_by("pk")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if goal is None:
        raise Http404
    return goal


# --- indicators -----------------------------------------------------------------------------------


def indicators_visible_to(viewer) -> QuerySet[Indicator]:
    if not viewer.is_authenticated:
        return Indicator.objects.none()
    return Indicator.objects.filter(agency_id=viewer.agency_id)


def indicator_list(
    viewer, *, goal=None, unit=None, is_iku: bool | None = None, year: int | None = None
) -> QuerySet[Indicator]:
    qs = indicators_visible_to(viewer)
    if goal is not None:
        qs = qs.filter(goal=goal)
    if unit is not None:
        qs = qs.filter(goal__owner_unit__path__startswith=unit.path)
    if is_iku is not None:
        qs = qs.filter(is_iku=is_iku)
    if year is not None:
        qs = qs.filter(goal__plan_start_year__lte=year, goal__plan_end_year__gte=year)
    return qs.select_related("goal__owner_unit").order_by(
        "goal__owner_unit__path", "goal__order", "goal_id", "order", "pk"
    )


def get_indicator(viewer, pk: int) -> Indicator:
    """One indicator with its manual, annual targets and trajectory (period) targets."""
    indicator = (
        indicators_visible_to(viewer)
        .select_related("goal__owner_unit", "responsible_position")
        .prefetch_related(
            Prefetch("annual_targets", queryset=AnnualTarget.objects.order_by("year")),
            Prefetch(
                "period_targets",
                queryset=PeriodTarget.objects.select_related("period").order_by(
                    "period__end_date", "period__kind"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if indicator is None:
        raise Http404
    return indicator


def indicator_in_scope(viewer, pk: int) -> Indicator:
    """The indicator a path names: 404 outside the agency; services check any write."""
    indicator = indicators_visible_to(viewer).filter(pk=pk).first()
    if indicator is None:
        raise Http404
    return indicator


# --- realisations ---------------------------------------------------------------------------------


def _with_realisation_relations(qs: QuerySet[Realisation]) -> QuerySet[Realisation]:
    return qs.select_related("period").prefetch_related("evidence")


def realisation_list(
    viewer, indicator: Indicator, *, year: int | None = None, period=None, status: str = ""
) -> QuerySet[Realisation]:
    qs = selectors.realisations_visible_to(viewer).filter(indicator=indicator)
    if year is not None:
        qs = qs.filter(period__performance_year__year=year)
    if period is not None:
        qs = qs.filter(period=period)
    if status:
        qs = qs.filter(status=status)
    return _with_realisation_relations(qs).order_by("period__end_date", "period__kind", "pk")


def realisation_for_write(viewer, pk: int) -> Realisation:
    """A realisation the viewer sees (`selectors.realisations_visible_to`, which includes every
    realisation the viewer may enter or verify); else 404. The services check the write."""
    realisation = (
        _with_realisation_relations(selectors.realisations_visible_to(viewer))
        .select_related("indicator__goal__owner_unit")
        .filter(pk=pk)
        .first()
    )
    if realisation is None:
        raise Http404
    return realisation


# --- results --------------------------------------------------------------------------------------


def unit_result_list(
    viewer, performance_year: PerformanceYear, *, period=None, unit=None
) -> QuerySet[UnitResult]:
    """Capaian per unit and period, with the organisation predikat proposed or decided."""
    if not viewer.is_authenticated or performance_year.agency_id != viewer.agency_id:
        return UnitResult.objects.none()
    qs = UnitResult.objects.filter(period__performance_year=performance_year)
    if period is not None:
        qs = qs.filter(period=period)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    decision = OrgPredikatDecision.objects.filter(
        unit_id=OuterRef("unit_id"), period_id=OuterRef("period_id")
    )
    return (
        qs.select_related("unit", "period")
        .annotate(
            predikat_proposed=Subquery(decision.values("proposed")[:1]),
            predikat_decided=Subquery(decision.values("predikat")[:1]),
            predikat_status=Subquery(decision.values("status")[:1]),
        )
        .order_by("unit__path", "period__end_date", "period__kind")
    )


# --- organisation predikat decisions ------------------------------------------------------------


def predikat_decision(viewer, pk: int) -> OrgPredikatDecision:
    """A decision the viewer makes, open or decided: they are the unit's next-higher leader
    today, as on the decisions page; for anyone else it is not theirs to find (404).
    `org_predikat_decide` refuses a decided one (409)."""
    decision = (
        OrgPredikatDecision.objects.filter(pk=pk, unit__agency_id=viewer.agency_id)
        .select_related("unit", "period")
        .first()
        if viewer.is_authenticated
        else None
    )
    if decision is None or not permissions.can_decide_org_predikat(
        viewer, decision.unit, leader_position_id=selectors.leader_position_id(decision.unit)
    ):
        raise Http404
    return decision


def decisions_to_confirm(viewer, pks) -> list[OrgPredikatDecision]:
    """The proposals named, each waiting for the viewer (`org_predikat_decisions_to_make`);
    any other id refuses the whole set on the `decisions` field, as the page's form does."""
    waiting = {d.pk: d for d in selectors.org_predikat_decisions_to_make(viewer)}
    if any(pk not in waiting for pk in pks):
        _invalid("decisions", _("One of the chosen proposals is no longer waiting for you."))
    return [waiting[pk] for pk in dict.fromkeys(pks)]
