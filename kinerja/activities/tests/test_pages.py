"""The attendance pages at work: uploads, templates, corrections, exports, Beranda items, the
team's flags and the API's answers."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kinerja.accounts.viewer import build_viewer
from kinerja.activities import selectors, services
from kinerja.activities.models import AttendanceDay, AttendanceImport, SanctionNotice
from kinerja.activities.tests.data import csv_bytes, present_on, working_days
from kinerja.activities.todo import todo_items
from kinerja.core.spreadsheets import append_row

pytestmark = pytest.mark.django_db

MARCH = working_days()


def _login(client, personas, who):
    client.force_login(personas.users[who])


def _xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("absensi")
    for row in rows:
        append_row(sheet, row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_a_unit_admin_uploads_an_excel_export_and_sees_the_result(client, personas):
    dokter = personas.employees["dokter"]
    rows = [("nip", "tanggal", "jam_masuk", "jam_pulang")]
    rows += [(dokter.nip, datetime.datetime(2026, 3, 2), datetime.time(7, 50), "16:00")]
    _login(client, personas, "staf")
    response = client.post(
        reverse("activities:imports"),
        {"kind": "attendance", "file": SimpleUploadedFile("mesin.xlsx", _xlsx(rows))},
    )
    job = AttendanceImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:import_detail", args=[job.pk])
    assert job.status == "done", job.errors
    assert AttendanceDay.objects.get().late_minutes == 20
    page = client.get(response["Location"])
    assert b'data-testid="import-summary"' in page.content


def test_every_bad_row_is_listed_on_the_import_page(client, personas):
    nip = personas.employees["dokter"].nip
    rows = [(nip, "2026-03-02", "jam tujuh", "16:00"), (nip, "02-03-2026", "07:30", "16:00")]
    _login(client, personas, "bkpsdm")
    client.post(
        reverse("activities:imports"),
        {"kind": "attendance", "file": SimpleUploadedFile("mesin.csv", csv_bytes(rows))},
    )
    job = AttendanceImport.objects.get()
    page = client.get(reverse("activities:import_detail", args=[job.pk])).content.decode()
    assert 'data-testid="import-errors"' in page
    assert "jam_masuk" in page and "tanggal" in page
    assert not AttendanceDay.objects.exists()
    item = next(i for i in todo_items(build_viewer(personas.users["bkpsdm"])))
    assert item.key == "activities.imports_rejected"


def test_a_file_that_is_not_a_spreadsheet_is_a_field_error(client, personas):
    _login(client, personas, "bkpsdm")
    response = client.post(
        reverse("activities:imports"),
        {"kind": "attendance", "file": SimpleUploadedFile("mesin.pdf", b"%PDF-1.4")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not AttendanceImport.objects.exists()


def test_the_templates_follow_the_saved_mapping(client, personas):
    services.setting_save(
        actor=personas.users["bkpsdm"],
        agency=personas.agency,
        id_column="PIN",
        timestamp_column="Waktu",
        date_format="%d/%m/%Y",
    )
    _login(client, personas, "bkpsdm")
    url = reverse("activities:import_template")
    csv_text = client.get(url, {"kind": "attendance", "format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "PIN;Waktu"
    workbook = load_workbook(
        io.BytesIO(client.get(url, {"kind": "leave", "format": "xlsx"}).content)
    )
    header = [c.value for c in next(workbook.worksheets[0].iter_rows())]
    assert header == ["nip", "jenis", "mulai", "selesai"]


def test_a_refused_correction_keeps_what_was_typed(client, personas):
    _login(client, personas, "staf")
    url = reverse("activities:day_correct", args=[personas.employees["dokter"].pk, "2026-03-02"])
    response = client.post(url, {"time_in": "07:30", "time_out": "07:00", "reason": "Rapat"})
    assert response.status_code == 400
    assert response.context["form"].errors["time_out"]
    assert 'value="Rapat"' in response.content.decode()
    assert not AttendanceDay.objects.exists()


def test_a_correction_page_for_a_date_that_is_none_is_404(client, personas):
    _login(client, personas, "bkpsdm")
    url = reverse("activities:day_correct", args=[personas.employees["dokter"].pk, "2026-02-30"])
    assert client.get(url).status_code == 404


def test_the_export_names_people_by_name_and_position_never_by_nip(client, personas):
    present_on(personas.employees["dokter"], MARCH)
    _login(client, personas, "staf")
    response = client.get(
        reverse("activities:export"), {"unit": personas.units["dinkes"].pk, "bulan": "2026-03"}
    )
    cells = [
        str(c)
        for row in load_workbook(io.BytesIO(response.content))
        .worksheets[0]
        .iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    assert "Rizky Pratama" in cells
    assert not any(e.nip in " ".join(cells) for e in personas.employees.values())


def test_the_supervisor_sees_the_team_flags_of_the_month(personas):
    present_on(personas.employees["staf"], [MARCH[0], *MARCH[3:]], time_in=datetime.time(8, 0))
    present_on(personas.employees["kabid"], MARCH)
    flags = selectors.team_flags(build_viewer(personas.users["kasi"]), 2026, 3)
    assert list(flags) == [personas.employees["staf"].pk]
    assert (
        flags[personas.employees["staf"].pk].absent,
        flags[personas.employees["staf"].pk].late_days,
    ) == (2, 20)
    assert flags[personas.employees["staf"].pk].flagged
    assert selectors.team_flags(build_viewer(personas.users["dokter"]), 2026, 3) == {}


def test_bkpsdm_is_asked_to_decide_the_notices(personas):
    present_on(personas.employees["kasi"], [MARCH[0], *MARCH[5:]])
    present_on(personas.employees["staf"], MARCH)
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    assert SanctionNotice.objects.count() == 1
    keys = [item.key for item in todo_items(build_viewer(personas.users["bkpsdm"]))]
    assert keys == ["activities.notices_waiting"]
    assert todo_items(build_viewer(personas.users["auditor"])) == []


def test_the_api_gives_the_months_figures(client, personas):
    present_on(personas.employees["staf"], MARCH[:20], time_in=datetime.time(7, 45))
    present_on(personas.employees["kasi"], MARCH)
    _login(client, personas, "staf")
    unit = personas.units["primer"].pk
    body = client.get(f"/api/v1/attendance/units/{unit}/summary", {"year": 2026, "month": 3}).json()
    rows = {row["name"]: row for row in body["rows"]}
    assert body["working_days"] == 22
    assert rows["Dewi Lestari"]["late_minutes"] == 20 * 15
    assert rows["Dewi Lestari"]["absent"] == 2
    assert "nip" not in rows["Dewi Lestari"]


def test_the_unit_admin_is_asked_to_check_days_with_one_scan(personas):
    viewer = build_viewer(personas.users["staf"])
    AttendanceDay.objects.create(
        agency=personas.agency,
        employee=personas.employees["dokter"],
        date=viewer.today,
        time_in=datetime.time(7, 20),
    )
    items = [item for item in todo_items(viewer) if item.key == "activities.incomplete_days"]
    assert [item.count for item in items] == [1]
    assert todo_items(build_viewer(personas.users["kasi"])) == []


def test_a_decision_is_recorded_only_once_confirmed(client, personas):
    present_on(personas.employees["kasi"], [MARCH[0], *MARCH[5:]])
    services.sanctions_recompute(agency_id=personas.agency.pk, year=2026)
    notice = SanctionNotice.objects.get()
    _login(client, personas, "bkpsdm")
    url = reverse("activities:notice_detail", args=[notice.pk])
    body = {"decided_level": "teguran_tertulis", "decree_number": "800/7/BKPSDM"}
    response = client.post(url, body)
    assert response.status_code == 400
    assert response.context["form"].errors["confirm"]
    assert 'value="800/7/BKPSDM"' in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == "proposed"
    assert client.post(url, {**body, "confirm": "on"}).status_code == 302
    notice.refresh_from_db()
    assert (notice.status, notice.decided_level) == ("decided", "teguran_tertulis")
    page = client.get(url).content.decode()
    assert 'data-testid="decision-form"' not in page


def test_the_monthly_summary_shows_a_page_of_people_and_costs_the_same_for_more(
    client, personas, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.activities.selectors import attendance as attendance_selectors
    from kinerja.skp.tests.review_data import extra_subordinates

    monkeypatch.setattr(attendance_selectors, "SUMMARY_PER_PAGE", 3)
    unit = personas.units["dinkes"]
    url = reverse("activities:attendance") + f"?unit={unit.pk}&bulan=2026-03"
    _login(client, personas, "bkpsdm")
    first = client.get(url)
    people = first.context["page"].paginator.count
    assert len(first.context["summary"].rows) == 3 and people > 3
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    extra_subordinates(personas, 6)
    kept = client.get(url + "&page=2")
    assert kept.context["page"].paginator.count == people  # counted once a minute
    client.get(url + "&refresh=1")
    with CaptureQueriesContext(connection) as more:
        second = client.get(url + "&page=2")
    assert second.context["page"].paginator.count == people + 6
    assert [r.employee_id for r in second.context["summary"].rows] != [
        r.employee_id for r in first.context["summary"].rows
    ]
    assert len(more) == len(few)
    assert f"unit={unit.pk}&amp;bulan=2026-03&amp;page=2".encode() in first.content
