"""Shared by the demo generators: the bulk-insert batch and figures rounded as people write them."""

from decimal import ROUND_HALF_UP, Decimal

from kinerja.iku.models import FREQUENCY_MONTHS, ReportingFrequency

BATCH = 2000


def rounded(value: float, places: int) -> Decimal:
    """A generated figure, never negative, rounded half-up to the indicator's places."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(max(value, 0))).quantize(quantum, rounding=ROUND_HALF_UP)


def reported_periods(frequency: str, year_periods: list) -> list:
    """The periods an indicator reports on (as `iku.selectors.expected_periods`)."""
    if frequency == ReportingFrequency.ANNUAL:
        return [p for p in year_periods if p.is_annual]
    months = FREQUENCY_MONTHS[frequency]
    return [p for p in year_periods if not p.is_annual and p.end_date.month % months == 0]
