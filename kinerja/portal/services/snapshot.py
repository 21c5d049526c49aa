"""Building the public figures of a period (`kinerja.portal.snapshot.Snapshot`).

The publishing service freezes what this returns; nothing here writes. The figures come from
the apps that hold them, read as the system (no viewer: the portal is public), and only what
`snapshot.py` documents leaves this module: units and offices, never a person. A figure counted
from people (survey respondents, complaints) follows the agency's smallest group
(`rules.suppress`): a small group is withheld, and so is the figure that would give it away by
subtraction from the total beside it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from kinerja.accounts.actors import as_viewer
from kinerja.accounts.models import Role
from kinerja.complaints import rules as complaint_rules
from kinerja.complaints.models import Complaint
from kinerja.complaints.selectors import unit_figures
from kinerja.forums.models import CommitmentStatus, Forum, ForumStatus
from kinerja.iku import rules as iku_rules
from kinerja.iku.models import (
    REGENCY_LEVELS,
    DecisionStatus,
    Goal,
    GoalResult,
    Indicator,
    IndicatorResult,
    OrgPredikatDecision,
    Period,
    Realisation,
    RealisationStatus,
    UnitResult,
)
from kinerja.iku.selectors import lkjip_settings
from kinerja.iku.selectors.calendar import days_off
from kinerja.org.models import Position, Unit
from kinerja.portal import rules
from kinerja.portal.models import PortalSettings
from kinerja.portal.services import over_time
from kinerja.portal.snapshot import (
    SCHEMA_VERSION,
    ComplaintsPart,
    ForumsPart,
    GoalPart,
    IndicatorPart,
    SatisfactionPart,
    Signatory,
    Snapshot,
    TrendPoint,
    UnitPart,
)
from kinerja.surveys.models import Response, Service
from kinerja.surveys.rules import Tally
from kinerja.surveys.selectors import figures as survey_figures

OTHER = over_time.OTHER


def text(value, places: int | None = None) -> str | None:
    """A decimal as published text: `places` decimals, else its own digits without trailing
    zeros (never an exponent)."""
    if value is None:
        return None
    value = Decimal(value)
    if places is not None:
        return str(value.quantize(Decimal(1).scaleb(-places)))
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def minimum_group(agency_id: int) -> int:
    found = (
        PortalSettings.objects.filter(agency_id=agency_id)
        .values_list("minimum_group", flat=True)
        .first()
    )
    return found or rules.DEFAULT_MINIMUM_GROUP


def portal_settings(agency) -> PortalSettings:
    """The agency's settings, or unsaved defaults."""
    return PortalSettings.objects.filter(agency=agency).first() or PortalSettings(agency=agency)


def publisher_office(actor, agency) -> str:
    """The office a publication is signed by: the publisher's post (never their NIP)."""
    viewer = as_viewer(actor)
    if viewer is not None:
        held = sorted(viewer.held_positions, key=lambda p: (not p.is_unit_head, p.path))
        if held:
            return held[0].name
        if viewer.is_bkpsdm_admin:
            return str(Role.BKPSDM_ADMIN.label)
    return agency.name


def trend_label(kind: str, number: int, year: int) -> str:
    if kind == rules.PeriodKind.QUARTER:
        return f"{year} Q{number}"
    if kind == rules.PeriodKind.MONTH:
        return f"{year}-{number:02d}"
    return str(year)


# --- performance ----------------------------------------------------------------------------


def _indicators(py) -> list[Indicator]:
    return list(
        Indicator.objects.filter(
            agency_id=py.agency_id,
            is_active=True,
            goal__is_active=True,
            goal__plan_start_year__lte=py.year,
            goal__plan_end_year__gte=py.year,
        )
        .select_related("goal")
        .order_by("goal__owner_unit__path", "goal__order", "goal_id", "order", "pk")
    )


def _indicator_parts(period, indicators, places) -> list[IndicatorPart]:
    py = period.performance_year
    earlier = [
        p
        for p in Period.objects.filter(performance_year=py, kind=period.kind).order_by("number")
        if p.number < period.number
    ]
    ids = [i.pk for i in indicators]
    results = {
        (r.indicator_id, r.period_id): r
        for r in IndicatorResult.objects.filter(
            indicator_id__in=ids, period_id__in=[period.pk, *(p.pk for p in earlier)]
        )
    }
    entered = {
        indicator_id: (status, value)
        for indicator_id, status, value in Realisation.objects.filter(
            indicator_id__in=ids, period=period
        ).values_list("indicator_id", "status", "value")
    }
    parts = []
    for indicator in indicators:
        result = results.get((indicator.pk, period.pk))
        if indicator.pk in entered:
            status, value = entered[indicator.pk]
            realisation = value if status == RealisationStatus.VERIFIED else None
        elif period.is_annual and result is not None:
            # Consolidated from the periods' verified realisations only.
            realisation = result.realisation
        else:
            realisation = None
        parts.append(
            IndicatorPart(
                id=indicator.pk,
                unit_id=indicator.goal.owner_unit_id,
                goal_id=indicator.goal_id,
                name=indicator.name,
                unit_of_measure=indicator.unit_of_measure,
                polarity=indicator.polarity,
                target=text(result.target) if result else None,
                target_high=text(result.target_high) if result else None,
                realisation=text(realisation),
                capaian=text(result.capaian, places) if result else None,
                trend=[
                    TrendPoint(
                        label=trend_label(p.kind, p.number, p.year),
                        kind=p.kind,
                        number=p.number,
                        year=p.year,
                        value=text(
                            getattr(results.get((indicator.pk, p.pk)), "capaian", None), places
                        ),
                    )
                    for p in earlier
                ],
            )
        )
    return parts


def _goal_parts(period, indicators, places) -> tuple[list[GoalPart], str | None]:
    goal_ids = list(dict.fromkeys(i.goal_id for i in indicators))
    goals = {g.pk: g for g in Goal.objects.filter(pk__in=goal_ids)}
    capaian = dict(
        GoalResult.objects.filter(goal_id__in=goal_ids, period=period).values_list(
            "goal_id", "capaian"
        )
    )
    parts = [
        GoalPart(
            id=pk,
            unit_id=goals[pk].owner_unit_id,
            name=goals[pk].statement,
            capaian=text(capaian.get(pk), places),
        )
        for pk in goal_ids
    ]
    py = period.performance_year
    regency = [capaian.get(pk) for pk in goal_ids if goals[pk].level in REGENCY_LEVELS]
    agency_capaian = iku_rules.mean(regency, places=places, rounding=py.capaian_rounding)
    return parts, text(agency_capaian, places)


def _units(agency, wanted_ids) -> list[Unit]:
    """The wanted units with every unit above them, in tree order."""
    found = list(Unit.objects.filter(agency=agency, pk__in=wanted_ids))
    above = {pk for unit in found for pk in unit.ancestor_ids}
    return list(
        Unit.objects.filter(agency=agency, is_active=True)
        .filter(Q(pk__in=wanted_ids) | Q(pk__in=above))
        .order_by("path")
    )


def _unit_parts(period, units, settings, places) -> list[UnitPart]:
    ids = [u.pk for u in units]
    heads: dict[int, str] = {}
    for unit_id, name in (
        Position.objects.filter(unit_id__in=ids, is_unit_head=True, is_active=True)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "name")
    ):
        heads.setdefault(unit_id, name)
    capaian = dict(
        UnitResult.objects.filter(unit_id__in=ids, period=period).values_list("unit_id", "capaian")
    )
    predikat = {}
    if settings.show_unit_predikat:
        predikat = dict(
            OrgPredikatDecision.objects.filter(unit_id__in=ids, period=period)
            .exclude(status=DecisionStatus.PROPOSED)
            .values_list("unit_id", "predikat")
        )
    included = set(ids)
    parts = []
    for unit in units:
        parent = next((pk for pk in reversed(unit.ancestor_ids) if pk in included), None)
        parts.append(
            UnitPart(
                id=unit.pk,
                name=unit.name,
                parent_id=parent,
                is_service_unit=unit.is_service_unit,
                head_office=heads.get(unit.pk, ""),
                capaian=text(capaian.get(unit.pk), places),
                predikat=predikat.get(unit.pk) or None,
            )
        )
    return parts


# --- the satisfaction survey ----------------------------------------------------------------


def _survey_period(period) -> survey_figures.Period:
    return survey_figures.Period(period.year, period.kind, period.number)


def _satisfaction_rows(units, services, tallies, minimum, withheld):
    """The rows of one survey period: each unit, then each of its services, with what is
    withheld (`withheld(unit id, service id or None)`, from `over_time`)."""
    rows = []
    for unit in units:
        own = {key: tally for key, tally in tallies.items() if key[0] == unit.pk}
        total = survey_figures.pooled(own.values())
        state = rules.shown(
            True, total.respondents, minimum, protects_another=withheld(unit.pk, None)
        )
        rows.append((unit, None, total, state))
        for service in services[unit.pk]:
            tally = own.get((unit.pk, service.pk), Tally())
            state = rules.shown(
                True, tally.respondents, minimum, protects_another=withheld(unit.pk, service.pk)
            )
            rows.append((unit, service, tally, state))
    return rows


def _satisfaction_parts(period, agency, minimum, families) -> list[SatisfactionPart]:
    units = list(
        Unit.objects.filter(agency=agency, is_service_unit=True, is_active=True).order_by("path")
    )
    if not units:
        return []
    services = defaultdict(list)
    for service in Service.objects.filter(unit__in=units).order_by("name", "pk"):
        services[service.unit_id].append(service)
    current = _survey_period(period)
    trend_periods = [
        p
        for year in (current.year - 1, current.year)
        for p in current.of_year(year)
        if p < current and p.kind == current.kind
    ]
    responses = Response.objects.filter(
        agency=agency,
        unit__in=units,
        day__gte=datetime.date(current.year - 1, 1, 1),
        day__lte=current.end,
    ).annotate(y=ExtractYear("day"), m=ExtractMonth("day"))
    monthly = survey_figures.tallies(responses, "unit_id", "service_id", "y", "m")
    weight = survey_figures.agency_weight(agency.pk)
    counted = {key: tally.respondents for key, tally in monthly.items()}
    withheld: set[tuple] = set()
    for year in (current.year - 1, current.year):
        found = families[year]
        withheld |= over_time.satisfaction_withheld(
            found, units, services, over_time.by_column(found, counted), minimum
        )

    def withheld_in(each):
        return lambda unit_id, service_id: (unit_id, service_id, each) in withheld

    def of_period(each):
        found: dict[tuple, list] = defaultdict(list)
        for (unit_id, service_id, y, m), tally in monthly.items():
            if each.contains_month(y, m):
                found[(unit_id, service_id)].append(tally)
        return {key: survey_figures.pooled(parts) for key, parts in found.items()}

    def ikm_of(tally, state):
        if isinstance(state, rules.Suppressed) or not tally.respondents:
            return None
        return survey_figures.figures(tally, weight=weight)

    trend: dict[tuple, list[TrendPoint]] = defaultdict(list)
    for each in trend_periods:
        for unit, service, tally, state in _satisfaction_rows(
            units, services, of_period(each), minimum, withheld_in(each)
        ):
            shown_figures = ikm_of(tally, state)
            index = shown_figures.ikm.index_100 if shown_figures else None
            trend[(unit.pk, service.pk if service else None)].append(
                TrendPoint(
                    label=trend_label(each.kind, each.number, each.year),
                    kind=each.kind,
                    number=each.number,
                    year=each.year,
                    value=text(index, 2),
                )
            )
    parts = []
    for unit, service, tally, state in _satisfaction_rows(
        units, services, of_period(current), minimum, withheld_in(current)
    ):
        suppressed = state.reason.value if isinstance(state, rules.Suppressed) else None
        shown_figures = ikm_of(tally, state)
        key = (unit.pk, service.pk if service else None)
        parts.append(
            SatisfactionPart(
                unit_id=unit.pk,
                service_id=key[1],
                service_name=service.name if service else unit.name,
                respondents=None if suppressed else tally.respondents,
                ikm=text(shown_figures.ikm.index_100, 2) if shown_figures else None,
                grade=(
                    str(shown_figures.ikm.grade)
                    if shown_figures and shown_figures.ikm.grade is not None
                    else None
                ),
                weakest=[str(e) for e in shown_figures.weakest] if shown_figures else [],
                suppressed=suppressed,
                trend=trend.get(key, []),
            )
        )
    return parts


# --- complaints and forums ------------------------------------------------------------------


def _complaint_units(agency) -> list[Unit]:
    """The service units whose complaints are published: the highest of each branch, so that
    no complaint is counted in two of them."""
    units = list(
        Unit.objects.filter(agency=agency, is_service_unit=True, is_active=True).order_by("path")
    )
    kept: list[Unit] = []
    for unit in units:
        if not any(unit.path.startswith(other.path) for other in kept):
            kept.append(unit)
    return kept


def _agency_complaints(agency, start, end, today):
    rows = list(
        Complaint.objects.filter(
            agency=agency, received_on__gte=start, received_on__lte=end
        ).values_list("channel", "category", "received_on", "due_on", "first_answered_on")
    )
    off = days_off(agency.pk, start, max(end, today)) if rows else frozenset()
    return complaint_rules.figures(
        [
            complaint_rules.Case(
                complaint_rules.Channel(channel),
                received_on,
                due,
                answered,
                complaint_rules.Category(category),
            )
            for channel, category, received_on, due, answered in rows
        ],
        today,
        off,
    )


def _complaint_part(unit_id, found, state) -> ComplaintsPart:
    suppressed = state.reason.value if isinstance(state, rules.Suppressed) else None
    median = found.median_working_days
    return ComplaintsPart(
        unit_id=unit_id,
        received=None if suppressed else found.received,
        answered=None if suppressed else found.answered,
        answered_on_time=None if suppressed else found.answered_on_time,
        median_days=(None if suppressed or median is None else text(Decimal(str(median)), 1)),
        suppressed=suppressed,
    )


def _complaints_received(agency, units, year: int) -> dict[tuple, int]:
    """The complaints received in `year` by (published unit id or OTHER, year, month): counted
    by unit and month in the database, each unit then given to the published unit above it."""
    by_path = {unit.path: unit.pk for unit in units}
    counts: dict[tuple, int] = defaultdict(int)
    rows = (
        Complaint.objects.filter(agency=agency, received_on__year=year)
        .values_list("unit__path", "received_on__month")
        .annotate(n=Count("id"))
        .order_by()
    )
    for path, month, n in rows:
        prefixes = [path[: i + 1] for i, ch in enumerate(path or "") if ch == "/"]
        owner = next((by_path[p] for p in prefixes if p in by_path), OTHER)
        counts[(owner, year, month)] += n
    return counts


def _complaint_parts(period, agency, minimum, today, found) -> list[ComplaintsPart]:
    start, end = period.start_date, period.end_date
    units = _complaint_units(agency)
    per_unit = {unit.pk: unit_figures(unit, start, end, today) for unit in units}
    total = _agency_complaints(agency, start, end, today)
    received = over_time.by_column(found, _complaints_received(agency, units, period.year))
    withheld = over_time.complaints_withheld(found, list(per_unit), received, minimum)
    current = _survey_period(period)
    parts = [
        _complaint_part(
            pk,
            figures,
            rules.shown(
                True, figures.received, minimum, protects_another=(pk, current) in withheld
            ),
        )
        for pk, figures in per_unit.items()
    ]
    parts.append(
        _complaint_part(
            None,
            total,
            rules.shown(
                True, total.received, minimum, protects_another=(None, current) in withheld
            ),
        )
    )
    return parts


def _forum_parts(period, agency) -> list[ForumsPart]:
    forums = (
        Forum.objects.filter(
            agency=agency,
            status=ForumStatus.PUBLISHED,
            held_on__gte=period.start_date,
            held_on__lte=period.end_date,
        )
        .values("unit_id")
        .annotate(
            forums=Count("id", distinct=True),
        )
        .order_by("unit__path")
    )
    counts = {
        row["unit_id"]: row
        for row in Forum.objects.filter(
            agency=agency,
            status=ForumStatus.PUBLISHED,
            held_on__gte=period.start_date,
            held_on__lte=period.end_date,
        )
        .values("unit_id")
        .annotate(
            n_commitments=Count("commitments"),
            n_done=Count("commitments", filter=Q(commitments__status=CommitmentStatus.DONE)),
        )
        .order_by()
    }
    on_time = defaultdict(int)
    for unit_id, done_on, due in Forum.objects.filter(
        agency=agency,
        status=ForumStatus.PUBLISHED,
        held_on__gte=period.start_date,
        held_on__lte=period.end_date,
        commitments__status=CommitmentStatus.DONE,
    ).values_list("unit_id", "commitments__done_on", "commitments__due_date"):
        if done_on is not None and done_on <= due:
            on_time[unit_id] += 1
    return [
        ForumsPart(
            unit_id=row["unit_id"],
            forums=row["forums"],
            commitments=counts[row["unit_id"]]["n_commitments"],
            done=counts[row["unit_id"]]["n_done"],
            done_on_time=on_time[row["unit_id"]],
        )
        for row in forums
    ]


# --- the whole ------------------------------------------------------------------------------


def build_snapshot(period, *, actor=None, today: datetime.date | None = None) -> Snapshot:
    """The public figures of an agency's period, as `kinerja.portal.snapshot` documents them.

    `actor` is who publishes: the signatory's office is theirs (their name only when the
    agency shows signatories' names). `today` is the day complaints are counted on.
    """
    period = Period.objects.select_related("performance_year__agency").get(pk=period.pk)
    py = period.performance_year
    agency = py.agency
    today = today or timezone.localdate()
    settings = portal_settings(agency)
    minimum = settings.minimum_group
    places = py.capaian_places
    indicators = _indicators(py)
    goals, agency_capaian = _goal_parts(period, indicators, places)
    # The year's other publications, and the year before's, which the trends reach back to.
    families = {year: over_time.family(period, agency, year) for year in (py.year - 1, py.year)}
    satisfaction = _satisfaction_parts(period, agency, minimum, families)
    complaints = _complaint_parts(period, agency, minimum, today, families[py.year])
    forums = _forum_parts(period, agency)
    wanted = (
        {i.goal.owner_unit_id for i in indicators}
        | {row["unit_id"] for row in satisfaction}
        | {row["unit_id"] for row in complaints if row["unit_id"]}
        | {row["unit_id"] for row in forums}
    )
    units = _units(agency, wanted)
    viewer = as_viewer(actor)
    name = None
    if settings.show_signatory_names and viewer is not None:
        name = getattr(viewer.user, "full_name", "") or None
    start, end = period.start_date, period.end_date
    return Snapshot(
        schema=SCHEMA_VERSION,
        agency={"code": agency.code, "name": agency.name, "region_name": agency.region_name},
        period={
            "kind": period.kind,
            "number": period.number,
            "year": period.year,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
        minimum_group=minimum,
        category_bands=list(lkjip_settings(py).category_bands),
        signatory=Signatory(office=publisher_office(actor, agency), name=name),
        capaian=agency_capaian,
        units=_unit_parts(period, units, settings, places),
        goals=goals,
        indicators=_indicator_parts(period, indicators, places),
        satisfaction=satisfaction,
        complaints=complaints,
        forums=forums,
    )
