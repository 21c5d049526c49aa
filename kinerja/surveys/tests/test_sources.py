"""The IKM as a figure indicators take, and the unit's card on its staff's feedback page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.iku.models import GoalLevel, Realisation
from kinerja.iku.services import sources as iku_sources
from kinerja.iku.tests import factories as iku
from kinerja.surveys import sources
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import TODAY, YEAR, build_world

pytestmark = pytest.mark.django_db
D = datetime.date
Q1 = (D(YEAR, 1, 1), D(YEAR, 3, 31))


@pytest.fixture
def world(monkeypatch):
    return build_world(monkeypatch)


def test_the_ikm_of_a_span_is_measured_from_its_pooled_answers(world):
    umum, gigi = world.services["umum"], world.services["gigi"]
    f.responses(world.pkm, D(YEAR, 1, 10), f.same(4, 3), service=umum)
    f.responses(world.pkm, D(YEAR, 3, 31), f.same(3, 1), service=gigi)
    f.responses(world.pkm, D(YEAR, 4, 1), f.same(1, 5), service=gigi)  # the next quarter
    measured = sources.measure_ikm(world.pkm, None, *Q1)
    # (3 * 4 + 3) / 4 = 3.75 on every element: 93.75
    assert measured.value == Decimal("93.75")
    assert measured.basis["respondents"] == 4 and measured.basis["grade"] == "A"
    only_gigi = sources.measure_ikm(world.pkm, gigi.pk, *Q1)
    assert only_gigi.value == Decimal("75.00") and only_gigi.basis["grade"] == "C"


def test_no_answers_or_an_element_nobody_answered_give_no_figure_with_the_reason(world):
    none = sources.measure_ikm(world.pkm, None, *Q1)
    assert none.value is None and none.basis["respondents"] == 0 and none.note
    f.responses(world.pkm, D(YEAR, 2, 1), [[4] * 8 + [None]])
    partial = sources.measure_ikm(world.pkm, None, *Q1)
    assert partial.value is None
    assert "Sarana dan Prasarana" in partial.note


def test_the_link_opens_the_units_results_for_the_span_to_who_may_see_them(world):
    dokter = build_viewer(world.users["dokter"], today=TODAY)
    assert sources.ikm_link(build_viewer(world.users["kasi"], today=TODAY), world.pkm, 7, *Q1) == ""
    link = sources.ikm_link(dokter, world.pkm, 7, *Q1)
    assert link.startswith(reverse("surveys:results_unit", args=[world.pkm.pk]))
    assert "kind=quarter" in link and "number=1" in link and "service=7" in link
    year = sources.ikm_link(dokter, world.pkm, None, D(YEAR, 1, 1), D(YEAR, 12, 31))
    assert "kind=year" in year and "number=1" in year


def test_an_iku_of_the_puskesmas_takes_its_ikm_as_realisation(world):
    personas = world.personas
    f.responses(world.pkm, D(YEAR, 2, 10), f.same(3, 10))
    iku.performance_year(personas.agency, YEAR, "quarterly")
    goal = iku.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM, plan_start_year=YEAR)
    indicator = iku.indicator(goal, "IKM Puskesmas Sukamaju", consolidation="average")
    on_q1_due = D(YEAR, 4, 10)
    iku_sources.indicator_source_set(
        actor=build_viewer(personas.users["kabid"], today=on_q1_due),
        indicator=indicator,
        kind=sources.IKM,
        unit=world.pkm,
    )
    realisation = Realisation.objects.get(indicator=indicator, period__number=1)
    assert realisation.value == Decimal("75.00") and realisation.status == "verified"
    f.responses(world.pkm, D(YEAR, 3, 1), f.same(4, 10))
    iku_sources.sourced_realisations_recompute(today=on_q1_due)
    realisation.refresh_from_db()
    assert realisation.value == Decimal("87.50") and realisation.version == 2


def test_the_feedback_page_of_who_serves_at_the_puskesmas_shows_its_ikm(world, client):
    f.responses(world.pkm, D(YEAR, 2, 10), f.same(4, 2))
    client.force_login(world.users["dokter"])
    text = client.get(reverse("feedback:home")).content.decode()
    assert 'data-testid="service-card-ikm"' in text and ">100.00<" in text.replace(",", ".")
    assert reverse("surveys:results_unit", args=[world.pkm.pk]) in text


def test_the_card_links_to_the_results_only_for_who_may_open_them(world):
    f.responses(world.pkm, D(YEAR, 2, 10), f.same(4, 2))
    dokter = build_viewer(world.users["dokter"], today=TODAY)
    kasi = build_viewer(world.users["kasi"], today=TODAY)
    assert sources.service_card(dokter, world.pkm, YEAR, TODAY).context["link"]
    assert sources.service_card(kasi, world.pkm, YEAR, TODAY).context["link"] == ""
    assert sources.service_card(dokter, world.upt, YEAR, TODAY) is None  # nobody answered
