"""How the audit trail names the SKP actions and objects (see kinerja.core.audit_labels)."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import ObjectKind

ACTIONS = {
    "skp.plan.created": _("SKP started"),
    "skp.plan.updated": _("SKP details changed"),
    "skp.plan.dialogue_started": _("Performance dialogue started"),
    "skp.plan.submitted": _("SKP submitted"),
    "skp.plan.returned": _("SKP returned with comments"),
    "skp.plan.set": _("SKP set"),
    "skp.plan.revised": _("SKP revision started"),
    "skp.plan.closed": _("SKP closed"),
    "skp.plan.matrix_applied": _("Matrix results written into the SKP"),
    "skp.plan.templates_applied": _("RHK templates written into the SKP"),
    "skp.plan.agreement_applied": _("Signed Perjanjian Kinerja written into the SKP"),
    "skp.rhk.added": _("RHK added"),
    "skp.rhk.updated": _("RHK changed"),
    "skp.rhk.removed": _("RHK removed"),
    "skp.indicator.added": _("Individual indicator added"),
    "skp.indicator.updated": _("Individual indicator changed"),
    "skp.indicator.removed": _("Individual indicator removed"),
    "skp.action_plan.set": _("Action plan written"),
    "skp.action_plan.removed": _("Action plan removed"),
    "skp.behaviour.set": _("Leader's special expectation written"),
    "skp.comment.added": _("Comment added to an SKP"),
    "skp.matrix.saved": _("Matriks peran hasil saved"),
    "skp.team.created": _("Work team created"),
    "skp.team.updated": _("Work team changed"),
    "skp.team.deleted": _("Work team deleted"),
    "skp.template.created": _("RHK template created"),
    "skp.template.updated": _("RHK template changed"),
    "skp.template.removed": _("RHK template deleted"),
    "skp.template.applied": _("RHK templates applied to a position"),
    "skp.exemption.recorded": _("Exemption from planning recorded"),
    "skp.exemption.updated": _("Exemption from planning changed"),
    "skp.exemption.ended": _("Exemption from planning ended"),
    "skp.exemption.deleted": _("Exemption from planning deleted"),
    "skp.rhk.taken_over": _("RHK taken over by the leader"),
    "skp.rhk.takeover_withdrawn": _("RHK takeover withdrawn"),
}


def _plan_label(skp) -> str:
    return gettext("SKP %(year)s %(name)s (version %(version)s)") % {
        "year": skp.year,
        "name": skp.employee.full_name,
        "version": skp.version,
    }


def _plan_link(skp) -> str:
    return reverse("skp:detail", args=[skp.pk])


def _part_of_plan(part) -> str:
    return reverse("skp:detail", args=[part.skp_id])


OBJECTS = {
    "skp.skp": ObjectKind(label=_plan_label, link=_plan_link, related=("employee",)),
    "skp.rhk": ObjectKind(link=_part_of_plan),
    "skp.rhkindicator": ObjectKind(
        link=lambda i: reverse("skp:detail", args=[i.rhk.skp_id]), related=("rhk",)
    ),
    "skp.actionplan": ObjectKind(
        link=lambda a: reverse("skp:detail", args=[a.rhk.skp_id]), related=("rhk",)
    ),
    "skp.behaviourexpectation": ObjectKind(link=_part_of_plan),
    "skp.skpcomment": ObjectKind(link=_part_of_plan),
    "skp.planexemption": ObjectKind(
        label=lambda e: f"{e.employee.full_name}: {e.get_reason_display()}",
        link=lambda e: reverse("skp:exemption_update", args=[e.pk]),
        related=("employee",),
    ),
    "skp.rhktakeover": ObjectKind(
        label=lambda t: (
            gettext("RHK of %(name)s taken over (%(year)s)")
            % {"name": t.employee.full_name, "year": t.year}
        ),
        link=lambda t: reverse("skp:detail", args=[t.skp_id]),
        related=("employee",),
    ),
}
