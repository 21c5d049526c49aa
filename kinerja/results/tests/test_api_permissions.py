"""Who gets what from the realisation API: the permission table of the house.

The same world and personas as the pages (see test_views_permissions). The API answers 401 to
an anonymous caller, 404 outside the caller's scope, 403 to one who sees but may not act, and
400 when a caller names what is not theirs to write (another plan's indicator, a period of
another agency).
"""

import pytest

from kinerja.core.tests.permission_table import Row, api_answers, ask
from kinerja.results.models import Evidence, Realisation
from kinerja.results.tests.permission_world import built_world

pytestmark = pytest.mark.django_db
API = "/api/v1/results"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


@pytest.fixture(autouse=True)
def _private_media_root():
    """The evidence files stay in the module's folder (shared_data), where they were saved."""


def _status(pk) -> str:
    return Realisation.objects.get(pk=pk).status


LIST = Row(f"GET {API}/realisations", api_answers(200))
DETAIL = Row(
    f"GET {API}/realisations/{{realisation_id}}",
    api_answers(200, dokter=404, outsider=404),
    args=lambda w: {"realisation_id": w.submitted},
)
SAVE = Row(
    f"POST {API}/realisations",
    # only one's own plan is writable: another's indicator key or period names nothing
    api_answers(400, staf=200, pimpinan=404),
    body=lambda w: {"period": w.q2, "indicator_key": w.second_key, "value": "12,5"},
)
OWNER = api_answers(403, staf=200, dokter=404, outsider=404)
SUBMIT = Row(
    f"POST {API}/realisations/{{realisation_id}}/submit",
    OWNER,
    args=lambda w: {"realisation_id": w.draft},
)
EVIDENCE_ADD = Row(
    f"POST {API}/realisations/{{realisation_id}}/evidence",
    OWNER,
    args=lambda w: {"realisation_id": w.draft},
    body={"url": "https://contoh.go.id/arsip"},
)
EVIDENCE_DELETE = Row(
    f"DELETE {API}/evidence/{{evidence_id}}",
    OWNER,
    args=lambda w: {"evidence_id": w.text_evidence},
)
RATER = api_answers(403, kasi=200, dokter=404, outsider=404)
VERIFY = Row(
    f"POST {API}/realisations/{{realisation_id}}/verify",
    RATER,
    args=lambda w: {"realisation_id": w.submitted},
)
RETURN = Row(
    f"POST {API}/realisations/{{realisation_id}}/return",
    RATER,
    args=lambda w: {"realisation_id": w.submitted},
    body={"comment": "Bukti belum lengkap"},
)
CORRECT = Row(
    f"POST {API}/realisations/{{realisation_id}}/correct",
    RATER,
    args=lambda w: {"realisation_id": w.verified},
    body={"value": "6", "reason": "Salah ketik"},
)

PERMISSION_ROWS = [
    LIST,
    DETAIL,
    SAVE,
    SUBMIT,
    EVIDENCE_ADD,
    EVIDENCE_DELETE,
    VERIFY,
    RETURN,
    CORRECT,
]


@pytest.mark.parametrize(("persona", "expected"), LIST.cases())
def test_the_list_is_scoped_to_the_caller(client, world, persona, expected):
    assert ask(client, world.personas, LIST, persona, world) == expected
    if expected == 200:
        ids = {row["id"] for row in client.get(f"{API}/realisations").json()["items"]}
        sees = persona in {"staf", "kasi", "bkpsdm", "pimpinan", "auditor"}
        assert (world.submitted in ids) == sees


@pytest.mark.parametrize(("persona", "expected"), DETAIL.cases())
def test_the_detail_is_read_by_those_who_see_the_page(client, world, persona, expected):
    assert ask(client, world.personas, DETAIL, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), SAVE.cases())
def test_only_the_employee_writes_their_realisation(client, world, persona, expected):
    assert ask(client, world.personas, SAVE, persona, world) == expected
    written = Realisation.objects.filter(period_id=world.q2, indicator_key=world.second_key)
    assert written.exists() == (expected == 200)


@pytest.mark.parametrize(("persona", "expected"), SUBMIT.cases())
def test_only_the_employee_submits(client, world, persona, expected):
    assert ask(client, world.personas, SUBMIT, persona, world) == expected
    assert _status(world.draft) == ("submitted" if expected == 200 else "draft")


@pytest.mark.parametrize(("persona", "expected"), EVIDENCE_ADD.cases())
def test_only_the_employee_adds_evidence(client, world, persona, expected):
    assert ask(client, world.personas, EVIDENCE_ADD, persona, world) == expected
    count = Evidence.objects.filter(realisation_id=world.draft).count()
    assert count == (2 if expected == 200 else 1)


@pytest.mark.parametrize(("persona", "expected"), EVIDENCE_DELETE.cases())
def test_only_the_employee_removes_evidence(client, world, persona, expected):
    assert ask(client, world.personas, EVIDENCE_DELETE, persona, world) == expected
    assert Evidence.objects.filter(pk=world.text_evidence).exists() == (expected != 200)


@pytest.mark.parametrize(("persona", "expected"), VERIFY.cases())
def test_only_the_rater_verifies(client, world, persona, expected):
    assert ask(client, world.personas, VERIFY, persona, world) == expected
    assert _status(world.submitted) == ("verified" if expected == 200 else "submitted")


@pytest.mark.parametrize(("persona", "expected"), RETURN.cases())
def test_only_the_rater_returns(client, world, persona, expected):
    assert ask(client, world.personas, RETURN, persona, world) == expected
    assert _status(world.submitted) == ("returned" if expected == 200 else "submitted")


@pytest.mark.parametrize(("persona", "expected"), CORRECT.cases())
def test_only_the_rater_corrects(client, world, persona, expected):
    assert ask(client, world.personas, CORRECT, persona, world) == expected
    assert Realisation.objects.get(pk=world.verified).version == (2 if expected == 200 else 1)


def test_a_verified_realisation_is_immutable_outside_a_correction(client, world):
    client.force_login(world.personas.users["staf"])
    response = client.post(
        f"{API}/realisations/{world.verified}/evidence",
        data={"text": "Tambahan"},
        content_type="application/json",
    )
    assert response.status_code == 409
