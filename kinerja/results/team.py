"""The realisations on the supervisor's team page (see kinerja.core.team): what waits for the
leader's verification, and per member what is submitted, returned and verified this year. One
query whatever the size of the team."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.team import GOOD, NEUTRAL, WARN, TeamCell, TeamSection
from kinerja.results import rules, selectors
from kinerja.results.models import Realisation


def team_section(viewer, members: list, day: datetime.date) -> TeamSection | None:
    if not members:
        return None
    waiting_ids = selectors.waiting_for(viewer).values("pk")
    counts = (
        Realisation.objects.filter(
            agency_id=viewer.agency_id, year=day.year, employee_id__in=[m.pk for m in members]
        )
        .values("employee_id")
        .annotate(
            to_verify=Count("pk", filter=Q(pk__in=waiting_ids)),
            returned=Count("pk", filter=Q(status=rules.RETURNED)),
            verified=Count("pk", filter=Q(status=rules.VERIFIED)),
        )
        .order_by()
    )
    section = TeamSection(
        key="results",
        title=_("Realisation of results"),
        url=reverse("results:to_verify"),
        action=_("Verify the realisations"),
        order=10,
    )
    for row in counts:
        cells = []
        periods = reverse("results:periods", args=[row["employee_id"], day.year])
        if row["to_verify"]:
            section.waiting += row["to_verify"]
            cells.append(
                TeamCell(
                    ngettext("%(n)s to verify", "%(n)s to verify", row["to_verify"])
                    % {"n": row["to_verify"]},
                    WARN,
                    reverse("results:to_verify"),
                )
            )
        if row["returned"]:
            cells.append(
                TeamCell(
                    ngettext("%(n)s returned", "%(n)s returned", row["returned"])
                    % {"n": row["returned"]},
                    NEUTRAL,
                    periods,
                )
            )
        if row["verified"]:
            cells.append(
                TeamCell(
                    ngettext("%(n)s verified", "%(n)s verified", row["verified"])
                    % {"n": row["verified"]},
                    GOOD,
                    periods,
                )
            )
        section.cells[row["employee_id"]] = cells
    section.summary = (
        ngettext(
            "%(n)s realisation waits for your verification",
            "%(n)s realisations wait for your verification",
            section.waiting,
        )
        % {"n": section.waiting}
        if section.waiting
        else _("No realisation waits for your verification.")
    )
    return section
