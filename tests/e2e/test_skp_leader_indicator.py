"""In the SKP editor the staff member points an RHK at another of the leader's RHK: the list of
the leader's indicators follows without a reload and the choice is saved as she goes."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.org.tests.personas import PASSWORD
from kinerja.skp import services
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import add_result, set_plan, start_skp
from tests.e2e.conftest import log_in
from tests.e2e.test_skp_journey import saved_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_RHK = "Terlaksananya pembinaan puskesmas"
SECOND_RHK = "Tersedianya data kunjungan puskesmas"
SECOND_IKI = "Persentase puskesmas yang datanya lengkap"


def _plans(personas):
    year = timezone.localdate().year
    day = datetime.date(year, 1, 10)
    kadinkes = start_skp(personas, "kadinkes", year=year, day=day)
    top = add_result(kadinkes, "Meningkatnya mutu layanan kesehatan")
    set_plan(kadinkes)
    kabid = start_skp(personas, "kabid", year=year, day=day)
    middle = add_result(kabid, "Meningkatnya cakupan layanan primer", leader_rhk=top)
    set_plan(kabid)
    kasi = start_skp(personas, "kasi", year=year, day=day)
    first = add_result(kasi, FIRST_RHK, leader_rhk=middle)
    second = add_result(kasi, SECOND_RHK, leader_rhk=middle)
    wanted = services.indicator_add(
        actor=None,
        rhk=second,
        text=SECOND_IKI,
        aspect="kualitas",
        target_value=Decimal("90"),
        unit_of_measure="persen",
    )
    set_plan(kasi)
    staf = start_skp(personas, "staf", year=year, day=day)
    rhk = add_result(staf, "Tersusunnya laporan pembinaan", leader_rhk=first)
    return staf, rhk, second, wanted


def test_the_leaders_indicators_follow_the_chosen_leader_rhk(page, personas):
    staf_plan, rhk, second, wanted = _plans(personas)
    log_in(page, personas.employees["staf"].nip, PASSWORD)
    page.goto(f"/skp/{staf_plan.pk}/ubah/?buka=rhk-{rhk.pk}")

    leader_rhk = page.locator(f"select[name='rhk-{rhk.pk}-intervened_rhk']")
    indicator = page.locator(f"select[name='rhk-{rhk.pk}-intervened_indicator']")
    expect(indicator.locator(f"option[value='{wanted.pk}']")).to_have_count(0)

    leader_rhk.select_option(str(second.pk))
    expect(indicator.locator(f"option[value='{wanted.pk}']")).to_contain_text(SECOND_IKI)
    indicator.select_option(str(wanted.pk))
    expect(page.get_by_test_id("autosave-status").first).to_have_text(saved_status())

    # The leader RHK's own autosave may be the one reported: wait for the indicator's.
    links = Rhk.objects.filter(pk=rhk.pk).values_list(
        "intervened_rhk_id", "intervened_indicator_id"
    )
    for _attempt in range(50):
        if links.get() == (second.pk, wanted.pk):
            break
        page.wait_for_timeout(100)
    assert links.get() == (second.pk, wanted.pk)
    page.reload()
    expect(indicator).to_have_value(str(wanted.pk))
