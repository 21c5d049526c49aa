"""Who gets what from each SKP plan page and endpoint: the permission table of the house.

The plan under test is the staf's draft (rated by the kasi, whose superior is the kabid), inside
a chain of set plans kadinkes -> kabid -> kasi. Roles: anonymous, dokter (pegawai of another
unit), kasi (atasan and rater), staf (the owner, also admin of the Dinas), kabid (the rater's
superior, a leader above the post), bkpsdm, pimpinan, auditor, outsider (another agency).
"""

import datetime

import pytest
from django.urls import reverse

from kinerja.skp import services
from kinerja.skp.models import ActionPlan, Rhk, RhkIndicator, Skp
from kinerja.skp.tests.factories import YEAR, chain_of_plans, start_skp

ROLES = [
    "anonymous",
    "dokter",
    "kasi",
    "staf",
    "kabid",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]


@pytest.fixture
def plans(personas):
    plans = chain_of_plans(personas)
    plans["personas"] = personas
    return plans


def _login(client, plans, role):
    if role != "anonymous":
        client.force_login(plans["personas"].users[role])


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected, response.content[:500]


def _table(**overrides):
    base = {role: 200 for role in ROLES}
    base["anonymous"] = "login"
    base["dokter"] = 404
    base["outsider"] = 404
    base.update(overrides)
    return [(role, base[role]) for role in ROLES]


# --- pages --------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), _table(dokter=200, outsider=200))
def test_my_skp_and_the_list_are_open_to_every_user(client, plans, role, expected):
    _login(client, plans, role)
    for name in ("skp:home", "skp:list"):
        _expect(client.get(reverse(name)), expected)


@pytest.mark.parametrize(("role", "expected"), _table())
def test_the_skp_is_read_by_its_people_leaders_and_overseers(client, plans, role, expected):
    _login(client, plans, role)
    for name in ("skp:detail", "skp:versions"):
        _expect(client.get(reverse(name, args=[plans["staf"].pk])), expected)


@pytest.mark.parametrize(
    ("role", "expected"), _table(kabid=403, bkpsdm=403, pimpinan=403, auditor=403)
)
def test_only_the_owner_and_the_rater_open_the_editor(client, plans, role, expected):
    _login(client, plans, role)
    _expect(client.get(reverse("skp:edit", args=[plans["staf"].pk])), expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(kasi=403, staf=403, kabid=403, bkpsdm=403, pimpinan=403, auditor=403),
)
def test_a_set_skp_opens_in_no_editor(client, plans, role, expected):
    _login(client, plans, role)
    _expect(client.get(reverse("skp:edit", args=[plans["kasi"].pk])), expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    # the kasi's set plan: the kasi owns it, the kabid rates it, BKPSDM may revise anyone's
    _table(kasi=200, staf=403, kabid=200, bkpsdm=200, pimpinan=403, auditor=403),
)
def test_who_may_open_a_revision_of_a_set_skp(client, plans, role, expected):
    _login(client, plans, role)
    _expect(client.get(reverse("skp:revise", args=[plans["kasi"].pk])), expected)


@pytest.mark.parametrize(("role", "expected"), _table(pimpinan=403, auditor=403, kabid=403))
def test_who_may_close_an_skp_after_a_mutation(client, plans, role, expected):
    _login(client, plans, role)
    _expect(client.get(reverse("skp:restart", args=[plans["staf"].pk])), expected)


# --- writes on the staf's draft -------------------------------------------------------------


def _endpoints(plans):
    staf = plans["staf"]
    rhk = Rhk.objects.get(skp=staf)
    indicator = RhkIndicator.objects.get(rhk=rhk)
    return {
        "rhk_update": (
            reverse("skp:rhk_update", args=[staf.pk, rhk.pk]),
            {f"rhk-{rhk.pk}-kind": "utama", f"rhk-{rhk.pk}-text": "Diubah"},
            lambda: Rhk.objects.get(pk=rhk.pk).text == "Diubah",
        ),
        "indicator_update": (
            reverse("skp:indicator_update", args=[staf.pk, indicator.pk]),
            {f"iki-{indicator.pk}-text": "Diubah", f"iki-{indicator.pk}-target_value": "5"},
            lambda: RhkIndicator.objects.get(pk=indicator.pk).text == "Diubah",
        ),
        "action_plans": (
            reverse("skp:action_plans", args=[staf.pk, rhk.pk]),
            {f"aksi-{rhk.pk}-text_1": "Menyusun jadwal"},
            lambda: ActionPlan.objects.filter(rhk=rhk, period_number=1).exists(),
        ),
        "behaviour": (
            reverse("skp:behaviour", args=[staf.pk, "akuntabel"]),
            {"beh-akuntabel-special_expectation": "Teladan"},
            lambda: staf.behaviours.get(value="akuntabel").special_expectation == "Teladan",
        ),
        "edit_annex": (
            reverse("skp:edit_annex", args=[staf.pk]),
            {"annex-approach": "kuantitatif", "annex-consequences": "Penghargaan"},
            lambda: Skp.objects.get(pk=staf.pk).consequences == "Penghargaan",
        ),
        "rhk_add": (
            reverse("skp:rhk_add", args=[staf.pk]),
            {"new-rhk-kind": "tambahan", "new-rhk-text": "Tugas tambahan"},
            lambda: Rhk.objects.filter(skp=staf, text="Tugas tambahan").exists(),
        ),
        "indicator_add": (
            reverse("skp:indicator_add", args=[staf.pk, rhk.pk]),
            {f"new-iki-{rhk.pk}-text": "Baru", f"new-iki-{rhk.pk}-target_value": "1"},
            lambda: RhkIndicator.objects.filter(rhk=rhk, text="Baru").exists(),
        ),
        "indicator_remove": (
            reverse("skp:indicator_remove", args=[staf.pk, indicator.pk]),
            {},
            lambda: not RhkIndicator.objects.filter(pk=indicator.pk).exists(),
        ),
        "rhk_remove": (
            reverse("skp:rhk_remove", args=[staf.pk, rhk.pk]),
            {},
            lambda: not Rhk.objects.filter(pk=rhk.pk).exists(),
        ),
        "start_dialogue": (
            reverse("skp:start_dialogue", args=[staf.pk]),
            {"note": "Dialog pertama"},
            lambda: Skp.objects.get(pk=staf.pk).status == "dialogue",
        ),
    }


EDIT_TABLE = _table(
    staf=302, kasi=302, kabid=403, bkpsdm=403, pimpinan=403, auditor=403, anonymous="login"
)


@pytest.mark.parametrize(
    "endpoint",
    [
        "rhk_update",
        "indicator_update",
        "action_plans",
        "behaviour",
        "edit_annex",
        "rhk_add",
        "indicator_add",
        "indicator_remove",
        "rhk_remove",
        "start_dialogue",
    ],
)
@pytest.mark.parametrize(("role", "expected"), EDIT_TABLE)
def test_only_the_owner_and_the_rater_change_a_draft(client, plans, endpoint, role, expected):
    url, data, changed = _endpoints(plans)[endpoint]
    _login(client, plans, role)
    _expect(client.post(url, data), expected)
    assert changed() is (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(staf=302, kasi=403, kabid=403, bkpsdm=403, pimpinan=403, auditor=403),
)
def test_only_the_owner_submits(client, plans, role, expected):
    staf = services.skp_start_dialogue(actor=None, skp=plans["staf"])
    _login(client, plans, role)
    _expect(client.post(reverse("skp:submit", args=[staf.pk])), expected)
    assert (Skp.objects.get(pk=staf.pk).status == "submitted") is (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(kasi=302, staf=403, kabid=302, bkpsdm=302, pimpinan=403, auditor=403),
)
def test_who_may_revise_a_set_skp(client, plans, role, expected):
    kasi = plans["kasi"]
    _login(client, plans, role)
    data = {"revision_kind": "new_assignment", "revision_reason": "Tugas baru dari pimpinan"}
    _expect(client.post(reverse("skp:revise", args=[kasi.pk]), data), expected)
    assert Skp.objects.filter(series=kasi.series).count() == (2 if expected == 302 else 1)


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(kasi=302, staf=302, kabid=403, bkpsdm=302, pimpinan=403, auditor=403),
)
def test_who_may_close_an_skp_and_start_a_new_one(client, plans, role, expected):
    staf = plans["staf"]
    _login(client, plans, role)
    data = {
        "revision_kind": "rater_change",
        "revision_reason": "Atasan berganti",
        "effective_date": "2026-07-01",
    }
    _expect(client.post(reverse("skp:restart", args=[staf.pk]), data), expected)
    closed = Skp.objects.get(pk=staf.pk).status == "closed"
    assert closed is (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("dokter", 302),  # has no plan yet: starts one
        ("staf", 400),  # already has one this year
        ("pimpinan", 403),  # no employee record
        ("outsider", 302),
    ],
)
def test_who_may_start_their_own_skp(client, plans, role, expected):
    from django.utils import timezone

    year = timezone.localdate().year
    if year != YEAR:  # the staf must already have a plan of the current year
        start_skp(plans["personas"], "staf", year=year, day=datetime.date(year, 1, 10))
    _login(client, plans, role)
    before = Skp.objects.count()
    _expect(client.post(reverse("skp:create"), {"year": year}), expected)
    assert Skp.objects.count() == before + (1 if expected == 302 else 0)


@pytest.mark.parametrize("name", ["create", "start_dialogue", "submit", "rhk_add", "edit_annex"])
def test_write_endpoints_refuse_get(client, plans, name):
    _login(client, plans, "staf")
    args = [] if name == "create" else [plans["staf"].pk]
    assert client.get(reverse(f"skp:{name}", args=args)).status_code == 405
