"""My SKP, one SKP, the list and the versions: what each page shows and what its forms do."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kinerja.skp import services
from kinerja.skp.models import Rhk, RhkIndicator, Skp
from kinerja.skp.tests.factories import YEAR, action_period, add_result, chain_of_plans, start_skp


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def plans(personas):
    plans = chain_of_plans(personas)
    plans["personas"] = personas
    return plans


def login(client, plans, key):
    client.force_login(plans["personas"].users[key])


# --- my SKP ---------------------------------------------------------------------------------


def test_my_skp_lists_my_plans_with_status_deadline_and_rater(client, plans):
    login(client, plans, "staf")
    content = client.get(reverse("skp:home")).content.decode()
    assert reverse("skp:detail", args=[plans["staf"].pk]) in content
    assert 'data-status="draft"' in content
    assert "Agus Santoso" in content  # the rater
    assert 'data-testid="deadline"' in content and 'data-testid="days-left"' in content
    if timezone.localdate().year == YEAR:
        assert 'data-testid="start-skp"' not in content


def test_the_start_button_creates_this_years_plan(client, plans):
    login(client, plans, "dokter")
    content = client.get(reverse("skp:home")).content.decode()
    assert 'data-testid="start-button"' in content
    year = timezone.localdate().year
    response = client.post(reverse("skp:create"), {"year": year})
    skp = Skp.objects.get(employee=plans["personas"].employees["dokter"], year=year)
    assert response.status_code == 302
    assert response["Location"] == reverse("skp:edit", args=[skp.pk])
    assert (skp.status, skp.rater) == ("draft", plans["personas"].employees["kabid"])
    assert 'data-testid="start-button"' not in client.get(reverse("skp:home")).content.decode()


def test_a_plan_can_be_started_only_for_the_current_year(client, plans):
    login(client, plans, "dokter")
    response = client.post(reverse("skp:create"), {"year": timezone.localdate().year + 3})
    assert response.status_code == 400
    assert "only for the current year" in response.content.decode()
    assert not Skp.objects.filter(employee=plans["personas"].employees["dokter"]).exists()


@pytest.mark.parametrize("key", ["pimpinan", "auditor", "bkpsdm"])
def test_overseers_without_an_own_plan_are_sent_to_the_list(client, plans, key):
    login(client, plans, key)
    content = client.get(reverse("skp:home")).content.decode()
    assert 'data-testid="no-own-plan"' in content
    assert reverse("skp:list") in content
    if key == "pimpinan":  # no employee record, so no plan of their own
        assert 'data-testid="start-button"' not in content


def test_the_nav_links_to_my_skp(client, plans):
    login(client, plans, "staf")
    content = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("skp:home")}"' in content


# --- one SKP --------------------------------------------------------------------------------


def test_the_detail_shows_header_rhk_behaviours_and_problems(client, plans):
    staf = plans["staf"]
    rhk = Rhk.objects.get(skp=staf)
    services.action_plan_set(
        actor=None, rhk=rhk, period=action_period(staf, 2), text="Rapat koordinasi"
    )
    services.behaviour_set(
        actor=None, skp=staf, value="akuntabel", special_expectation="Lapor gratifikasi"
    )
    services.rhk_add(actor=None, skp=staf, text="Tugas tanpa indikator", kind="tambahan")
    login(client, plans, "kasi")
    content = client.get(reverse("skp:detail", args=[staf.pk])).content.decode()
    for text in (
        "Dewi Lestari",
        "Pengadministrasi Perkantoran",
        "Seksi Pelayanan Kesehatan Primer",
        "Siti Rahmawati",  # the rater's superior
        "A. UTAMA",
        "B. TAMBAHAN",
        plans["rhk"].text,  # the leader's RHK intervened
        "12 laporan",
        "Quarter II",
        "Rapat koordinasi",
        "Lapor gratifikasi",
        "Does not abuse the authority of office",
        "has no indicator",  # a problem while not set
    ):
        assert text in content, text
    assert 'data-testid="start-dialogue"' in content  # the rater may start the dialogue
    # The rater is not an admin of the unit: the NIP is masked, as on the employee pages.
    staf_employee = plans["personas"].employees["staf"]
    assert staf_employee.nip not in content and staf_employee.masked_nip in content


def test_auditors_and_pimpinan_get_the_read_only_view(client, plans):
    for key in ("auditor", "pimpinan"):
        login(client, plans, key)
        content = client.get(reverse("skp:detail", args=[plans["staf"].pk])).content.decode()
        assert 'data-testid="rhk-table"' in content
        for testid in ("edit-link", "start-dialogue", "submit", "revise-link", "review-link"):
            assert f'data-testid="{testid}"' not in content, (key, testid)


def test_a_jpt_detail_shows_perspectives_and_who_assigned(client, plans):
    login(client, plans, "pimpinan")
    content = client.get(reverse("skp:detail", args=[plans["kadinkes"].pk])).content.decode()
    assert "Budget (anggaran)" in content
    assert "Leader&#x27;s RHK intervened" not in content


def test_starting_the_dialogue_and_submitting(client, plans):
    staf = plans["staf"]
    login(client, plans, "staf")
    response = client.post(reverse("skp:start_dialogue", args=[staf.pk]), {"note": "Dialog"})
    assert response.status_code == 302
    content = client.get(reverse("skp:detail", args=[staf.pk])).content.decode()
    assert 'data-testid="submit"' in content and "Dialog" in content
    assert client.post(reverse("skp:submit", args=[staf.pk])).status_code == 302
    assert Skp.objects.get(pk=staf.pk).status == "submitted"


def test_an_incomplete_plan_is_not_submitted_and_the_problems_are_shown(client, plans):
    staf = services.skp_start_dialogue(actor=None, skp=plans["staf"])
    RhkIndicator.objects.filter(rhk__skp=staf).delete()
    login(client, plans, "staf")
    response = client.post(reverse("skp:submit", args=[staf.pk]))
    assert response.status_code == 400
    assert "has no indicator" in response.content.decode()
    assert Skp.objects.get(pk=staf.pk).status == "dialogue"


def test_the_rater_gets_a_link_to_the_review_page(client, plans):
    staf = services.skp_start_dialogue(actor=None, skp=plans["staf"])
    services.skp_submit(actor=None, skp=staf)
    login(client, plans, "kasi")
    content = client.get(reverse("skp:detail", args=[staf.pk])).content.decode()
    assert f'href="/skp/{staf.pk}/tinjau/"' in content


# --- the list -------------------------------------------------------------------------------


def test_the_list_filters_and_hides_the_nip_from_those_who_may_not_see_it(client, plans):
    personas = plans["personas"]
    nip = personas.employees["staf"].nip
    login(client, plans, "pimpinan")
    content = client.get(reverse("skp:list")).content.decode()
    assert content.count('data-testid="skp-row"') == 4
    assert nip not in content
    login(client, plans, "bkpsdm")
    assert nip in client.get(reverse("skp:list")).content.decode()
    content = client.get(reverse("skp:list") + "?status=draft").content.decode()
    assert content.count('data-testid="skp-row"') == 1
    unit = personas.units["primer"]
    content = client.get(reverse("skp:list") + f"?unit={unit.pk}&year={YEAR}").content.decode()
    assert content.count('data-testid="skp-row"') == 2  # kasi and staf


def test_the_list_shows_a_leader_only_the_plans_below(client, plans):
    login(client, plans, "kasi")
    content = client.get(reverse("skp:list")).content.decode()
    assert "Dewi Lestari" in content and "Hendra Wijaya" not in content


def test_the_list_of_another_agency_is_empty(client, plans):
    login(client, plans, "outsider")
    content = client.get(reverse("skp:list")).content.decode()
    assert 'data-testid="skp-row"' not in content


# --- versions, revisions and new plans ------------------------------------------------------


def test_a_revision_opens_a_new_version_and_the_diff_shows_what_changed(client, plans):
    kasi = plans["kasi"]
    login(client, plans, "kasi")
    data = {"revision_kind": "new_assignment", "revision_reason": "Tugas baru dari kabid"}
    response = client.post(reverse("skp:revise", args=[kasi.pk]), data)
    new = Skp.objects.get(series=kasi.series, version=2)
    assert response["Location"] == reverse("skp:edit", args=[new.pk])
    rhk = Rhk.objects.get(skp=new)
    services.rhk_update(actor=None, rhk=rhk, text="Terlaksananya pembinaan 10 puskesmas")
    add_result(new, "Terlaksananya supervisi", leader_rhk=rhk.intervened_rhk)
    services.skp_update(actor=None, skp=new, consequences="Penghargaan")
    content = client.get(reverse("skp:versions", args=[new.pk])).content.decode()
    assert "Tugas baru dari kabid" in content
    assert 'data-diff="changed"' in content and 'data-diff="added"' in content
    assert "Terlaksananya pembinaan puskesmas" in content  # before
    assert "Terlaksananya pembinaan 10 puskesmas" in content  # after
    assert "Penghargaan" in content
    first = client.get(reverse("skp:versions", args=[new.pk]) + "?v=1").content.decode()
    assert "nothing to compare" in first
    assert client.get(reverse("skp:versions", args=[new.pk]) + "?v=9").status_code == 404


def test_a_revision_needs_a_reason_on_its_field(client, plans):
    login(client, plans, "kasi")
    url = reverse("skp:revise", args=[plans["kasi"].pk])
    response = client.post(url, {"revision_kind": "mutation", "revision_reason": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert "field-error" in content and "This field is required." in content
    assert Skp.objects.filter(series=plans["kasi"].series).count() == 1


def test_a_draft_cannot_be_revised(client, plans):
    login(client, plans, "staf")
    assert client.get(reverse("skp:revise", args=[plans["staf"].pk])).status_code == 403


def test_a_mutation_closes_the_plan_and_starts_a_new_one(client, plans):
    staf = plans["staf"]
    login(client, plans, "staf")
    data = {
        "revision_kind": "mutation",
        "revision_reason": "Pindah tugas",
        "effective_date": f"{YEAR}-08-01",
        "copy": "on",
    }
    response = client.post(reverse("skp:restart", args=[staf.pk]), data)
    assert response.status_code == 302
    new = Skp.objects.exclude(pk=staf.pk).get(employee=staf.employee, year=YEAR)
    assert response["Location"] == reverse("skp:detail", args=[new.pk])
    assert Skp.objects.get(pk=staf.pk).status == "closed"
    assert Rhk.objects.filter(skp=new).count() == 1


def test_a_new_plan_needs_a_date_inside_the_current_one(client, plans):
    staf = plans["staf"]
    login(client, plans, "staf")
    data = {
        "revision_kind": "rater_change",
        "revision_reason": "Atasan baru",
        "effective_date": f"{YEAR + 1}-02-01",
    }
    response = client.post(reverse("skp:restart", args=[staf.pk]), data)
    assert response.status_code == 400
    assert "The date must fall after the start of this SKP" in response.content.decode()
    assert Skp.objects.get(pk=staf.pk).status == "draft"


def test_a_set_plan_after_a_revision_is_no_longer_revisable(client, plans):
    kasi = plans["kasi"]
    services.skp_revise(actor=None, skp=kasi, kind="expectation", reason="Penyesuaian")
    login(client, plans, "kasi")
    assert client.get(reverse("skp:revise", args=[kasi.pk])).status_code == 403
    content = client.get(reverse("skp:detail", args=[kasi.pk])).content.decode()
    assert 'data-testid="revise-link"' not in content


def test_a_plan_of_the_jpt_starts_with_its_own_form(client, personas):
    skp = start_skp(personas, "kadinkes")
    client.force_login(personas.users["kadinkes"])
    content = client.get(reverse("skp:detail", args=[skp.pk])).content.decode()
    assert "JPT and heads of independent units" in content
