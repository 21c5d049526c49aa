"""How the audit trail names the attendance actions and objects (see kinerja.core.audit_labels)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "activities.setting.saved": _("Attendance machine columns and working hours saved"),
    "activities.import.attendance": _("Attendance imported"),
    "activities.import.leave": _("Leave records imported"),
    "activities.day.corrected": _("Attendance day corrected"),
    "activities.notice.proposed": _("Discipline sanction proposed for unexcused absence"),
    "activities.notice.decided": _("Decision on a discipline sanction recorded"),
    "activities.activity.logged": _("Daily activity logged"),
    "activities.activity.edited": _("Daily activity changed"),
    "activities.activity.deleted": _("Daily activity deleted"),
    "activities.activity.repeated": _("Daily activity repeated from an earlier day"),
    "activities.activity.verified": _("Daily activity verified"),
    "activities.activity.returned": _("Daily activity returned for correction"),
    "activities.catalogue.saved": _("Activity catalogue entry saved"),
}

OBJECTS = {
    "activities.attendanceimport": ObjectKind(
        link=lambda job: reverse("activities:import_detail", args=[job.pk])
    ),
    "activities.attendanceday": ObjectKind(
        label=lambda day: f"{day.employee.full_name} {day.date:%d-%m-%Y}",
        link=lambda day: (
            reverse("activities:employee_month", args=[day.employee_id])
            + f"?bulan={day.date:%Y-%m}"
        ),
        related=("employee",),
    ),
    "activities.activity": ObjectKind(
        # No link: the pages of an entry belong to its employee and supervisor alone, and an
        # activity's row may be gone (deleted entries stay in the trail).
        label=lambda entry: f"{entry.employee.full_name} {entry.date:%d-%m-%Y}",
        related=("employee",),
    ),
    "activities.activitycatalogueitem": ObjectKind(),
    "activities.sanctionnotice": ObjectKind(
        label=lambda notice: f"{notice.employee.full_name}: {notice.get_level_display()}",
        link=lambda notice: reverse("activities:notice_detail", args=[notice.pk]),
        related=("employee",),
    ),
}
