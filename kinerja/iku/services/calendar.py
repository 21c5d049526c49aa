"""Writes of performance years, periods, the working-day calendar and agency settings."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.iku import permissions, rules
from kinerja.iku.models import (
    EvaluationPeriod,
    IkuAgencySettings,
    NonWorkingDay,
    NonWorkingDayKind,
    PerformanceYear,
    Period,
    PeriodKind,
)
from kinerja.iku.models.calendar import bands_from_json, bands_to_json

YEAR_FIELDS = [
    "year",
    "evaluation_period",
    "rule_set",
    "org_predikat_bands",
    "capaian_cap",
    "capaian_places",
    "capaian_rounding",
    "realisation_due_working_days",
    "annual_result_deadline",
]
YEAR_SETTINGS = set(YEAR_FIELDS) - {"year", "evaluation_period"}


def _validate_year(py: PerformanceYear) -> None:
    errors = {}
    if isinstance(py.org_predikat_bands, tuple | list) and all(
        isinstance(b, rules.Band) for b in py.org_predikat_bands
    ):
        py.org_predikat_bands = bands_to_json(py.org_predikat_bands)
    try:
        bands_from_json(py.org_predikat_bands)
    except (ValueError, TypeError) as error:
        errors["org_predikat_bands"] = _(
            "The band table is not valid: it must start at 0, rise from Sangat Kurang to "
            "Istimewa without overlap and use each predikat once (%(detail)s)."
        ) % {"detail": error}
    if py.capaian_places is not None and py.capaian_places > 4:
        errors["capaian_places"] = _("Capaian can have at most 4 decimals.")
    elif py.capaian_cap is not None:
        try:
            rules.capaian(
                100, 100, rules.Polarity.HIGHER, cap=py.capaian_cap, places=py.capaian_places
            )
        except ValueError:
            errors["capaian_cap"] = _(
                "The cap must be a positive percentage with no more decimals than the capaian."
            )
    if errors:
        raise ValidationError(errors)
    py.full_clean()


def _periods_for(py: PerformanceYear) -> list[Period]:
    year = py.year
    periods = []
    if py.evaluation_period == EvaluationPeriod.MONTHLY:
        for month in range(1, 13):
            last = stdlib_calendar.monthrange(year, month)[1]
            periods.append(
                Period(
                    performance_year=py,
                    kind=PeriodKind.MONTH,
                    number=month,
                    start_date=datetime.date(year, month, 1),
                    end_date=datetime.date(year, month, last),
                )
            )
    else:
        for quarter in range(1, 5):
            first_month = 3 * quarter - 2
            last_month = 3 * quarter
            last = stdlib_calendar.monthrange(year, last_month)[1]
            periods.append(
                Period(
                    performance_year=py,
                    kind=PeriodKind.QUARTER,
                    number=quarter,
                    start_date=datetime.date(year, first_month, 1),
                    end_date=datetime.date(year, last_month, last),
                )
            )
    periods.append(
        Period(
            performance_year=py,
            kind=PeriodKind.YEAR,
            number=1,
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year, 12, 31),
        )
    )
    return periods


@transaction.atomic
def performance_year_create(
    *, actor, agency, year: int, evaluation_period: str, **settings
) -> PerformanceYear:
    """Open a performance year and generate its periods (12 months or 4 quarters, plus the year)."""
    require(
        actor,
        lambda v: permissions.can_configure_year(v, agency),
        _("Only BKPSDM and the planning agency may open a performance year."),
    )
    unknown = set(settings) - YEAR_SETTINGS
    if unknown:
        raise TypeError(f"performance_year_create() got unexpected fields {sorted(unknown)}")
    py = PerformanceYear(agency=agency, year=year, evaluation_period=evaluation_period, **settings)
    _validate_year(py)
    py.save()
    Period.objects.bulk_create(_periods_for(py))
    audit.record(
        actor=audit_actor(actor),
        action="iku.year.created",
        obj=py,
        agency=agency,
        after=audit.snapshot(py, YEAR_FIELDS),
    )
    return py


@transaction.atomic
def performance_year_update(*, actor, performance_year: PerformanceYear, **changes):
    """Change the settings of a year. The evaluation period is fixed once periods exist."""
    py = (
        PerformanceYear.objects.select_for_update()
        .select_related("agency")
        .get(pk=performance_year.pk)
    )
    require(
        actor,
        lambda v: permissions.can_configure_year(v, py.agency),
        _("Only BKPSDM and the planning agency may change a performance year."),
    )
    unknown = set(changes) - YEAR_SETTINGS
    if unknown:
        raise TypeError(f"performance_year_update() got unexpected fields {sorted(unknown)}")
    before = audit.snapshot(py, YEAR_FIELDS)
    for key, value in changes.items():
        setattr(py, key, value)
    _validate_year(py)
    after = audit.snapshot(py, YEAR_FIELDS)
    if after == before:
        return py
    py.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.year.updated",
        obj=py,
        agency=py.agency,
        before=before,
        after=after,
    )
    return py


# --- working-day calendar -------------------------------------------------------------------------


@transaction.atomic
def non_working_day_add(
    *, actor, agency, date: datetime.date, name: str, kind: str = NonWorkingDayKind.AGENCY_DAY_OFF
) -> NonWorkingDay:
    require(
        actor,
        lambda v: permissions.can_edit_calendar(v, agency),
        _("Only BKPSDM may edit the working-day calendar."),
    )
    day = NonWorkingDay(agency=agency, date=date, name=name.strip(), kind=kind)
    try:
        day.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict or "date" in error.message_dict:
            raise ValidationError(
                {"date": _("%(date)s is already a day off.") % {"date": date.strftime("%d-%m-%Y")}}
            ) from None
        raise
    day.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.non_working_day.added",
        obj=day,
        agency=agency,
        after=audit.snapshot(day),
    )
    return day


@transaction.atomic
def non_working_day_remove(*, actor, day: NonWorkingDay) -> None:
    day = NonWorkingDay.objects.select_for_update().select_related("agency").get(pk=day.pk)
    require(
        actor,
        lambda v: permissions.can_edit_calendar(v, day.agency),
        _("Only BKPSDM may edit the working-day calendar."),
    )
    before = audit.snapshot(day)
    audit.record(
        actor=audit_actor(actor),
        action="iku.non_working_day.removed",
        obj=day,
        agency=day.agency,
        before=before,
    )
    day.delete()


@transaction.atomic
def national_holidays_load(
    *,
    actor,
    agency,
    holidays: Iterable[tuple[datetime.date, str]],
    kind: str = NonWorkingDayKind.NATIONAL_HOLIDAY,
) -> int:
    """Load a published list of national holidays (or cuti bersama) for an agency.

    Dates already in the calendar are left as they are; returns how many were added. The list
    is the government's joint decree (SKB) for the year; BKPSDM loads it once a year.
    """
    require(
        actor,
        lambda v: permissions.can_edit_calendar(v, agency),
        _("Only BKPSDM may edit the working-day calendar."),
    )
    rows = {}
    for date, name in holidays:
        rows.setdefault(date, name.strip())
    existing = set(
        NonWorkingDay.objects.filter(agency=agency, date__in=list(rows)).values_list(
            "date", flat=True
        )
    )
    new = [
        NonWorkingDay(agency=agency, date=date, name=name, kind=kind)
        for date, name in sorted(rows.items())
        if date not in existing
    ]
    for day in new:
        day.full_clean(validate_unique=False, validate_constraints=False)
    NonWorkingDay.objects.bulk_create(new)
    audit.record(
        actor=audit_actor(actor),
        action="iku.non_working_day.loaded",
        obj=agency,
        agency=agency,
        after={"kind": kind, "dates": [d.date.isoformat() for d in new]},
    )
    return len(new)


# --- agency settings ------------------------------------------------------------------------------


@transaction.atomic
def planning_unit_set(*, actor, agency, unit) -> IkuAgencySettings:
    """Designate the planning agency (Bappeda) whose staff oversee performance."""
    require(
        actor,
        lambda v: v.is_authenticated and v.agency_id == agency.pk and v.is_bkpsdm_admin,
        _("Only BKPSDM may designate the planning agency."),
    )
    from kinerja.core.choices import choose
    from kinerja.org.models import Unit

    unit = choose(
        Unit.objects.filter(agency_id=agency.pk),
        unit,
        field="planning_unit",
        message=_("There is no unit with this id."),
    )
    settings_row, _created = IkuAgencySettings.objects.select_for_update().get_or_create(
        agency=agency
    )
    before = audit.snapshot(settings_row)
    settings_row.planning_unit = unit
    settings_row.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.settings.planning_unit_set",
        obj=settings_row,
        agency=agency,
        before=before,
        after=audit.snapshot(settings_row),
    )
    return settings_row
