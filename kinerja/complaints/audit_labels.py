"""How the audit trail names the actions on public complaints and the complaints themselves."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "complaints.complaint.filed": _("Complaint filed on the public form"),
    "complaints.complaint.recorded": _("Complaint from another channel recorded"),
    "complaints.complaint.routed": _("Complaint routed to a unit"),
    "complaints.complaint.category_changed": _("Category of a complaint changed"),
    "complaints.complaint.noted": _("Internal note on a complaint"),
    "complaints.complaint.answered": _("Response to a complaint published"),
    "complaints.complaint.closed": _("Complaint closed"),
    "complaints.complaint.reopened": _("Complaint reopened by the complainant"),
    "complaints.complaint.confirmed": _("Complaint confirmed settled by the complainant"),
    "complaints.complaint.reminded": _("Reminder: a complaint is due soon"),
    "complaints.complaint.escalated": _("Overdue complaint escalated"),
    "complaints.settings.updated": _("Complaint deadlines changed"),
}

OBJECTS = {
    "complaints.complaint": ObjectKind(
        label=lambda c: f"{c.tracking_code} ({c.get_category_display()})",
        link=lambda c: reverse("complaints:detail", args=[c.pk]),
    ),
}
