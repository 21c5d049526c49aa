"""Filters of the list endpoints, limit/offset pagination and the answers to bad parameters."""

import pytest
from django.conf import settings

from kinerja.org import services
from kinerja.org.tests import factories as f


def _ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


# --- units ------------------------------------------------------------------------------------


def test_units_come_in_tree_order(api_get, personas):
    items = api_get("/units", as_user="kasi").json()["items"]
    position = {item["id"]: index for index, item in enumerate(items)}
    for item in items:
        if item["parent_id"] is not None:
            assert position[item["parent_id"]] < position[item["id"]]
    # A subtree is contiguous: Dinas Kesehatan and its three sub-units come first, together.
    u = personas.units
    assert {i["id"] for i in items[:4]} == {u[k].pk for k in ("dinkes", "yankes", "primer", "pkm")}


def test_units_filter_by_parent_kind_and_text(api_get, personas):
    u = personas.units
    by_parent = _ids(api_get("/units", as_user="kasi", parent=u["dinkes"].pk))
    assert set(by_parent) == {u["yankes"].pk, u["pkm"].pk}
    assert _ids(api_get("/units", as_user="kasi", kind="puskesmas")) == [u["pkm"].pk]
    assert _ids(api_get("/units", as_user="kasi", q="sukamaju")) == [u["pkm"].pk]
    assert _ids(api_get("/units", as_user="kasi", q="dinkes.yankes.p")) == [u["primer"].pk]


def test_unit_detail_gives_children_ancestors_and_subtree_headcount(api_get, personas):
    u = personas.units
    dinkes = api_get(f"/units/{u['dinkes'].pk}", as_user="dokter").json()
    assert set(dinkes["children_ids"]) == {u["yankes"].pk, u["pkm"].pk}
    assert dinkes["headcount"] == 5
    primer = api_get(f"/units/{u['primer'].pk}", as_user="dokter").json()
    assert primer["ancestor_ids"] == [u["dinkes"].pk, u["yankes"].pk]
    assert primer["headcount"] == 2
    assert primer["kind"] == "seksi"


# --- positions --------------------------------------------------------------------------------


def test_positions_filter_by_unit_subtree_kind_and_text(api_get, personas):
    u, p = personas.units, personas.positions
    own = _ids(api_get("/positions", as_user="kasi", unit=u["primer"].pk))
    assert set(own) == {p["kasi"].pk, p["staf"].pk}
    assert _ids(api_get("/positions", as_user="kasi", unit=u["dinkes"].pk)) == [p["kadinkes"].pk]
    subtree = _ids(
        api_get("/positions", as_user="kasi", unit=u["dinkes"].pk, include_subunits="true")
    )
    assert set(subtree) == {p[k].pk for k in ("kadinkes", "kabid", "kasi", "staf", "dokter")}
    fungsional = _ids(api_get("/positions", as_user="kasi", kind="fungsional"))
    assert set(fungsional) == {p["dokter"].pk, p["auditor"].pk}
    assert _ids(api_get("/positions", as_user="kasi", q="dokter")) == [p["dokter"].pk]


def test_position_detail_lists_definitive_holders_before_acting_ones(api_get, personas):
    e, p = personas.employees, personas.positions
    services.assignment_start(
        actor=None,
        employee=e["staf"],
        position=p["kasi"],
        start_date=e["staf"].assignments.get().start_date,
        kind="plh",
        reason="acting",
    )
    body = api_get(f"/positions/{p['kasi'].pk}", as_user="bkpsdm").json()
    assert [(h["employee_id"], h["assignment_kind"]) for h in body["holders"]] == [
        (e["kasi"].pk, "definitive"),
        (e["staf"].pk, "plh"),
    ]
    assert body["parent"]["id"] == p["kabid"].pk


# --- employees --------------------------------------------------------------------------------


def test_employees_filter_by_name_unit_subtree_and_status(api_get, personas):
    e, u = personas.employees, personas.units
    assert _ids(api_get("/employees", as_user="bkpsdm", q="dewi")) == [e["staf"].pk]
    yankes = _ids(api_get("/employees", as_user="bkpsdm", unit=u["yankes"].pk))
    assert set(yankes) == {e["kabid"].pk, e["kasi"].pk, e["staf"].pk}
    pppk = f.employee(
        personas.agency,
        "Lina Marlina",
        status="pppk",
        grade="IX",
        position=personas.positions["staf"],
    )
    assert _ids(api_get("/employees", as_user="bkpsdm", status="pppk")) == [pppk.pk]


def test_employees_are_sorted_by_name_with_their_post_and_unit(api_get, personas):
    items = api_get("/employees", as_user="bkpsdm").json()["items"]
    assert [i["name"] for i in items] == sorted(i["name"] for i in items)
    staf = next(i for i in items if i["id"] == personas.employees["staf"].pk)
    assert staf["position"]["id"] == personas.positions["staf"].pk
    assert staf["unit"]["id"] == personas.units["primer"].pk
    assert staf["assignment_kind"] == "definitive"


# --- pagination and bad parameters ------------------------------------------------------------


def test_limit_and_offset_page_through_the_list(api_get, personas):
    everyone = _ids(api_get("/employees", as_user="bkpsdm"))
    first = api_get("/employees", as_user="bkpsdm", limit=3).json()
    second = api_get("/employees", as_user="bkpsdm", limit=3, offset=3).json()
    assert first["count"] == second["count"] == len(everyone) == 7
    assert [i["id"] for i in first["items"] + second["items"]] == everyone[:6]


def test_a_limit_above_the_maximum_is_refused(api_get, personas):
    response = api_get(
        "/employees", as_user="bkpsdm", limit=settings.NINJA_PAGINATION_MAX_LIMIT + 1
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_the_maximum_is_read_from_settings_at_request_time(api_get, personas, settings):
    settings.NINJA_PAGINATION_MAX_LIMIT = 2
    assert len(_ids(api_get("/employees", as_user="bkpsdm", limit=5))) == 2


@pytest.mark.parametrize(
    ("path", "params", "loc"),
    [
        ("/employees", {"status": "honorer"}, ["query", "status"]),
        ("/employees", {"unit": "dinkes"}, ["query", "unit"]),
        ("/employees", {"offset": -1}, ["query", "offset"]),
        ("/employees", {"limit": 0}, ["query", "limit"]),
        ("/employees", {"q": "x" * 101}, ["query", "q"]),
        ("/units", {"kind": "kementerian"}, ["query", "kind"]),
        ("/positions", {"kind": "eselon"}, ["query", "kind"]),
        ("/units/satu", {}, ["path", "unit_id"]),
    ],
)
def test_invalid_parameters_are_422_naming_the_parameter(api_get, personas, path, params, loc):
    response = api_get(path, as_user="bkpsdm", **params)
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert [e["loc"] for e in errors] == [loc]
    assert errors[0]["msg"]
    assert errors[0]["type"]
