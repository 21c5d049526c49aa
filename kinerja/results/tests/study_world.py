"""The data of the study leave tests: staf on study leave (S-1, accreditation B, 8 semesters)
for the whole of 2026, on 4 May 2026, with semester 1 verified, semester 2 submitted with its
transcript and semester 3 a draft."""

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.tests.permission_table import shared_data
from kinerja.org.tests.personas import build_personas
from kinerja.results import services
from kinerja.results.models import SemesterEvidence
from kinerja.results.tests.data import IN_MAY, D, plans, quarter
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import freeze_today

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def transcript(name="transkrip.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def study_leave(personas, **extra):
    values = {
        "start_date": D(YEAR, 1, 1),
        "institution": "Universitas Gadjah Mada",
        "programme": "Magister Kesehatan Masyarakat",
        "level": "s1",
        "accreditation": "B",
        "total_semesters": 8,
    }
    values.update(extra)
    return services.study_leave_record(actor=None, employee=personas.employees["staf"], **values)


def semester(personas, period, number, ipk="3.40", **extra):
    values = {"sks_taken": 20, "sks_passed": 20}
    values.update(extra)
    return services.semester_save(
        actor=None,
        employee=personas.employees["staf"],
        period=period,
        semester=number,
        ipk=ipk,
        **values,
    )


@dataclass(repr=False)
class StudyWorld:
    personas: object
    staf_id: int
    q1: int
    q2: int
    verified: int
    submitted: int
    draft: int
    transcript: int


def build_study_world(personas) -> StudyWorld:
    plans(personas)
    study_leave(personas)
    q1, q2 = quarter(personas, 1), quarter(personas, 2)
    verified = services.semester_verify(
        actor=None, result=semester(personas, q1, 1, "3.52", submit=True)
    )
    submitted = semester(personas, q2, 2, "3.05", evidence_file=transcript(), submit=True)
    draft = semester(personas, q2, 3, "2.90")
    return StudyWorld(
        personas,
        personas.employees["staf"].pk,
        q1.pk,
        q2.pk,
        verified.pk,
        submitted.pk,
        draft.pk,
        SemesterEvidence.objects.get(result_id=submitted.pk).pk,
    )


@contextmanager
def built_study_world(django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, IN_MAY)
        yield build_study_world(build_personas())
