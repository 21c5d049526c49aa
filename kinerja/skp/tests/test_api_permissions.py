"""The SKP API permission table: every operation, for every persona, with the answer it gets.

The plans (kinerja/skp/tests/factories.py chain_of_plans): kadinkes -> kabid -> kasi set, staf
a draft rated by kasi (rater's superior kabid). Today is in January, before the deadline, so
only the rater decides. dokter works beside them and sees none of these plans; staf administers
Dinas Kesehatan and sees them all; bkpsdm, pimpinan and auditor read the whole agency;
outsider belongs to another agency; None is anonymous.
"""

import json

import pytest

from kinerja.skp import services
from kinerja.skp.tests.factories import chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today, submit

pytestmark = pytest.mark.django_db

API = "/api/v1"
PERSONAS = [
    None,
    "dokter",
    "staf",
    "kasi",
    "kabid",
    "kadinkes",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]


@pytest.fixture
def plans(personas, monkeypatch):
    freeze_today(monkeypatch, IN_JANUARY)
    return chain_of_plans(personas)


def _call(client, personas, persona, method, path, body=None):
    client.logout()
    if persona is not None:
        client.force_login(personas.users[persona])
    if method == "get":
        return client.get(f"{API}{path}")
    return getattr(client, method)(
        f"{API}{path}", data=json.dumps(body or {}), content_type="application/json"
    )


def _answers(ok: set, *, hidden=frozenset({"dokter", "outsider"}), code=200):
    """The answer of each persona: 401 anonymous, 404 outside the scope, `code` when allowed."""
    table = []
    for persona in PERSONAS:
        if persona is None:
            expected = 401
        elif persona in hidden:
            expected = 404
        else:
            expected = code if persona in ok else 403
        table.append((persona, expected))
    return table


EDITORS = {"staf", "kasi"}  # the owner and the rater of staf's draft


def _staf(plans):
    return plans["staf"]


def _rhk(plans):
    return plans["staf"].rhks.get()


def _indicator(plans):
    return _rhk(plans).indicators.get()


# name: (method, path, body), on staf's draft
OPERATIONS = {
    "update": ("patch", "/skp/plans/{skp}", {"consequences": "Tunjangan"}),
    "rhk_add": ("post", "/skp/plans/{skp}/rhks", {"text": "Baru", "kind": "tambahan"}),
    "rhk_update": ("patch", "/skp/rhks/{rhk}", {"text": "Diubah"}),
    "rhk_delete": ("delete", "/skp/rhks/{rhk}", None),
    "indicator_add": (
        "post",
        "/skp/rhks/{rhk}/indicators",
        {"text": "Waktu", "aspect": "waktu", "target_value": "12", "unit_of_measure": "bulan"},
    ),
    "indicator_update": ("patch", "/skp/indicators/{indicator}", {"target_value": "10"}),
    "indicator_delete": ("delete", "/skp/indicators/{indicator}", None),
    "action_plan": ("put", "/skp/rhks/{rhk}/action-plans/1", {"text": "Menyusun"}),
    "behaviour": ("put", "/skp/plans/{skp}/behaviours/akuntabel", {"special_expectation": "x"}),
    "dialogue": ("post", "/skp/plans/{skp}/dialogue", {"note": "Mulai"}),
}


def _path(template, plans):
    return template.format(skp=_staf(plans).pk, rhk=_rhk(plans).pk, indicator=_indicator(plans).pk)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize(("persona", "expected"), _answers(EDITORS))
def test_the_owner_and_the_rater_edit_a_draft(
    client, personas, plans, operation, persona, expected
):
    method, template, body = OPERATIONS[operation]
    response = _call(client, personas, persona, method, _path(template, plans), body)
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(("persona", "expected"), _answers({"staf"}))
def test_only_the_owner_submits(client, personas, plans, persona, expected):
    services.skp_start_dialogue(actor=None, skp=plans["staf"])
    path = f"/skp/plans/{plans['staf'].pk}/submit"
    assert _call(client, personas, persona, "post", path).status_code == expected


@pytest.mark.parametrize(("persona", "expected"), _answers({"kasi"}))
def test_only_the_rater_sets_before_the_deadline(client, personas, plans, persona, expected):
    submit(plans["staf"])
    path = f"/skp/plans/{plans['staf'].pk}/set"
    assert _call(client, personas, persona, "post", path).status_code == expected


@pytest.mark.parametrize(("persona", "expected"), _answers({"kasi"}))
def test_only_the_rater_returns_before_the_deadline(client, personas, plans, persona, expected):
    submit(plans["staf"])
    path = f"/skp/plans/{plans['staf'].pk}/return"
    response = _call(client, personas, persona, "post", path, {"comment": "Perbaiki"})
    assert response.status_code == expected


@pytest.mark.parametrize(("persona", "expected"), _answers({"staf", "kasi", "kabid", "kadinkes"}))
def test_the_owner_the_rater_and_leaders_above_comment(client, personas, plans, persona, expected):
    path = f"/skp/plans/{plans['staf'].pk}/comments"
    response = _call(client, personas, persona, "post", path, {"text": "Catatan"})
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    # kasi's set plan: the owner, the rater (kabid) and BKPSDM may open a new version.
    _answers({"kasi", "kabid", "bkpsdm"}),
)
def test_who_may_revise_a_set_plan(client, personas, plans, persona, expected):
    path = f"/skp/plans/{plans['kasi'].pk}/revise"
    body = {"kind": "new_assignment", "reason": "Tugas baru dari kepala bidang"}
    assert _call(client, personas, persona, "post", path, body).status_code == expected


@pytest.mark.parametrize(("persona", "expected"), _answers({"staf", "kasi", "bkpsdm"}))
def test_who_may_restart_a_plan_after_a_change_of_rater(client, personas, plans, persona, expected):
    path = f"/skp/plans/{plans['staf'].pk}/restart"
    body = {
        "kind": "rater_change",
        "reason": "Pejabat penilai berganti",
        "effective_date": "2026-03-01",
    }
    assert _call(client, personas, persona, "post", path, body).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    _answers(
        {"staf", "kasi", "kabid", "kadinkes", "bkpsdm", "pimpinan", "auditor"},
        hidden={"dokter", "outsider"},
    ),
)
@pytest.mark.parametrize("suffix", ["", "/versions"])
def test_who_reads_a_plan_and_its_versions(client, personas, plans, persona, expected, suffix):
    path = f"/skp/plans/{plans['staf'].pk}{suffix}"
    assert _call(client, personas, persona, "get", path).status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_with_an_employee_record_starts_their_own_plan(client, personas, plans, persona):
    response = _call(client, personas, persona, "post", "/skp/plans", {"year": 2027})
    expected = {None: 401, "pimpinan": 400}.get(persona, 200)
    assert response.status_code == expected, response.content
    if expected == 200:
        assert response.json()["employee"]["id"] == personas.employees[persona].pk
