"""People not subject to planning in the matriks peran hasil and the RHK templates: left out of
the saves and applies, reported, and shown greyed in the matrix editor."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.core.models import AuditEvent
from kinerja.org.tests import factories as f
from kinerja.skp import services
from kinerja.skp.models import ExemptionReason, MatrixCell, PlanExemption, Rhk, Skp
from kinerja.skp.selectors.matrix import matrix_for
from kinerja.skp.services.matrix import matrix_save
from kinerja.skp.services.templates import rhk_template_save, rhk_templates_apply
from kinerja.skp.tests.factories import PLANNING_DAY, YEAR, add_result, start_skp

ROLES = ["anon", "pegawai", "atasan", "admin_unit", "bkpsdm", "pimpinan", "auditor", "outsider"]
USER_OF_ROLE = {
    "pegawai": "dokter",
    "atasan": "kasi",
    "admin_unit": "staf",
    "bkpsdm": "bkpsdm",
    "pimpinan": "pimpinan",
    "auditor": "auditor",
    "outsider": "outsider",
    "leader": "kabid",
}


@pytest.fixture(autouse=True)
def _planning_day(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: PLANNING_DAY)


def viewer_of(personas, key):
    return build_viewer(personas.users[key], today=PLANNING_DAY)


def exempt(personas, employee, reason=ExemptionReason.CLTN, start=None, end=None):
    return PlanExemption.objects.create(
        agency=personas.agency,
        employee=employee,
        reason=reason,
        start_date=start or datetime.date(YEAR, 1, 1),
        end_date=end,
    )


@pytest.fixture
def kabid_plan(personas):
    skp = start_skp(personas, "kabid")
    rhk = add_result(skp, "Meningkatnya cakupan layanan kesehatan primer")
    services.indicator_add(actor=None, rhk=rhk, text="Persentase puskesmas terakreditasi")
    return skp


def columns(skp):
    return [i for rhk in Rhk.objects.filter(skp=skp) for i in rhk.indicators.order_by("order")]


def cell(indicator, employee, text="", no_role=False):
    return {
        "leader_indicator_key": indicator.key,
        "employee_id": employee.pk,
        "role_text": text,
        "no_role": no_role,
        "kind": "utama",
    }


# --- matrix: reads and save -----------------------------------------------------------------


def test_the_matrix_marks_people_exempt_on_the_matrix_day(personas, kabid_plan):
    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    exempt(personas, kasi, ExemptionReason.MPP)
    exempt(personas, dokter, start=datetime.date(YEAR - 1, 1, 1), end=datetime.date(YEAR, 1, 5))
    matrix = matrix_for(viewer_of(personas, "kabid"), personas.employees["kabid"], YEAR)
    rows = {row.employee.pk: row for row in matrix.rows}
    assert rows[kasi.pk].is_exempt
    assert rows[kasi.pk].exemption.reason == ExemptionReason.MPP
    assert not rows[dokter.pk].is_exempt  # the exemption ended before the matrix day


def test_the_exemptions_of_all_rows_are_read_in_one_query(personas, kabid_plan):
    leader = personas.employees["kabid"]
    viewer = viewer_of(personas, "kabid")

    def queries():
        with CaptureQueriesContext(connection) as context:
            matrix_for(viewer, leader, YEAR)
        return len(context.captured_queries)

    before = queries()
    for n in range(6):
        employee = f.employee(personas.agency, f"Dokter {n}", position=personas.positions["dokter"])
        exempt(personas, employee)
    matrix = matrix_for(viewer, leader, YEAR)
    assert sum(row.is_exempt for row in matrix.rows) == 6
    assert queries() == before


def test_the_matrix_save_leaves_out_exempt_people_and_reports_them(personas, kabid_plan):
    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    first, second = columns(kabid_plan)
    exempt(personas, kasi)
    result = matrix_save(
        actor=viewer_of(personas, "kabid"),
        leader=personas.employees["kabid"],
        year=YEAR,
        cells=[cell(first, kasi, "Terbinanya puskesmas"), cell(second, dokter, "Akreditasi")],
    )
    assert [(c.employee_id, c.reason) for c in result.exempt] == [
        (kasi.pk, str(ExemptionReason.CLTN.label))
    ]
    assert not Skp.objects.filter(employee=kasi).exists()
    assert not MatrixCell.objects.filter(employee=kasi).exists()
    assert Skp.objects.get(employee=dokter).rhks.get().text == "Akreditasi"
    summary = AuditEvent.objects.get(action="skp.matrix.saved").after
    assert summary["not_subject_to_planning"] == [kasi.pk]


def test_an_exempt_persons_draft_and_cells_are_not_changed(personas, kabid_plan):
    kasi = personas.employees["kasi"]
    first, _second = columns(kabid_plan)
    actor, leader = viewer_of(personas, "kabid"), personas.employees["kabid"]
    matrix_save(actor=actor, leader=leader, year=YEAR, cells=[cell(first, kasi, "Pembinaan")])
    exempt(personas, kasi, ExemptionReason.TEMPORARY_DISMISSAL)
    result = matrix_save(
        actor=actor, leader=leader, year=YEAR, cells=[cell(first, kasi, no_role=True)]
    )
    assert [c.employee_id for c in result.exempt] == [kasi.pk]
    assert not result.removed and not result.created
    assert Skp.objects.get(employee=kasi).rhks.get().text == "Pembinaan"
    assert MatrixCell.objects.get(employee=kasi).role_text == "Pembinaan"


def test_a_save_that_only_leaves_out_exempt_people_is_audited(personas, kabid_plan):
    kasi = personas.employees["kasi"]
    first, _second = columns(kabid_plan)
    exempt(personas, kasi)
    result = matrix_save(
        actor=viewer_of(personas, "kabid"),
        leader=personas.employees["kabid"],
        year=YEAR,
        cells=[cell(first, kasi, "Pembinaan")],
    )
    assert not result.cells_changed and [c.employee_id for c in result.exempt] == [kasi.pk]
    summary = AuditEvent.objects.get(action="skp.matrix.saved").after
    assert summary["not_subject_to_planning"] == [kasi.pk]
    assert summary["cells_changed"] == 0


def test_drafts_of_the_matrix_start_after_an_exemption_that_ended_this_year(personas, kabid_plan):
    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    first, second = columns(kabid_plan)
    exempt(personas, kasi, start=datetime.date(YEAR - 1, 6, 1), end=datetime.date(YEAR, 3, 31))
    exempt(
        personas, dokter, start=datetime.date(YEAR - 1, 6, 1), end=datetime.date(YEAR - 1, 9, 30)
    )
    in_may = build_viewer(personas.users["kabid"], today=datetime.date(YEAR, 5, 10))
    result = matrix_save(
        actor=in_may,
        leader=personas.employees["kabid"],
        year=YEAR,
        cells=[cell(first, kasi, "Pembinaan"), cell(second, dokter, "Akreditasi")],
    )
    assert {c.employee_id for c in result.drafts_created} == {kasi.pk, dokter.pk}
    kasi_plan, dokter_plan = Skp.objects.get(employee=kasi), Skp.objects.get(employee=dokter)
    assert kasi_plan.start_date == datetime.date(YEAR, 4, 1)
    assert kasi_plan.deadline == datetime.date(YEAR, 4, 1) + datetime.timedelta(
        days=settings.SKP_MIDYEAR_DAYS
    )
    assert dokter_plan.start_date == datetime.date(YEAR, 1, 1)  # over before the year
    created = AuditEvent.objects.get(action="skp.plan.created", object_id=str(kasi_plan.pk))
    assert created.after["start_date"] == f"{YEAR}-04-01"


def test_the_start_of_many_drafts_is_read_in_one_query(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    in_may = build_viewer(personas.users["kabid"], today=datetime.date(YEAR, 5, 10))

    def save_for(people):
        cells = [cell(first, person, "Peran") for person in people]
        with CaptureQueriesContext(connection) as context:
            matrix_save(actor=in_may, leader=personas.employees["kabid"], year=YEAR, cells=cells)
        return [q["sql"] for q in context.captured_queries if "skp_planexemption" in q["sql"]]

    one = f.employee(personas.agency, "Dokter A", position=personas.positions["dokter"])
    exempt(personas, one, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 2, 1))
    few = save_for([one])
    many = [
        f.employee(personas.agency, f"Dokter {n}", position=personas.positions["dokter"])
        for n in range(5)
    ]
    for n, person in enumerate(many):
        exempt(personas, person, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 2, n + 2))
    assert len(few) == 2  # who is exempt on the day; where planning resumes
    assert len(save_for(many)) == len(few)
    starts = dict(Skp.objects.filter(employee__in=many).values_list("employee_id", "start_date"))
    assert starts == {p.pk: datetime.date(YEAR, 2, n + 3) for n, p in enumerate(many)}


# --- templates ------------------------------------------------------------------------------


def test_the_template_apply_leaves_out_exempt_holders(personas):
    position = personas.positions["staf"]
    staf = personas.employees["staf"]
    on_leave = f.employee(personas.agency, "Pelaksana Cuti", position=position)
    dismissed = f.employee(personas.agency, "Pelaksana Diberhentikan", position=position)
    draft = start_skp(personas, "staf")
    services.skp_create(actor=None, employee=dismissed, year=YEAR, day=PLANNING_DAY)
    exempt(personas, on_leave, ExemptionReason.CLTN)
    exempt(personas, dismissed, ExemptionReason.TEMPORARY_DISMISSAL)
    actor = viewer_of(personas, "staf")
    template = rhk_template_save(
        actor=actor, position=position, year=YEAR, text="Tersusunnya surat", indicator_text="x"
    )
    result = rhk_templates_apply(actor=actor, position=position, year=YEAR)
    assert result.holders == 3
    assert {c.employee_id: c.reason for c in result.exempt} == {
        on_leave.pk: str(ExemptionReason.CLTN.label),
        dismissed.pk: str(ExemptionReason.TEMPORARY_DISMISSAL.label),
    }
    assert not Skp.objects.filter(employee=on_leave).exists()
    assert not result.drafts_created
    assert {r.skp_id for r in Rhk.objects.filter(key=template.key)} == {draft.pk}
    assert [c.employee_id for c in result.plans_changed] == [staf.pk]
    summary = AuditEvent.objects.get(action="skp.template.applied").after
    assert summary["not_subject_to_planning"] == sorted([on_leave.pk, dismissed.pk])


def test_a_deleted_template_stays_in_an_exempt_holders_draft(personas):
    position = personas.positions["staf"]
    staf = personas.employees["staf"]
    colleague = f.employee(personas.agency, "Pelaksana Lain", position=position)
    actor = viewer_of(personas, "staf")
    template = rhk_template_save(
        actor=actor, position=position, year=YEAR, text="Tersusunnya surat", indicator_text="x"
    )
    rhk_templates_apply(actor=actor, position=position, year=YEAR)
    exempt(personas, staf)
    rhk_template_save(actor=actor, position=position, year=YEAR, template=template, delete=True)
    result = rhk_templates_apply(actor=actor, position=position, year=YEAR)
    assert result.rhk_removed == 1 and [c.employee_id for c in result.exempt] == [staf.pk]
    assert Rhk.objects.filter(key=template.key, skp__employee=staf).exists()
    assert not Rhk.objects.filter(key=template.key, skp__employee=colleague).exists()


# --- pages ------------------------------------------------------------------------------------


def _login(client, personas, role):
    if role != "anon":
        client.force_login(personas.users[USER_OF_ROLE[role]])


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anon", "login"),
        ("pegawai", 403),  # the kabid's post lies above theirs: seen, but not the matrix
        ("atasan", 403),
        ("admin_unit", 403),
        ("bkpsdm", 200),
        ("pimpinan", 200),
        ("auditor", 200),
        ("outsider", 404),
        ("leader", 200),
    ],
)
def test_the_matrix_page_shows_exempt_rows_greyed_and_the_reason_only_to_readers(
    client, personas, kabid_plan, role, expected
):
    kasi = personas.employees["kasi"]
    exempt(personas, kasi, ExemptionReason.MPP)
    _login(client, personas, role)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("skp:matrix") + f"?year={YEAR}&employee={personas.employees['kabid'].pk}"
    response = client.get(url)
    _expect(response, expected)
    if expected != 200:
        return
    page = response.content.decode()
    assert page.count('data-testid="matrix-row-exempt"') == 1
    assert page.count('data-exempt="true"') == 1
    # The reason is personal data: the leader only learns that the kasi does not plan.
    readers = role in ("bkpsdm", "pimpinan", "auditor")
    assert ("Pre-retirement leave (MPP)" in page) == readers
    assert ('data-testid="matrix-row-exempt-reason"' in page) == readers
    if role in ("bkpsdm", "leader"):
        first = columns(kabid_plan)[0]
        field = f'name="c-{first.key.hex}-{kasi.pk}-text"'
        tag = page[page.rindex("<textarea", 0, page.index(field)) : page.index(field) + 200]
        assert "disabled" in tag
        other = f'name="c-{first.key.hex}-{personas.employees["dokter"].pk}-text"'
        other_tag = page[page.rindex("<textarea", 0, page.index(other)) : page.index(other) + 200]
        assert "disabled" not in other_tag


@pytest.mark.parametrize("role", ["leader", "bkpsdm"])
def test_saving_the_matrix_page_skips_exempt_rows_and_says_so(client, personas, kabid_plan, role):
    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    exempt(personas, kasi)
    first, second = columns(kabid_plan)
    client.force_login(personas.users[USER_OF_ROLE[role]])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {"year": YEAR, "levels": 1}
    for indicator in (first, second):
        for person in (kasi, dokter):
            data[f"c-{indicator.key.hex}-{person.pk}-text"] = "Peran"
            data[f"c-{indicator.key.hex}-{person.pk}-kind"] = "utama"
    if role != "leader":
        data["employee"] = personas.employees["kabid"].pk
    response = client.post(reverse("skp:matrix"), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="matrix-exempt"' in page
    assert ("Unpaid leave (CLTN)" in page) == (role == "bkpsdm")  # the reason: readers only
    assert not Skp.objects.filter(employee=kasi).exists()
    assert not MatrixCell.objects.filter(employee=kasi).exists()
    assert Skp.objects.get(employee=dokter).rhks.count() == 2


def test_the_matrix_page_with_exempt_rows_runs_a_bounded_number_of_queries(
    client, personas, kabid_plan, django_assert_max_num_queries
):
    for n in range(12):
        employee = f.employee(personas.agency, f"Dokter {n}", position=personas.positions["dokter"])
        if n % 2:
            exempt(personas, employee)
    client.force_login(personas.users["kabid"])
    url = reverse("skp:matrix") + f"?year={YEAR}"
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.content.decode().count('data-exempt="true"') == 6


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anon", "login"),
        ("pegawai", 403),
        ("atasan", 403),
        ("admin_unit", 200),
        ("bkpsdm", 200),
        ("pimpinan", 403),
        ("auditor", 403),
        ("outsider", 404),
    ],
)
def test_the_templates_page_and_apply_report_exempt_holders(client, personas, role, expected):
    position = personas.positions["staf"]
    on_leave = f.employee(personas.agency, "Pelaksana Cuti", position=position)
    exempt(personas, on_leave)
    rhk_template_save(
        actor=None, position=position, year=YEAR, text="Tersusunnya surat", indicator_text="x"
    )
    _login(client, personas, role)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("skp:templates") + f"?position={position.pk}&year={YEAR}")
    _expect(page, expected)
    response = client.post(reverse("skp:templates_apply"), {"position": position.pk, "year": YEAR})
    _expect(response, expected)
    assert not Skp.objects.filter(employee=on_leave).exists()
    assert Skp.objects.filter(employee=personas.employees["staf"]).exists() == (expected == 200)
    if expected == 200:
        assert 'data-testid="exempt-holders"' in page.content.decode()
        applied = response.content.decode()
        assert 'data-testid="apply-exempt"' in applied and "Pelaksana Cuti" in applied
