"""A JPT plan takes its mandatory main results from the PK in force, or from its draft while
none is signed (PermenPANRB 6/2022 Lampiran p.28; domain.md 1.3), and gains the PK's
indicators when the PK is signed later, as long as the plan can still change."""

import datetime

import pytest

from kinerja.core.models import AuditEvent
from kinerja.iku.models import AgreementStatus, GoalLevel
from kinerja.iku.services import agreement as pk
from kinerja.iku.tests import factories as iku
from kinerja.skp.models import Rhk, RhkSource, Skp, SkpStatus
from kinerja.skp.selectors.plan import plan_agreement
from kinerja.skp.tests.factories import YEAR, start_skp

pytestmark = pytest.mark.django_db

SIGNED_ON = datetime.date(YEAR, 1, 5)


@pytest.fixture
def indicators(personas):
    iku.performance_year(personas.agency, YEAR)
    goal = iku.goal(
        personas, "dinkes", GoalLevel.SASARAN_STRATEGIS, statement="Meningkatnya derajat kesehatan"
    )
    return [
        iku.indicator(goal, "Angka harapan hidup"),
        iku.indicator(goal, "Prevalensi stunting", polarity="lower"),
        iku.indicator(goal, "Realisasi anggaran"),
    ]


def _draft(personas, indicators):
    agreement = pk.agreement_create(actor=None, unit=personas.units["dinkes"], year=YEAR)
    for n, indicator in enumerate(indicators, start=1):
        pk.agreement_line_add(actor=None, agreement=agreement, indicator=indicator, target=10 * n)
    return agreement


def _sign(agreement):
    pk.agreement_sign(actor=None, agreement=agreement, party="first", signed_on=SIGNED_ON)
    return pk.agreement_sign(actor=None, agreement=agreement, party="second", signed_on=SIGNED_ON)


def _pk_indicators(skp):
    return list(
        Rhk.objects.filter(skp=skp, source=RhkSource.AGREEMENT)
        .order_by("order")
        .values_list("iku_indicator_id", "kind", "indicators__target_value")
    )


def test_a_jpt_plan_takes_its_main_results_from_a_draft_pk(personas, indicators):
    agreement = _draft(personas, indicators[:2])
    assert agreement.status == AgreementStatus.DRAFT
    skp = start_skp(personas, "kadinkes")
    assert skp.form == "jpt"
    assert _pk_indicators(skp) == [(indicators[0].pk, "utama", 10), (indicators[1].pk, "utama", 20)]
    rhk = Rhk.objects.filter(skp=skp).order_by("order").first()
    assert rhk.text == "Meningkatnya derajat kesehatan"
    assert rhk.assigned_by_label == agreement.second_party_label


def test_signing_the_pk_later_adds_its_new_indicators_to_the_draft_plan(personas, indicators):
    agreement = _draft(personas, indicators[:1])
    skp = start_skp(personas, "kadinkes")
    assert [row[0] for row in _pk_indicators(skp)] == [indicators[0].pk]
    for indicator in indicators[1:]:
        pk.agreement_line_add(actor=None, agreement=agreement, indicator=indicator, target=7)
    _sign(agreement)
    assert [row[0] for row in _pk_indicators(skp)] == [i.pk for i in indicators]
    orders = list(Rhk.objects.filter(skp=skp).order_by("order").values_list("order", flat=True))
    assert orders == [1, 2, 3]
    event = AuditEvent.objects.get(action="skp.plan.agreement_applied")
    assert event.object_id == str(skp.pk)
    assert [row["text"] for row in event.after["rhk_added"]] == [
        "Meningkatnya derajat kesehatan"
    ] * 2


def test_a_jpt_plan_started_before_any_pk_gains_all_its_indicators_at_signing(personas, indicators):
    skp = start_skp(personas, "kadinkes")
    assert _pk_indicators(skp) == []
    _sign(_draft(personas, indicators))
    assert [row[0] for row in _pk_indicators(skp)] == [i.pk for i in indicators]


def test_signing_leaves_a_set_plan_and_the_plans_of_other_posts_alone(personas, indicators):
    agreement = _draft(personas, indicators[:1])
    jpt = start_skp(personas, "kadinkes")
    staff = start_skp(personas, "kabid")
    Skp.objects.filter(pk=jpt.pk).update(status=SkpStatus.SET)
    pk.agreement_line_add(actor=None, agreement=agreement, indicator=indicators[1], target=7)
    _sign(agreement)
    assert [row[0] for row in _pk_indicators(jpt)] == [indicators[0].pk]
    assert _pk_indicators(staff) == []
    assert not AuditEvent.objects.filter(action="skp.plan.agreement_applied").exists()


def test_the_pk_in_force_wins_over_a_newer_draft_revision(personas, indicators):
    signed = _sign(_draft(personas, indicators[:1]))
    revision = pk.agreement_revise(
        actor=None, agreement=signed, kind="refocusing", reason="Refocusing anggaran"
    )
    assert revision.status == AgreementStatus.DRAFT
    assert plan_agreement(personas.units["dinkes"].pk, YEAR) == signed
    assert plan_agreement(personas.units["yankes"].pk, YEAR) is None
