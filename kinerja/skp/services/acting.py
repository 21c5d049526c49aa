"""The main result of an acting assignment (Plt./Plh.) in the plan (Lampiran PermenPANRB 6/2022
p.50): the duties of the acting post become a main RHK of their own, which intervenes in no
leader's RHK; the employee (or the rater) then gives it its indicators and targets."""

from __future__ import annotations

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core.choices import choose
from kinerja.core.errors import ValidationError
from kinerja.org.models import Assignment, AssignmentKind
from kinerja.skp import rules
from kinerja.skp.models import Rhk, RhkSource, Skp
from kinerja.skp.selectors.acting import acting_assignments_of_plan
from kinerja.skp.services.plan import rhk_add

NOT_ACTING = gettext_lazy("Choose a Plt. or Plh. assignment held while this plan runs.")


def acting_result_text(assignment: Assignment) -> str:
    kind = "Plt." if assignment.kind == AssignmentKind.PLT else "Plh."
    return _("Carry out the duties of %(kind)s %(position)s from %(start)s") % {
        "kind": kind,
        "position": assignment.position.name,
        "start": date_format(assignment.start_date, "j F Y"),
    }


@transaction.atomic
def acting_result_add(*, actor, skp: Skp, assignment) -> Rhk:
    """Add the main result of `assignment` (an instance or an id) to an editable plan; the
    owner or the rater adds it, once per acting post."""
    assignment = choose(
        acting_assignments_of_plan(skp), assignment, field="assignment", message=NOT_ACTING
    )
    if Rhk.objects.filter(skp=skp, acting_position_id=assignment.position_id).exists():
        raise ValidationError(
            {"assignment": _("The plan already carries the duties of this acting post.")},
            code="acting_result_exists",
        )
    return rhk_add(
        actor=actor,
        skp=skp,
        text=acting_result_text(assignment),
        kind=rules.UTAMA,
        source=RhkSource.ACTING,
        acting_position=assignment.position,
    )
