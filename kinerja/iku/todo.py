"""What organisation performance asks of each person next, for Beranda (kinerja.core.todo)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.todo import Todo
from kinerja.iku import permissions
from kinerja.iku.models import ResultsComputation
from kinerja.iku.selectors import org_predikat_decisions_to_make, reporting_due
from kinerja.iku.selectors.pages import realisations_to_verify


def _decisions(viewer) -> list[Todo]:
    proposals = org_predikat_decisions_to_make(viewer)
    if not proposals:
        return []
    return [
        Todo(
            key="iku.predikat_decisions",
            title=ngettext(
                "%(n)s organisation predikat waits for your decision",
                "%(n)s organisation predikat wait for your decision",
                len(proposals),
            )
            % {"n": len(proposals)},
            url=reverse("iku:predikat_decisions"),
            action=_("Decide"),
            count=len(proposals),
            order=15,
        )
    ]


def _verifications(viewer) -> list[Todo]:
    if not viewer.is_atasan:
        return []
    waiting = realisations_to_verify(viewer)
    if not waiting:
        return []
    return [
        Todo(
            key="iku.realisations_to_verify",
            title=ngettext(
                "%(n)s realisation of your unit waits for verification",
                "%(n)s realisations of your unit wait for verification",
                len(waiting),
            )
            % {"n": len(waiting)},
            url=reverse("iku:verification_queue"),
            action=_("Verify"),
            count=len(waiting),
            order=25,
        )
    ]


def _reporting(viewer) -> list[Todo]:
    due = reporting_due(viewer)
    waiting = len(due.to_report) if due else 0
    if not waiting:
        return []
    periods = ", ".join(period.label for period in due.periods)
    return [
        Todo(
            key="iku.realisations_to_report",
            title=ngettext(
                "%(n)s realisation for %(periods)s is yours to report",
                "%(n)s realisations for %(periods)s are yours to report",
                waiting,
            )
            % {"n": waiting, "periods": periods},
            url=reverse("iku:reporting"),
            action=_("Report"),
            count=waiting,
            deadline=due.due_date,
            days_left=due.days_left,
            working_days=True,
            order=20,
        )
    ]


def _recomputations(viewer) -> list[Todo]:
    if not viewer.is_bkpsdm_admin:
        return []
    pending = [
        row
        for row in ResultsComputation.objects.filter(
            performance_year__agency_id=viewer.agency_id
        ).select_related("performance_year")
        if row.is_pending and permissions.can_recompute(viewer, row.performance_year.agency)
    ]
    if not pending:
        return []
    years = ", ".join(str(row.performance_year.year) for row in pending)
    return [
        Todo(
            key="iku.recompute_pending",
            title=_("Capaian waits to be recomputed for %(years)s") % {"years": years},
            url=reverse("iku:regency") + f"?year={pending[0].performance_year.year}",
            action=_("See the status"),
            count=len(pending),
            details=(_("The task worker recomputes them; the regency page can start it again."),),
            order=45,
        )
    ]


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated:
        return []
    return [
        *_decisions(viewer),
        *_reporting(viewer),
        *_verifications(viewer),
        *_recomputations(viewer),
    ]
