"""Who gets what from the survey results pages and API: the permission table of the house.

Personas (kinerja/org/tests/personas.py) and kapus, the head of Puskesmas Sukamaju (a service
unit): dokter works in the puskesmas; kasi heads a seksi elsewhere in the dinas; staf is the
admin of the Dinas Kesehatan above the puskesmas; bkpsdm, pimpinan and auditor see the agency;
outsider is the BKPSDM admin of another agency.
"""

import pytest

from kinerja.core.tests.permission_table import Row, answers, ask, shared_data, table_cases
from kinerja.surveys.models import SurveySettings
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import TODAY, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        f.responses(world.pkm, TODAY, f.same(3, 2), service=world.services["umum"])
        yield world


def _pkm(world):
    return [world.pkm.pk]


INDEX = Row("surveys:results_index", answers(200, kapus=200))
UNIT = Row(
    "surveys:results_unit",
    answers(200, kasi=404, outsider=404, kapus=200),
    args=_pkm,
)
REGENCY = Row("surveys:results_regency", answers(200, dokter=403, kasi=403, kapus=403))
WEIGHT_PAGE = Row("surveys:weight", answers(403, bkpsdm=200, outsider=200, kapus=403))
WEIGHT = Row(
    "surveys:weight",
    answers(403, bkpsdm=302, outsider=302, kapus=403),
    method="post",
    body={"weight": "0.11"},
)

PERMISSION_ROWS = [INDEX, UNIT, REGENCY, WEIGHT_PAGE, WEIGHT]

WRITES = {
    WEIGHT.name: lambda: SurveySettings.objects.filter(weight="0.11").count(),
}


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_survey_results_permission_table(client, world, row, persona, expected):
    count = WRITES.get(row.name)
    before = count() if count else None
    assert ask(client, world.personas, row, persona, world) == expected
    if count:
        changed = count() != before
        assert changed == (expected in (200, 302)), "a write happens exactly when allowed"
