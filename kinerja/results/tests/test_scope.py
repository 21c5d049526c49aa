"""Leaders read results through the plan of the record's year, not through the person: a
leader who reads this year's plan reads this year's realisations and semesters, not those of
a year whose plan they do not read."""

import pytest

from kinerja.results import selectors
from kinerja.results.models import SemesterResult
from kinerja.results.selectors import study
from kinerja.results.tests.data import D, plans, quarter, viewer
from kinerja.results.tests.study_world import semester, study_leave

pytestmark = pytest.mark.django_db

TODAY = D(2026, 5, 4)


def test_a_leader_reads_the_realisations_of_the_year_whose_plan_they_read_only(personas):
    chain = plans(personas)
    from kinerja.results import services
    from kinerja.results.tests.data import indicator_of
    from kinerja.skp.models import Skp

    realisation = services.realisation_save(
        actor=viewer(personas, "staf", TODAY),
        employee=personas.employees["staf"],
        period=quarter(personas, 1),
        indicator_key=indicator_of(chain["staf"]).key,
        value="5",
    )
    kadinkes = viewer(personas, "kadinkes", TODAY)
    assert selectors.realisations_visible_to(kadinkes).filter(pk=realisation.pk).exists()
    # The plan the kadinkes reads is of another year now: the person is not enough.
    Skp.objects.filter(employee=personas.employees["staf"], year=2026).update(year=2027)
    assert not selectors.realisations_visible_to(kadinkes).filter(pk=realisation.pk).exists()
    for who in ("staf", "kasi", "bkpsdm"):  # the employee, the rater of record, BKPSDM
        seen = selectors.realisations_visible_to(viewer(personas, who, TODAY))
        assert seen.filter(pk=realisation.pk).exists(), who


def test_a_leader_reads_the_semesters_of_the_year_whose_plan_they_read_only(personas):
    plans(personas)
    study_leave(personas)
    result = semester(personas, quarter(personas, 1), 1, "3.40")
    kadinkes = viewer(personas, "kadinkes", TODAY)
    assert study.semesters_visible_to(kadinkes).filter(pk=result.pk).exists()
    from kinerja.skp.models import Skp

    Skp.objects.filter(employee=personas.employees["staf"], year=2026).update(year=2027)
    assert not study.semesters_visible_to(kadinkes).filter(pk=result.pk).exists()
    assert SemesterResult.objects.filter(pk=result.pk).exists()
