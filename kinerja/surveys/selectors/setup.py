"""Reads of a service unit's survey set-up (services, points, service users), scoped to the
viewer, and the public read of a point by its token.

A unit, service or point outside the viewer's scope is missing (404), never forbidden.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kinerja.core.queries import Prepared
from kinerja.org import permissions as org_permissions
from kinerja.org.models import Unit
from kinerja.surveys.models import Service, ServiceUsers, SurveyPoint


def _under(paths) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def setup_units(viewer) -> QuerySet[Unit]:
    """The agency's active service units whose set-up the viewer may read."""
    if not viewer.is_authenticated:
        return Unit.objects.none()
    units = Unit.objects.filter(agency_id=viewer.agency_id, is_service_unit=True, is_active=True)
    if viewer.sees_whole_agency:
        return units
    paths = list(viewer.admin_unit_paths)
    paths += [u.path for u in org_permissions.headed_units(viewer)]
    return units.filter(_under(paths))


def setup_units_with_counts(viewer) -> QuerySet[Unit]:
    return (
        setup_units(viewer)
        .annotate(
            service_count=Count("services", filter=Q(services__is_active=True), distinct=True),
            point_count=Count(
                "survey_points", filter=Q(survey_points__is_active=True), distinct=True
            ),
        )
        .order_by("path")
    )


def get_setup_unit(viewer, pk) -> Unit:
    unit = setup_units(viewer).filter(pk=pk).first() if str(pk).isdigit() else None
    if unit is None:
        raise Http404
    return unit


def choosable_units(viewer) -> QuerySet[Unit]:
    """The service units a service may be given: those whose set-up the viewer reads (every
    one for the system); whether the viewer may change them is the service's own check."""
    if viewer is None:
        return Unit.objects.filter(is_service_unit=True)
    return setup_units(viewer)


def get_service_for_setup(viewer, pk) -> Service:
    service = (
        Service.objects.select_related("unit").filter(pk=pk, unit__in=setup_units(viewer)).first()
        if str(pk).isdigit()
        else None
    )
    if service is None:
        raise Http404
    return service


def get_point_for_setup(viewer, pk) -> SurveyPoint:
    point = (
        SurveyPoint.objects.select_related("unit__agency", "service")
        .filter(pk=pk, unit__in=setup_units(viewer))
        .first()
        if str(pk).isdigit()
        else None
    )
    if point is None:
        raise Http404
    return point


def unit_services(unit) -> list[Service]:
    """The unit's services, active first, with how many points name each."""
    return list(
        Service.objects.filter(unit=unit)
        .annotate(point_count=Count("points", filter=Q(points__is_active=True)))
        .order_by("-is_active", "name")
    )


def unit_points(unit) -> list[SurveyPoint]:
    return list(
        SurveyPoint.objects.filter(unit=unit)
        .select_related("service")
        .order_by("-is_active", "name")
    )


def service_users_of(unit, year: int) -> list[ServiceUsers]:
    return list(
        ServiceUsers.objects.filter(unit=unit, year=year)
        .select_related("service")
        .order_by("kind", "number", "service__name")
    )


def _open_point(token: str):
    return (
        SurveyPoint.objects.select_related("unit__agency", "service")
        .filter(
            token=token,
            is_active=True,
            unit__is_active=True,
            unit__is_service_unit=True,
        )
        .filter(Q(service__isnull=True) | Q(service__is_active=True))
        # The token is unique: no ORDER BY (the model's joins the units and sorts by path).
        .order_by()[:1]
    )


# Every citizen's survey page and answer reads these: compiled once.
_point = Prepared(_open_point, token=str)
_offered = Prepared(
    lambda unit_id: Service.objects.filter(unit_id=unit_id, is_active=True).order_by("name"),
    unit_id=int,
)


def public_point(token) -> SurveyPoint:
    """The active point of an active service unit named by the token, else 404."""
    if not isinstance(token, str) or not 1 <= len(token) <= 32:
        raise Http404
    point = _point(token=token)
    if not point:
        raise Http404
    return point[0]


def point_services(point) -> list[Service]:
    """The services a citizen answering at the point may name: the point's own, or every
    active service of the unit."""
    if point.service_id is not None:
        return [point.service]
    # Read once per point read: the survey page draws them and the service checks the choice.
    if not hasattr(point, "_services_offered"):
        point._services_offered = _offered(unit_id=point.unit_id)
    return list(point._services_offered)
