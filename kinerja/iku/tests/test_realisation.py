import datetime
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku import selectors
from kinerja.iku.models import Evidence, GoalLevel, Realisation, RealisationStatus
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import realisation as services
from kinerja.iku.tests import factories as f

D = datetime.date
TODAY = D(2025, 4, 25)


@pytest.fixture
def setup(personas):
    py = f.performance_year(personas.agency, 2025, "quarterly")
    goal = f.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM)
    indicator = f.indicator(goal, "Cakupan imunisasi")
    q1 = py.periods.get(kind="quarter", number=1)
    return personas, py, indicator, q1


def v(personas, key, today=TODAY):
    return f.viewer(personas, key, today=today)


def _submitted(personas, indicator, period, value="42"):
    staf = v(personas, "staf")
    realisation = services.realisation_enter(
        actor=staf, indicator=indicator, period=period, value=value
    )
    return services.realisation_submit(actor=staf, realisation=realisation)


# --- workflow and permissions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "allowed"),
    [
        ("staf", True),  # works in Seksi Primer, under Bidang Yankes
        ("kasi", True),
        ("kabid", True),
        ("kadinkes", True),  # heads the dinas, and is staff of it
        ("dokter", False),  # Puskesmas: another branch
        ("bkpsdm", False),
        ("auditor", False),
        ("pimpinan", False),
        ("outsider", False),
    ],
)
def test_who_may_enter_a_realisation(setup, key, allowed):
    personas, _py, indicator, q1 = setup

    def enter():
        return services.realisation_enter(
            actor=v(personas, key), indicator=indicator, period=q1, value=10
        )

    if allowed:
        assert enter().status == RealisationStatus.DRAFT
    else:
        with pytest.raises(PermissionDeniedError):
            enter()
        assert not Realisation.objects.exists()


def test_the_person_responsible_may_enter_from_another_unit(setup):
    personas, _py, indicator, q1 = setup
    indicator.responsible_position = personas.positions["dokter"]
    indicator.save()
    realisation = services.realisation_enter(
        actor=v(personas, "dokter"), indicator=indicator, period=q1, value=10
    )
    assert realisation.entered_by == personas.users["dokter"]


@pytest.mark.parametrize(
    ("key", "allowed"),
    [
        ("kabid", True),  # head of the owner unit
        ("kadinkes", True),  # head of the unit above
        ("kasi", False),  # head of a sub-unit only
        ("staf", False),  # entered it; unit admin, but not a head
        ("bkpsdm", False),
        ("pimpinan", False),
        ("outsider", False),
    ],
)
def test_who_may_verify_a_realisation(setup, key, allowed):
    personas, _py, indicator, q1 = setup
    realisation = _submitted(personas, indicator, q1)
    if allowed:
        verified = services.realisation_verify(actor=v(personas, key), realisation=realisation)
        assert verified.status == RealisationStatus.VERIFIED
        assert verified.verified_by == personas.users[key]
    else:
        with pytest.raises(PermissionDeniedError):
            services.realisation_verify(actor=v(personas, key), realisation=realisation)
        with pytest.raises(PermissionDeniedError):
            services.realisation_return(
                actor=v(personas, key), realisation=realisation, comment="Periksa lagi"
            )
        realisation.refresh_from_db()
        assert realisation.status == RealisationStatus.SUBMITTED


def test_a_returned_realisation_is_corrected_and_resubmitted(setup):
    personas, _py, indicator, q1 = setup
    realisation = _submitted(personas, indicator, q1)
    kabid = v(personas, "kabid")
    with pytest.raises(ValidationError) as error:
        services.realisation_return(actor=kabid, realisation=realisation, comment=" ")
    assert "comment" in error.value.message_dict
    services.realisation_return(actor=kabid, realisation=realisation, comment="Angka salah")
    staf = v(personas, "staf")
    services.realisation_enter(actor=staf, indicator=indicator, period=q1, value="40")
    services.realisation_submit(actor=staf, realisation=realisation)
    realisation = services.realisation_verify(actor=kabid, realisation=realisation)
    assert (realisation.value, realisation.version) == (40, 1)
    actions = list(
        AuditEvent.objects.filter(object_id=str(realisation.pk), action__startswith="iku.real")
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "iku.realisation.entered",
        "iku.realisation.submitted",
        "iku.realisation.returned",
        "iku.realisation.entered",
        "iku.realisation.submitted",
        "iku.realisation.verified",
    ]


def test_refused_transitions(setup):
    personas, _py, indicator, q1 = setup
    staf, kabid = v(personas, "staf"), v(personas, "kabid")
    draft = services.realisation_enter(actor=staf, indicator=indicator, period=q1)
    with pytest.raises(ValidationError):
        services.realisation_verify(actor=kabid, realisation=draft)  # not submitted
    with pytest.raises(ValidationError) as error:
        services.realisation_submit(actor=staf, realisation=draft)  # no value, no note
    assert "value" in error.value.message_dict
    services.realisation_enter(
        actor=staf, indicator=indicator, period=q1, note="Data BPS belum terbit"
    )
    submitted = services.realisation_submit(actor=staf, realisation=draft)
    with pytest.raises(ValidationError):
        services.realisation_enter(actor=staf, indicator=indicator, period=q1, value=1)
    with pytest.raises(ValidationError):
        services.realisation_submit(actor=staf, realisation=submitted)


def test_a_future_period_cannot_be_entered(setup):
    personas, py, indicator, _q1 = setup
    q3 = py.periods.get(kind="quarter", number=3)
    with pytest.raises(ValidationError) as error:
        services.realisation_enter(
            actor=v(personas, "staf"), indicator=indicator, period=q3, value=1
        )
    assert "period" in error.value.message_dict


def test_a_verified_realisation_only_changes_through_a_versioned_correction(setup):
    personas, _py, indicator, q1 = setup
    realisation = _submitted(personas, indicator, q1, "42")
    kabid = v(personas, "kabid")
    services.realisation_verify(actor=kabid, realisation=realisation)
    with pytest.raises(ImmutableRecordError):
        services.realisation_enter(
            actor=v(personas, "staf"), indicator=indicator, period=q1, value=1
        )
    with pytest.raises(ImmutableRecordError):
        services.realisation_submit(actor=v(personas, "staf"), realisation=realisation)
    with pytest.raises(PermissionDeniedError):
        services.realisation_correct(
            actor=v(personas, "staf"), realisation=realisation, value=1, reason="x"
        )
    with pytest.raises(ValidationError) as error:
        services.realisation_correct(actor=kabid, realisation=realisation, value=45, reason="")
    assert "reason" in error.value.message_dict

    services.realisation_correct(
        actor=kabid, realisation=realisation, value="45", reason="Laporan susulan Puskesmas"
    )
    realisation.refresh_from_db()
    assert (realisation.value, realisation.version, realisation.status) == (45, 2, "verified")
    history = selectors.realisation_versions(selectors.get_realisation(kabid, realisation.pk))
    assert [(h.version, h.kind, h.value, h.reason) for h in history] == [
        (1, "verified", 42, ""),
        (2, "corrected", 45, "Laporan susulan Puskesmas"),
    ]
    event = AuditEvent.objects.get(action="iku.realisation.corrected")
    assert (event.before["value"], event.after["value"]) == ("42.0000", "45.0000")


# --- evidence -------------------------------------------------------------------------------------

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_evidence_is_stored_with_its_hash(setup, media):
    personas, _py, indicator, q1 = setup
    staf = v(personas, "staf")
    realisation = services.realisation_enter(actor=staf, indicator=indicator, period=q1, value=1)
    evidence = services.evidence_add(
        actor=staf,
        realisation=realisation,
        uploaded_file=SimpleUploadedFile("Laporan Q1.pdf", PDF, content_type="text/html"),
    )
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (evidence.size, evidence.content_type) == (len(PDF), "application/pdf")
    assert evidence.original_name == "Laporan Q1.pdf"
    assert evidence.file.name.startswith("evidence/")
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF
    xlsx = services.evidence_add(
        actor=staf,
        realisation=realisation,
        uploaded_file=SimpleUploadedFile("rekap.xlsx", _xlsx_bytes()),
    )
    assert xlsx.content_type.endswith("spreadsheetml.sheet")
    assert AuditEvent.objects.filter(action="iku.evidence.added").count() == 2


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("laporan.pdf", b"<html><script>alert(1)</script></html>", "file_content"),
        ("foto.jpg", PNG, "file_content"),  # a PNG named .jpg
        ("rekap.xlsx", PDF, "file_content"),
        ("rekap.docx", _xlsx_bytes(), "file_content"),  # a spreadsheet named .docx
        ("program.exe", b"MZ\x90\x00", "file_type"),
        ("catatan.txt", b"hello", "file_type"),
        ("kosong.pdf", b"", "file_empty"),
        ("laporan\u202efdp.exe", b"MZ\x90\x00", "file_type"),  # shown as "laporanexe.pdf"
        ("laporan.p\u200bdf", b"<html></html>", "file_content"),
    ],
)
def test_bad_evidence_files_are_refused(setup, media, name, content, code):
    personas, _py, indicator, q1 = setup
    staf = v(personas, "staf")
    realisation = services.realisation_enter(actor=staf, indicator=indicator, period=q1, value=1)
    with pytest.raises(ValidationError) as error:
        services.evidence_add(
            actor=staf, realisation=realisation, uploaded_file=SimpleUploadedFile(name, content)
        )
    assert "file" in error.value.message_dict
    assert error.value.error_dict["file"][0].code == code
    assert not Evidence.objects.exists()


def test_evidence_over_the_size_limit_is_refused(setup, media, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    personas, _py, indicator, q1 = setup
    staf = v(personas, "staf")
    realisation = services.realisation_enter(actor=staf, indicator=indicator, period=q1, value=1)
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * 1024)
    with pytest.raises(ValidationError) as error:
        services.evidence_add(actor=staf, realisation=realisation, uploaded_file=big)
    assert error.value.error_dict["file"][0].code == "file_size"


def test_evidence_of_a_verified_realisation_cannot_change(setup, media):
    personas, _py, indicator, q1 = setup
    realisation = _submitted(personas, indicator, q1)
    services.realisation_verify(actor=v(personas, "kabid"), realisation=realisation)
    with pytest.raises(ImmutableRecordError):
        services.evidence_add(
            actor=v(personas, "staf"),
            realisation=realisation,
            uploaded_file=SimpleUploadedFile("a.pdf", PDF),
        )


# --- lateness -------------------------------------------------------------------------------------


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def test_missing_late_and_unverified_lists_on_a_constructed_quarter(setup):
    personas, py, on_time, q1 = setup
    goal = on_time.goal
    late = f.indicator(goal, "Terlambat")
    absent = f.indicator(goal, "Tidak ada")  # never entered
    drafted = f.indicator(goal, "Draf")
    returned = f.indicator(goal, "Dikembalikan")
    annual = f.indicator(goal, "Tahunan", reporting_frequency="annual")
    semester = f.indicator(goal, "Semesteran", reporting_frequency="semiannual")
    other_unit = f.indicator(f.goal(personas, "pkm", GoalLevel.SASARAN_KEGIATAN), "Puskesmas")
    # Q1 ends Monday 31 March 2025; with 1 and 2 April off, 10 working days later is 16 April.
    calendar_services.national_holidays_load(
        actor=None,
        agency=personas.agency,
        holidays=[(D(2025, 4, 1), "Idul Fitri"), (D(2025, 4, 2), "Idul Fitri")],
    )
    staf, kabid = v(personas, "staf"), v(personas, "kabid")

    r_on_time = _submitted(personas, on_time, q1)
    services.realisation_verify(actor=kabid, realisation=r_on_time)
    r_late = _submitted(personas, late, q1)
    services.realisation_enter(actor=staf, indicator=drafted, period=q1, value=1)
    r_returned = _submitted(personas, returned, q1)
    services.realisation_return(actor=kabid, realisation=r_returned, comment="Salah")
    Realisation.objects.filter(pk=r_on_time.pk).update(first_submitted_at=_at(D(2025, 4, 16)))
    Realisation.objects.filter(pk=r_late.pk).update(first_submitted_at=_at(D(2025, 4, 17)))
    Realisation.objects.filter(pk=r_returned.pk).update(first_submitted_at=_at(D(2025, 4, 10)))

    assert selectors.realisation_due_date(q1) == D(2025, 4, 16)

    def gaps(key, today=TODAY, unit=None):
        return selectors.realisation_gap_counts(v(personas, key), py, today=today, unit=unit)

    # Missing: Dikembalikan, Draf and Tidak ada; late and waiting: Terlambat.
    assert gaps("kabid") == {"missing": 3, "late": 1, "unverified": 1}

    # On the due date itself nothing is missing yet.
    assert gaps("kabid", today=D(2025, 4, 16))["missing"] == 0

    # Bappeda/BKPSDM see the whole agency, including the Puskesmas; the Puskesmas doctor only his.
    assert gaps("bkpsdm")["missing"] == 4
    assert gaps("dokter") == {"missing": 1, "late": 0, "unverified": 0}
    assert gaps("outsider") == {"missing": 0, "late": 0, "unverified": 0}
    assert gaps("bkpsdm", unit=personas.units["pkm"])["missing"] == 1
    assert absent.pk and annual.pk and semester.pk and other_unit.pk

    # At the end of the year every quarter, the two semesters and the year are expected too:
    # 5 quarterly indicators x 4 quarters, less the 2 handed in (verified and submitted),
    # + 2 semesters + 1 year.
    year_end = gaps("kabid", today=D(2026, 3, 1))
    assert year_end["missing"] == 5 * 4 - 2 + 2 + 1


def test_work_in_progress_is_visible_to_the_unit_and_overseers_only(setup):
    personas, _py, indicator, q1 = setup
    realisation = _submitted(personas, indicator, q1)
    assert selectors.get_realisation(v(personas, "kabid"), realisation.pk)
    assert selectors.get_realisation(v(personas, "bkpsdm"), realisation.pk)
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.get_realisation(v(personas, "dokter"), realisation.pk)
    services.realisation_verify(actor=v(personas, "kabid"), realisation=realisation)
    assert selectors.get_realisation(v(personas, "dokter"), realisation.pk)
    with pytest.raises(Http404):
        selectors.get_realisation(v(personas, "outsider"), realisation.pk)
