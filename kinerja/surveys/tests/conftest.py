import pytest

from kinerja.core.tests.permission_table import shared_data
from kinerja.surveys.tests.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        yield build_world()
