"""Reads of continuous feedback, always scoped to the viewer (out of scope: 404).

Feedback is found by the stable identity of what it is about (employee, year, `Rhk.key`,
`RhkIndicator.key` and period, BerAKHLAK value), so that it follows the plan through its
versions. Anonymous peer and subordinate feedback is shown to everyone but auditors without
the giver's name, and only once enough people gave it (`rules.anonymous_group_shown`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.http import Http404

from kinerja.feedback import permissions, rules
from kinerja.feedback.models import (
    Feedback,
    FeedbackRequest,
    FeedbackSettings,
    ScheduledFeedback,
)
from kinerja.iku.models import Period
from kinerja.org.models import Employee, Unit
from kinerja.org.selectors import positions_held_by
from kinerja.skp.models import Rhk, RhkIndicator, Skp, SkpStatus
from kinerja.skp.selectors import team

ENDED = (SkpStatus.CLOSED, SkpStatus.SUPERSEDED)


# --- settings, periods, the team ------------------------------------------------------------


def anonymity_threshold(agency_id: int) -> int:
    value = (
        FeedbackSettings.objects.filter(agency_id=agency_id)
        .values_list("anonymity_threshold", flat=True)
        .first()
    )
    return value or rules.DEFAULT_ANONYMITY_THRESHOLD


def evaluation_periods(agency_id: int, year: int) -> list[Period]:
    """The months or quarters of the agency's performance year (not the annual period)."""
    return list(
        Period.objects.filter(performance_year__agency_id=agency_id, performance_year__year=year)
        .exclude(kind="year")
        .order_by("start_date")
    )


def period_of_day(agency_id: int, day: datetime.date) -> Period | None:
    return (
        Period.objects.filter(
            performance_year__agency_id=agency_id, start_date__lte=day, end_date__gte=day
        )
        .exclude(kind="year")
        .first()
    )


def team_ids(viewer, year: int | None = None) -> set[int]:
    return team.team_ids(viewer, year)


def choosable_people(viewer):
    """Anyone active of the viewer's agency but the viewer: whom one may give feedback to or
    ask for feedback."""
    if not viewer.is_authenticated:
        return Employee.objects.none()
    qs = Employee.objects.filter(agency_id=viewer.agency_id, is_active=True)
    if viewer.employee_id:
        qs = qs.exclude(pk=viewer.employee_id)
    return qs.order_by("name", "pk")


def get_person(viewer, pk: int) -> Employee:
    """An employee of the viewer's agency (to give feedback to or to ask), else 404."""
    found = choosable_people(viewer).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_employee_for_feedback(viewer, pk: int) -> Employee:
    employee = Employee.objects.filter(pk=pk, agency_id=viewer.agency_id).first()
    if employee is None or not permissions.can_read_feedback_of(viewer, employee, team_ids(viewer)):
        raise Http404
    return employee


def rhk_choices(employee_id: int, year: int) -> list[tuple[str, str]]:
    """(key, text) of the RHK of the employee's latest plans of the year, one per key."""
    rows = (
        Rhk.objects.filter(skp__employee_id=employee_id, skp__year=year, skp__is_latest=True)
        .exclude(skp__status=SkpStatus.CLOSED)
        .order_by("kind", "order", "pk")
        .values_list("key", "text")
    )
    seen: dict[str, str] = {}
    for key, text in rows:
        seen.setdefault(str(key), text)
    return list(seen.items())


def indicator_choices(employee_id: int, year: int) -> list[tuple[str, str]]:
    """("rhk_key:indicator_key", "RHK - indicator") of the employee's plans of the year: what a
    feedback on a realisation is about (with its period)."""
    rows = (
        RhkIndicator.objects.filter(
            rhk__skp__employee_id=employee_id, rhk__skp__year=year, rhk__skp__is_latest=True
        )
        .exclude(rhk__skp__status=SkpStatus.CLOSED)
        .order_by("rhk__kind", "rhk__order", "order", "pk")
        .values_list("rhk__key", "key", "rhk__text", "text")
    )
    seen: dict[str, str] = {}
    for rhk_key, key, rhk_text, text in rows:
        seen.setdefault(f"{rhk_key}:{key}", f"{rhk_text[:80]}: {text[:80]}")
    return list(seen.items())


def rhk_texts(employee_id: int, year: int) -> dict[str, str]:
    return dict(rhk_choices(employee_id, year))


# --- feedback received ----------------------------------------------------------------------


@dataclass
class Shown:
    """One feedback as the viewer may see it: the giver's name only when allowed."""

    feedback: Feedback
    giver_name: str
    corrected: bool = False


@dataclass
class Received:
    items: list[Shown] = field(default_factory=list)
    held_back: bool = False  # some anonymous feedback waits for enough givers
    threshold: int = rules.DEFAULT_ANONYMITY_THRESHOLD

    def by_period(self) -> list[tuple[object, list[Shown]]]:
        groups: dict = defaultdict(list)
        for item in self.items:
            groups[item.feedback.period].append(item)
        return sorted(
            groups.items(),
            key=lambda pair: pair[0].start_date if pair[0] else datetime.date.max,
            reverse=True,
        )


def _visible(viewer, rows: list[Feedback], threshold: int) -> Received:
    names_shown = permissions.sees_anonymous_givers(viewer)
    givers: dict[tuple, set[int]] = defaultdict(set)
    for row in rows:
        if row.is_anonymous:
            givers[(row.period_id, row.relation)].add(row.giver_id)
    corrected = {row.corrects_id for row in rows if row.corrects_id}
    result = Received(threshold=threshold)
    for row in rows:
        name = row.giver.full_name
        if row.is_anonymous and not names_shown and row.giver_id != viewer.employee_id:
            group = givers[(row.period_id, row.relation)]
            if not rules.anonymous_group_shown(len(group), threshold):
                result.held_back = True
                continue
            name = ""
        result.items.append(Shown(row, name, corrected=row.pk in corrected))
    return result


def received_feedback(viewer, employee: Employee, year: int) -> Received:
    """The feedback the employee received in the year, as the viewer may see it. Three queries
    whatever the number of feedback: the setting, the feedback with givers and periods."""
    if not permissions.can_read_feedback_of(viewer, employee, team_ids(viewer, year)):
        raise Http404
    rows = list(
        Feedback.objects.filter(employee=employee, year=year).select_related("giver", "period")
    )
    return _visible(viewer, rows, anonymity_threshold(employee.agency_id))


def received_in_period(viewer, employee: Employee, period: Period) -> Received:
    """The feedback of one evaluation period as the viewer may see it (anonymous feedback held
    back below the threshold, the giver's name hidden). Three queries at most."""
    if not permissions.can_read_feedback_of(viewer, employee, team_ids(viewer, period.year)):
        raise Http404
    rows = list(
        Feedback.objects.filter(employee=employee, period=period)
        .select_related("giver", "period")
        .order_by("given_on", "pk")
    )
    return _visible(viewer, rows, anonymity_threshold(employee.agency_id))


def feedback_for_period(viewer, employee: Employee, period: Period) -> dict[tuple, list[Shown]]:
    """The feedback of one evaluation period visible to the viewer, grouped by
    (rhk_key, indicator_key) with BerAKHLAK feedback under (None, None): what the page of an
    individual realisation shows next to each indicator."""
    grouped: dict[tuple, list[Shown]] = defaultdict(list)
    for item in received_in_period(viewer, employee, period).items:
        grouped[(item.feedback.rhk_key, item.feedback.indicator_key)].append(item)
    return dict(grouped)


def period_section(viewer, page):
    """The feedback received in the period on the employee's results period page: under each
    RHK indicator what is about it (or about its RHK), below the indicators what is about a
    BerAKHLAK value, in general, or about a result no longer in the plan. Nothing for a reader
    of the page who may not read the employee's feedback (a leader two levels up)."""
    from kinerja.results.selectors import Section

    employee, period = page.employee, page.period
    if not permissions.can_read_feedback_of(viewer, employee, team_ids(viewer, period.year)):
        return None
    received = received_in_period(viewer, employee, period)
    first_of_rhk: dict[str, str] = {}
    indicator_keys = set()
    for row in page.rows:
        first_of_rhk.setdefault(str(row.rhk.key), str(row.indicator.key))
        indicator_keys.add(str(row.indicator.key))
    per_indicator: dict[str, dict] = {}
    values, general, elsewhere = [], [], []
    for item in received.items:
        rhk_key = str(item.feedback.rhk_key) if item.feedback.rhk_key else None
        key = str(item.feedback.indicator_key) if item.feedback.indicator_key else None
        if key in indicator_keys:
            per_indicator.setdefault(key, {"items": [], "rhk_items": []})["items"].append(item)
        elif rhk_key in first_of_rhk and key is None:
            holder = per_indicator.setdefault(first_of_rhk[rhk_key], {"items": [], "rhk_items": []})
            holder["rhk_items"].append(item)
        elif rhk_key is not None:
            elsewhere.append(item)
        elif item.feedback.core_value:
            values.append(item)
        else:
            general.append(item)
    context = {
        "values": values,
        "general": general,
        "elsewhere": elsewhere,
        "held_back": received.held_back,
        "threshold": received.threshold,
        "employee": employee,
        "sees_names": permissions.sees_anonymous_givers(viewer),
    }
    for holder in per_indicator.values():
        holder["sees_names"] = context["sees_names"]
    return Section(
        template="feedback/_period_section.html",
        context=context,
        row_template="feedback/_period_indicator.html",
        per_indicator=per_indicator,
    )


def feedback_given_by(viewer, year: int) -> list[Feedback]:
    if viewer.employee_id is None:
        return []
    return list(
        Feedback.objects.filter(giver_id=viewer.employee_id, year=year).select_related(
            "employee", "period"
        )
    )


def requests_to_answer(viewer) -> list[FeedbackRequest]:
    if viewer.employee_id is None:
        return []
    return list(
        FeedbackRequest.objects.filter(
            asked_id=viewer.employee_id, status=FeedbackRequest.Status.OPEN
        ).select_related("employee")
    )


def requests_sent(viewer, year: int) -> list[FeedbackRequest]:
    if viewer.employee_id is None:
        return []
    return list(
        FeedbackRequest.objects.filter(employee_id=viewer.employee_id, year=year).select_related(
            "asked"
        )
    )


def open_request_for(viewer, pk) -> FeedbackRequest | None:
    return (
        FeedbackRequest.objects.filter(
            pk=pk, asked_id=viewer.employee_id, status=FeedbackRequest.Status.OPEN
        )
        .select_related("employee")
        .first()
    )


def own_corrections_choosable(viewer, employee_id: int):
    return Feedback.objects.filter(giver_id=viewer.employee_id, employee_id=employee_id)


# --- schedules and coverage -----------------------------------------------------------------


def schedule_of(employee: Employee, leader_id: int, year: int) -> list[ScheduledFeedback]:
    return list(ScheduledFeedback.objects.filter(employee=employee, leader_id=leader_id, year=year))


@dataclass
class CoverageRow:
    employee: Employee
    last_done: datetime.date | None
    next_due: datetime.date | None
    state: str
    days_left: int | None

    @property
    def behind(self) -> bool:
        return self.state in rules.BEHIND


def team_coverage(viewer, year: int) -> list[CoverageRow]:
    """The leader's team with the last scheduled feedback and the next one due. Three queries
    whatever the size of the team."""
    ids = team_ids(viewer, year)
    if not ids:
        return []
    slots = {
        row["employee_id"]: row
        for row in ScheduledFeedback.objects.filter(
            leader_id=viewer.employee_id, year=year, employee_id__in=ids
        )
        .values("employee_id")
        .annotate(
            planned=Count("pk"),
            last_done=Max("done_on"),
            next_due=Min("due_date", filter=Q(done_on__isnull=True)),
        )
        .order_by()
    }
    rows = []
    today = viewer.today
    for employee in Employee.objects.filter(pk__in=ids).order_by("name", "pk"):
        slot = slots.get(employee.pk, {})
        next_due = slot.get("next_due")
        state = rules.coverage_state(
            pending=[next_due] if next_due else [], planned=bool(slot), today=today
        )
        rows.append(
            CoverageRow(
                employee,
                slot.get("last_done"),
                next_due,
                state,
                rules.days_left(today, next_due) if next_due else None,
            )
        )
    return rows


@dataclass
class UnitCoverage:
    unit: Unit
    members: int = 0
    behind: int = 0
    leaders_behind: set = field(default_factory=set)


def unit_coverage(viewer, year: int) -> list[UnitCoverage]:
    """Per unit of the viewer's scope: the employees with a plan in force, how many have no
    scheduled feedback planned or an overdue one with their rater, and how many raters are
    behind. Three queries whatever the number of units and employees."""
    if not permissions.sees_unit_coverage(viewer):
        return []
    units = Unit.objects.filter(agency_id=viewer.agency_id)
    if not viewer.sees_whole_agency:
        condition = Q(pk__in=[])
        for path in viewer.admin_unit_paths:
            condition |= Q(path__startswith=path)
        units = units.filter(condition)
    by_id = {u.pk: UnitCoverage(u) for u in units.order_by("path")}
    plans = (
        Skp.objects.filter(
            agency_id=viewer.agency_id,
            year=year,
            is_latest=True,
            unit_id__in=list(by_id),
            rater__isnull=False,
        )
        .exclude(status__in=ENDED)
        .values_list("unit_id", "employee_id", "rater_id")
        .order_by()
    )
    plans = list(plans)
    slots = {
        (row["employee_id"], row["leader_id"]): row["next_due"]
        for row in ScheduledFeedback.objects.filter(agency_id=viewer.agency_id, year=year)
        .values("employee_id", "leader_id")
        .annotate(next_due=Min("due_date", filter=Q(done_on__isnull=True)))
        .order_by()
    }
    today = viewer.today
    for unit_id, employee_id, rater_id in plans:
        row = by_id[unit_id]
        row.members += 1
        key = (employee_id, rater_id)
        next_due = slots.get(key)
        state = rules.coverage_state(
            pending=[next_due] if next_due else [], planned=key in slots, today=today
        )
        if state in rules.BEHIND:
            row.behind += 1
            row.leaders_behind.add(rater_id)
    return [row for row in by_id.values() if row.members]


def leader_reminders(viewer) -> dict:
    """Beranda: the leader's scheduled slots due within a week or overdue. One query."""
    if viewer.employee_id is None or not viewer.is_atasan:
        return {}
    today = viewer.today
    soon = today + datetime.timedelta(days=rules.DUE_SOON_DAYS)
    return ScheduledFeedback.objects.filter(
        leader_id=viewer.employee_id, done_on__isnull=True, due_date__lte=soon
    ).aggregate(count=Count("pk"), first=Min("due_date"))


def open_requests_count(viewer) -> int:
    if viewer.employee_id is None:
        return 0
    return FeedbackRequest.objects.filter(
        asked_id=viewer.employee_id, status=FeedbackRequest.Status.OPEN
    ).count()


# --- what citizens said of the employee's unit (Berorientasi Pelayanan) ---------------------


@dataclass(frozen=True)
class ServiceCard:
    """A part of the Berorientasi Pelayanan section given by another app: `template` with
    `context` (the citizens' satisfaction, the complaints answered, the forum commitments)."""

    template: str
    context: dict


_SERVICE_CARDS: list = []


def register_service_card(provider) -> None:
    """Called in an app's AppConfig.ready: `provider(viewer, unit, year, today)` gives the
    `ServiceCard` of the service unit an employee serves at (None: nothing to show), with links
    only to what the viewer may open."""
    if provider not in _SERVICE_CARDS:
        _SERVICE_CARDS.append(provider)


def service_unit_of(employee: Employee, day: datetime.date) -> Unit | None:
    """The public service unit the employee serves at on the day: the nearest service unit at
    or above the unit of a post they hold."""
    unit_ids = {position.unit_id for position in positions_held_by(employee.pk, day)}
    chains = [[*u.ancestor_ids, u.pk] for u in Unit.objects.filter(pk__in=unit_ids)]
    wanted = {pk for chain in chains for pk in chain}
    found = {
        u.pk: u for u in Unit.objects.filter(pk__in=wanted, is_service_unit=True, is_active=True)
    }
    nearest = [next((found[pk] for pk in reversed(chain) if pk in found), None) for chain in chains]
    return next((unit for unit in sorted(nearest, key=lambda u: u.pk if u else 0) if unit), None)


def service_cards(viewer, employee: Employee, year: int, today: datetime.date):
    """The service unit the employee serves at and what the other apps say of it for the year
    (empty when the employee serves at none, or nothing was recorded)."""
    if not _SERVICE_CARDS:
        return None, []
    unit = service_unit_of(employee, today)
    if unit is None:
        return None, []
    cards = [card for card in (p(viewer, unit, year, today) for p in _SERVICE_CARDS) if card]
    return unit, cards
