"""Builders shared by the import tests: rows by column name, and files made from them.

(Named like a test module so that it stays with the import tests; it holds no tests.)
"""

import datetime
import io

import pytest

from kinerja.org.imports import template
from kinerja.org.tests import factories as f

PAST = datetime.date(2021, 7, 1)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def unit_row(code, name=None, kind="dinas", parent="", short=""):
    return {
        "kode_unit": code,
        "nama_unit": f"Unit {code}" if name is None else name,
        "singkatan": short,
        "jenis_unit": kind,
        "kode_unit_induk": parent,
    }


def position_row(code, unit, name=None, kind="pelaksana", parent="", jenjang="", head="tidak"):
    return {
        "kode_jabatan": code,
        "nama_jabatan": f"Jabatan {code}" if name is None else name,
        "jenis_jabatan": kind,
        "jenjang": jenjang,
        "kode_unit": unit,
        "kode_jabatan_atasan": parent,
        "kepala_unit": head,
    }


def employee_row(nip, position="", start=PAST, name=None, **extra):
    row = {
        "nip": nip,
        "nama": f"Pegawai {nip[-3:]}" if name is None else name,
        "gelar_depan": "",
        "gelar_belakang": "",
        "status": "PNS",
        "golongan": "III/a",
        "kode_jabatan": position,
        "tmt_jabatan": start if position else "",
        "jenis_penugasan": "",
        "email": "",
        "telepon": "",
    }
    row.update(extra)
    return row


def nip(serial: int, birth=datetime.date(1990, 1, 15), appointed=(2015, 3), sex="L") -> str:
    return f.make_nip(birth, appointed, sex, serial)


def xlsx(units=(), positions=(), employees=()) -> bytes:
    sheets = {}
    if units:
        sheets["unit"] = units
    if positions:
        sheets["jabatan"] = positions
    if employees:
        sheets["pegawai"] = employees
    return template.workbook_bytes(sheets)


def staff_file(count: int, position="DINKES-04", first_serial=100) -> bytes:
    return xlsx(employees=[employee_row(nip(first_serial + i), position) for i in range(count)])


def upload(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def fill_workbook(data: bytes, sheets: dict[str, list[list]]) -> bytes:
    """Append rows to a workbook as a person would, below what is already there."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    for name, rows in sheets.items():
        for row in rows:
            workbook[name].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
