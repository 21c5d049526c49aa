"""Computing capaian per indicator, goal and unit, and deciding the organisation predikat."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.accounts.actors import as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.numbers import DecimalBounds, fit_decimal
from kinerja.iku import permissions, rules
from kinerja.iku.models import (
    AgreementLine,
    AgreementStatus,
    AnnualTarget,
    DecisionStatus,
    GoalResult,
    Indicator,
    IndicatorResult,
    OrgPredikatChoice,
    OrgPredikatDecision,
    PerformanceAgreement,
    PerformanceYear,
    PeriodTarget,
    Realisation,
    RealisationStatus,
    ResultsComputation,
    TargetShapeChoice,
    UnitResult,
)
from kinerja.iku.selectors import expected_periods, leader_position_id

logger = logging.getLogger(__name__)

BATCH = 500
# CAPAIAN_DIGITS leave 10 digits before the point; a larger percentage is a data error.
_CAPAIAN_LIMIT = Decimal(10) ** 10


_RESULT_REALISATION = DecimalBounds.of(IndicatorResult, "realisation")


def _storable(value: Decimal | None) -> Decimal | None:
    return value if value is None or abs(value) < _CAPAIAN_LIMIT else None


def _signed_agreement_targets(agency_id: int, year: int) -> dict[int, tuple]:
    """Targets of the PK versions in force (highest signed version per unit)."""
    latest: dict[int, tuple[int, int]] = {}
    for unit_id, version, pk in PerformanceAgreement.objects.filter(
        agency_id=agency_id, year=year, status=AgreementStatus.SIGNED
    ).values_list("unit_id", "version", "pk"):
        if unit_id not in latest or version > latest[unit_id][0]:
            latest[unit_id] = (version, pk)
    agreement_ids = [pk for _version, pk in latest.values()]
    if not agreement_ids:
        return {}
    return {
        indicator_id: (target, high)
        for indicator_id, target, high in AgreementLine.objects.filter(
            agreement_id__in=agreement_ids
        ).values_list("indicator_id", "target", "target_high")
    }


def _sync(model, key_fields, existing: dict, computed: dict, fields: list[str], now) -> tuple:
    """Bulk-create new rows, bulk-update changed ones, delete the ones no longer computed."""
    to_create, to_update = [], []
    for key, values in computed.items():
        row = existing.get(key)
        if row is None:
            to_create.append(
                model(**dict(zip(key_fields, key, strict=True)), **values, computed_at=now)
            )
        elif any(getattr(row, name) != values[name] for name in fields):
            for name in fields:
                setattr(row, name, values[name])
            row.computed_at = now
            to_update.append(row)
    stale = [row.pk for key, row in existing.items() if key not in computed]
    if to_create:
        model.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        model.objects.bulk_update(to_update, [*fields, "computed_at"], batch_size=BATCH)
    if stale:
        model.objects.filter(pk__in=stale).delete()
    return len(to_create), len(to_update), len(stale)


def _year_indicators(agency, year: int) -> list[tuple]:
    """(pk, goal id, unit id, polarity, shape, formula, consolidation, frequency) of the
    indicators measured in the year."""
    return list(
        Indicator.objects.filter(
            agency=agency,
            is_active=True,
            goal__is_active=True,
            goal__plan_start_year__lte=year,
            goal__plan_end_year__gte=year,
        ).values_list(
            "pk",
            "goal_id",
            "goal__owner_unit_id",
            "polarity",
            "target_shape",
            "lower_is_better_formula",
            "consolidation",
            "reporting_frequency",
        )
    )


def _year_figures(py, agency) -> tuple[dict, dict, dict]:
    """Annual targets (the PK in force wins), period targets and verified realisations."""
    annual_targets = {
        i: (v, h)
        for i, v, h in AnnualTarget.objects.filter(
            indicator__agency=agency, year=py.year
        ).values_list("indicator_id", "value", "value_high")
    }
    annual_targets.update(_signed_agreement_targets(agency.pk, py.year))
    period_targets = {
        (i, p): (v, h)
        for i, p, v, h in PeriodTarget.objects.filter(period__performance_year=py).values_list(
            "indicator_id", "period_id", "value", "value_high"
        )
    }
    realised = {
        (i, p): v
        for i, p, v in Realisation.objects.filter(
            period__performance_year=py, status=RealisationStatus.VERIFIED
        ).values_list("indicator_id", "period_id", "value")
    }
    return annual_targets, period_targets, realised


def _indicator_rows(indicators, periods, figures, options) -> tuple[dict, dict, dict]:
    """Per indicator and period: target, realisation, capaian and, for the year, the period
    reports behind it. Returns (rows by (indicator, period), rules.Figure lists by
    (goal, period), unit by (goal, period))."""
    annual_targets, period_targets, realised = figures
    sub_periods = [p for p in periods if not p.is_annual]
    annual = next(p for p in periods if p.is_annual)
    rows: dict[tuple[int, int], dict] = {}
    by_goal: dict[tuple[int, int], list] = defaultdict(list)
    unit_of: dict[tuple[int, int], tuple[int, int]] = {}
    for pk, goal_id, unit_id, polarity, shape, formula, consolidation, frequency in indicators:

        def compute(target, realisation, polarity=polarity, shape=shape, formula=formula):
            if target is None:
                return None
            low, high = target
            return _storable(
                rules.capaian(
                    low,
                    realisation,
                    polarity,
                    target_shape=shape,
                    target_high=high if shape == TargetShapeChoice.RANGE else None,
                    lower_is_better_formula=formula,
                    **options,
                )
            )

        for period in sub_periods:
            target = period_targets.get((pk, period.pk))
            realisation = realised.get((pk, period.pk))
            value = compute(target, realisation)
            rows[(pk, period.pk)] = _indicator_row(target, realisation, value, None, None)
            by_goal[(goal_id, period.pk)].append(rules.Figure(value))
            unit_of[(goal_id, period.pk)] = (unit_id, period.pk)
        expected = expected_periods(frequency, periods)
        if (pk, annual.pk) in realised:
            realisation = realised[(pk, annual.pk)]
        else:
            # A sum or a mean of storable figures may itself have too many digits to store.
            realisation = fit_decimal(
                rules.consolidate([realised.get((pk, p.pk)) for p in sub_periods], consolidation),
                _RESULT_REALISATION,
            )
        # A figure verified on the year itself covers it; else count the periods reported
        # (a verified "not available" has no figure and is not reported).
        if realised.get((pk, annual.pk)) is not None:
            reported = len(expected)
        else:
            reported = sum(1 for p in expected if realised.get((pk, p.pk)) is not None)
        target = annual_targets.get(pk)
        value = compute(target, realisation)
        rows[(pk, annual.pk)] = _indicator_row(target, realisation, value, reported, len(expected))
        by_goal[(goal_id, annual.pk)].append(rules.Figure(value, reported, len(expected)))
        unit_of[(goal_id, annual.pk)] = (unit_id, annual.pk)
    return rows, by_goal, unit_of


def _indicator_row(target, realisation, value, reported, expected) -> dict:
    return {
        "target": target[0] if target else None,
        "target_high": target[1] if target else None,
        "realisation": realisation,
        "capaian": value,
        "periods_reported": reported,
        "periods_expected": expected,
    }


def _rolled_row(row: rules.RolledUp, count_field: str) -> dict:
    return {
        "capaian": row.capaian,
        count_field: row.count,
        "periods_reported": row.reported,
        "periods_expected": row.expected,
    }


COVERAGE_FIELDS = ["periods_reported", "periods_expected"]


@transaction.atomic
def capaian_recompute_year(*, actor, agency, year: int, only_if_pending: bool = False) -> dict:
    """Recompute every capaian of an agency's year and refresh the predikat proposals.

    Per indicator and evaluation period: capaian of the verified realisation against the period
    (trajectory) target; a period without a trajectory target has no capaian. For the year: the
    realisation entered on the annual period, or else the period realisations consolidated by the
    indicator's rule (sum, average, last), against the target of the PK in force, or else the
    annual target; with how many of the indicator's expected period reports were in (partial
    while some are not). A goal's capaian is the mean of its indicators', a unit's the mean of
    its goals' (`rules.roll_up`, domain.md §2.3). Only verified realisations count. Decided
    predikat are kept.

    A fixed number of queries whatever the number of indicators (bulk reads and writes).
    The year's ResultsComputation records `computed_at`: the moment the data were read, after
    the year's lock. With `only_if_pending` (the task) nothing is done when no request came
    after the last computation: a burst of verifications is computed once.
    """
    py = PerformanceYear.objects.select_for_update().get(agency=agency, year=year)
    py.agency = agency
    require(
        actor,
        lambda v: permissions.can_recompute(v, agency),
        _("Only BKPSDM and the planning agency may recompute capaian."),
    )
    if only_if_pending:
        status = ResultsComputation.objects.filter(performance_year=py).first()
        if status is not None and not status.is_pending:
            return {"skipped": True}
    now = timezone.now()
    _record_time(py.pk, "computed_at", now)
    options = py.capaian_options()
    periods = sorted(py.periods.all(), key=lambda p: (p.is_annual, p.end_date))
    indicator_rows, by_goal, unit_of = _indicator_rows(
        _year_indicators(agency, year), periods, _year_figures(py, agency), options
    )
    goals, units = rules.roll_up(
        by_goal, unit_of, places=options["places"], rounding=options["rounding"]
    )
    goal_rows = {key: _rolled_row(row, "indicator_count") for key, row in goals.items()}
    unit_rows = {key: _rolled_row(row, "goal_count") for key, row in units.items()}

    counts = {}
    counts["indicator"] = _sync(
        IndicatorResult,
        ("indicator_id", "period_id"),
        {
            (r.indicator_id, r.period_id): r
            for r in IndicatorResult.objects.filter(period__performance_year=py)
        },
        indicator_rows,
        ["target", "target_high", "realisation", "capaian", *COVERAGE_FIELDS],
        now,
    )
    counts["goal"] = _sync(
        GoalResult,
        ("goal_id", "period_id"),
        {
            (r.goal_id, r.period_id): r
            for r in GoalResult.objects.filter(period__performance_year=py)
        },
        goal_rows,
        ["capaian", "indicator_count", *COVERAGE_FIELDS],
        now,
    )
    counts["unit"] = _sync(
        UnitResult,
        ("unit_id", "period_id"),
        {
            (r.unit_id, r.period_id): r
            for r in UnitResult.objects.filter(period__performance_year=py)
        },
        unit_rows,
        ["capaian", "goal_count", *COVERAGE_FIELDS],
        now,
    )
    counts["proposals"] = _refresh_proposals(py, unit_rows, py.bands, now)
    summary = {
        name: {"created": c[0], "updated": c[1], "deleted": c[2]} for name, c in counts.items()
    }
    audit.record(
        actor=audit_actor(actor),
        action="iku.capaian.recomputed",
        obj=py,
        agency=agency,
        after={"year": year, **summary},
    )
    return summary


# --- recompute in the background -----------------------------------------------------------------


def _record_time(performance_year_id: int, field: str, moment) -> None:
    """Set `requested_at` or `computed_at` of the year in one upsert (safe when concurrent)."""
    ResultsComputation.objects.bulk_create(
        [ResultsComputation(performance_year_id=performance_year_id, **{field: moment})],
        update_conflicts=True,
        unique_fields=["performance_year"],
        update_fields=[field],
    )


def _mark_requested(performance_year_id: int) -> None:
    _record_time(performance_year_id, "requested_at", timezone.now())


# How a recompute is queued: (performance_year_id, user_id, language). The task module
# (`kinerja.iku.tasks`) registers it when the app is ready, so that this service, which the task
# runs, never imports the task module.
_enqueue_recompute: Callable[[int, int | None, str], object] | None = None


def register_recompute_task(enqueue: Callable[[int, int | None, str], object]) -> None:
    """Set how a scheduled recompute is queued (called by `kinerja.iku.apps`)."""
    global _enqueue_recompute
    _enqueue_recompute = enqueue


def _request_and_enqueue(performance_year_id: int, user_id: int | None, language: str) -> None:
    if _enqueue_recompute is None:
        raise RuntimeError("No recompute task registered: is kinerja.iku installed?")
    # Marked after the change committed, so a computation that started earlier (and did not
    # see the change) ends before the request and leaves it pending.
    _mark_requested(performance_year_id)
    _enqueue_recompute(performance_year_id, user_id, language)


def _already_scheduled(key: tuple) -> bool:
    """Whether the current transaction already schedules a recompute of the year.

    Django keeps the callbacks of the open transaction in `run_on_commit` as (savepoints,
    callback, robust); a rolled-back savepoint drops its callbacks from it, so the marker below
    never outlives the callback it marks. A BKPSDM request with a user id is never merged into
    a system one: it is checked and audited in the user's name.
    """
    pending = getattr(transaction.get_connection(), "run_on_commit", None) or []
    return any(
        getattr(entry[1], "iku_recompute_year", None) == key
        and not getattr(entry[1], "iku_ran", False)
        for entry in pending
    )


def capaian_recompute_schedule(*, performance_year_id: int, user_id=None, language="") -> None:
    """Recompute the year's results in a task once the current transaction commits.

    Called by the services whose writes change capaian (verifying and correcting a
    realisation): the recompute is their consequence and runs as the system (`user_id` None).
    Several calls in one transaction schedule one task.
    """
    key = (performance_year_id, user_id)
    if _already_scheduled(key):
        return
    language = language or translation.get_language() or settings.LANGUAGE_CODE

    def callback():
        # Marked as run for tests, which run callbacks without taking them off the list.
        callback.iku_ran = True
        _request_and_enqueue(performance_year_id, user_id, language)

    callback.iku_recompute_year = key
    transaction.on_commit(callback)


def capaian_recompute_request(*, actor, performance_year: PerformanceYear) -> None:
    """BKPSDM (or the planning agency) asks for a recompute of the year now.

    The task re-checks the permission when it runs; the recompute's own audit event names the
    actor.
    """
    viewer = require(
        actor,
        lambda v: permissions.can_recompute(v, performance_year.agency),
        _("Only BKPSDM and the planning agency may recompute capaian."),
    )
    user_id = viewer.user.pk if viewer is not None else None
    capaian_recompute_schedule(performance_year_id=performance_year.pk, user_id=user_id)


def capaian_recompute_run(performance_year_id: int, *, user_id: int | None, language: str = ""):
    """The body of the recompute task: reload, re-check the requester, compute if pending.

    `user_id` None: the system, after a verified change. Otherwise the user who asked must
    still be allowed to recompute (roles can change between the request and the run):
    PermissionDeniedError otherwise, which fails the task.
    """
    from kinerja.accounts.models import User

    py = PerformanceYear.objects.select_related("agency").filter(pk=performance_year_id).first()
    if py is None:
        return {"skipped": True}
    with translation.override(language or settings.LANGUAGE_CODE):
        actor = None
        if user_id is not None:
            user = User.objects.filter(pk=user_id, is_active=True).first()
            actor = as_viewer(user) if user is not None else None
            if actor is None or not permissions.can_recompute(actor, py.agency):
                logger.warning("recompute of %s refused: user %s may not recompute", py, user_id)
                raise PermissionDeniedError(
                    _("Only BKPSDM and the planning agency may recompute capaian.")
                )
        return capaian_recompute_year(
            actor=actor, agency=py.agency, year=py.year, only_if_pending=True
        )


def _refresh_proposals(py, unit_rows: dict, bands, now) -> tuple:
    existing = {
        (d.unit_id, d.period_id): d
        for d in OrgPredikatDecision.objects.filter(period__performance_year=py)
    }
    to_create, to_update = [], []
    for (unit_id, period_id), values in unit_rows.items():
        capaian = values["capaian"]
        proposed = rules.org_predikat(capaian, bands) if capaian is not None else ""
        coverage = {name: values[name] for name in COVERAGE_FIELDS}
        decision = existing.get((unit_id, period_id))
        if decision is None:
            if capaian is None:
                continue
            to_create.append(
                OrgPredikatDecision(
                    unit_id=unit_id,
                    period_id=period_id,
                    capaian=capaian,
                    proposed=proposed,
                    proposed_at=now,
                    **coverage,
                )
            )
        elif not decision.is_decided and (
            decision.capaian != capaian
            or decision.proposed != proposed
            or any(getattr(decision, name) != value for name, value in coverage.items())
        ):
            decision.capaian, decision.proposed, decision.proposed_at = capaian, proposed, now
            for name, value in coverage.items():
                setattr(decision, name, value)
            to_update.append(decision)
    if to_create:
        OrgPredikatDecision.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        OrgPredikatDecision.objects.bulk_update(
            to_update, ["capaian", "proposed", "proposed_at", *COVERAGE_FIELDS], batch_size=BATCH
        )
    return len(to_create), len(to_update), 0


DECISION_FIELDS = [
    "unit",
    "period",
    "capaian",
    "proposed",
    "predikat",
    "status",
    "reason",
    "decided_by",
    "decided_by_label",
    "decided_on",
]


def partial_year_message(result) -> str:
    """Why a proposal computed while periods were unreported cannot be decided yet."""
    return _(
        "Partial: %(reported)s of %(expected)s period reports are in. The annual predikat is "
        "decided once every period is reported and the capaian recomputed."
    ) % {"reported": result.periods_reported, "expected": result.periods_expected}


@transaction.atomic
def org_predikat_decide(
    *,
    actor,
    decision: OrgPredikatDecision,
    predikat: str,
    reason: str = "",
    issued_on: datetime.date | None = None,
) -> OrgPredikatDecision:
    """The next-higher leader confirms Kinerja's proposal or sets another predikat with a reason.

    PermenPANRB 6/2022 p.92-94; SE MenPANRB 3/2023 leaves the mapping to the higher leader.
    The decision is final; `issued_on` (default today) decides the annual fallback rule. A
    proposal computed while periods were still unreported (partial) is refused: a year is
    never decided on the periods that happen to be in.
    """
    decision = (
        OrgPredikatDecision.objects.select_for_update()
        .select_related("unit__agency", "period")
        .get(pk=decision.pk)
    )
    unit = decision.unit
    leader_position = leader_position_id(unit)
    viewer = require(
        actor,
        lambda v: permissions.can_decide_org_predikat(v, unit, leader_position_id=leader_position),
        _("Only the next-higher leader decides the predikat of this unit."),
    )
    if decision.is_decided:
        raise ImmutableRecordError(_("The predikat of this period has already been decided."))
    if decision.is_partial:
        raise ValidationError(partial_year_message(decision), code="partial")
    if predikat not in OrgPredikatChoice.values:
        raise ValidationError({"predikat": _("Choose one of the five predikat.")})
    changed = predikat != decision.proposed
    if changed and not reason.strip():
        raise ValidationError(
            {"reason": _("Give the reason for a predikat other than the proposed one.")}
        )
    issued_on = issued_on or (viewer.today if viewer else timezone.localdate())
    if issued_on < decision.period.start_date:
        raise ValidationError({"issued_on": _("The predikat cannot be issued before the period.")})
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.predikat = predikat
    decision.status = DecisionStatus.CHANGED if changed else DecisionStatus.CONFIRMED
    decision.reason = reason.strip()
    decision.decided_on = issued_on
    decision.decided_at = timezone.now()
    user = audit_actor(actor)
    decision.decided_by = user
    decision.decided_by_label = (
        audit.actor_label(user) if user is not None else unit.agency.head_title
    )[:300]
    decision.full_clean()
    decision.save()
    audit.record(
        actor=user,
        action="iku.org_predikat.changed" if changed else "iku.org_predikat.confirmed",
        obj=decision,
        agency=unit.agency,
        before=before,
        after=audit.snapshot(decision, DECISION_FIELDS),
        reason=decision.reason,
    )
    return decision


@transaction.atomic
def org_predikat_confirm_many(
    *, actor, decisions, issued_on: datetime.date | None = None
) -> list[OrgPredikatDecision]:
    """The leader accepts several proposals at once: each is confirmed as proposed and
    recorded on its own, all or none (a proposal decided meanwhile refuses the whole set)."""
    decisions = list(decisions)
    if not decisions:
        raise ValidationError({"decisions": _("Choose at least one proposal to confirm.")})
    return [
        org_predikat_decide(
            actor=actor, decision=decision, predikat=decision.proposed, issued_on=issued_on
        )
        for decision in sorted(decisions, key=lambda d: d.pk)
    ]
