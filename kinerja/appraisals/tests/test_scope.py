"""Leaders read an evaluation through the plan it was made on, not through the person: a leader
of an earlier plan does not follow someone who moved."""

import pytest

from kinerja.appraisals import selectors
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import Q1_END, D, opened_q1, viewer
from kinerja.skp.tests.factories import start_skp

pytestmark = pytest.mark.django_db


def test_a_leader_reads_the_evaluation_of_a_plan_they_read_and_not_without_it(personas):
    opened_q1(personas)
    staf = personas.employees["staf"]
    evaluation = Evaluation.objects.get(employee=staf, period__number=1)
    kadinkes = viewer(personas, "kadinkes", Q1_END)
    assert selectors.evaluations_visible_to(kadinkes).filter(pk=evaluation.pk).exists()
    # Made on a plan the kadinkes does not read (one of BKPSDM's): the person is not enough.
    elsewhere = start_skp(personas, "bkpsdm", year=2026, day=D(2026, 1, 10))
    Evaluation.objects.filter(pk=evaluation.pk).update(plan=elsewhere)
    assert not selectors.evaluations_visible_to(kadinkes).filter(pk=evaluation.pk).exists()
    # The rater of record still reads it.
    kasi = viewer(personas, "kasi", Q1_END)
    assert selectors.evaluations_visible_to(kasi).filter(pk=evaluation.pk).exists()


def test_a_crafted_number_in_bulk_finalising_is_ignored_not_a_server_error(client, personas):
    _chain, q1, _due = opened_q1(personas)
    client.force_login(personas.users["kasi"])
    from django.urls import reverse

    response = client.post(reverse("appraisals:finalise_many", args=[q1.pk]), {"evaluation": "²"})
    assert response.status_code in (302, 403)


def test_bkpsdm_of_another_agency_cannot_open_the_period(personas):
    from kinerja.core.errors import PermissionDeniedError
    from kinerja.results.tests.data import plans, quarter

    plans(personas)
    with pytest.raises(PermissionDeniedError):
        from kinerja.appraisals import services

        services.evaluations_open(
            actor=viewer(personas, "outsider", Q1_END), period=quarter(personas, 1)
        )
