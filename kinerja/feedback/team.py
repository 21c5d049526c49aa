"""Scheduled feedback on the supervisor's team page (see kinerja.core.team): per member the
state of the leader's schedule, and how many are behind. The coverage selector's fixed number of
queries."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.team import GOOD, NEUTRAL, WARN, TeamCell, TeamSection
from kinerja.feedback import rules, selectors


def _cell(row: selectors.CoverageRow) -> TeamCell:
    give = reverse("feedback:give", args=[row.employee.pk]) + "?kind=scheduled"
    if row.state == rules.NONE:
        return TeamCell(
            _("No feedback schedule"), WARN, reverse("feedback:schedule", args=[row.employee.pk])
        )
    if row.state == rules.OVERDUE:
        return TeamCell(
            _("Scheduled feedback overdue since %(date)s")
            % {"date": date_format(row.next_due, "j M")},
            WARN,
            give,
        )
    if row.state == rules.DUE:
        return TeamCell(
            _("Scheduled feedback due %(date)s") % {"date": date_format(row.next_due, "j M")},
            NEUTRAL,
            give,
        )
    if row.state == rules.DONE:
        return TeamCell(_("Scheduled feedback all given"), GOOD)
    return TeamCell(
        _("Next scheduled feedback %(date)s") % {"date": date_format(row.next_due, "j M")},
        GOOD,
        give,
    )


def team_section(viewer, members: list, day: datetime.date) -> TeamSection | None:
    if not members:
        return None
    wanted = {m.pk for m in members}
    rows = [row for row in selectors.team_coverage(viewer, day.year) if row.employee.pk in wanted]
    if not rows:
        return None
    behind = sum(row.behind for row in rows)
    return TeamSection(
        key="feedback",
        title=_("Scheduled feedback"),
        url=reverse("feedback:coverage"),
        action=_("Open the feedback coverage"),
        waiting=behind,
        summary=ngettext(
            "%(n)s person is behind the feedback schedule",
            "%(n)s people are behind the feedback schedule",
            behind,
        )
        % {"n": behind}
        if behind
        else _("Everyone's scheduled feedback is on time."),
        cells={row.employee.pk: [_cell(row)] for row in rows},
        order=30,
    )
