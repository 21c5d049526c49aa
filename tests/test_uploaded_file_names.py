"""Every upload of execution and evaluation keeps the name the client sent only once cleaned
(`kinerja.core.files.clean_filename`): no path, control or bidirectional character reaches the
stored name, the file on disk or a download's header."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.activities import services as activity_services
from kinerja.activities.tests.worklog_data import log
from kinerja.results import services as result_services
from kinerja.results.tests.data import IN_MAY, indicator_of, plans, quarter, viewer
from kinerja.results.tests.study_world import semester, study_leave
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
# A path, a NUL, a newline and a right-to-left override that shows "laporanfdp.exe" as a PDF.
HOSTILE = "../../etc/\x00lap\noran\u202efdp.exe.pdf"
CLEANED = "laporanfdp.exe.pdf"
UNSAFE = ("/", "\\", "\x00", "\n", "\u202e")


def _upload():
    return SimpleUploadedFile(HOSTILE, PDF, "application/pdf")


def _assert_clean(shown: str, stored) -> None:
    assert shown == CLEANED
    on_disk = stored.name.rsplit("/", 1)[-1]
    assert not any(ch in on_disk for ch in UNSAFE), on_disk


@pytest.fixture
def chain(personas, monkeypatch):
    freeze_today(monkeypatch, IN_MAY)
    return plans(personas)


def test_the_photo_or_file_of_a_daily_log_entry(personas, chain):
    entry = log(personas, "staf", evidence_file=_upload())
    _assert_clean(entry.evidence_name, entry.evidence)


def test_the_evidence_of_a_realisation(personas, chain):
    realisation = result_services.realisation_save(
        actor=viewer(personas, "staf"),
        employee=personas.employees["staf"],
        period=quarter(personas, 1),
        indicator_key=indicator_of(chain["staf"]).key,
        value="5",
        evidence_file=_upload(),
    )
    evidence = realisation.evidence.get()
    _assert_clean(evidence.original_name, evidence.file)


def test_the_transcript_of_a_study_leave_semester(personas, chain):
    study_leave(personas)
    result = semester(personas, quarter(personas, 1), 1, evidence_file=_upload())
    evidence = result.evidence.get()
    _assert_clean(evidence.original_name, evidence.file)


def test_an_attendance_file(personas, chain):
    job = activity_services.import_create(
        actor=viewer(personas, "bkpsdm"),
        agency=personas.agency,
        kind="attendance",
        data=b"nip;tanggal\n",
        filename="../\u202eabsensi\r\n.csv",
        file_format="csv",
    )
    assert job.original_name == "absensi.csv"
    assert not any(ch in job.file.name.rsplit("/", 1)[-1] for ch in UNSAFE)
