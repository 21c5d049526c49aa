"""The exemption endpoints under /api/v1/skp/exemptions: answers per persona, filters, errors.

staf administers Dinas Kesehatan; bkpsdm the whole agency; pimpinan and auditor read;
dokter, kasi and kabid are refused; outsider is the BKPSDM admin of another agency.
"""

import datetime
import json

import pytest

from kinerja.core.models import AuditEvent
from kinerja.org.services import assignment_start
from kinerja.org.tests import factories as f
from kinerja.skp import services
from kinerja.skp.models import PlanExemption
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

API = "/api/v1/skp/exemptions"
TODAY = datetime.date(YEAR, 3, 10)
PERSONAS = [None, "dokter", "kasi", "kabid", "staf", "bkpsdm", "pimpinan", "auditor", "outsider"]


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, TODAY)


def _record(personas, key, **fields):
    fields.setdefault("reason", "cltn")
    fields.setdefault("start_date", datetime.date(YEAR, 2, 1))
    return services.exemption_record(actor=None, employee=personas.employees[key], **fields)


@pytest.fixture
def exemptions(personas):
    return {
        "dokter": _record(personas, "dokter", reason="mpp"),
        "auditor": _record(personas, "auditor"),
        "old": _record(
            personas,
            "kasi",
            start_date=datetime.date(YEAR - 1, 1, 1),
            end_date=datetime.date(YEAR - 1, 3, 1),
        ),
    }


def _call(client, personas, persona, method, path="", body=None, **params):
    client.logout()
    if persona is not None:
        client.force_login(personas.users[persona])
    if method == "get":
        return client.get(API + path, params)
    return getattr(client, method)(
        API + path, data=json.dumps(body or {}, default=str), content_type="application/json"
    )


def _names(response) -> set[str]:
    return {
        item["employee"]["name"].split(", ")[0].removeprefix("dr. ")
        for item in response.json()["items"]
    }


LIST_ANSWERS = {
    None: 401,
    "dokter": 403,
    "kasi": 403,
    "kabid": 403,
    "staf": 200,
    "bkpsdm": 200,
    "pimpinan": 200,
    "auditor": 200,
    "outsider": 200,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_answers_each_persona(client, personas, exemptions, persona):
    response = _call(client, personas, persona, "get")
    assert response.status_code == LIST_ANSWERS[persona]
    if response.status_code != 200:
        return
    expected = {
        "staf": {"Rizky Pratama"},
        "outsider": set(),
    }.get(persona, {"Rizky Pratama", "Bambang Supriyadi"})
    assert _names(response) == expected


def test_the_list_filters_like_the_page_and_masks_the_nip(client, personas, exemptions):
    assert _call(client, personas, "bkpsdm", "get", all="true").json()["count"] == 3
    day = f"{YEAR - 1}-02-01"
    assert _names(_call(client, personas, "bkpsdm", "get", running_on=day)) == {"Agus Santoso"}
    assert _names(_call(client, personas, "bkpsdm", "get", reason="mpp")) == {"Rizky Pratama"}
    unit = personas.units["inspektorat"].pk
    assert _names(_call(client, personas, "bkpsdm", "get", unit=unit)) == {"Bambang Supriyadi"}
    assert _names(_call(client, personas, "bkpsdm", "get", q="rizky")) == {"Rizky Pratama"}
    response = _call(client, personas, "bkpsdm", "get", unit=personas.units["other"].pk)
    assert response.status_code == 400
    assert "unit" in response.json()["detail"]
    item = _call(client, personas, "bkpsdm", "get", reason="mpp").json()["items"][0]
    assert item["employee"]["masked_nip"] == personas.employees["dokter"].masked_nip
    assert personas.employees["dokter"].nip not in json.dumps(item)


def test_the_list_runs_a_bounded_number_of_queries(
    client, personas, exemptions, django_assert_max_num_queries
):
    client.force_login(personas.users["staf"])
    with django_assert_max_num_queries(12):
        assert client.get(API, {"all": "true"}).status_code == 200


def _body(personas, key="kasi", **overrides):
    body = {
        "employee": personas.employees[key].pk,
        "reason": "cltn",
        "start_date": f"{YEAR}-03-01",
        "decree_number": "800/9",
    }
    body.update(overrides)
    return body


CREATE_ANSWERS = {
    None: 401,
    "dokter": 403,
    "kasi": 403,
    "kabid": 403,
    "staf": 200,
    "bkpsdm": 200,
    "pimpinan": 403,
    "auditor": 403,
    "outsider": 400,  # our employee is not of their agency
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_record_an_exemption(client, personas, persona):
    response = _call(client, personas, persona, "post", body=_body(personas))
    assert response.status_code == CREATE_ANSWERS[persona], response.content
    assert PlanExemption.objects.exists() == (response.status_code == 200)
    if response.status_code == 200:
        assert response.json()["reason"] == "cltn"
        assert response.json()["end_date"] is None


def test_bad_input_answers_400_naming_the_field(client, personas, exemptions):
    cases = [
        (_body(personas, reason="tugas_belajar"), "reason"),
        (_body(personas, end_date=f"{YEAR}-01-01"), "end_date"),
        (_body(personas, "dokter"), "start_date"),  # overlaps the running MPP
        (_body(personas, "auditor"), "employee"),  # staf: outside the Dinas
        (_body(personas, employee=personas.employees["outsider"].pk), "employee"),
    ]
    for body, field in cases:
        response = _call(client, personas, "staf", "post", body=body)
        assert response.status_code == 400, (field, response.content)
        assert field in response.json()["detail"], (field, response.json())
    assert PlanExemption.objects.count() == 3


CHANGE_ANSWERS = {
    None: 401,
    "dokter": 403,
    "kasi": 403,
    "kabid": 403,
    "staf": 200,
    "bkpsdm": 200,
    "pimpinan": 403,
    "auditor": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_end_an_exemption(client, personas, exemptions, persona):
    pk = exemptions["dokter"].pk
    response = _call(client, personas, persona, "patch", f"/{pk}", {"end_date": f"{YEAR}-04-30"})
    assert response.status_code == CHANGE_ANSWERS[persona]
    exemptions["dokter"].refresh_from_db()
    ended = exemptions["dokter"].end_date == datetime.date(YEAR, 4, 30)
    assert ended == (response.status_code == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_delete_an_exemption(client, personas, exemptions, persona):
    pk = exemptions["dokter"].pk
    response = _call(client, personas, persona, "delete", f"/{pk}")
    assert response.status_code == CHANGE_ANSWERS[persona]
    assert PlanExemption.objects.filter(pk=pk).exists() == (response.status_code != 200)


def test_a_unit_admin_gets_404_for_exemptions_outside_their_units(client, personas, exemptions):
    pk = exemptions["auditor"].pk
    assert _call(client, personas, "staf", "patch", f"/{pk}", {"note": "x"}).status_code == 404
    assert _call(client, personas, "staf", "delete", f"/{pk}").status_code == 404


def _move_to_inspektorat(personas, key="dokter", day=datetime.date(YEAR, 3, 1)):
    position = f.position(
        personas.agency,
        personas.units["inspektorat"],
        "INSP-09",
        "Auditor Ahli Pertama",
        "fungsional",
        personas.positions["inspektur"],
        jenjang="ahli_pertama",
    )
    assignment_start(
        actor=None, employee=personas.employees[key], position=position, start_date=day
    )


def test_a_unit_admin_may_not_exempt_or_change_someone_now_in_another_unit(
    client, personas, exemptions
):
    """The dokter's post was in Dinas Kesehatan when the MPP began (1 February), but since
    1 March it is in the Inspektorat: staf still reads the record but may not change it
    (403), nor record another one for the dokter (400 on the employee, as for anyone
    outside their units), whatever the start date."""
    _move_to_inspektorat(personas)
    events = AuditEvent.objects.count()
    pk = exemptions["dokter"].pk
    assert pk in {item["id"] for item in _call(client, personas, "staf", "get").json()["items"]}
    for method, body in (
        ("patch", {"note": "x"}),
        ("patch", {"end_date": f"{YEAR}-02-20"}),
        ("patch", {"start_date": f"{YEAR}-01-15"}),
        ("delete", None),
    ):
        response = _call(client, personas, "staf", method, f"/{pk}", body)
        assert response.status_code == 403, (method, body, response.content)
    body = _body(personas, "dokter", start_date=f"{YEAR - 1}-01-01", end_date=f"{YEAR - 1}-12-31")
    response = _call(client, personas, "staf", "post", body=body)
    assert response.status_code == 400
    assert "employee" in response.json()["detail"]
    exemptions["dokter"].refresh_from_db()
    assert (exemptions["dokter"].note, exemptions["dokter"].end_date) == ("", None)
    assert PlanExemption.objects.count() == 3
    assert AuditEvent.objects.count() == events
    assert _call(client, personas, "bkpsdm", "post", body=body).status_code == 200


def test_an_update_sends_only_the_fields_to_change(client, personas, exemptions):
    pk = exemptions["dokter"].pk
    response = _call(client, personas, "bkpsdm", "patch", f"/{pk}", {"decree_number": "SK-9"})
    assert response.status_code == 200
    assert response.json()["reason"] == "mpp"
    assert response.json()["decree_number"] == "SK-9"
    response = _call(client, personas, "bkpsdm", "patch", f"/{pk}", {"end_date": f"{YEAR}-01-01"})
    assert response.status_code == 400
    assert "end_date" in response.json()["detail"]


def test_the_plan_api_refuses_to_start_an_skp_for_an_exempt_employee(client, personas):
    _record(personas, "dokter")
    client.force_login(personas.users["dokter"])
    response = client.post(
        "/api/v1/skp/plans", data=json.dumps({"year": YEAR}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "employee" in response.json()["detail"]
