"""The SKM report of a unit and a period (PermenPANRB 14/2017, Lampiran: the survey's results
are reported and published, with their follow-up).

The unit's handlers (its admins, its head, BKPSDM admins) draft it; the holder today of the
unit's own head post approves it. Approval freezes the report's content as a snapshot and
publishes it: from then on it never changes. A correction is a new version of the same period
with its reason; the earlier versions stay published as they were.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.org.models import Employee, Unit
from kinerja.surveys import permissions
from kinerja.surveys.models import ReportStatus, SkmReport
from kinerja.surveys.selectors import reports as selectors
from kinerja.surveys.selectors.figures import Period
from kinerja.surveys.selectors.results import results_units

FIELDS = ["unit", "year", "kind", "number", "version", "status", "correction_reason"]


def _record(actor, action: str, report: SkmReport, before=None, reason: str = ""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=report,
        agency=report.agency,
        before=before,
        after=audit.snapshot(report, FIELDS),
        reason=reason,
    )


def report_draft(
    *, actor, unit, year: int, kind: str, number: int, summary: str = "", reason: str = ""
) -> SkmReport:
    """Draft the report of a period; when one is published already, the draft is its
    correction (the next version) and says why."""
    viewer = require(actor, lambda v: v.is_authenticated)
    visible = results_units(viewer) if viewer else Unit.objects.filter(is_service_unit=True)
    unit = choose(visible, unit, field="unit")
    if unit is None:
        raise ValidationError({"unit": [_("Choose the service unit.")]}, code="required")
    require(actor, lambda v: permissions.can_draft_report(v, unit))
    try:
        period = Period(int(year), str(kind), int(number or 1))
    except (TypeError, ValueError):
        raise ValidationError({"number": [_("Choose a period of the year.")]}) from None
    summary, reason = (summary or "").strip(), (reason or "").strip()
    check_lengths(SkmReport, summary=summary, correction_reason=reason)
    with transaction.atomic():
        # Lock the unit's row: two drafts of one period at once would take the same version.
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        same = SkmReport.objects.filter(
            unit=unit, year=period.year, kind=period.kind, number=period.number
        )
        if same.filter(status=ReportStatus.DRAFT).exists():
            raise ValidationError(
                {"__all__": [_("A draft of this period's report is waiting for approval.")]},
                code="draft_exists",
            )
        version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
        if version > 1 and not reason:
            raise ValidationError(
                {"reason": [_("Say why the published report is corrected.")]}, code="required"
            )
        report = SkmReport.objects.create(
            agency_id=unit.agency_id,
            unit=unit,
            year=period.year,
            kind=period.kind,
            number=period.number,
            version=version,
            summary=summary,
            correction_reason=reason if version > 1 else "",
        )
        _record(actor, "surveys.report.drafted", report, reason=report.correction_reason)
    return report


def _approver(viewer, unit) -> tuple[str, str]:
    post = next((p for p in viewer.held_positions if p.is_unit_head and p.unit_id == unit.pk), None)
    employee = Employee.objects.filter(pk=viewer.employee_id).first()
    return (employee.full_name if employee else ""), (post.name if post else "")


def report_approve(*, actor, report) -> SkmReport:
    """The unit's head approves a draft: its content is frozen as it is now and published."""
    viewer = require(actor, lambda v: v.is_authenticated)
    visible = selectors.visible_reports(viewer) if viewer else SkmReport.objects.all()
    report = choose(visible.select_related("unit"), report, field="report")
    if report is None:
        raise ValidationError({"report": [_("Choose the report.")]}, code="required")
    require(
        actor,
        lambda v: permissions.can_approve_report(v, report.unit),
        _("Only the head of the unit approves its SKM report."),
    )
    name, post = _approver(viewer, report.unit) if viewer else ("", "")
    with transaction.atomic():
        report = SkmReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
        if report.is_published:
            raise ImmutableRecordError(_("A published report never changes; correct it instead."))
        before = audit.snapshot(report, FIELDS)
        report.snapshot = selectors.report_content(report.unit, selectors.period_of(report))
        report.status = ReportStatus.PUBLISHED
        report.approved_at = timezone.now()
        report.approved_by = audit_actor(actor)
        report.approver_name = name
        report.approver_post = post
        report.save()
        _record(actor, "surveys.report.approved", report, before)
    return report
