import pytest

from kinerja.core.tests.permission_table import shared_data
from kinerja.forums.tests.data import TODAY, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        yield build_world(patch)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from kinerja.skp.tests.review_data import freeze_today

    freeze_today(monkeypatch, TODAY)
