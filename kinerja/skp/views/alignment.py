"""Alignment pages: what in the cascade organisation -> leaders -> employees needs fixing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from kinerja.core import freshness
from kinerja.skp import permissions
from kinerja.skp.selectors import alignment
from kinerja.skp.selectors.matrix import can_view_matrix


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _links(year: int) -> dict:
    """Where the inbox items are fixed; plans link to their page, which offers the editor to
    those who may change them."""
    return {"inbox_url": reverse("skp:inbox")}


def _matrix_links(viewer, report, year: int) -> None:
    """Each leader RHK links to its leader's matrix when the viewer may open that matrix."""
    for rhk in report.sections["leaders"].rows:
        leader = rhk.skp.employee
        rhk.matrix_url = (
            f"{reverse('skp:matrix')}?employee={leader.pk}&year={year}"
            if can_view_matrix(viewer, leader)
            else ""
        )


def _report(request, year: int, unit=None):
    """The report, kept a minute for the person who asked (kinerja.core.freshness): at province
    size its counts read every plan, RHK and assignment of the agency."""
    show, page = request.GET.get("show"), _page_number(request.GET.get("page"))
    return freshness.kept(
        request.viewer,
        "skp-alignment",
        (year, unit.pk if unit else "", show, page),
        lambda: alignment.alignment_report(
            request.viewer, year=year, unit=unit, show=show, page=page
        ),
        refresh=freshness.wants_refresh(request),
    )


def _render(request, report, built_at, *, unit=None):
    year = report.scope.year
    _matrix_links(request.viewer, report, year)
    context = {
        "report": report,
        "unit": unit,
        "year": year,
        "years": list(range(report.scope.today.year + 1, report.scope.today.year - 5, -1)),
        "sections": report.sections,
        "can_read_exemptions": permissions.can_read_exemptions(request.viewer),
        "built_at": built_at,
        "refresh_url": freshness.refresh_url(request),
        **_links(year),
    }
    return render(request, "skp/alignment/report.html", context)


@login_required
def alignment_view(request):
    """The regency: counts per OPD and the lists of the whole agency (overseers only).

    Unit admins and leaders are sent to the page of their (first) unit."""
    viewer = request.viewer
    year = alignment.parse_year(request.GET.get("year"), viewer.today)
    unit_id = alignment.default_alignment_unit_id(viewer)
    if unit_id is None:
        return _render(request, *_report(request, year))
    return redirect(reverse("skp:alignment_unit", args=[unit_id]) + f"?year={year}")


@login_required
def alignment_unit_view(request, pk: int):
    viewer = request.viewer
    unit = alignment.get_alignment_unit(viewer, pk)
    if not alignment.may_view_unit(viewer, unit):
        raise PermissionDenied
    year = alignment.parse_year(request.GET.get("year"), viewer.today)
    return _render(request, *_report(request, year, unit), unit=unit)
