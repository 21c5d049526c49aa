"""The small demo regency as seeded on 20 May 2026 (seed 2026), written once for the modules of
this package, which read what each capability's generator wrote, and rolled back after them."""

import pytest
from django.db import transaction
from django.test import override_settings

from kinerja.demo import generator
from kinerja.demo.tests.seeded import TODAY


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("media")
    settings = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media_root
    )
    with django_db_blocker.unblock(), transaction.atomic(), settings:
        result = generator.seed(size="small", seed=2026, today=TODAY)
        result.media_root = media_root  # where the demo's evidence files were written
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def agency(demo, db):
    return demo.agency
