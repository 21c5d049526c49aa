"""Pages of the alignment lists hold the rows of the full sort, in its order, whatever the
page size: the report reads a page as a run of whole units (selectors_alignment._Listing)."""

import datetime

import pytest

from kinerja.accounts.viewer import build_viewer
from kinerja.org.tests import factories as f
from kinerja.skp.selectors import alignment
from kinerja.skp.tests.alignment_data import build_regency
from kinerja.skp.tests.factories import YEAR, add_result, start_skp

JANUARY_10 = datetime.date(YEAR, 1, 10)
# Names out of unit order, so that a page boundary falls inside and across units.
NAMES = ["Zaenal", "Ahmad", "Maria", "Budi", "Yanti", "Citra"]


@pytest.fixture
def regency(personas):
    """The alignment regency plus people in three more units, each with a draft whose main
    result supports nothing, and people with no plan at all."""
    regency = build_regency(personas)
    posts = ["dokter", "bkpsdm", "staf", "auditor"]
    for i, name in enumerate(NAMES):
        post = personas.positions[posts[i % len(posts)]]
        employee = f.employee(
            personas.agency, f"{name} Tambahan", position=post, start=datetime.date(2021, 1, 1)
        )
        personas.employees[f"extra{i}"] = employee
        add_result(start_skp(personas, f"extra{i}"), f"Hasil tanpa induk {name}")
        f.employee(
            personas.agency, f"{name} Tanpa SKP", position=post, start=datetime.date(2021, 1, 1)
        )
    return regency


CHECKS = {
    "rhk": (alignment.unsupported_rhk, alignment.RHK_ORDER),
    "leaders": (alignment.unsupported_leader_rhk, alignment.RHK_ORDER),
    "indicators": (alignment.unsupported_indicators, alignment.INDICATOR_ORDER),
    "employees": (alignment.employees_without_set_plan, alignment.EMPLOYEE_ORDER),
}


def _full_sort(regency, key, unit=None) -> list:
    check, order = CHECKS[key]
    scope = alignment.Scope(
        agency_id=regency.personas.agency.pk, year=YEAR, today=JANUARY_10, unit=unit
    )
    if key == "employees":
        return list(check(scope).order_by(*order).values_list("employee_id", "position_id"))
    return list(check(scope).order_by(*order).values_list("pk", flat=True))


def _keys(key, rows) -> list:
    if key == "employees":
        return [(row.employee.pk, row.position.pk) for row in rows]
    return [row.pk for row in rows]


def _all_pages(regency, key, unit=None) -> list:
    viewer = build_viewer(regency.personas.users["bkpsdm"], today=JANUARY_10)
    shown, page = [], 1
    while True:
        report = alignment.alignment_report(viewer, year=YEAR, unit=unit, show=key, page=page)
        shown += _keys(key, report.sections[key].rows)
        if not report.sections[key].has_next:
            return shown
        page += 1


@pytest.mark.parametrize("page_size", [1, 2, 3, 100])
@pytest.mark.parametrize("key", list(CHECKS))
def test_paging_a_list_gives_the_full_sort(regency, monkeypatch, key, page_size):
    monkeypatch.setattr(alignment, "PAGE_SIZE", page_size)
    expected = _full_sort(regency, key)
    assert len(expected) >= 2
    assert _all_pages(regency, key) == expected


@pytest.mark.parametrize("key", ["rhk", "employees"])
def test_paging_a_unit_page_gives_the_full_sort_of_its_subtree(regency, monkeypatch, key):
    monkeypatch.setattr(alignment, "PAGE_SIZE", 2)
    dinkes = regency.personas.units["dinkes"]
    expected = _full_sort(regency, key, dinkes)
    assert len(expected) >= 3
    assert _all_pages(regency, key, dinkes) == expected


@pytest.mark.parametrize("preview", [1, 2, 5])
def test_the_previews_are_the_head_of_the_full_sort(regency, monkeypatch, preview):
    monkeypatch.setattr(alignment, "PREVIEW_SIZE", preview)
    viewer = build_viewer(regency.personas.users["bkpsdm"], today=JANUARY_10)
    report = alignment.alignment_report(viewer, year=YEAR)
    for key in CHECKS:
        assert _keys(key, report.sections[key].rows) == _full_sort(regency, key)[:preview], key


def test_a_page_past_the_end_is_empty(regency):
    viewer = build_viewer(regency.personas.users["bkpsdm"], today=JANUARY_10)
    report = alignment.alignment_report(viewer, year=YEAR, show="rhk", page=50)
    assert report.sections["rhk"].rows == []
    assert report.sections["rhk"].total == len(_full_sort(regency, "rhk"))
