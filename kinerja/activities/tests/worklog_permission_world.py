"""The data of the daily log's permission tables, on Monday 4 May 2026: staf (rated by kasi)
has an entry awaiting verification with a photo, another awaiting one, a verified one; the
agency has one catalogue activity."""

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.activities import services
from kinerja.activities.tests.worklog_data import MONDAY, log
from kinerja.core.tests.permission_table import shared_data
from kinerja.org.tests.personas import build_personas
from kinerja.results.tests.data import plans
from kinerja.skp.tests.review_data import freeze_today

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@dataclass(repr=False)
class World:
    personas: object
    staf_id: int
    submitted: int
    other: int
    verified: int
    item: int


@contextmanager
def built_world(django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, MONDAY)
        personas = build_personas()
        plans(personas)
        submitted = log(personas, evidence_file=SimpleUploadedFile("foto.png", PNG, "image/png"))
        other = log(personas, description="Rapat koordinasi", minutes=45)
        verified = log(personas, description="Apel pagi", minutes=30)
        services.activity_verify_many(actor=None, activities=[verified.pk])
        item = services.catalogue_item_save(
            actor=None, agency=personas.agency, name="Apel pagi", standard_minutes=30
        )
        yield World(
            personas, personas.employees["staf"].pk, submitted.pk, other.pk, verified.pk, item.pk
        )
