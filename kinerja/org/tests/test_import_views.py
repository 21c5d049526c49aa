"""Import pages: permissions by role, upload checks, templates, progress and results."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.accounts.models import RoleGrant
from kinerja.org.imports import import_job_create, import_job_run
from kinerja.org.imports.columns import COLUMN_NAMES, SHEET_KINDS
from kinerja.org.models import Employee, ImportJob, ImportStatus
from kinerja.org.tests.test_import_support import (
    employee_row,
    fill_workbook,
    media_root,  # noqa: F401 (fixture)
    nip,
    staff_file,
    upload,
    xlsx,
)

pytestmark = pytest.mark.usefixtures("media_root")


def _job(personas, data=None, status=None):
    job = import_job_create(
        actor=personas.users["bkpsdm"],
        agency=personas.agency,
        data=data or staff_file(2),
        filename="pegawai.xlsx",
        file_format="xlsx",
    )
    if status:
        ImportJob.objects.filter(pk=job.pk).update(status=status)
    return job


def _urls(job):
    return {
        "list": reverse("org:import_list"),
        "template": reverse("org:import_template"),
        "detail": reverse("org:import_detail", args=[job.pk]),
        "progress": reverse("org:import_progress", args=[job.pk]),
    }


@pytest.mark.parametrize("page", ["list", "template", "detail", "progress"])
@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (None, 302),
        ("dokter", 403),  # pegawai
        ("kasi", 403),  # atasan
        ("staf", 403),  # admin unit
        ("pimpinan", 403),
        ("auditor", 403),
        ("bkpsdm", 200),
    ],
)
def test_only_the_agencys_bkpsdm_admins_may_use_the_import_pages(
    client, personas, page, user, expected
):
    url = _urls(_job(personas))[page]
    if user:
        client.force_login(personas.users[user])
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("page", "expected"), [("detail", 404), ("progress", 404), ("list", 200)])
def test_a_bkpsdm_admin_of_another_agency_cannot_see_this_agencys_imports(
    client, personas, page, expected
):
    job = _job(personas)
    client.force_login(personas.users["outsider"])
    response = client.get(_urls(job)[page])
    assert response.status_code == expected
    if page == "list":
        assert job.original_name not in response.content.decode()


def test_uploading_a_valid_workbook_imports_it_and_shows_the_summary(client, personas):
    client.force_login(personas.users["bkpsdm"])
    data = xlsx(employees=[employee_row(nip(500), "DINKES-04", name="Wulan")])
    response = client.post(reverse("org:import_list"), {"file": upload(data, "baru.xlsx")})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "org:import_detail", args=[job.pk]
    )
    assert (job.status, job.total_rows, job.processed_rows) == (ImportStatus.DONE, 1, 1)
    assert job.summary["pegawai"]["created"] == 1 and job.created_by == personas.users["bkpsdm"]
    assert job.file_format == "xlsx" and len(job.sha256) == 64
    assert Employee.objects.filter(name="Wulan").exists()
    page = client.get(response.url)
    assert 'data-testid="import-summary"' in page.content.decode()
    assert "hx-trigger" not in page.content.decode()


def test_an_invalid_file_shows_every_error_with_sheet_row_and_column(client, personas):
    client.force_login(personas.users["bkpsdm"])
    data = xlsx(employees=[employee_row(nip(1), "JAB-X"), employee_row("123")])
    response = client.post(reverse("org:import_list"), {"file": upload(data, "salah.xlsx")})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "kode_jabatan"), (3, "nip")]
    body = client.get(response.url).content.decode()
    assert 'data-testid="import-errors"' in body
    assert "JAB-X" in body and "<code>kode_jabatan</code>" in body


def test_a_file_that_is_not_a_workbook_but_named_xlsx_is_a_form_error(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = client.post(
        reverse("org:import_list"), {"file": upload(b"%PDF-1.4 not a workbook", "data.xlsx")}
    )
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"kode_unit;nama_unit", "unit.txt"), (b"\x00\x01\x02binary", "unit.csv"), (b"", "e.csv")],
)
def test_other_unacceptable_files_are_form_errors(client, personas, content, name):
    client.force_login(personas.users["bkpsdm"])
    response = client.post(reverse("org:import_list"), {"file": upload(content, name)})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not ImportJob.objects.exists()


def test_a_file_over_the_size_limit_is_a_form_error(client, personas, settings):
    settings.IMPORT_MAX_BYTES = 100
    client.force_login(personas.users["bkpsdm"])
    response = client.post(reverse("org:import_list"), {"file": upload(staff_file(3), "b.xlsx")})
    assert response.status_code == 400
    assert "100" in str(response.context["form"].errors["file"])


def test_a_csv_upload_keeps_the_chosen_kind(client, personas):
    from kinerja.org.imports.template import csv_bytes

    client.force_login(personas.users["bkpsdm"])
    data = csv_bytes("pegawai", [employee_row(nip(600), "DINKES-04", name="Rina")])
    client.post(
        reverse("org:import_list"),
        {"file": upload(data, "pegawai.csv"), "sheet_kind": "pegawai"},
    )
    job = ImportJob.objects.get()
    assert (job.file_format, job.sheet_kind, job.status) == ("csv", "pegawai", ImportStatus.DONE)


def test_a_large_file_goes_to_the_background_task(client, personas, settings):
    settings.IMPORT_BACKGROUND_ROWS = 1
    client.force_login(personas.users["bkpsdm"])
    client.post(reverse("org:import_list"), {"file": upload(staff_file(3), "besar.xlsx")})
    # The test settings use the immediate backend, so the queued task has run already.
    assert ImportJob.objects.get().status == ImportStatus.DONE


def test_the_excel_template_has_the_three_sheets_and_their_headers(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = client.get(reverse("org:import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == [*SHEET_KINDS, "petunjuk"]
    for kind in SHEET_KINDS:
        header = next(workbook[kind].iter_rows(max_row=1, values_only=True))
        assert tuple(header) == COLUMN_NAMES[kind]


@pytest.mark.parametrize("kind", SHEET_KINDS)
def test_the_csv_templates_have_the_header_of_their_kind(client, personas, kind):
    client.force_login(personas.users["bkpsdm"])
    response = client.get(reverse("org:import_template"), {"format": "csv", "kind": kind})
    assert response["Content-Type"].startswith("text/csv")
    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line == ";".join(COLUMN_NAMES[kind])


@pytest.mark.parametrize("query", [{"format": "csv", "kind": "gaji"}, {"format": "pdf"}])
def test_an_unknown_template_is_not_found(client, personas, query):
    client.force_login(personas.users["bkpsdm"])
    assert client.get(reverse("org:import_template"), query).status_code == 404


def test_a_running_import_polls_its_progress_every_second(client, personas):
    job = _job(personas, status=ImportStatus.RUNNING)
    ImportJob.objects.filter(pk=job.pk).update(total_rows=200, processed_rows=50)
    client.force_login(personas.users["bkpsdm"])
    progress_url = reverse("org:import_progress", args=[job.pk])
    body = client.get(reverse("org:import_detail", args=[job.pk])).content.decode()
    assert f'hx-get="{progress_url}"' in body and 'hx-trigger="every 1s"' in body
    fragment = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert 'value="25"' in fragment.content.decode()
    assert "HX-Refresh" not in fragment


def test_the_progress_fragment_reloads_the_page_when_the_import_ends(client, personas):
    job = _job(personas, status=ImportStatus.DONE)
    client.force_login(personas.users["bkpsdm"])
    response = client.get(reverse("org:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()


def test_the_task_checks_again_that_the_user_may_import(personas):
    job = _job(personas)
    RoleGrant.objects.filter(user=personas.users["bkpsdm"]).delete()
    import_job_run(job.pk, user_id=personas.users["bkpsdm"].pk, language="en")
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert Employee.objects.filter(nip=nip(100)).count() == 0


def test_the_task_reports_in_the_users_language_and_runs_only_once(personas):
    data = xlsx(employees=[employee_row(nip(700), status="PPPK", golongan="III/a")])
    job = _job(personas, data=data)
    import_job_run(job.pk, user_id=personas.users["bkpsdm"].pk, language="id")
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert "bukan golongan PPPK" in job.errors[0]["message"]
    finished_at = job.finished_at
    import_job_run(job.pk, user_id=personas.users["bkpsdm"].pk, language="en")
    job.refresh_from_db()
    assert job.finished_at == finished_at


def test_the_list_shows_the_agencys_past_imports(client, personas):
    job = _job(personas)
    import_job_run(job.pk, user_id=personas.users["bkpsdm"].pk)
    client.force_login(personas.users["bkpsdm"])
    body = client.get(reverse("org:import_list")).content.decode()
    assert 'data-testid="import-jobs"' in body
    assert reverse("org:import_detail", args=[job.pk]) in body


def test_the_downloaded_template_filled_in_imports_through_the_page(client, personas):
    client.force_login(personas.users["bkpsdm"])
    blank = client.get(reverse("org:import_template")).content
    data = fill_workbook(
        blank,
        {
            "unit": [["DISHUB", "Dinas Perhubungan", "Dishub", "dinas", ""]],
            "jabatan": [["DISHUB-01", "Kepala Dinas", "jpt_pratama", "", "DISHUB", "", "ya"]],
            "pegawai": [
                [nip(800), "Andi", "", "S.T.", "PNS", "IV/a", "DISHUB-01", "02-01-2024", "", "", ""]
            ],
        },
    )
    client.post(reverse("org:import_list"), {"file": upload(data, "templat-impor-kinerja.xlsx")})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE, job.errors
    assert [counts["created"] for counts in job.summary.values()] == [1, 1, 1]


def test_the_downloaded_csv_template_filled_in_imports_through_the_page(client, personas):
    client.force_login(personas.users["bkpsdm"])
    blank = client.get(reverse("org:import_template"), {"format": "csv", "kind": "pegawai"})
    row = f"{nip(801)};Sinta;;;PPPK;IX;DINKES-04;2024-01-02;definitif;;\r\n"
    data = blank.content + row.encode()
    client.post(reverse("org:import_list"), {"file": upload(data, "pegawai.csv")})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE, job.errors
    assert job.summary == {"pegawai": {"created": 1, "updated": 0, "moved": 0, "unchanged": 0}}


def test_an_internal_error_while_writing_fails_the_job_and_rolls_everything_back(
    personas, monkeypatch
):
    from kinerja.core.models import AuditEvent
    from kinerja.org.imports import jobs

    real_apply = jobs.apply_plan

    def apply_then_break(plan, **kwargs):
        real_apply(plan, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "apply_plan", apply_then_break)
    job = _job(personas, data=staff_file(5, first_serial=900))
    events = AuditEvent.objects.count()
    import_job_run(job.pk, user_id=personas.users["bkpsdm"].pk, language="en")
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "internal error" in job.errors[0]["message"]
    assert not Employee.objects.filter(nip=nip(900)).exists()
    assert AuditEvent.objects.count() == events


def test_uploading_the_same_file_twice_changes_nothing_the_second_time(client, personas):
    from kinerja.core.models import AuditEvent

    client.force_login(personas.users["bkpsdm"])
    data = xlsx(employees=[employee_row(nip(950 + i), "DINKES-04") for i in range(3)])
    client.post(reverse("org:import_list"), {"file": upload(data, "pegawai.xlsx")})
    events = AuditEvent.objects.count()
    client.post(reverse("org:import_list"), {"file": upload(data, "pegawai.xlsx")})
    first, second = ImportJob.objects.order_by("pk")
    assert first.sha256 == second.sha256 and second.status == ImportStatus.DONE
    assert second.summary["pegawai"] == {"created": 0, "updated": 0, "moved": 0, "unchanged": 3}
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("pegawai\u202excl.xlsx", "pegawaixcl.xlsx"),
        ("..\\..\\data\x00\n.xlsx", "data.xlsx"),
        (".tersembunyi.xlsx", "tersembunyi.xlsx"),
        ("p" * 400 + ".xlsx", "p" * 250 + ".xlsx"),
    ],
)
def test_the_name_of_an_import_file_is_stored_cleaned(personas, sent, stored):
    job = import_job_create(
        actor=personas.users["bkpsdm"],
        agency=personas.agency,
        data=staff_file(1),
        filename=sent,
        file_format="xlsx",
    )
    job.refresh_from_db()
    assert job.original_name == stored


def test_an_uploaded_import_keeps_no_bidirectional_control_in_its_name(client, personas):
    client.force_login(personas.users["bkpsdm"])
    client.post(reverse("org:import_list"), {"file": upload(staff_file(1), "gaji\u202exslx.xlsx")})
    assert ImportJob.objects.get().original_name == "gajixslx.xlsx"
