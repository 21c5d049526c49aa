"""Writes of the LKjIP settings of a performance year: its category bands."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.numbers import DecimalBounds, parse_decimal
from kinerja.iku import permissions, rules
from kinerja.iku.models import LkjipSettings, PerformanceYear
from kinerja.iku.models.calendar import bands_to_json

MAX_BANDS = 10
MAX_LABEL = 60
# A percentage from 0 to 9999.99 (a capaian may pass 100 %).
LOWER_BOUNDS = DecimalBounds(max_digits=6, decimal_places=2, min_value=0)


def _invalid(message: str, code: str) -> ValidationError:
    return ValidationError({"bands": ValidationError(message, code=code)})


def _lower(value, label: str) -> Decimal:
    try:
        number = parse_decimal(value, LOWER_BOUNDS)
    except ValidationError:
        number = None
    if number is None:
        raise _invalid(
            _(
                "The lower bound of %(label)s must be a number from 0 to 9999.99 "
                "with at most 2 decimals."
            )
            % {"label": label},
            "band_lower_invalid",
        )
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def clean_category_bands(rows) -> tuple[rules.Band, ...]:
    """Check a category table entered by BKPSDM; ValidationError (field "bands") otherwise.

    domain.md §2.3: the bands are local. Rows come from the lowest band up, each
    {"label", "lower", "lower_inclusive"}: labels non-empty and distinct, the first band from 0
    inclusive, bounds rising without overlap (a shared bound only as "≥ x" then "> x").
    """
    rows = list(rows)
    if not rows:
        raise _invalid(_("Enter at least one category."), "bands_empty")
    if len(rows) > MAX_BANDS:
        raise _invalid(
            _("Enter at most %(count)s categories.") % {"count": MAX_BANDS}, "bands_too_many"
        )
    bands = []
    for number, row in enumerate(rows, start=1):
        label = str(row.get("label") or "").strip()
        if not label:
            raise _invalid(
                _("Category %(number)s needs a label.") % {"number": number}, "band_label_missing"
            )
        if len(label) > MAX_LABEL:
            raise _invalid(
                _("The label %(label)s is longer than %(count)s characters.")
                % {"label": label[:20], "count": MAX_LABEL},
                "band_label_too_long",
            )
        if row.get("lower") in (None, ""):
            raise _invalid(
                _("Enter the lower bound of %(label)s.") % {"label": label}, "band_lower_missing"
            )
        lower = _lower(row["lower"], label)
        bands.append(rules.Band(label, lower, bool(row.get("lower_inclusive", True))))
    first = bands[0]
    if first.lower != 0 or not first.lower_inclusive:
        raise _invalid(
            _("The lowest category must start at 0, inclusive (≥ 0)."), "bands_start_at_zero"
        )
    for below, above in pairwise(bands):
        rises = above.lower > below.lower
        single_value = (
            above.lower == below.lower and below.lower_inclusive and not above.lower_inclusive
        )
        if not (rises or single_value):
            raise _invalid(
                _(
                    "The categories must go from the lowest up without overlap: %(above)s "
                    "(%(above_bound)s) cannot follow %(below)s (%(below_bound)s)."
                )
                % {
                    "above": above.label,
                    "above_bound": above.describe(),
                    "below": below.label,
                    "below_bound": below.describe(),
                },
                "bands_overlap",
            )
    labels = [band.label.casefold() for band in bands]
    duplicate = next(
        (b.label for b, key in zip(bands, labels, strict=True) if labels.count(key) > 1), None
    )
    if duplicate is not None:
        raise _invalid(
            _("The label %(label)s is used twice.") % {"label": duplicate},
            "band_label_duplicate",
        )
    return rules.validate_bands(bands)


@transaction.atomic
def lkjip_bands_update(*, actor, performance_year: PerformanceYear, bands) -> LkjipSettings:
    """Set the LKjIP category bands of an agency's year (BKPSDM and the planning agency)."""
    py = (
        PerformanceYear.objects.select_for_update()
        .select_related("agency")
        .get(pk=performance_year.pk)
    )
    require(
        actor,
        lambda v: permissions.can_configure_year(v, py.agency),
        _("Only BKPSDM and the planning agency may change the LKjIP categories."),
    )
    table = clean_category_bands(bands)
    settings_row = LkjipSettings.objects.filter(performance_year=py).first()
    if settings_row is None:
        settings_row = LkjipSettings(performance_year=py)
    before = {"year": py.year, "category_bands": settings_row.category_bands}
    after = {"year": py.year, "category_bands": bands_to_json(table)}
    if before == after and settings_row.pk is not None:
        return settings_row
    settings_row.category_bands = after["category_bands"]
    settings_row.full_clean()
    settings_row.save()
    audit.record(
        actor=audit_actor(actor),
        action="iku.lkjip_bands.changed",
        obj=settings_row,
        agency=py.agency,
        before=before,
        after=after,
    )
    return settings_row
