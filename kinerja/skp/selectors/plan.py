"""Reads for the employee-facing SKP pages: own plans, the list, the editor's choices."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from kinerja.core.numbers import is_ascii_digits
from kinerja.core.queries import InIds, Prepared
from kinerja.skp import selectors
from kinerja.skp.models import Rhk, Skp, SkpStatus
from kinerja.skp.selectors.rater_change import org_changed_since_start


def _own_plans(agency_id: int, employee_id: int, day):
    # One's own plans are always within one's scope (`selectors.skps_visible_to`), whose other
    # branches (the posts below, the units administered) would only cost the query.
    plans = Skp.objects.filter(agency_id=agency_id, employee_id=employee_id, is_latest=True)
    plans = plans.annotate(**org_changed_since_start(day))
    # The page names the post and the unit; the employee is read again only for a plan the
    # organisation data flag (`rater_change.flagged_among`), which is rare.
    return plans.select_related("position", "unit").order_by("-year", "start_date")


# Every employee's "my SKP" and Beranda read it: compiled once.
_own = Prepared(_own_plans, agency_id=int, employee_id=int, day=datetime.date)


def own_plans(viewer) -> list[Skp]:
    """The viewer's own plans (latest version of each), newest year first, each flagged when
    its organisation data changed after it started (`rater_change.own_rater_changes`)."""
    if viewer.employee_id is None or not viewer.is_authenticated:
        return []
    return _own(agency_id=viewer.agency_id, employee_id=viewer.employee_id, day=viewer.today)


def open_plan_among(plans: list[Skp], year: int) -> Skp | None:
    """`current_skp` of the year without a day, from the viewer's own plans already read
    (`own_plans`: the latest version of each): the newest that is not closed."""
    candidates = [p for p in plans if p.year == year and p.status != SkpStatus.CLOSED]
    return max(candidates, key=lambda p: (p.start_date, p.pk), default=None)


PLAN_ORDER = ("-year", "unit__path", "employee__name", "start_date", "pk")


def plan_list(
    viewer, *, year=None, unit=None, status: str = "", search: str = "", taken_over=False
) -> PlanListing:
    """Latest versions the viewer may read, in PLAN_ORDER, with a `nip_visible` flag per row
    (no N+1). Sized and sliced like a queryset (`count()`, `[a:b]`), for a Paginator.

    `search` matches a part of the employee's name, or a whole NIP among the employees whose
    personal data the viewer may see (so that nobody learns whose NIP it is otherwise);
    `taken_over` keeps the plans set by the rater's superior after the rater missed the deadline.
    """
    from kinerja.org.models import Employee
    from kinerja.org.personal_data import visible_expression

    qs = selectors.skps_visible_to(viewer).filter(is_latest=True)
    if year is not None:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if status:
        qs = qs.filter(status=status)
    if taken_over:
        qs = qs.filter(status=SkpStatus.SET, set_by_role="rater_superior")
    search = (search or "").strip()
    if search:
        nip = "".join(ch for ch in search if ch not in " .-")
        if len(nip) == 18 and is_ascii_digits(nip):
            visible = (
                Employee.objects.filter(pk=OuterRef("employee_id"), nip=nip)
                .annotate(visible=visible_expression(viewer))
                .filter(visible=True)
            )
            qs = qs.filter(Exists(visible))
        else:
            qs = qs.filter(employee__name__icontains=search)
    return PlanListing(viewer, qs)


class PlanListing:
    """The plans of a filter in PLAN_ORDER, read one page at a time.

    Sorting a province's plans by unit path and name takes the database half a second, and
    no index can serve an order that spans three tables. The order is by year and unit
    first, so one grouped query counts the plans of each (year, unit) in display order (an
    index scan of the plans plus a sort of a few thousand groups); a page then reads only the
    groups it overlaps and sorts those rows.
    """

    def __init__(self, viewer, qs: QuerySet[Skp]):
        self._viewer = viewer
        self._qs = qs.order_by()

    @cached_property
    def groups(self) -> list[tuple[int, int, int]]:
        """(year, unit id, number of plans) in display order. The units are put in order by
        the database, so that paths compare under its collation, as in the page query."""
        from kinerja.org.models import Unit

        counts = self._qs.values_list("year", "unit_id").annotate(n=Count("*"))
        by_unit: dict[int, list[tuple[int, int]]] = {}
        for year, unit_id, n in counts:
            by_unit.setdefault(unit_id, []).append((year, n))

        # The units of the viewer's agency (a plan's unit is one of them) rather than a list
        # of thousands of ids, which Django would resolve one by one.
        def ordered(units) -> list[int]:
            return list(units.order_by("path", "pk").values_list("pk", flat=True))

        order = ordered(Unit.objects.filter(agency_id=self._viewer.agency_id))
        if not set(by_unit) <= set(order):  # not within one agency; never so in practice
            order = ordered(Unit.objects.filter(pk__in=list(by_unit)))
        groups = [
            (year, unit_id, n)
            for unit_id in order
            if unit_id in by_unit
            for year, n in by_unit[unit_id]
        ]
        groups.sort(key=lambda group: -group[0])  # stable: units stay in path order
        return groups

    def count(self) -> int:
        return sum(n for _year, _unit, n in self.groups)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("PlanListing supports slices only")
        start, stop, _step = key.indices(self.count())
        if start >= stop:
            return []
        wanted, skipped, first = Q(pk__in=[]), None, 0
        for year, unit_id, n in self.groups:
            if first + n > start and first < stop:
                wanted |= Q(year=year, unit_id=unit_id)
                if skipped is None:
                    skipped = start - first
            first += n
            if first >= stop:
                break
        rows = self._rows().filter(wanted)
        return list(rows[skipped : skipped + stop - start])

    def _rows(self) -> QuerySet[Skp]:
        from kinerja.org.models import Employee
        from kinerja.org.personal_data import visible_expression

        nip_visible = (
            Employee.objects.filter(pk=OuterRef("employee_id"))
            .annotate(visible=visible_expression(self._viewer))
            .values("visible")[:1]
        )
        return (
            self._qs.annotate(nip_visible=Subquery(nip_visible))
            .select_related("employee", "position", "unit")
            .order_by(*PLAN_ORDER)
        )


def plan_years(viewer) -> list[int]:
    return list(
        selectors.skps_visible_to(viewer)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def plan_units(viewer, chosen=None) -> list:
    """The units of the filter: the OPD and the units right below them, as on the employee
    list, plus the `chosen` unit (a pk, from the query) when it lies deeper. A province has
    thousands of units: listing them all made the page 130 KB."""
    from kinerja.org.selectors import units_visible_to

    condition = Q(depth__lte=1)
    if isinstance(chosen, str) and is_ascii_digits(chosen) and len(chosen) < 19:
        condition |= Q(pk=int(chosen))
    return list(
        units_visible_to(viewer).filter(condition).only("pk", "name", "path").order_by("path")
    )


def get_rhk(skp: Skp, pk: int) -> Rhk | None:
    return Rhk.objects.filter(skp=skp, pk=pk).select_related("skp").first()


def get_indicator(skp: Skp, pk: int):
    from kinerja.skp.models import RhkIndicator

    return RhkIndicator.objects.filter(rhk__skp=skp, pk=pk).select_related("rhk__skp").first()


def choosable_leader_rhks(skp: Skp, keep_ids=()) -> QuerySet[Rhk]:
    """RHK a plan may intervene in, for the editor, the services and the API alike: those of
    the rater's latest plans of the year that are not closed, plus the links already stored
    (`keep_ids`: an older version of the leader's plan stays selectable) when they are of
    another employee's plan of the same year in the agency."""
    condition = Q(pk__in=[pk for pk in keep_ids if pk])
    if skp.rater_id is not None:
        # The rater's plans as a set read once (InIds): an OR across the join to the plans
        # made PostgreSQL scan every RHK of the agency (half a second at province size).
        rater_plans = Skp.objects.filter(
            employee_id=skp.rater_id, is_latest=True, year=skp.year, agency_id=skp.agency_id
        ).exclude(status=SkpStatus.CLOSED)
        condition |= InIds("skp_id", rater_plans.values("pk"))
    return Rhk.objects.filter(condition, skp__year=skp.year, skp__agency_id=skp.agency_id).exclude(
        skp__employee_id=skp.employee_id
    )


def leader_rhk_choices(skp: Skp, keep_ids=()) -> list[Rhk]:
    """`choosable_leader_rhks` in the order the editor offers them, with their owners."""
    return list(
        choosable_leader_rhks(skp, keep_ids)
        .select_related("skp__employee")
        .order_by("skp__start_date", "kind", "order", "pk")
    )


def choosable_iku_indicators(skp: Skp, keep_ids=()) -> QuerySet:
    """Organisation indicators a plan's RHK may intervene in: the active ones of the active
    goals of the plan's unit and its ancestors for the year, plus the stored links of the
    agency (`keep_ids`)."""
    from kinerja.iku.models import Indicator

    unit_ids = [*skp.unit.ancestor_ids, skp.unit_id]
    condition = Q(
        is_active=True,
        goal__is_active=True,
        goal__owner_unit_id__in=unit_ids,
        goal__plan_start_year__lte=skp.year,
        goal__plan_end_year__gte=skp.year,
    ) | Q(pk__in=[pk for pk in keep_ids if pk])
    return Indicator.objects.filter(condition, agency_id=skp.agency_id)


def choosable_iku_goals(skp: Skp, keep_ids=()) -> QuerySet:
    """Organisation goals a plan's RHK may intervene in: the active goals of the plan's unit and
    its ancestors for the year (those of `choosable_iku_indicators`), plus the stored links of
    the agency (`keep_ids`)."""
    from kinerja.iku.models import Goal

    unit_ids = [*skp.unit.ancestor_ids, skp.unit_id]
    condition = Q(
        is_active=True,
        owner_unit_id__in=unit_ids,
        plan_start_year__lte=skp.year,
        plan_end_year__gte=skp.year,
    ) | Q(pk__in=[pk for pk in keep_ids if pk])
    return Goal.objects.filter(condition, agency_id=skp.agency_id)


def iku_indicator_choices(skp: Skp, keep_ids=()) -> list:
    """`choosable_iku_indicators` in the order the editor offers them."""
    return list(
        choosable_iku_indicators(skp, keep_ids)
        .select_related("goal__owner_unit")
        .order_by("goal__owner_unit__path", "goal__order", "order", "pk")
    )


@dataclass(frozen=True)
class Period:
    """An evaluation period of the plan's year as the rencana aksi editor shows it."""

    pk: int
    number: int
    label: str


def action_period_label(period) -> str:
    """The name of a rencana aksi's period within its year: the month, or "Quarter II"."""
    from django.utils.dates import MONTHS

    if period.kind == "month":
        return str(MONTHS[period.number])
    return _("Quarter %(number)s") % {"number": ["I", "II", "III", "IV"][period.number - 1]}


def action_periods(skp: Skp) -> list[Period]:
    """Periods of the rencana aksi: the months or quarters of the plan's year, as the agency
    evaluates (PermenPANRB 6/2022 Ps 24(2)-(3)); none while the year is not configured."""
    return [
        Period(period.pk, period.number, action_period_label(period))
        for period in year_action_periods(skp)
    ]


def year_action_periods(skp: Skp) -> QuerySet:
    """The iku periods a rencana aksi of `skp` may name: its year's months or quarters."""
    from kinerja.iku.models import Period as IkuPeriod
    from kinerja.iku.models.calendar import PeriodKind

    return IkuPeriod.objects.filter(
        performance_year__agency_id=skp.agency_id,
        performance_year__year=skp.year,
        kind__in=[PeriodKind.MONTH, PeriodKind.QUARTER],
    ).order_by("start_date")


def plan_agreement(unit_id: int, year: int):
    """The PK a JPT plan takes its main results from: the unit's PK in force (its highest
    signed version) or, while none is signed, its newest draft (PermenPANRB 6/2022 Lampiran
    p.28: drafts may be used until the PK is set)."""
    from kinerja.iku.models import AgreementStatus, PerformanceAgreement

    versions = PerformanceAgreement.objects.filter(unit_id=unit_id, year=year)
    signed = versions.filter(status=AgreementStatus.SIGNED).order_by("-version").first()
    return signed or versions.order_by("-version").first()


def rhk_texts(ids) -> dict[int, str]:
    return dict(Rhk.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "text"))


def iku_indicator_names(ids) -> dict[int, str]:
    from kinerja.iku.models import Indicator

    return dict(Indicator.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))
