"""The demo regency's portal at the small size: months or quarters (the agency's evaluation
period) and years of two years published through the service, one publication corrected with
its reason, and every period left unpublished has a reason the staff page gives."""

from kinerja.demo.tests.seeded import TODAY
from kinerja.iku.models import PerformanceYear
from kinerja.portal.models import Publication, PublicationVersion
from kinerja.portal.selectors.staff import blocker_counts


def test_the_demo_published_periods_of_the_evaluation_kind_and_years(demo, db):
    publications = Publication.objects.filter(agency=demo.agency).select_related(
        "period__performance_year"
    )
    assert demo.counts["portal"]["annual"] == 2  # 2024 and 2025
    assert demo.counts["portal"]["published"] == publications.count() > 0
    kinds = {
        PerformanceYear.objects.get(pk=p.period.performance_year_id).evaluation_period
        for p in publications
    }
    expected = {"monthly": "month", "quarterly": "quarter"}
    assert {p.period.kind for p in publications} <= {"year", *(expected[k] for k in kinds)}
    assert publications.filter(period__kind="year").count() == demo.counts["portal"]["annual"]
    assert {p.period.year for p in publications} <= {2024, 2025, 2026}


def test_one_publication_was_corrected_with_its_reason(demo, db):
    corrections = PublicationVersion.objects.filter(publication__agency=demo.agency, version__gt=1)
    assert corrections.count() == 1
    assert corrections.get().reason
    assert corrections.get().snapshot["agency"]["code"] == demo.agency.code


def test_each_unpublished_period_has_a_reason(demo, db):
    from kinerja.iku.models import Period

    periods = list(
        Period.objects.filter(performance_year__agency=demo.agency, end_date__lt=TODAY)
        .filter(performance_year__year__gte=2024)
        .exclude(publication__isnull=False)
        .select_related("performance_year")
    )
    counts = blocker_counts(periods)
    assert all(counts[p.pk].blockers for p in periods)
