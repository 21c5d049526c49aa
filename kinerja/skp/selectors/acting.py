"""Acting posts (Plt./Plh.) held while a plan runs, and whether the plan carries their duties.

Lampiran PermenPANRB 6/2022 p.50: an employee appointed Plt. or Plh. adds the duties of that
post to the SKP as a main result of its own.
"""

from __future__ import annotations

from django.db.models import Q

from kinerja.org.models import Assignment, AssignmentKind
from kinerja.skp.models import Skp

ACTING_KINDS = (AssignmentKind.PLT, AssignmentKind.PLH)


def acting_assignments_of_plan(skp: Skp):
    """The employee's Plt./Plh. assignments that overlap the plan's dates."""
    return (
        Assignment.objects.filter(
            employee_id=skp.employee_id, kind__in=ACTING_KINDS, start_date__lte=skp.end_date
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=skp.start_date))
        .select_related("position__unit")
        .order_by("start_date", "pk")
    )


def acting_without_result(skp: Skp, rhks) -> list[Assignment]:
    """The acting assignments during the plan whose post no main result of the plan covers;
    `rhks`: the plan's RHK as the page loaded them."""
    covered = {rhk.acting_position_id for rhk in rhks if rhk.acting_position_id}
    return [a for a in acting_assignments_of_plan(skp) if a.position_id not in covered]
