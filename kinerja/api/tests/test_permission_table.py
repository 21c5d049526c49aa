"""The API permission table: every operation, for every persona, with what it must answer.

Personas (kinerja/org/tests/personas.py): dokter = pegawai; kasi = atasan of staf; staf = admin
unit of Dinas Kesehatan; kabid and kadinkes = atasan higher up; bkpsdm, pimpinan, auditor = the
whole agency; outsider = BKPSDM admin of another agency; None = anonymous. The personas are
built once for the module (each test is rolled back to them).
"""

from types import SimpleNamespace

import pytest

from kinerja.core.tests.permission_table import Row, api_answers, ask, shared_data, table_cases
from kinerja.org.tests.personas import build_personas

pytestmark = pytest.mark.django_db

PERSONAS = [
    None,
    "dokter",
    "kasi",
    "staf",
    "kabid",
    "kadinkes",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]
AGENCY_EMPLOYEES = {"kadinkes", "kabid", "kasi", "staf", "dokter", "bkpsdm", "auditor"}
DINKES = {"kadinkes", "kabid", "kasi", "staf", "dokter"}

# Which persona employees each caller sees in /employees (and may open in /employees/{id}).
# Everyone also sees the holders of the posts above their own (their supervision chain).
VISIBLE_EMPLOYEES = {
    "dokter": {"dokter", "kabid", "kadinkes"},
    "kasi": {"kasi", "staf", "kabid", "kadinkes"},
    "staf": DINKES,  # admin unit of Dinas Kesehatan: its whole subtree
    "kabid": {"kabid", "kasi", "staf", "dokter", "kadinkes"},
    "kadinkes": DINKES,
    "bkpsdm": AGENCY_EMPLOYEES,
    "pimpinan": AGENCY_EMPLOYEES,
    "auditor": AGENCY_EMPLOYEES,
    "outsider": {"outsider"},
}
AGENCY_UNITS = {"dinkes", "yankes", "primer", "pkm", "bkpsdm", "inspektorat"}
AGENCY_POSITIONS = {
    "kadinkes",
    "kabid",
    "kasi",
    "staf",
    "dokter",
    "kabkpsdm",
    "bkpsdm",
    "inspektur",
    "auditor",
}
LIST_PATHS = ["/units", "/positions", "/employees"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        yield SimpleNamespace(personas=build_personas())


@pytest.fixture
def personas(world):
    """The module's personas, for the `api_get` of conftest.py."""
    return world.personas


EVERYONE = api_answers(200, kabid=200, kadinkes=200)


def _pk(kind, key):
    return lambda world: {f"{kind[:-1]}_id": getattr(world.personas, kind)[key].pk}


def _employee_row(key):
    seen_by = {p: 200 if key in VISIBLE_EMPLOYEES[p] else 404 for p in PERSONAS[1:]}
    return Row(
        "GET /api/v1/employees/{employee_id}",
        api_answers(404, **seen_by),
        args=_pk("employees", key),
        label=key,
    )


PERMISSION_ROWS = [
    Row("GET /api/v1/me", EVERYONE),
    Row("GET /api/v1/units", EVERYONE),
    Row("GET /api/v1/units/{unit_id}", {**EVERYONE, "outsider": 404}, args=_pk("units", "dinkes")),
    Row("GET /api/v1/positions", EVERYONE),
    Row(
        "GET /api/v1/positions/{position_id}",
        {**EVERYONE, "outsider": 404},
        args=_pk("positions", "kasi"),
    ),
    Row("GET /api/v1/employees", EVERYONE),
    *(_employee_row(key) for key in sorted(AGENCY_EMPLOYEES | {"outsider"})),
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


def _names(personas, kind):
    source = {
        "units": personas.units,
        "positions": personas.positions,
        "employees": personas.employees,
    }[kind]
    return {obj.pk: key for key, obj in source.items()}


@pytest.mark.parametrize("path", ["/me", *LIST_PATHS, "/units/1", "/positions/1", "/employees/1"])
def test_anonymous_callers_get_401_with_a_bearer_challenge(api_get, path):
    response = api_get(path)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "detail" in response.json()


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_me_describes_the_caller(api_get, personas, persona):
    response = api_get("/me", as_user=persona)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == persona
    expected_agency = "lain" if persona == "outsider" else "contoh"
    assert body["agency"]["code"] == expected_agency
    if persona == "pimpinan":
        assert body["employee"] is None
    else:
        own = personas.employees[persona]
        assert body["employee"]["id"] == own.pk
        assert body["employee"]["nip"] == own.nip  # one's own NIP is never masked


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_unit_list_shows_the_whole_tree_of_the_callers_agency_only(api_get, personas, persona):
    body = api_get("/units", as_user=persona).json()
    names = _names(personas, "units")
    seen = {names[item["id"]] for item in body["items"]}
    assert seen == ({"other"} if persona == "outsider" else AGENCY_UNITS)
    assert body["count"] == len(seen)


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_position_list_shows_the_posts_of_the_callers_agency_only(api_get, personas, persona):
    body = api_get("/positions", as_user=persona, limit=100).json()
    names = _names(personas, "positions")
    seen = {names[item["id"]] for item in body["items"]}
    assert seen == ({"other"} if persona == "outsider" else AGENCY_POSITIONS)


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_position_detail_lists_only_holders_the_caller_may_see(api_get, personas, persona):
    """The kasi post is held by kasi: shown to those who may see kasi, hidden from the others."""
    response = api_get(f"/positions/{personas.positions['kasi'].pk}", as_user=persona)
    if persona == "outsider":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    holders = {h["employee_id"] for h in response.json()["holders"]}
    kasi_visible = "kasi" in VISIBLE_EMPLOYEES[persona]
    assert holders == ({personas.employees["kasi"].pk} if kasi_visible else set())


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_employee_list_shows_exactly_the_employees_the_pages_show(api_get, personas, persona):
    body = api_get("/employees", as_user=persona).json()
    names = _names(personas, "employees")
    seen = {names[item["id"]] for item in body["items"]}
    assert seen == VISIBLE_EMPLOYEES[persona]
    assert body["count"] == len(seen)


def test_missing_objects_are_404_like_hidden_ones(api_get):
    for path in ("/units/999999", "/positions/999999", "/employees/999999"):
        response = api_get(path, as_user="bkpsdm")
        assert response.status_code == 404
        assert list(response.json()) == ["detail"]


def test_a_unit_filter_naming_another_agencys_unit_is_a_400(api_get, personas):
    other_unit = personas.units["other"].pk
    for path, name in (("/units", "parent"), ("/positions", "unit"), ("/employees", "unit")):
        response = api_get(path, as_user="bkpsdm", **{name: other_unit})
        assert response.status_code == 400
        assert name in response.json()["detail"]
