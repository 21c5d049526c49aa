"""Who gets what from the realisation pages: the permission table of the house.

Personas: anonymous; dokter, a pegawai of another unit; kasi, the rater of staf; staf, the
employee whose realisations these are and the admin of Dinas Kesehatan; bkpsdm; pimpinan;
auditor; outsider, the BKPSDM admin of another agency. Today is 4 May 2026. staf has, for the
first indicator, a submitted Q1 realisation with a file and a verified Q2 one; for the second
indicator a Q1 draft with a text. "login" is a redirect to the login page; 302 after a POST is
the redirect that follows the action.
"""

import pytest
from django.urls import reverse

from kinerja.core.tests.permission_table import Row, answers, ask
from kinerja.results.models import Evidence, Realisation
from kinerja.results.tests.permission_world import built_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


@pytest.fixture(autouse=True)
def _private_media_root():
    """The evidence files stay in the module's folder (shared_data), where they were saved."""


def _status(pk) -> str:
    return Realisation.objects.get(pk=pk).status


# Readers: the employee, the rater, the leaders above (kabid), the unit admin (staf too) and the
# agency-wide roles.
READ = answers(200, dokter=404, outsider=404, kabid=200)
MINE = Row("results:mine", answers(302, pimpinan=404))
PERIODS = Row("results:periods", READ, args=lambda w: [w.staf_id, 2026])
PERIOD = Row("results:period", READ, args=lambda w: [w.staf_id, w.q1])
DETAIL = Row("results:detail", READ, args=lambda w: [w.submitted])
DOWNLOAD = Row("results:evidence_download", READ, args=lambda w: [w.file_evidence])
TO_VERIFY = Row("results:to_verify", answers(200))

# Only the employee writes; others who can see get 403, the rest 404.
OWNER_WRITES = answers(403, staf=302, dokter=404, outsider=404)
ENTRY = Row(
    "results:period",
    OWNER_WRITES,
    method="post",
    args=lambda w: [w.staf_id, w.q2],
    body=lambda w: {"indicator_key": w.second_key, "value": "12,5", "action": "save"},
    label="entry",
)
SUBMIT = Row("results:submit", OWNER_WRITES, method="post", args=lambda w: [w.draft])
EVIDENCE_ADD = Row(
    "results:evidence_add",
    OWNER_WRITES,
    method="post",
    args=lambda w: [w.draft],
    body={"url": "https://contoh.go.id/arsip"},
)
EVIDENCE_REMOVE = Row(
    "results:evidence_remove", OWNER_WRITES, method="post", args=lambda w: [w.text_evidence]
)

# Only the rater decides.
RATER_DECIDES = answers(403, kasi=302, dokter=404, outsider=404)
VERIFY = Row("results:verify", RATER_DECIDES, method="post", args=lambda w: [w.submitted])
RETURN = Row(
    "results:return",
    RATER_DECIDES,
    method="post",
    args=lambda w: [w.submitted],
    body={"comment": "Bukti belum lengkap"},
)
CORRECT = Row(
    "results:correct",
    RATER_DECIDES,
    method="post",
    args=lambda w: [w.verified],
    body={"value": "6", "reason": "Salah ketik"},
)
VERIFY_MANY = Row(
    "results:verify_many",
    # the list is reachable by whoever may rate someone (pimpinan rates the JPT)
    answers(403, kasi=302, pimpinan=302),
    method="post",
    body=lambda w: {"realisation": [w.submitted]},
)

# Only the rater chooses which indicators Kinerja computes; the readers get 403, the rest 404.
RATER_CHOOSES_SOURCE = answers(403, kasi=200, dokter=404, outsider=404)
SOURCE_PAGE = Row(
    "results:source", RATER_CHOOSES_SOURCE, args=lambda w: [w.staf_id, 2026, w.second_key]
)
SOURCE_SET = Row(
    "results:source",
    answers(403, kasi=400, dokter=404, outsider=404),
    method="post",
    args=lambda w: [w.staf_id, 2026, w.second_key],
    label="empty",
)
SOURCE_REMOVE = Row(
    "results:source_remove",
    answers(403, kasi=302, dokter=404, outsider=404),
    method="post",
    args=lambda w: [w.staf_id, 2026, w.second_key],
)

PAGE_ROWS = [MINE, PERIODS, PERIOD, DETAIL, DOWNLOAD, TO_VERIFY, SOURCE_PAGE]
PERMISSION_ROWS = [
    *PAGE_ROWS,
    ENTRY,
    SUBMIT,
    EVIDENCE_ADD,
    EVIDENCE_REMOVE,
    VERIFY,
    RETURN,
    CORRECT,
    VERIFY_MANY,
    SOURCE_SET,
    SOURCE_REMOVE,
]


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in (SOURCE_SET, SOURCE_REMOVE) for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_only_the_rater_chooses_or_stops_a_computed_realisation(
    client, world, row, persona, expected
):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in PAGE_ROWS for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_pages_are_read_by_the_employee_the_rater_and_the_readers_of_the_unit(
    client, world, row, persona, expected
):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), ENTRY.cases())
def test_only_the_employee_enters_a_realisation(client, world, persona, expected):
    assert ask(client, world.personas, ENTRY, persona, world) == expected
    written = Realisation.objects.filter(period_id=world.q2, indicator_key=world.second_key)
    assert written.exists() == (expected == 302)


@pytest.mark.parametrize(("persona", "expected"), SUBMIT.cases())
def test_only_the_employee_submits(client, world, persona, expected):
    assert ask(client, world.personas, SUBMIT, persona, world) == expected
    assert _status(world.draft) == ("submitted" if expected == 302 else "draft")


@pytest.mark.parametrize(("persona", "expected"), EVIDENCE_ADD.cases())
def test_only_the_employee_adds_evidence(client, world, persona, expected):
    assert ask(client, world.personas, EVIDENCE_ADD, persona, world) == expected
    count = Evidence.objects.filter(realisation_id=world.draft).count()
    assert count == (2 if expected == 302 else 1)


@pytest.mark.parametrize(("persona", "expected"), EVIDENCE_REMOVE.cases())
def test_only_the_employee_removes_evidence(client, world, persona, expected):
    assert ask(client, world.personas, EVIDENCE_REMOVE, persona, world) == expected
    assert Evidence.objects.filter(pk=world.text_evidence).exists() == (expected != 302)


@pytest.mark.parametrize(("persona", "expected"), VERIFY.cases())
def test_only_the_rater_verifies(client, world, persona, expected):
    assert ask(client, world.personas, VERIFY, persona, world) == expected
    assert _status(world.submitted) == ("verified" if expected == 302 else "submitted")


@pytest.mark.parametrize(("persona", "expected"), RETURN.cases())
def test_only_the_rater_returns(client, world, persona, expected):
    assert ask(client, world.personas, RETURN, persona, world) == expected
    assert _status(world.submitted) == ("returned" if expected == 302 else "submitted")


@pytest.mark.parametrize(("persona", "expected"), CORRECT.cases())
def test_only_the_rater_corrects(client, world, persona, expected):
    assert ask(client, world.personas, CORRECT, persona, world) == expected
    version = Realisation.objects.get(pk=world.verified).version
    assert version == (2 if expected == 302 else 1)


@pytest.mark.parametrize(("persona", "expected"), VERIFY_MANY.cases())
def test_only_the_rater_verifies_several_at_once(client, world, persona, expected):
    assert ask(client, world.personas, VERIFY_MANY, persona, world) == expected
    assert _status(world.submitted) == ("verified" if persona == "kasi" else "submitted")


def test_the_rater_sees_the_team_realisation_to_verify(client, world):
    client.force_login(world.personas.users["kasi"])
    response = client.get(reverse("results:to_verify"))
    assert [r.pk for r in response.context["rows"]] == [world.submitted]
    client.force_login(world.personas.users["kabid"])
    assert list(client.get(reverse("results:to_verify")).context["rows"]) == []
