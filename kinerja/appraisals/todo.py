"""What the evaluation asks of each person, for Beranda (see kinerja.core.todo).

The rater (or the rater's superior after the rater's deadline): the evaluations still to rate,
finalise or sign, with the nearest deadline; the employee: the signed evaluations to
acknowledge and those to sign; BKPSDM: the periods whose evaluations are due to be
opened. A few queries whatever the size of the team.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.appraisals import permissions, rules, selectors
from kinerja.core.todo import Todo


def _employee_items(viewer) -> list[Todo]:
    to_acknowledge, to_sign = selectors.own_waiting(viewer)
    items = []
    if to_acknowledge:
        items.append(
            Todo(
                key="appraisals.acknowledge",
                title=ngettext(
                    "%(n)s signed evaluation waits for your acknowledgement of receipt",
                    "%(n)s signed evaluations wait for your acknowledgement of receipt",
                    to_acknowledge,
                )
                % {"n": to_acknowledge},
                url=reverse("appraisals:mine"),
                action=_("Acknowledge receipt"),
                count=to_acknowledge,
                order=18,
            )
        )
    if to_sign:
        items.append(
            Todo(
                key="appraisals.sign",
                title=ngettext(
                    "%(n)s evaluation waits for your signature",
                    "%(n)s evaluations wait for your signature",
                    to_sign,
                )
                % {"n": to_sign},
                url=reverse("appraisals:mine"),
                action=_("Sign the evaluation"),
                count=to_sign,
                order=19,
            )
        )
    return items


def _rater_items(viewer) -> list[Todo]:
    if not permissions.may_evaluate_anyone(viewer):
        return []
    count, deadline = selectors.count_to_evaluate(viewer)
    if not count:
        return []
    return [
        Todo(
            key="appraisals.to_evaluate",
            title=ngettext(
                "%(n)s evaluation of your team is waiting for you",
                "%(n)s evaluations of your team are waiting for you",
                count,
            )
            % {"n": count},
            url=reverse("appraisals:desk_index"),
            action=_("Open the calibration desk"),
            count=count,
            deadline=deadline,
            days_left=(deadline - viewer.today).days if deadline else None,
            order=22,
        )
    ]


def _keberatan_items(viewer) -> list[Todo]:
    """The rater: keberatan waiting for the explanation; the rater's superior: keberatan to
    decide, with the decision's deadline in working days. Each opens the oldest one."""
    to_hear, to_decide = selectors.keberatan_waiting(viewer)
    items = []
    if to_hear:
        n = len(to_hear)
        items.append(
            Todo(
                key="appraisals.keberatan_hear",
                title=ngettext(
                    "%(n)s keberatan waits for your explanation as the rater",
                    "%(n)s keberatan wait for your explanation as the rater",
                    n,
                )
                % {"n": n},
                url=reverse("appraisals:keberatan", args=[to_hear[0].evaluation_id]),
                action=_("Record the explanation"),
                count=n,
                order=20,
            )
        )
    if to_decide:
        n = len(to_decide)
        deadline = selectors.keberatan_decision_deadline(to_decide[0])
        items.append(
            Todo(
                key="appraisals.keberatan_decide",
                title=ngettext(
                    "%(n)s keberatan waits for your decision",
                    "%(n)s keberatan wait for your decision",
                    n,
                )
                % {"n": n},
                url=reverse("appraisals:keberatan", args=[to_decide[0].evaluation_id]),
                action=_("Decide the keberatan"),
                count=n,
                deadline=deadline,
                days_left=rules.working_days_left(viewer.today, deadline),
                order=21,
            )
        )
    return items


def _opening_items(viewer) -> list[Todo]:
    """BKPSDM: the periods whose evaluation window has started and nothing is opened yet."""
    periods = selectors.periods_to_open(viewer)
    if not periods:
        return []
    n = len(periods)
    return [
        Todo(
            key="appraisals.open_periods",
            title=ngettext(
                "The evaluations of %(periods)s are not opened yet",
                "The evaluations of %(n)s periods are not opened yet: %(periods)s",
                n,
            )
            % {"n": n, "periods": ", ".join(p.label for p in periods)},
            url=reverse("appraisals:periods"),
            action=_("Open the evaluations"),
            count=n,
            order=23,
        )
    ]


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated:
        return []
    return [
        *_employee_items(viewer),
        *_keberatan_items(viewer),
        *_rater_items(viewer),
        *_opening_items(viewer),
    ]
