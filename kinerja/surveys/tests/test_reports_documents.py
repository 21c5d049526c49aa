"""The SKM report: drafted by the unit's handlers, approved by the holder of the unit's head
post only, frozen when published (new answers never change it), corrected by a new version,
and printed as a PDF holding the index and its grade."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.core.tests.permission_table import shared_data
from kinerja.surveys import documents, todo
from kinerja.surveys.models import ReportStatus, SkmReport
from kinerja.surveys.selectors.reports import report_data
from kinerja.surveys.services import followup
from kinerja.surveys.services import reports as services
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import TODAY, YEAR, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        # Q2: (4 + 3) / 2 for elements 1-8 and 4 for sarana: (8 * 3.5 + 4) / 9 * 25 = 88.89, A
        f.responses(world.pkm, datetime.date(YEAR, 4, 10), f.same(4, 1), sex="f")
        f.responses(
            world.pkm,
            datetime.date(YEAR, 5, 2),
            [[3] * 8 + [4]],
            suggestion="Ruang tunggu panas",
        )
        f.service_users(world.pkm, YEAR, "quarter", 2, 50)
        followup.followup_create(
            actor=None,
            unit=world.pkm.pk,
            year=YEAR,
            kind="quarter",
            number=1,
            element="waktu",
            action="Menambah loket pendaftaran",
            due_date=datetime.date(YEAR, 4, 30),
            owner_text="Tim loket",
        )
        followup.followup_create(
            actor=None,
            unit=world.pkm.pk,
            year=YEAR,
            kind="quarter",
            number=2,
            element="sarana",
            action="Memasang kipas di ruang tunggu",
            due_date=datetime.date(YEAR, 7, 31),
            owner_position=world.personas.positions["kapus"].pk,
        )
        yield world


def viewer(world, who):
    return build_viewer(world.users[who], today=TODAY)


def draft(world, who="staf", **changes):
    values = {"unit": world.pkm.pk, "year": YEAR, "kind": "quarter", "number": 2, **changes}
    return services.report_draft(actor=viewer(world, who), **values)


def pdf_text(report) -> str:
    reader = PdfReader(io.BytesIO(documents.report_pdf(report)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_opens_and_holds_the_index_grade_and_plan(world):
    report = draft(world, summary="Pelayanan sangat baik")
    text = pdf_text(report)
    assert "88,89" in text and "Mutu A" in text and "Sangat Baik" in text
    assert "KONSEP" in text and "Ruang tunggu panas" in text
    assert "Memasang kipas" in text and "Menambah loket" in text  # plan and previous period
    assert "PermenPANRB" in text or "Nomor 14 Tahun 2017" in text


def test_approval_is_the_unit_heads_alone(world):
    report = draft(world)
    for who in ("staf", "bkpsdm"):
        with pytest.raises(PermissionDenied):
            services.report_approve(actor=viewer(world, who), report=report.pk)
    for who in ("kasi", "dokter", "pimpinan", "outsider"):
        with pytest.raises(ValidationError):
            services.report_approve(actor=viewer(world, who), report=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.snapshot is None


def test_a_published_report_does_not_change_with_new_answers(world):
    report = services.report_approve(actor=viewer(world, "kapus"), report=draft(world).pk)
    assert report.is_published and report.approver_name.startswith("Maya Sari")
    assert report.snapshot["figures"]["ikm_100"] == "88.89"
    assert AuditEvent.objects.filter(
        action="surveys.report.approved", object_id=str(report.pk)
    ).exists()
    f.responses(world.pkm, datetime.date(YEAR, 5, 10), f.same(1, 5))
    stored = SkmReport.objects.get(pk=report.pk)
    assert report_data(stored)["figures"]["ikm_100"] == "88.89"
    assert report_data(stored)["figures"]["respondents"] == 2
    text = pdf_text(stored)
    assert "88,89" in text and "KONSEP" not in text
    with pytest.raises(ImmutableRecordError):
        services.report_approve(actor=viewer(world, "kapus"), report=report.pk)


def test_a_correction_is_version_two_and_version_one_stays(world):
    first = services.report_approve(actor=viewer(world, "kapus"), report=draft(world).pk)
    with pytest.raises(ValidationError) as error:
        draft(world)
    assert "reason" in error.value.message_dict
    f.responses(world.pkm, datetime.date(YEAR, 5, 10), f.same(2, 2))
    second = draft(world, "kapus", reason="Jawaban kertas terlambat dimasukkan")
    assert second.version == 2 and second.status == ReportStatus.DRAFT
    with pytest.raises(ValidationError):
        draft(world, reason="lagi")  # one draft at a time
    second = services.report_approve(actor=viewer(world, "kapus"), report=second.pk)
    first.refresh_from_db()
    assert first.is_published and first.snapshot["figures"]["respondents"] == 2
    assert second.snapshot["figures"]["respondents"] == 4
    assert SkmReport.objects.filter(unit=world.pkm, year=YEAR).count() == 2


def test_drafting_is_for_the_units_handlers(world):
    for who in ("dokter", "pimpinan", "auditor"):
        with pytest.raises(PermissionDenied):
            draft(world, who)
    for who in ("kasi", "outsider"):
        with pytest.raises(ValidationError):
            draft(world, who)


def test_the_head_is_reminded_of_a_draft_to_approve(world):
    draft(world)
    keys = [item.key for item in todo.todo_items(viewer(world, "kapus"))]
    assert "surveys.report_to_approve" in keys
    keys = [item.key for item in todo.todo_items(viewer(world, "staf"))]
    assert "surveys.report_to_approve" not in keys
