"""What the realisation of results asks of each person, for Beranda (see kinerja.core.todo).

The employee: the last period to report (with the days left to its deadline) and the
realisations returned for correction, in one or two queries; the rater: how many realisations
wait for verification, in one query.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.todo import Todo
from kinerja.results import permissions, rules, selectors
from kinerja.results.selectors import study as study_selectors


def _employee_items(viewer) -> list[Todo]:
    found = selectors.own_reporting(viewer)
    if found is None:
        return []
    items = []
    if found.period is not None and not found.handed_in:
        items.append(
            Todo(
                key="results.report",
                title=_("Report the realisation of your results for %(period)s")
                % {"period": found.period.label},
                url=reverse("results:period", args=[viewer.employee_id, found.period.pk]),
                action=_("Enter the realisation"),
                deadline=found.due_date,
                days_left=rules.days_left(viewer.today, found.due_date),
                order=20,
            )
        )
    if found.returned:
        items.append(
            Todo(
                key="results.returned",
                title=ngettext(
                    "%(n)s realisation was returned for correction",
                    "%(n)s realisations were returned for correction",
                    found.returned,
                )
                % {"n": found.returned},
                url=reverse("results:periods", args=[viewer.employee_id, viewer.today.year]),
                action=_("Correct the realisation"),
                count=found.returned,
                order=15,
            )
        )
    return items


def _rater_items(viewer) -> list[Todo]:
    if not permissions.may_verify_anything(viewer):
        return []
    count = selectors.count_to_verify(viewer)
    if not count:
        return []
    return [
        Todo(
            key="results.to_verify",
            title=ngettext(
                "%(n)s realisation of your team waits for verification",
                "%(n)s realisations of your team wait for verification",
                count,
            )
            % {"n": count},
            url=reverse("results:to_verify"),
            action=_("Verify the realisations"),
            count=count,
            order=25,
        )
    ]


def _study_items(viewer) -> list[Todo]:
    """The employee on study leave: semesters returned for correction (one query); the rater:
    semesters waiting for verification (one query)."""
    items = []
    if viewer.employee_id is not None:
        returned = study_selectors.own_returned_semesters(viewer)
        if returned:
            items.append(
                Todo(
                    key="results.semester_returned",
                    title=ngettext(
                        "%(n)s academic result was returned for correction",
                        "%(n)s academic results were returned for correction",
                        len(returned),
                    )
                    % {"n": len(returned)},
                    url=reverse("results:semester", args=[returned[0]]),
                    action=_("Correct the academic result"),
                    count=len(returned),
                    order=15,
                )
            )
    if permissions.may_verify_anything(viewer):
        count = study_selectors.waiting_semesters(viewer).count()
        if count:
            items.append(
                Todo(
                    key="results.semesters_to_verify",
                    title=ngettext(
                        "%(n)s academic result of study leave waits for verification",
                        "%(n)s academic results of study leave wait for verification",
                        count,
                    )
                    % {"n": count},
                    url=reverse("results:to_verify"),
                    action=_("Verify the academic results"),
                    count=count,
                    order=25,
                )
            )
    return items


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated:
        return []
    return [*_employee_items(viewer), *_rater_items(viewer), *_study_items(viewer)]
