"""Reads of the SKP API, scoped to the caller like the pages (outside the scope: 404)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.skp import permissions, selectors
from kinerja.skp.models import Rhk, RhkIndicator, Skp


def plan_list(
    viewer,
    *,
    year: int | None = None,
    status: str = "",
    employee_id: int | None = None,
    all_versions: bool = False,
) -> QuerySet[Skp]:
    qs = selectors.skps_visible_to(viewer)
    if not all_versions:
        qs = qs.filter(is_latest=True)
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if employee_id is not None:
        qs = qs.filter(employee_id=employee_id)
    return qs.select_related("employee", "position", "unit").order_by(
        "-year", "employee__name", "employee_id", "start_date", "version"
    )


def plan_detail(viewer, pk: int) -> Skp:
    """The plan with its content and the caller's rights on it."""
    skp = selectors.skp_content(selectors.get_skp(viewer, pk))
    skp.allowed_actions = permissions.allowed_actions(viewer, skp)
    skp.can_edit = permissions.can_edit(viewer, skp)
    skp.can_revise = permissions.can_revise(viewer, skp)
    skp.can_comment = permissions.can_comment(viewer, skp)
    return skp


def rhk_in_scope(viewer, pk: int) -> Rhk:
    rhk = (
        Rhk.objects.select_related("skp")
        .filter(pk=pk, skp__in=selectors.skps_visible_to(viewer))
        .first()
    )
    if rhk is None:
        raise Http404
    return rhk


def rhk_out(pk: int) -> Rhk:
    """An RHK as the API answers it, with indicators and action plans (after a write)."""
    return Rhk.objects.prefetch_related("indicators", "action_plans__period").get(pk=pk)


def indicator_in_scope(viewer, pk: int) -> RhkIndicator:
    indicator = (
        RhkIndicator.objects.select_related("rhk__skp")
        .filter(pk=pk, rhk__skp__in=selectors.skps_visible_to(viewer))
        .first()
    )
    if indicator is None:
        raise Http404
    return indicator


def version_to_compare(viewer, skp: Skp, against: int | None) -> Skp:
    """The other version for a diff: `against` in the same series, else the previous one."""
    if against is None:
        if skp.previous_id is None:
            raise ValidationError(
                {"against": [_("This is the first version: there is nothing to compare.")]}
            )
        return selectors.get_skp(viewer, skp.previous_id)
    other = selectors.skps_visible_to(viewer).filter(pk=against, series=skp.series).first()
    if other is None:
        raise ValidationError({"against": [_("Choose a version of the same plan.")]})
    return other


# --- exemptions from planning -----------------------------------------------------------------


def exemption_list(viewer, filters):
    """The exemptions of `ExemptionFilters`, scoped like the page; 403 for who may not read."""
    from kinerja.core.errors import PermissionDeniedError
    from kinerja.org.models import Unit
    from kinerja.skp.selectors import exemptions as selectors_exemptions

    if not permissions.can_read_exemptions(viewer):
        raise PermissionDeniedError(_("You may not see the exemptions from SKP planning."))
    unit = None
    if filters.unit is not None:
        unit = Unit.objects.filter(agency_id=viewer.agency_id, pk=filters.unit).first()
        if unit is None:
            raise ValidationError({"unit": [_("There is no unit with this id.")]})
    return selectors_exemptions.exemption_list(
        viewer,
        running_on=None if filters.all else (filters.running_on or viewer.today),
        reason=filters.reason or "",
        unit=unit,
        search=filters.q,
    )


def exemption_to_change(viewer, pk: int):
    """404 outside the scope, 403 when visible but not the caller's to change."""
    from kinerja.core.errors import PermissionDeniedError
    from kinerja.skp.selectors import exemptions as selectors_exemptions

    if not permissions.can_manage_exemptions(viewer):
        raise PermissionDeniedError(_("You may not change exemptions from SKP planning."))
    exemption = selectors_exemptions.get_exemption(viewer, pk)
    if not selectors_exemptions.may_change_exemption(viewer, exemption):
        raise PermissionDeniedError(_("You may not change this exemption."))
    return exemption
