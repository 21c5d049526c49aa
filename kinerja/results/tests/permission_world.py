"""The data of the permission tables: staf's realisations in each state, on 4 May 2026."""

from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.tests.permission_table import shared_data
from kinerja.org.tests.personas import build_personas
from kinerja.results import services
from kinerja.results.models import Evidence
from kinerja.results.tests.data import IN_MAY, plans, quarter
from kinerja.skp.models import Rhk, RhkIndicator
from kinerja.skp.tests.review_data import freeze_today

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


@dataclass(repr=False)
class World:
    personas: object
    staf_id: int
    q1: int
    q2: int
    submitted: int
    verified: int
    draft: int
    file_evidence: int
    text_evidence: int
    second_key: str


@contextmanager
def built_world(django_db_blocker, tmp_path_factory):
    """The world of a permission table, built once per module and rolled back after it."""
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, IN_MAY)
        personas = build_personas()
        chain = plans(personas)
        first_rhk = chain["staf"].rhks.get()
        second = RhkIndicator.objects.create(
            rhk=Rhk.objects.create(skp=chain["staf"], text="Terkelolanya arsip", order=5),
            text="Persentase arsip tertata",
            target_value=Decimal("90"),
        )
        first_key = first_rhk.indicators.get().key
        employee = personas.employees["staf"]
        q1, q2 = quarter(personas, 1), quarter(personas, 2)

        def save(period, key, **extra):
            return services.realisation_save(
                actor=None, employee=employee, period=period, indicator_key=key, **extra
            )

        submitted = save(
            q1,
            first_key,
            value="4",
            evidence_file=SimpleUploadedFile("laporan.pdf", PDF, "application/pdf"),
            submit=True,
        )
        verified = services.realisation_verify(
            actor=None, realisation=save(q2, first_key, value="5", submit=True)
        )
        draft = save(q1, second.key, value="50", evidence_text="Daftar arsip tertata")
        yield World(
            personas,
            employee.pk,
            q1.pk,
            q2.pk,
            submitted.pk,
            verified.pk,
            draft.pk,
            Evidence.objects.get(realisation_id=submitted.pk).pk,
            Evidence.objects.get(realisation_id=draft.pk).pk,
            str(second.key),
        )
