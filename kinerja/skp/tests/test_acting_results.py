"""The duties of a Plt./Plh. post are a main result of the plan (Lampiran PermenPANRB 6/2022
p.50). staf's plan is a draft rated by the kasi; staf becomes Plt. of a vacant seksi head post."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError, ValidationError
from kinerja.org.models import AssignmentKind
from kinerja.org.services import assignment_start
from kinerja.org.tests import factories as f
from kinerja.skp import services
from kinerja.skp.models import Rhk, RhkSource
from kinerja.skp.problems import plan_problems_of
from kinerja.skp.selectors.acting import acting_without_result
from kinerja.skp.tests.factories import YEAR, chain_of_plans, set_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(YEAR, 4, 1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def acting(personas):
    post = f.position(
        personas.agency,
        personas.units["primer"],
        "DINKES-09",
        "Kepala Seksi Kesehatan Keluarga",
        "pengawas",
        personas.positions["kabid"],
        head=True,
    )
    return assignment_start(
        actor=None,
        employee=personas.employees["staf"],
        position=post,
        start_date=datetime.date(YEAR, 3, 1),
        kind=AssignmentKind.PLT,
    )


@pytest.fixture
def plans(personas):
    return chain_of_plans(personas)


def _viewer(personas, key):
    return build_viewer(personas.users[key], today=TODAY)


def test_the_acting_post_is_offered_until_the_plan_carries_it(personas, plans, acting):
    skp = plans["staf"]
    assert acting_without_result(skp, list(skp.rhks.all())) == [acting]
    rhk = services.acting_result_add(actor=_viewer(personas, "staf"), skp=skp, assignment=acting)
    assert rhk.kind == "utama"
    assert rhk.source == RhkSource.ACTING
    assert rhk.acting_position == acting.position
    assert "Plt. Kepala Seksi Kesehatan Keluarga" in rhk.text
    assert acting_without_result(skp, list(skp.rhks.all())) == []
    with pytest.raises(ValidationError) as excinfo:
        services.acting_result_add(actor=_viewer(personas, "staf"), skp=skp, assignment=acting)
    assert "already" in excinfo.value.message_dict["assignment"][0]


def test_the_acting_result_needs_no_leader_rhk_but_does_need_indicators(personas, plans, acting):
    skp = plans["staf"]
    services.acting_result_add(actor=_viewer(personas, "kasi"), skp=skp, assignment=acting.pk)
    codes = [problem.code for problem in plan_problems_of(skp)]
    assert "intervention_missing" not in codes
    assert "rhk_without_indicator" in codes


def test_a_manual_main_result_still_needs_its_leader_rhk(personas, plans):
    skp = plans["staf"]
    services.rhk_add(actor=None, skp=skp, text="Tanpa tautan")
    assert "intervention_missing" in [problem.code for problem in plan_problems_of(skp)]


def test_another_employees_or_a_definitive_assignment_is_refused_alike(personas, plans, acting):
    skp = plans["staf"]
    definitive = personas.employees["staf"].assignments.get(kind=AssignmentKind.DEFINITIVE)
    others = personas.employees["kasi"].assignments.first()
    messages = set()
    for wrong in (definitive.pk, others.pk, 999_999):
        with pytest.raises(ValidationError) as excinfo:
            services.acting_result_add(actor=_viewer(personas, "staf"), skp=skp, assignment=wrong)
        messages.add(excinfo.value.message_dict["assignment"][0])
    assert len(messages) == 1
    assert not Rhk.objects.filter(skp=skp, source=RhkSource.ACTING).exists()


def test_an_acting_post_outside_the_plan_dates_is_not_offered(personas, plans, acting):
    skp = plans["staf"]
    acting.end_date = skp.start_date - datetime.timedelta(days=1)
    acting.start_date = skp.start_date - datetime.timedelta(days=30)
    acting.save()
    assert acting_without_result(skp, []) == []
    acting.end_date = skp.start_date
    acting.save()
    assert acting_without_result(skp, []) == [acting]


@pytest.mark.parametrize("actor", ["kabid", "bkpsdm", "dokter"])
def test_only_who_edits_the_plan_adds_it(personas, plans, acting, actor):
    with pytest.raises(PermissionDeniedError):
        services.acting_result_add(
            actor=_viewer(personas, actor), skp=plans["staf"], assignment=acting
        )


def test_a_set_plan_takes_it_through_a_new_version(personas, plans, acting):
    skp = set_plan(plans["staf"])
    with pytest.raises(ImmutableRecordError):
        services.acting_result_add(actor=_viewer(personas, "staf"), skp=skp, assignment=acting)
    revised = services.skp_revise(
        actor=None, skp=skp, kind="new_assignment", reason="Ditunjuk sebagai Plt."
    )
    rhk = services.acting_result_add(actor=None, skp=revised, assignment=acting)
    again = services.skp_revise(
        actor=None, skp=set_plan_with_indicator(revised, rhk), kind="other", reason="Lain"
    )
    copied = Rhk.objects.get(skp=again, key=rhk.key)
    assert copied.acting_position_id == acting.position_id
    assert acting_without_result(again, list(again.rhks.all())) == []


def set_plan_with_indicator(skp, rhk):
    services.indicator_add(
        actor=None,
        rhk=rhk,
        text="Tugas Plt. terlaksana",
        aspect="kualitas",
        target_value=100,
        unit_of_measure="persen",
    )
    return set_plan(skp)


def test_the_editor_offers_the_acting_post_and_adds_it(client, personas, plans, acting):
    skp = plans["staf"]
    client.force_login(personas.users["staf"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("skp:edit", args=[skp.pk])).content.decode()
    url = reverse("skp:acting_result_add", args=[skp.pk, acting.pk])
    assert 'data-testid="acting-missing"' in page
    assert url in page
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    rhk = Rhk.objects.get(skp=skp, source=RhkSource.ACTING)
    assert response["Location"].endswith(f"#rhk-{rhk.pk}")
    page = client.get(reverse("skp:edit", args=[skp.pk])).content.decode()
    assert 'data-testid="acting-missing"' not in page
    assert client.post(url).status_code == 400


def test_the_rater_adds_it_others_are_refused(client, personas, plans, acting):
    skp = plans["staf"]
    url = reverse("skp:acting_result_add", args=[skp.pk, acting.pk])
    client.force_login(personas.users["kabid"])
    assert client.post(url).status_code == 403
    client.force_login(personas.users["dokter"])
    assert client.post(url).status_code == 404
    client.force_login(personas.users["kasi"])
    assert client.post(url).status_code == 302
