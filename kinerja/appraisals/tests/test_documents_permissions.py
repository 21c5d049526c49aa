"""Who gets the evaluation documents: the permission table of the house.

The data of test_views_permissions (Q1 2026 seen on 2 April), and the kabid, having received
the signed evaluation, files a keberatan. An evaluation's PDF and its keberatan's answer as the
evaluation's page does (out of scope: 404). The predikat recap answers BKPSDM, pimpinan,
auditors, unit admins (staf) and raters (kasi); dokter, a pegawai who rates nobody, gets 403;
the outsider, whose agency does not hold the period, 404.
"""

import pytest

from kinerja.appraisals import services
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import viewer
from kinerja.appraisals.tests.permission_world import TODAY, built_world
from kinerja.core.tests.permission_table import Row, answers, ask, table_cases

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        personas = data.personas
        kabid = services.evaluation_acknowledge(
            actor=viewer(personas, "kabid", TODAY), evaluation=Evaluation.objects.get(pk=data.kabid)
        )
        services.keberatan_file(
            actor=viewer(personas, "kabid", TODAY),
            evaluation=kabid,
            reasons="Capaian bidang melampaui target triwulan.",
        )
        yield data


READ = answers(200, dokter=404, outsider=404, kabid=200)
DOCUMENT_PDF = Row("appraisals:document_pdf", READ, args=lambda w: [w.staf])
# The kabid's evaluation is read by the kabid, the kadinkes (rater and leader), the unit admin
# and the agency-wide roles, not by the kasi below.
KABID_READ = answers(200, kasi=404, dokter=404, outsider=404)
KEBERATAN_PDF = Row("appraisals:keberatan_pdf", KABID_READ, args=lambda w: [w.kabid])
KEBERATAN_PAGE = Row("appraisals:keberatan", KABID_READ, args=lambda w: [w.kabid])
RECAP = Row("appraisals:recap", answers(200, dokter=403, outsider=404), args=lambda w: [w.q1])

PERMISSION_ROWS = [DOCUMENT_PDF, KEBERATAN_PDF, RECAP]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_the_documents_are_read_by_the_readers_of_the_evaluation_and_the_recap_by_its_readers(
    client, world, row, persona, expected
):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize("persona", list(KABID_READ))
def test_the_keberatan_and_its_pdf_answer_the_same(client, world, persona):
    assert ask(client, world.personas, KEBERATAN_PAGE, persona, world) == ask(
        client, world.personas, KEBERATAN_PDF, persona, world
    )
