"""The demo's satisfaction survey at the small size: services and points at every service unit,
quarterly service users, two years of answers that differ between units, and a counter's
survey page that opens."""

from django.db import connection
from django.db.models import Avg, Count
from django.test.utils import CaptureQueriesContext

from kinerja.demo.tests.seeded import TODAY
from kinerja.org.models import Unit
from kinerja.surveys import rules
from kinerja.surveys.models import Response, Service, ServiceUsers, SurveyPoint


def test_every_service_unit_has_services_points_and_users(demo, db):
    units = Unit.objects.filter(agency=demo.agency, is_service_unit=True, is_active=True)
    assert units.exists()
    for unit in units:
        assert Service.objects.filter(unit=unit).exists()
        assert SurveyPoint.objects.filter(unit=unit, is_active=True).exists()
        assert ServiceUsers.objects.filter(unit=unit, kind="quarter").count() == 8
    puskesmas = units.filter(kind="puskesmas").first()
    if puskesmas is not None:
        names = set(Service.objects.filter(unit=puskesmas).values_list("name", flat=True))
        assert {"Pendaftaran", "Poli Umum", "Poli Gigi", "Farmasi"} <= names


def test_two_years_of_answers_that_differ_between_units(demo, db):
    answers = Response.objects.filter(agency=demo.agency)
    first, last = answers.order_by("day").first().day, answers.order_by("-day").first().day
    assert (last - first).days > 600 and last <= TODAY
    means = answers.values("unit").annotate(n=Count("id"), mean=Avg("perilaku")).order_by()
    spread = [row["mean"] for row in means]
    assert max(spread) - min(spread) > 0.3
    assert answers.exclude(suggestion="").exists()
    assert answers.values("age_band").distinct().count() >= 5
    assert answers.filter(channel="kiosk").exists() and answers.filter(channel="qr").exists()
    for response in answers[:50]:
        assert all(1 <= score <= 4 for score in response.scores())
    assert demo.counts["surveys"]["responses"] == answers.count()


def test_the_weaker_elements_differ_between_units(demo, db):
    weakest = set()
    for unit_id in (
        Response.objects.filter(agency=demo.agency).values_list("unit", flat=True).distinct()
    ):
        rows = list(Response.objects.filter(unit_id=unit_id).values_list(*rules.ELEMENTS))
        means = rules.nrr(rows)
        weakest.add(rules.weakest_elements(means, 1)[0])
    assert len(weakest) >= 3


def test_a_demo_counters_survey_page_opens(demo, client):
    point = SurveyPoint.objects.filter(unit__agency=demo.agency, is_active=True).first()
    assert client.get(f"/survei/{point.token}/").status_code == 200


def test_the_surveys_part_of_the_seed_writes_in_bulk(demo, db):
    from kinerja.demo.generator import surveys

    Response.objects.all().delete()
    ServiceUsers.objects.all().delete()
    SurveyPoint.objects.all().delete()
    Service.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        counts = surveys.seed_surveys(demo.agency, seed=7, today=TODAY)
    assert counts["responses"] > 1000
    # Written in batches, not a query per answer (about 135 for some 5,600 answers).
    assert len(queries) < counts["responses"] / 20
