"""How the audit trail names the organisation actions and objects."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "org.agency.created": _("Agency created"),
    "org.unit.created": _("Unit created"),
    "org.unit.updated": _("Unit changed"),
    "org.position.created": _("Position created"),
    "org.position.updated": _("Position changed"),
    "org.employee.created": _("Employee added"),
    "org.employee.updated": _("Employee details changed"),
    "org.assignment.started": _("Assignment to a post started"),
    "org.assignment.ended": _("Assignment to a post ended"),
    "org.supervision_override.created": _("Delegation of the rater recorded"),
}

OBJECTS = {
    "org.unit": ObjectKind(link=lambda u: reverse("org:unit_detail", args=[u.pk])),
    "org.employee": ObjectKind(
        label=lambda e: e.full_name, link=lambda e: reverse("org:employee_detail", args=[e.pk])
    ),
    "org.assignment": ObjectKind(
        label=lambda a: f"{a.employee.full_name} — {a.position.name}",
        link=lambda a: reverse("org:employee_detail", args=[a.employee_id]),
        related=("employee", "position"),
    ),
    "org.supervisionoverride": ObjectKind(
        link=lambda o: reverse("org:employee_detail", args=[o.employee_id]),
        related=("employee", "supervisor"),
    ),
}
