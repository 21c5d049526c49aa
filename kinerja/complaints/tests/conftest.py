import pytest

from kinerja.complaints.tests.data import TODAY, build_world
from kinerja.core.tests.permission_table import shared_data


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        pytest.MonkeyPatch.context() as patch,
        shared_data(django_db_blocker, tmp_path_factory, PUBLIC_AGENCY="contoh"),
    ):
        yield build_world(patch)


@pytest.fixture(autouse=True)
def _today(monkeypatch, settings):
    from kinerja.skp.tests.review_data import freeze_today

    freeze_today(monkeypatch, TODAY)
    settings.PUBLIC_AGENCY = "contoh"


@pytest.fixture(autouse=True)
def _private_media_root():
    """The world's attachments stay in the module's folder, where they were saved."""
