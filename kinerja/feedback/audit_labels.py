"""How the audit trail names the continuous feedback actions and objects."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "feedback.feedback.given": _("Feedback given"),
    "feedback.feedback.corrected": _("Feedback corrected (a new entry)"),
    "feedback.request.created": _("Feedback requested"),
    "feedback.request.declined": _("Feedback request declined"),
    "feedback.schedule.set": _("Scheduled feedback planned"),
    "feedback.settings.updated": _("Feedback settings changed"),
}

OBJECTS = {
    "feedback.feedback": ObjectKind(
        label=lambda f: f"{f.get_kind_display()} {f.year}: {f.employee.full_name}",
        link=lambda f: reverse("feedback:employee", args=[f.employee_id]),
        related=("employee",),
    ),
    "feedback.feedbackrequest": ObjectKind(
        label=lambda r: f"{r.employee.full_name} {r.year}",
        link=lambda r: reverse("feedback:employee", args=[r.employee_id]),
        related=("employee",),
    ),
}
