"""What the SKP asks of each person next, for Beranda (see kinerja.core.todo)."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.core.todo import Todo
from kinerja.skp import rules
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.models import CommentKind, Skp, SkpComment, SkpStatus
from kinerja.skp.selectors import alignment, review
from kinerja.skp.selectors.compliance import compliance_by_group
from kinerja.skp.selectors.exemptions import exemption_of, exemptions_visible_to

EXEMPTIONS_ENDING_WITHIN_DAYS = 30
COMPLIANCE_SECONDS = 300
COMPLIANCE_ROWS = 5


def _planning_year(viewer) -> int:
    return viewer.today.year


def _own_plan_items(viewer, year: int) -> list[Todo]:
    if viewer.employee_id is None:
        return []
    skp = skp_selectors.current_skp(viewer.employee_id, year, viewer.today)
    today = viewer.today
    if skp is None:
        if exemption_of(viewer.employee_id, today) is not None:
            return []
        deadline = rules.deadline(year)
        return [
            Todo(
                key="skp.start",
                title=_("Start your SKP %(year)s") % {"year": year},
                url=reverse("skp:home"),
                action=_("Start the SKP"),
                deadline=deadline,
                days_left=rules.days_left(today, deadline),
                order=10,
            )
        ]
    if skp.status == SkpStatus.RETURNED:
        comments = list(
            SkpComment.objects.filter(skp=skp, kind=CommentKind.RETURN).order_by("-created_at")
        )
        general = [c.text for c in comments if c.rhk_id is None][:1]
        per_rhk = sum(1 for c in comments if c.rhk_id is not None)
        details = tuple(general)
        if per_rhk:
            details += (
                ngettext("%(n)s comment on an RHK.", "%(n)s comments on RHK.", per_rhk)
                % {"n": per_rhk},
            )
        return [
            Todo(
                key="skp.returned",
                title=_("Your SKP %(year)s was returned: fix it, then submit it again")
                % {"year": year},
                url=reverse("skp:edit", args=[skp.pk]),
                action=_("Fix the SKP"),
                deadline=skp.deadline,
                days_left=rules.days_left(today, skp.deadline),
                details=details,
                order=10,
            )
        ]
    if skp.status in (SkpStatus.DRAFT, SkpStatus.DIALOGUE):
        return [
            Todo(
                key="skp.draft",
                title=_("Your SKP %(year)s is not submitted yet") % {"year": year},
                url=reverse("skp:edit", args=[skp.pk]),
                action=_("Complete and submit"),
                deadline=skp.deadline,
                days_left=rules.days_left(today, skp.deadline),
                order=10,
            )
        ]
    return []


def _rater_items(viewer, year: int) -> list[Todo]:
    if not viewer.is_atasan and not viewer.granted_roles:
        return []
    inbox = review.rater_inbox(viewer, year)
    items = []
    waiting = [row for row in inbox.waiting if not row.escalated]
    if waiting:
        first = min(row.deadline for row in waiting)
        items.append(
            Todo(
                key="skp.to_review",
                title=ngettext(
                    "%(n)s SKP waits for your review",
                    "%(n)s SKP wait for your review",
                    len(waiting),
                )
                % {"n": len(waiting)},
                url=reverse("skp:inbox"),
                action=_("Review"),
                count=len(waiting),
                deadline=first,
                days_left=rules.days_left(viewer.today, first),
                order=20,
            )
        )
    escalated = [row for row in inbox.waiting if row.escalated]
    if escalated:
        items.append(
            Todo(
                key="skp.escalated",
                title=ngettext(
                    "%(n)s SKP reached you because the rater missed the deadline",
                    "%(n)s SKP reached you because the raters missed the deadline",
                    len(escalated),
                )
                % {"n": len(escalated)},
                url=reverse("skp:inbox"),
                action=_("Decide"),
                count=len(escalated),
                details=(_("As the rater's superior your decision is final."),),
                order=21,
            )
        )
    owing = inbox.not_submitted
    if owing:
        items.append(
            Todo(
                key="skp.team_without_plan",
                title=ngettext(
                    "%(n)s member of your team has not submitted an SKP %(year)s",
                    "%(n)s members of your team have not submitted an SKP %(year)s",
                    len(owing),
                )
                % {"n": len(owing), "year": year},
                url=reverse("skp:inbox") + "#pending",
                action=_("See who"),
                count=len(owing),
                deadline=rules.deadline(year),
                days_left=rules.days_left(viewer.today, rules.deadline(year)),
                order=22,
            )
        )
    if viewer.employee_id is not None:
        # Plans the viewer rates are in the viewer's scope (skps_visible_to) exactly when they
        # are of the viewer's agency: no scope subqueries.
        taken_over = Skp.objects.filter(
            agency_id=viewer.agency_id,
            rater_id=viewer.employee_id,
            year=year,
            is_latest=True,
            status=SkpStatus.SET,
            set_by_role="rater_superior",
        )
        count = taken_over.count()
        if count:
            items.append(
                Todo(
                    key="skp.taken_over",
                    title=ngettext(
                        "Your superior set %(n)s of your team's SKP after the deadline",
                        "Your superior set %(n)s of your team's SKP after the deadline",
                        count,
                    )
                    % {"n": count},
                    url=reverse("skp:list") + f"?year={year}&taken_over=1",
                    action=_("See the plans"),
                    count=count,
                    order=23,
                )
            )
    return items


def _counts_per_unit(queryset, unit_field: str, units) -> dict[int, int]:
    """How many rows of ``queryset`` fall under each unit's subtree, in one query whatever the
    number of units (a unit admin may administer several)."""
    within_any = Q(pk__in=[])
    counts = {}
    for unit in units:
        under = Q(**{f"{unit_field}__path__startswith": unit.path})
        within_any |= under
        counts[f"unit_{unit.pk}"] = Count("pk", filter=under)
    totals = queryset.filter(within_any).order_by().aggregate(**counts)
    return {unit.pk: totals[f"unit_{unit.pk}"] or 0 for unit in units}


def _unit_admin_items(viewer, year: int) -> list[Todo]:
    if not viewer.is_admin_unit:
        return []
    from kinerja.org.models import Unit

    units = list(Unit.objects.filter(pk__in=viewer.admin_unit_ids).order_by("name"))
    scope = alignment.Scope(agency_id=viewer.agency_id, year=year, today=viewer.today)
    missing = _counts_per_unit(alignment.employees_without_set_plan(scope), "position__unit", units)
    pending = _counts_per_unit(alignment.pending_plans(scope), "unit", units)
    items = []
    for unit in units:
        if missing[unit.pk]:
            items.append(
                Todo(
                    key=f"skp.unit_without_plan.{unit.pk}",
                    title=ngettext(
                        "%(n)s person of %(unit)s has no set SKP %(year)s",
                        "%(n)s people of %(unit)s have no set SKP %(year)s",
                        missing[unit.pk],
                    )
                    % {"n": missing[unit.pk], "unit": unit.name, "year": year},
                    url=reverse("skp:alignment_unit", args=[unit.pk]) + "?show=employees",
                    action=_("See who"),
                    count=missing[unit.pk],
                    deadline=rules.deadline(year),
                    days_left=rules.days_left(viewer.today, rules.deadline(year)),
                    order=30,
                )
            )
        if pending[unit.pk]:
            items.append(
                Todo(
                    key=f"skp.unit_pending.{unit.pk}",
                    title=ngettext(
                        "%(n)s SKP of %(unit)s waits for its rater",
                        "%(n)s SKP of %(unit)s wait for their raters",
                        pending[unit.pk],
                    )
                    % {"n": pending[unit.pk], "unit": unit.name},
                    url=reverse("skp:alignment_unit", args=[unit.pk]) + "?show=raters",
                    action=_("See the raters"),
                    count=pending[unit.pk],
                    order=31,
                )
            )
    ending = _exemptions_ending_soon(viewer)
    if ending:
        items.append(ending)
    return items


def _exemptions_ending_soon(viewer) -> Todo | None:
    today = viewer.today
    horizon = today + datetime.timedelta(days=EXEMPTIONS_ENDING_WITHIN_DAYS)
    ending = exemptions_visible_to(viewer).filter(Q(end_date__gte=today) & Q(end_date__lte=horizon))
    count = ending.count()
    if not count:
        return None
    first = ending.order_by("end_date").values_list("end_date", flat=True).first()
    return Todo(
        key="skp.exemptions_ending",
        title=ngettext(
            "%(n)s exemption from planning ends within %(days)s days: the SKP starts again",
            "%(n)s exemptions from planning end within %(days)s days: the SKP starts again",
            count,
        )
        % {"n": count, "days": EXEMPTIONS_ENDING_WITHIN_DAYS},
        url=reverse("skp:exemptions"),
        action=_("See the exemptions"),
        count=count,
        deadline=first,
        days_left=(first - today).days,
        order=32,
    )


def _agency_items(viewer, year: int) -> list[Todo]:
    if not viewer.is_bkpsdm_admin:
        return []
    key = f"todo:skp-compliance:{viewer.agency_id}:{viewer.today.isoformat()}"
    scope = alignment.Scope(agency_id=viewer.agency_id, year=year, today=viewer.today)
    rows = cache.get_or_set(key, lambda: compliance_by_group(scope), COMPLIANCE_SECONDS)
    required = sum(row.required for row in rows)
    missing = sum(row.missing for row in rows)
    if not missing:
        return []
    lagging = [row for row in rows if row.missing][:COMPLIANCE_ROWS]
    return [
        Todo(
            key="skp.agency_compliance",
            title=_("%(set)s of %(required)s people have a set SKP %(year)s")
            % {"set": required - missing, "required": required, "year": year},
            url=reverse("skp:alignment") + "?show=employees",
            action=_("See the alignment"),
            count=missing,
            deadline=rules.deadline(year),
            days_left=rules.days_left(viewer.today, rules.deadline(year)),
            rows=tuple(
                (
                    row.name,
                    f"{row.set_count} / {row.required}",
                    reverse("skp:alignment_unit", args=[row.unit_id]),
                )
                for row in lagging
            ),
            order=40,
        )
    ]


def todo_items(viewer) -> list[Todo]:
    if not viewer.is_authenticated:
        return []
    year = _planning_year(viewer)
    return [
        *_own_plan_items(viewer, year),
        *_rater_items(viewer, year),
        *_unit_admin_items(viewer, year),
        *_agency_items(viewer, year),
    ]
