"""Who gets what from each organisation-performance page: the permission table of the house."""

import pytest
from django.urls import reverse

from kinerja.iku.models import Realisation, RealisationStatus
from kinerja.iku.tests import view_data

ROLES = [
    "anonymous",
    "dokter",  # pegawai of another unit (Puskesmas)
    "staf",  # staff of the indicator's unit (Seksi Primer under Bidang Yankes); admin of Dinkes
    "kasi",  # head of a sub-unit
    "kabid",  # head of the indicator's unit (Bidang Yankes)
    "admin_opd",  # admin unit of Dinkes, no position
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",  # Bappeda staff
    "outsider",  # BKPSDM admin of another agency
]


@pytest.fixture
def plan(personas):
    plan = view_data.build_plan(personas)
    plan.submitted = view_data.submitted(plan.indicator, plan.quarters[0], 20, evidence=True)
    plan.verified = view_data.verified(plan.indicator, plan.quarters[1], 24, evidence=True)
    view_data.recompute(plan)
    return plan


def _get(client, plan, role, url):
    if role != "anonymous":
        client.force_login(plan.personas.users[role])
    return client.get(url)


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


def _table(**overrides):
    base = {role: 200 for role in ROLES}
    base["anonymous"] = "login"
    base["outsider"] = 404
    base.update(overrides)
    return [(role, base[role]) for role in ROLES]


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(dokter=403, staf=403, kasi=403, kabid=403, admin_opd=403),
)
def test_regency_dashboard_is_for_overseers(client, plan, role, expected):
    _expect(_get(client, plan, role, reverse("iku:regency") + "?year=2025"), expected)


@pytest.mark.parametrize(("role", "expected"), _table(dokter=403))
def test_unit_dashboard_is_for_the_unit_its_admins_and_overseers(client, plan, role, expected):
    url = reverse("iku:unit", args=[plan.personas.units["yankes"].pk]) + "?year=2025"
    _expect(_get(client, plan, role, url), expected)


def test_a_unit_of_another_agency_is_not_found(client, plan):
    client.force_login(plan.personas.users["bkpsdm"])
    url = reverse("iku:unit", args=[plan.personas.units["other"].pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("role", "expected"), _table())
def test_the_indicator_page_is_open_to_the_agency(client, plan, role, expected):
    url = reverse("iku:indicator", args=[plan.indicator.pk]) + "?year=2025"
    _expect(_get(client, plan, role, url), expected)


@pytest.mark.parametrize(("role", "expected"), _table(outsider=200))
def test_the_tree_is_open_to_the_agency_and_shows_only_its_own(client, plan, role, expected):
    for name in ("iku:tree", "iku:tree_table"):
        response = _get(client, plan, role, reverse(name) + "?year=2025")
        _expect(response, expected)
        if role == "outsider":
            assert b"Cakupan imunisasi" not in response.content
        elif expected == 200:
            assert b"Cakupan imunisasi" in response.content


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(dokter=403, bkpsdm=403, pimpinan=403, auditor=403, perencana=403),
)
def test_who_may_open_the_realisation_entry(client, plan, role, expected):
    url = reverse("iku:realisation_entry", args=[plan.indicator.pk, plan.quarters[2].pk])
    _expect(_get(client, plan, role, url), expected)


@pytest.mark.parametrize(("role", "expected"), _table(dokter=404))
def test_a_realisation_in_progress_is_for_the_unit_and_overseers(client, plan, role, expected):
    url = reverse("iku:realisation", args=[plan.submitted.pk])
    _expect(_get(client, plan, role, url), expected)


@pytest.mark.parametrize(("role", "expected"), _table())
def test_a_verified_realisation_is_open_to_the_agency(client, plan, role, expected):
    response = _get(client, plan, role, reverse("iku:realisation", args=[plan.verified.pk]))
    _expect(response, expected)
    if role == "dokter":
        assert b"bukti.pdf" not in response.content


@pytest.mark.parametrize(("role", "expected"), _table(dokter=403))
def test_evidence_download_checks_permission(client, plan, role, expected):
    evidence = plan.verified.evidence.get()
    url = reverse("iku:evidence_download", args=[evidence.pk])
    _expect(_get(client, plan, role, url), expected)


def test_evidence_of_a_realisation_in_progress_is_hidden_from_other_units(client, plan):
    evidence = plan.submitted.evidence.get()
    client.force_login(plan.personas.users["dokter"])
    assert client.get(reverse("iku:evidence_download", args=[evidence.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("dokter", 404),
        ("staf", 403),
        ("kasi", 403),
        ("kabid", 302),
        ("kadinkes", 302),
        ("admin_opd", 403),
        ("bkpsdm", 403),
        ("pimpinan", 403),
        ("auditor", 403),
        ("perencana", 403),
        ("outsider", 404),
    ],
)
def test_only_the_head_verifies(client, plan, role, expected):
    if role != "anonymous":
        client.force_login(plan.personas.users[role])
    response = client.post(reverse("iku:realisation_verify", args=[plan.submitted.pk]))
    _expect(response, expected)
    status = Realisation.objects.get(pk=plan.submitted.pk).status
    assert (status == RealisationStatus.VERIFIED) == (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("dokter", 404), ("staf", 403), ("bkpsdm", 403), ("kabid", 302), ("outsider", 404)],
)
def test_only_the_head_returns(client, plan, role, expected):
    client.force_login(plan.personas.users[role])
    url = reverse("iku:realisation_return", args=[plan.submitted.pk])
    response = client.post(url, {"comment": "Lampirkan laporan puskesmas"})
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "destination"),
    [
        ("staf", "unit"),
        ("kabid", "unit"),
        ("admin_opd", "unit"),
        ("dokter", "unit"),
        ("bkpsdm", "regency"),
        ("perencana", "regency"),
    ],
)
def test_the_entry_page_sends_each_role_to_its_dashboard(client, plan, role, destination):
    client.force_login(plan.personas.users[role])
    response = client.get(reverse("iku:dashboard"), follow=True)
    assert response.status_code == 200
    final = response.redirect_chain[-1][0]
    if destination == "regency":
        assert final.startswith(reverse("iku:regency"))
    else:
        assert final == reverse("iku:unit", args=[plan.personas.units["dinkes"].pk])
