"""The SKM reports of service units, scoped to the viewer, and the content of a report.

- a published report: whoever sees the unit's results;
- a draft: those who draft the unit's report (its admins, its head, BKPSDM admins);
- every unit's published reports side by side: BKPSDM admins, pimpinan and auditors.

`report_content` gathers what a report says for a unit and a period as plain JSON values,
written in Indonesian (an official document): the draft's PDF renders it live, approval stores
it in `SkmReport.snapshot` and the published PDF renders the snapshot, so that answers arriving
later never change a published report.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation

from kinerja.org.models import Unit
from kinerja.surveys import permissions, rules
from kinerja.surveys.models import (
    FollowupAction,
    ReportStatus,
    Response,
    SkmReport,
)
from kinerja.surveys.rules import Tally
from kinerja.surveys.selectors.figures import (
    Period,
    Populations,
    agency_weight,
    figures,
    tallies,
    weight_label,
)
from kinerja.surveys.selectors.followup import followup_units
from kinerja.surveys.selectors.results import PROFILE_FIELDS, profile_of, results_units

METHOD = {
    "regulation": "Peraturan Menteri PANRB Nomor 14 Tahun 2017",
    "technique": (
        "Kuesioner diisi sendiri oleh penerima layanan setelah menerima layanan, melalui kode "
        "QR di loket, tablet di loket, laman survei atau formulir kertas yang dimasukkan "
        "petugas; jawaban tanpa nama, NIK atau nomor telepon."
    ),
    "scale": "Skala 1 sampai 4 untuk setiap unsur; IKM dikonversi ke 25-100 (dikali 25).",
    "sample": "Sampel minimal menurut tabel Krejcie dan Morgan dari jumlah penerima layanan.",
}


# --- scopes ---------------------------------------------------------------------------------


def visible_reports(viewer) -> QuerySet[SkmReport]:
    if not viewer.is_authenticated:
        return SkmReport.objects.none()
    return SkmReport.objects.filter(agency_id=viewer.agency_id).filter(
        Q(status=ReportStatus.PUBLISHED, unit__in=results_units(viewer))
        | Q(unit__in=followup_units(viewer))
        | Q(unit_id__in=[p.unit_id for p in viewer.held_positions if p.is_unit_head])
    )


def get_report(viewer, pk) -> SkmReport:
    report = None
    if str(pk).isdigit():
        report = visible_reports(viewer).select_related("unit").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def period_reports(viewer, unit: Unit, period: Period) -> list[SkmReport]:
    """The unit's reports of a period the viewer sees, newest version first."""
    return list(
        visible_reports(viewer)
        .filter(unit=unit, year=period.year, kind=period.kind, number=period.number)
        .order_by("-version")
    )


def report_versions(viewer, report: SkmReport) -> list[SkmReport]:
    return period_reports(viewer, report.unit, period_of(report))


def published_reports(viewer) -> QuerySet[SkmReport]:
    """Every unit's published reports, for the supervising authority; newest period first."""
    if not permissions.sees_published_reports(viewer):
        return SkmReport.objects.none()
    return (
        SkmReport.objects.filter(agency_id=viewer.agency_id, status=ReportStatus.PUBLISHED)
        .select_related("unit")
        .order_by("-year", "-approved_at", "unit__path", "-version")
    )


def awaiting_approval(viewer) -> QuerySet[SkmReport]:
    """Drafts of the units whose head post the viewer holds."""
    heads = [p.unit_id for p in viewer.held_positions if p.is_unit_head]
    if not viewer.is_authenticated or not heads:
        return SkmReport.objects.none()
    return SkmReport.objects.filter(
        agency_id=viewer.agency_id, unit_id__in=heads, status=ReportStatus.DRAFT
    )


def period_of(report) -> Period:
    return Period(report.year, report.kind, report.number)


# --- the content of a report ----------------------------------------------------------------


def _followup_rows(actions) -> list[dict]:
    rows = []
    for action in actions:
        notes = list(action.notes.all())
        rows.append(
            {
                "element": action.element_name,
                "action": action.action,
                "owner": action.owner_label,
                "due_date": action.due_date.isoformat(),
                "status": str(action.get_status_display()),
                "done_on": action.done_on.isoformat() if action.done_on else None,
                "drop_reason": action.drop_reason,
                "last_note": notes[-1].note if notes else "",
            }
        )
    return rows


def _actions(unit, period: Period):
    return (
        FollowupAction.objects.filter(
            unit=unit, year=period.year, kind=period.kind, number=period.number
        )
        .select_related("owner_position")
        .prefetch_related("notes")
        .order_by("due_date", "pk")
    )


def report_content(unit: Unit, period: Period) -> dict:
    """What the report of `unit` for `period` says today, as JSON values (not scoped: callers
    check the viewer first)."""
    with translation.override("id"):
        responses = Response.objects.filter(unit=unit, day__gte=period.start, day__lte=period.end)
        weight = agency_weight(unit.agency_id)
        tally = tallies(responses, "unit_id").get((unit.pk,), Tally())
        population = Populations([unit.pk], period.year).of(unit.pk, None, period)
        found = figures(tally, weight=weight, population=population)
        names = [name for name, _choices in PROFILE_FIELDS]
        combos = responses.order_by().values(*names).annotate(n=Count("id"))
        profile = profile_of({tuple(row[n] for n in names): row["n"] for row in combos})
        texts = list(
            responses.exclude(suggestion="")
            .order_by("day", "pk")
            .values_list("day", "service__name", "suggestion")
        )
        previous = period.previous()
        return {
            "unit": {"name": unit.name, "code": unit.code},
            "agency": unit.agency.name,
            "period": {
                "year": period.year,
                "kind": period.kind,
                "number": period.number,
                "label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
            },
            "method": {**METHOD, "elements": [rules.ELEMENT_NAMES[e] for e in rules.ELEMENTS]},
            "weight": weight,
            "weight_label": weight_label(weight),
            "figures": found.as_dict(),
            "profile": [
                {
                    "title": table.title,
                    "rows": [
                        {"label": row.label, "count": row.count, "percent": str(row.percent)}
                        for row in table.rows
                    ],
                }
                for table in profile
            ],
            "suggestions": {
                "count": len(texts),
                "items": [
                    {"day": day.isoformat(), "service": service or "", "text": text}
                    for day, service, text in texts
                ],
            },
            "followup": _followup_rows(_actions(unit, period)),
            "previous_followup": {
                "period": previous.label if previous else "",
                "items": _followup_rows(_actions(unit, previous)) if previous else [],
            },
            "built_at": timezone.now().isoformat(),
        }


def report_data(report: SkmReport) -> dict:
    """A published report's frozen snapshot; a draft's content as of now."""
    if report.is_published:
        return report.snapshot
    return report_content(report.unit, period_of(report))
