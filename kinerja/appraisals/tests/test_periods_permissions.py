"""Who gets what from the evaluation periods pages and the settings (the permission table).

Personas as in test_views_permissions; today is 2 April 2026, Q1 opened on its last day."""

import pytest

from kinerja.appraisals.models import AppraisalSettings
from kinerja.appraisals.tests.permission_world import built_world
from kinerja.core.tests.permission_table import Row, answers, ask

pytestmark = pytest.mark.django_db


# --- the permission table ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_world(django_db_blocker, tmp_path_factory) as data:
        yield data


# outsider is BKPSDM of another agency: its own agency's page, never this one's periods
PERIODS = Row(
    "appraisals:periods", answers(403, bkpsdm=200, pimpinan=200, auditor=200, outsider=200)
)
SETTINGS = Row("appraisals:settings", answers(403, bkpsdm=200, outsider=200))
OPEN = Row(
    "appraisals:period_open",
    answers(403, bkpsdm=302, outsider=404),
    method="post",
    args=lambda w: [w.q1],
)


SETTINGS_CHANGE = Row(
    "appraisals:settings",
    answers(403, bkpsdm=302, outsider=302),
    method="post",
    body={"distribution_base": "unit"},
)
PERMISSION_ROWS = [PERIODS, SETTINGS, OPEN, SETTINGS_CHANGE]


@pytest.mark.parametrize(
    ("row", "persona", "expected"),
    [(row, p, e) for row in (PERIODS, SETTINGS, OPEN) for p, e in row.answers.items()],
    ids=lambda x: x.name if isinstance(x, Row) else str(x),
)
def test_the_periods_pages_answer_each_role(client, world, row, persona, expected):
    assert ask(client, world.personas, row, persona, world) == expected


@pytest.mark.parametrize(("persona", "expected"), SETTINGS_CHANGE.cases())
def test_only_bkpsdm_changes_the_settings_of_its_own_agency(client, world, persona, expected):
    AppraisalSettings.objects.all().delete()
    assert ask(client, world.personas, SETTINGS_CHANGE, persona, world) == expected
    changed = set(AppraisalSettings.objects.values_list("agency_id", "distribution_base"))
    if persona == "bkpsdm":
        assert changed == {(world.personas.agency.pk, "unit")}
    elif persona == "outsider":
        assert changed == {(world.personas.other_agency.pk, "unit")}
    else:
        assert changed == set()
