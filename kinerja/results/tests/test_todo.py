import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.results import services, todo
from kinerja.results.tests.data import D, indicator_of, plans, quarter, viewer
from kinerja.skp.tests.factories import YEAR

pytestmark = pytest.mark.django_db
APRIL = D(YEAR, 4, 6)


def _keys(items):
    return {item.key: item for item in items}


def test_the_employee_is_asked_to_report_the_last_period_until_it_is_handed_in(personas):
    chain = plans(personas)
    staf = viewer(personas, "staf", APRIL)
    item = _keys(todo.todo_items(staf))["results.report"]
    assert item.deadline == D(YEAR, 4, 14) and item.days_left == 8
    realisation = services.realisation_save(
        actor=staf,
        employee=personas.employees["staf"],
        period=quarter(personas, 1),
        indicator_key=indicator_of(chain["staf"]).key,
        value="3",
        submit=True,
    )
    assert "results.report" not in _keys(todo.todo_items(staf))
    kasi = viewer(personas, "kasi", APRIL)
    assert _keys(todo.todo_items(kasi))["results.to_verify"].count == 1
    services.realisation_return(actor=kasi, realisation=realisation, comment="Tambah bukti")
    assert _keys(todo.todo_items(staf))["results.returned"].count == 1
    assert "results.to_verify" not in _keys(todo.todo_items(kasi))


def test_beranda_items_take_two_queries_for_an_employee_and_one_for_a_rater(personas):
    plans(personas)
    staf = viewer(personas, "staf", APRIL)
    kasi = viewer(personas, "kasi", APRIL)
    # Beranda has read the viewer's posts already.
    assert kasi.is_atasan and not staf.is_atasan
    with CaptureQueriesContext(connection) as employee:
        todo._employee_items(staf)
    with CaptureQueriesContext(connection) as rater:
        todo._rater_items(kasi)
    assert len(employee.captured_queries) <= 2
    assert len(rater.captured_queries) == 1
