"""Validation of import files: every kind of error, each at its sheet, row and column."""

import datetime

import pytest
from django.utils import translation

from kinerja.org.imports import template, validate_import_file
from kinerja.org.tests.test_import_support import (
    employee_row,
    nip,
    position_row,
    unit_row,
    xlsx,
)

TODAY = datetime.date(2025, 6, 2)


@pytest.fixture(autouse=True)
def _english():
    # Messages are written in English and translated to Indonesian by the locale files.
    with translation.override("en"):
        yield


def _plan(personas, data, name="organisasi.xlsx", kind=None):
    return validate_import_file(personas.agency, data, name, kind, today=TODAY)


def _where(plan):
    return {(e["sheet"], e["row"], e["column"]) for e in plan.errors}


def _message(plan, sheet, row, column):
    messages = [
        e["message"]
        for e in plan.errors
        if (e["sheet"], e["row"], e["column"]) == (sheet, row, column)
    ]
    assert messages, f"no error at {sheet}/{row}/{column}: {plan.errors}"
    return " ".join(messages)


def test_a_valid_file_referring_to_its_own_and_existing_codes_has_no_errors(personas):
    data = xlsx(
        units=[
            unit_row("DISDIK", "Dinas Pendidikan"),
            unit_row("DISDIK.SD", "Bidang SD", "bidang", "DISDIK"),
            unit_row("DINKES.PKM02", "Puskesmas Harapan", "puskesmas", "DINKES"),
        ],
        positions=[
            position_row("DISDIK-01", "DISDIK", kind="jpt_pratama", head="ya"),
            position_row("DISDIK-02", "DISDIK.SD", kind="administrator", parent="DISDIK-01"),
            position_row(
                "PKM02-01",
                "DINKES.PKM02",
                kind="fungsional",
                jenjang="ahli_muda",
                parent="DINKES-02",
            ),
        ],
        employees=[
            employee_row(nip(1), "DISDIK-02"),
            employee_row(nip(2), "DINKES-04"),
            employee_row(nip(3)),
        ],
    )
    plan = _plan(personas, data)
    assert plan.errors == []
    assert plan.summary == {
        "unit": {"created": 3, "updated": 0, "moved": 0, "unchanged": 0},
        "jabatan": {"created": 3, "updated": 0, "moved": 0, "unchanged": 0},
        "pegawai": {"created": 3, "updated": 0, "moved": 0, "unchanged": 0},
    }


def test_headers_and_coded_values_are_accepted_in_any_case(personas):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Jabatan"
    sheet.append(
        [
            "KODE_JABATAN",
            "Nama Jabatan",
            "jenis_jabatan",
            "Jenjang",
            "kode_unit",
            "kode_jabatan_atasan",
            "KEPALA_UNIT",
        ]
    )
    sheet.append(["X-1", "Kepala X", "JPT Pratama", "", "dinkes", "", "Ya"])
    sheet.append(["X-2", "Analis", "Fungsional", "Ahli Pertama", "DINKES", "x-1", "TIDAK"])
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = _plan(personas, buffer.getvalue())
    assert plan.errors == []
    records = {c.record.code: c.record for c in plan.position_changes}
    assert records["X-1"].kind == "jpt_pratama" and records["X-1"].is_unit_head
    assert records["X-2"].jenjang == "ahli_pertama" and not records["X-2"].is_unit_head


def test_required_fields_and_unit_kind_are_checked(personas):
    data = xlsx(units=[unit_row("A", name="", kind="kantor"), unit_row("", "Tanpa kode")])
    plan = _plan(personas, data)
    assert _where(plan) == {
        ("unit", 2, "nama_unit"),
        ("unit", 2, "jenis_unit"),
        ("unit", 3, "kode_unit"),
    }
    assert "kantor is not a valid jenis_unit" in _message(plan, "unit", 2, "jenis_unit")
    assert "dinas" in _message(plan, "unit", 2, "jenis_unit")


def test_unknown_parent_unit_is_reported(personas):
    plan = _plan(personas, xlsx(units=[unit_row("A", parent="TIDAK-ADA")]))
    assert _where(plan) == {("unit", 2, "kode_unit_induk")}
    assert "TIDAK-ADA" in _message(plan, "unit", 2, "kode_unit_induk")


def test_duplicate_unit_code_is_reported_on_the_later_row(personas):
    plan = _plan(personas, xlsx(units=[unit_row("A"), unit_row("B"), unit_row("a")]))
    assert _where(plan) == {("unit", 4, "kode_unit")}
    assert "row 2" in _message(plan, "unit", 4, "kode_unit")


def test_a_cycle_in_the_unit_tree_is_reported_on_each_unit_of_the_cycle(personas):
    data = xlsx(
        units=[unit_row("A", parent="B"), unit_row("B", parent="A"), unit_row("C", parent="A")]
    )
    plan = _plan(personas, data)
    assert _where(plan) == {("unit", 2, "kode_unit_induk"), ("unit", 3, "kode_unit_induk")}
    assert "A → B → A" in _message(plan, "unit", 2, "kode_unit_induk")
    assert "B → A → B" in _message(plan, "unit", 3, "kode_unit_induk")


def test_moving_a_unit_under_its_own_existing_sub_unit_is_a_cycle(personas):
    data = xlsx(units=[unit_row("DINKES", "Dinas Kesehatan", parent="DINKES.YANKES.PRIMER")])
    plan = _plan(personas, data)
    assert _where(plan) == {("unit", 2, "kode_unit_induk")}
    message = _message(plan, "unit", 2, "kode_unit_induk")
    assert "DINKES → DINKES.YANKES.PRIMER → DINKES.YANKES → DINKES" in message


def test_a_unit_cannot_be_its_own_parent(personas):
    plan = _plan(personas, xlsx(units=[unit_row("A", parent="A")]))
    assert "own parent" in _message(plan, "unit", 2, "kode_unit_induk")


def test_position_kind_and_jenjang_must_agree(personas):
    data = xlsx(
        positions=[
            position_row("P1", "DINKES", kind="fungsional"),
            position_row("P2", "DINKES", kind="pelaksana", jenjang="ahli_muda"),
            position_row("P3", "DINKES", kind="fungsional", jenjang="ahli_super"),
            position_row("P4", "DINKES", kind="direktur"),
        ]
    )
    plan = _plan(personas, data)
    assert _where(plan) == {
        ("jabatan", 2, "jenjang"),
        ("jabatan", 3, "jenjang"),
        ("jabatan", 4, "jenjang"),
        ("jabatan", 5, "jenis_jabatan"),
    }
    assert "required for a fungsional" in _message(plan, "jabatan", 2, "jenjang")
    assert "must be empty for a pelaksana" in _message(plan, "jabatan", 3, "jenjang")
    assert "ahli_super" in _message(plan, "jabatan", 4, "jenjang")


def test_unknown_unit_and_missing_superior_of_a_position_are_reported(personas):
    data = xlsx(positions=[position_row("P1", "UNIT-X", parent="ATASAN-X")])
    plan = _plan(personas, data)
    assert _where(plan) == {("jabatan", 2, "kode_unit"), ("jabatan", 2, "kode_jabatan_atasan")}
    assert "UNIT-X" in _message(plan, "jabatan", 2, "kode_unit")
    assert "ATASAN-X" in _message(plan, "jabatan", 2, "kode_jabatan_atasan")


def test_each_position_on_a_cycle_is_reported(personas):
    data = xlsx(
        positions=[
            position_row("P1", "DINKES", parent="P3"),
            position_row("P2", "DINKES", parent="P1"),
            position_row("P3", "DINKES", parent="P2"),
            position_row("P4", "DINKES", parent="P1"),
        ]
    )
    plan = _plan(personas, data)
    assert _where(plan) == {
        ("jabatan", 2, "kode_jabatan_atasan"),
        ("jabatan", 3, "kode_jabatan_atasan"),
        ("jabatan", 4, "kode_jabatan_atasan"),
    }
    assert "P1 → P3 → P2 → P1" in _message(plan, "jabatan", 2, "kode_jabatan_atasan")


def test_a_position_cycle_through_existing_positions_is_found(personas):
    # DINKES-01 would report to DINKES-03, which reports (in the database) up to DINKES-01.
    data = xlsx(positions=[position_row("DINKES-01", "DINKES", parent="DINKES-03")])
    plan = _plan(personas, data)
    assert "DINKES-01 → DINKES-03 → DINKES-02 → DINKES-01" in _message(
        plan, "jabatan", 2, "kode_jabatan_atasan"
    )


def test_kepala_unit_takes_ya_or_tidak(personas):
    plan = _plan(personas, xlsx(positions=[position_row("P1", "DINKES", head="mungkin")]))
    assert "mungkin" in _message(plan, "jabatan", 2, "kepala_unit")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12345", "exactly 18 digits"),
        ("199013451015031001", "birth date"),
        ("199001152015033001", "Digit 15"),
        ("199001152015031000", "cannot be 000"),
        ("199001152030011001", "in the future"),
    ],
)
def test_bad_nips_are_reported_with_the_nip_rules_message(personas, value, expected):
    plan = _plan(personas, xlsx(employees=[employee_row(value)]))
    message = _message(plan, "pegawai", 2, "nip")
    assert expected in message and value in message


def test_a_nip_stored_as_a_number_is_refused(personas):
    plan = _plan(personas, xlsx(employees=[employee_row(1.9900115201503101e17, name="Budi")]))
    assert "stored as a number" in _message(plan, "pegawai", 2, "nip")


def test_duplicate_nip_in_the_file_is_reported(personas):
    plan = _plan(personas, xlsx(employees=[employee_row(nip(1)), employee_row(nip(1))]))
    assert _where(plan) == {("pegawai", 3, "nip")}
    assert "row 2" in _message(plan, "pegawai", 3, "nip")


def test_status_and_grade_must_match(personas):
    data = xlsx(
        employees=[
            employee_row(nip(1), status="PPPK", golongan="III/a"),
            employee_row(nip(2), status="PNS", golongan="IX"),
            employee_row(nip(3), status="honorer", golongan="III/a"),
        ]
    )
    plan = _plan(personas, data)
    assert _where(plan) == {
        ("pegawai", 2, "golongan"),
        ("pegawai", 3, "golongan"),
        ("pegawai", 4, "status"),
    }
    assert "III/a is not a PPPK grade" in _message(plan, "pegawai", 2, "golongan")
    assert "IX is not a PNS rank" in _message(plan, "pegawai", 3, "golongan")


def test_unknown_position_of_an_employee_is_reported(personas):
    plan = _plan(personas, xlsx(employees=[employee_row(nip(1), "JAB-X")]))
    assert _where(plan) == {("pegawai", 2, "kode_jabatan")}
    assert "JAB-X" in _message(plan, "pegawai", 2, "kode_jabatan")


def test_tmt_jabatan_must_be_a_date_after_appointment_and_not_in_the_future(personas):
    data = xlsx(
        employees=[
            employee_row(nip(1), "DINKES-04", start="31-02-2021"),
            employee_row(nip(2), "DINKES-04", start=datetime.date(2014, 12, 31)),
            employee_row(nip(3), "DINKES-04", start=TODAY + datetime.timedelta(days=1)),
            employee_row(nip(4), "DINKES-04", start="2021-07-01"),
            employee_row(nip(5), "DINKES-04", start="01/07/2021"),
        ]
    )
    plan = _plan(personas, data)
    assert _where(plan) == {
        ("pegawai", 2, "tmt_jabatan"),
        ("pegawai", 3, "tmt_jabatan"),
        ("pegawai", 4, "tmt_jabatan"),
    }
    assert "31-02-2021" in _message(plan, "pegawai", 2, "tmt_jabatan")
    assert "before the appointment month in the NIP (03-2015)" in _message(
        plan, "pegawai", 3, "tmt_jabatan"
    )
    assert "in the future" in _message(plan, "pegawai", 4, "tmt_jabatan")


def test_a_move_must_start_after_the_current_definitive_post(personas):
    staf = personas.employees["staf"]  # DINKES-04 since 01-01-2020
    data = xlsx(employees=[employee_row(staf.nip, "BKPSDM-02", start=datetime.date(2019, 12, 31))])
    plan = _plan(personas, data)
    message = _message(plan, "pegawai", 2, "tmt_jabatan")
    assert "31-12-2019 is not after 01-01-2020" in message and "DINKES-04" in message


def test_position_and_date_come_together(personas):
    data = xlsx(
        employees=[
            employee_row(nip(1), "DINKES-04", tmt_jabatan=""),
            employee_row(nip(2), tmt_jabatan="01-07-2021"),
        ]
    )
    plan = _plan(personas, data)
    assert _where(plan) == {("pegawai", 2, "tmt_jabatan"), ("pegawai", 3, "kode_jabatan")}


def test_contact_details_are_checked(personas):
    data = xlsx(employees=[employee_row(nip(1), email="bukan-email", telepon="0812-abc")])
    plan = _plan(personas, data)
    assert _where(plan) == {("pegawai", 2, "email"), ("pegawai", 2, "telepon")}


def test_too_long_values_are_reported_with_their_length(personas):
    plan = _plan(personas, xlsx(units=[unit_row("K" * 41)]))
    assert "41 characters" in _message(plan, "unit", 2, "kode_unit")


def test_every_error_of_the_file_is_reported_at_once(personas):
    data = xlsx(
        units=[unit_row("A", kind="x")],
        positions=[position_row("P", "NOWHERE")],
        employees=[employee_row("1"), employee_row(nip(1), "NOWHERE")],
    )
    plan = _plan(personas, data)
    assert _where(plan) == {
        ("unit", 2, "jenis_unit"),
        ("jabatan", 2, "kode_unit"),
        ("pegawai", 2, "nip"),
        ("pegawai", 3, "kode_jabatan"),
    }
    assert [e["sheet"] for e in plan.errors] == ["unit", "jabatan", "pegawai", "pegawai"]


# --- file and header errors -----------------------------------------------------------------


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_missing_unknown_and_repeated_header_columns_are_reported(personas):
    data = _workbook(
        {
            "unit": [
                ["kode_unit", "nama_unit", "jenis_unit", "kode_unit_induk", "warna", "nama_unit"],
                ["A", "Unit A", "dinas", "", "merah", "Unit A"],
            ]
        }
    )
    plan = _plan(personas, data)
    assert _where(plan) == {
        ("unit", 1, "singkatan"),
        ("unit", 1, "warna"),
        ("unit", 1, "nama_unit"),
    }
    assert "missing" in _message(plan, "unit", 1, "singkatan")
    assert "Unknown column warna" in _message(plan, "unit", 1, "warna")
    assert "twice" in _message(plan, "unit", 1, "nama_unit")


def test_a_sheet_with_data_and_an_unknown_name_is_reported(personas):
    data = _workbook({"unit": [list(template.EXAMPLES)], "Sheet1": [["apa ini"]]})
    plan = _plan(personas, data)
    assert any("Sheet1" in e["message"] for e in plan.errors)


def test_example_rows_and_blank_rows_are_skipped(personas):
    rows = [["kode_unit", "nama_unit", "singkatan", "jenis_unit", "kode_unit_induk"]]
    rows += [["# CONTOH", "Contoh", "", "dinas", ""], [None] * 5, ["A", "Unit A", "", "dinas", ""]]
    plan = _plan(personas, _workbook({"unit": rows}))
    assert plan.errors == []
    assert [(c.record.row, c.record.code) for c in plan.unit_changes] == [(4, "A")]


def test_the_sheet_kind_of_a_single_unnamed_sheet_is_recognised_from_its_header(personas):
    header = ["nip", "nama", "gelar_depan", "gelar_belakang", "status", "golongan"]
    header += ["kode_jabatan", "tmt_jabatan", "jenis_penugasan", "email", "telepon"]
    row = [nip(1), "Budi", "", "", "PNS", "III/a", "", "", "", "", ""]
    plan = _plan(personas, _workbook({"Sheet1": [header, row]}))
    assert plan.errors == []
    assert plan.summary["pegawai"]["created"] == 1


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"", "kosong.csv", "empty"),
        (b"PK\x03\x04 not really", "palsu.xlsx", "not an Excel workbook"),
        (b"kode_unit;nama_unit\n", "a.pdf", "Only .xlsx and .csv"),
        (b"\xff\xfe\x00k\x00o", "utf16.csv", "UTF-8"),
        (b"a;b;c\n1;2;3\n", "tanpa-jenis.csv", "units, positions or employees"),
    ],
)
def test_unreadable_files_give_one_clear_error(personas, content, name, expected):
    plan = _plan(personas, content, name)
    assert len(plan.errors) == 1
    assert expected in plan.errors[0]["message"]


def test_a_value_outside_the_named_columns_is_reported(personas):
    from kinerja.org.imports.columns import COLUMN_NAMES

    header = ";".join(COLUMN_NAMES["unit"])
    data = f"{header}\nA;Unit A;;dinas;;geser\n".encode()
    plan = _plan(personas, data, "unit.csv")
    assert _where(plan) == {("unit", 2, "")}
    assert "column F" in plan.errors[0]["message"] and "geser" in plan.errors[0]["message"]


def test_a_stray_value_does_not_hide_the_other_errors_of_the_file(personas):
    from kinerja.org.imports.columns import COLUMN_NAMES

    header = ";".join(COLUMN_NAMES["unit"])
    data = f"{header}\nA;Unit A;;dinas;;geser\nB;Unit B;;kantor;;\n".encode()
    plan = _plan(personas, data, "unit.csv")
    assert _where(plan) == {("unit", 2, ""), ("unit", 3, "jenis_unit")}
