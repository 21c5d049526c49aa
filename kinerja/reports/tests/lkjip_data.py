"""A constructed LKjIP year at Dinas Kesehatan, with hand-computable numbers.

Plan 2024-2026. Two indicators of one sasaran, realisations entered on the annual periods:

- A, higher is better: target 2025 = 80, realisation 72, last year 65, final target (2026) 90.
- B, lower is better, (2T - R) / T: target 2025 = 10, realisation 12, last year 14, final 8.
"""

import datetime
from dataclasses import dataclass

from kinerja.iku.services import agreement as agreement_services
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import results as results_services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f

SIGNED_ON = datetime.date(2025, 2, 10)


@dataclass
class LkjipYear:
    personas: object
    performance_year: object
    goal: object
    higher: object
    lower: object


def verified(indicator, period, value):
    realisation = realisation_services.realisation_enter(
        actor=None, indicator=indicator, period=period, value=value
    )
    realisation_services.realisation_submit(actor=None, realisation=realisation)
    return realisation_services.realisation_verify(actor=None, realisation=realisation)


def add_indicator(goal, name, polarity, targets: dict, realisations: dict, years: dict):
    indicator = f.indicator(goal, name, polarity, "last", reporting_frequency="annual")
    for year, value in targets.items():
        tree_services.target_set(actor=None, indicator=indicator, year=year, value=value)
    for year, value in realisations.items():
        verified(indicator, years[year].periods.get(kind="year"), value)
    return indicator


def build_lkjip_year(personas) -> LkjipYear:
    years = {
        2024: f.performance_year(personas.agency, 2024),
        2025: f.performance_year(personas.agency, 2025),
    }
    goal = f.goal(
        personas,
        "dinkes",
        statement="Meningkatnya derajat kesehatan masyarakat",
        plan_start_year=2024,
        plan_end_year=2026,
    )
    higher = add_indicator(
        goal,
        "Cakupan imunisasi dasar lengkap",
        "higher",
        {2025: 80, 2026: 90},
        {2024: 65, 2025: 72},
        years,
    )
    lower = add_indicator(
        goal,
        "Angka kematian bayi",
        "lower",
        {2025: 10, 2026: 8},
        {2024: 14, 2025: 12},
        years,
    )
    for year in (2024, 2025):
        results_services.capaian_recompute_year(actor=None, agency=personas.agency, year=year)
    return LkjipYear(personas, years[2025], goal, higher, lower)


def build_yankes_agreement(personas):
    """A signed PK of the Bidang Pelayanan Kesehatan (kabid with kadinkes) for 2025, whose
    performance year must exist."""
    goal = f.goal(personas, "yankes", statement="Meningkatnya mutu pelayanan kesehatan")
    first = f.indicator(goal, "Persentase puskesmas terakreditasi")
    second = f.indicator(goal, "Rasio rujukan", polarity="lower", consolidation="average")
    tree_services.target_set(actor=None, indicator=first, year=2025, value=95)
    tree_services.target_set(actor=None, indicator=second, year=2025, value=10)
    unit = personas.units["yankes"]
    agreement = agreement_services.agreement_create(actor=None, unit=unit, year=2025)
    agreement_services.agreement_line_add(
        actor=None,
        agreement=agreement,
        indicator=first,
        budget_amount="150000000.00",
        budget_line="Program Pemenuhan Upaya Kesehatan",
    )
    agreement_services.agreement_line_add(
        actor=None, agreement=agreement, indicator=second, target=8
    )
    for party in ("first", "second"):
        agreement = agreement_services.agreement_sign(
            actor=None, agreement=agreement, party=party, signed_on=SIGNED_ON
        )
    return agreement
