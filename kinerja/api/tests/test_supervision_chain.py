"""The supervision chain in /employees/{id} on a `date`: posts, vacancies, Plt. and the regent."""

import datetime

import pytest
from django.utils import timezone

from kinerja.org import services

D = datetime.date


def _chain(api_get, personas, who, *, as_user="bkpsdm", **params):
    response = api_get(f"/employees/{personas.employees[who].pk}", as_user=as_user, **params)
    assert response.status_code == 200
    return response.json()["supervision"]


def _link(personas, who, post, source="position"):
    p = personas.positions[post]
    return {
        "employee_id": personas.employees[who].pk,
        "name": personas.employees[who].full_name,
        "position": {"id": p.pk, "code": p.code, "name": p.name},
        "source": source,
    }


def test_the_chain_defaults_to_today(api_get, personas):
    chain = _chain(api_get, personas, "staf")
    assert chain["date"] == timezone.localdate().isoformat()
    assert chain["atasan"] == _link(personas, "kasi", "kasi")
    assert chain["rater"] == _link(personas, "kasi", "kasi")
    assert chain["rater_superior"] == _link(personas, "kabid", "kabid")


def test_the_head_of_an_opd_is_rated_by_the_regional_head(api_get, personas):
    chain = _chain(api_get, personas, "kadinkes", date="2024-06-01")
    assert chain["date"] == "2024-06-01"
    assert chain["rater"]["employee_id"] is None
    assert chain["rater"]["source"] == "regional_head"
    assert chain["rater"]["position"] is None
    assert "Bupati Contoh" in chain["rater"]["name"]
    assert chain["rater_superior"] is None


@pytest.fixture
def kasi_acting_as_kabid(personas):
    """The kabid leaves on 30 June 2025; from 1 July the kasi is Plt. Kepala Bidang."""
    e, p = personas.employees, personas.positions
    services.assignment_end(
        actor=None, assignment=e["kabid"].assignments.get(), end_date=D(2025, 6, 30)
    )
    services.assignment_start(
        actor=None,
        employee=e["kasi"],
        position=p["kabid"],
        start_date=D(2025, 7, 1),
        kind="plt",
        reason="acting",
        decree_number="800/123/BKPSDM/2025",
    )


def test_an_acting_holder_supervises_from_the_day_the_plt_starts(
    api_get, personas, kasi_acting_as_kabid
):
    before = _chain(api_get, personas, "dokter", date="2025-06-30")
    assert before["atasan"] == _link(personas, "kabid", "kabid")
    assert before["rater"] == _link(personas, "kabid", "kabid")
    assert before["rater_superior"] == _link(personas, "kadinkes", "kadinkes")

    during = _chain(api_get, personas, "dokter", date="2025-07-01")
    assert during["atasan"] == _link(personas, "kasi", "kabid", source="acting")
    assert during["rater"] == _link(personas, "kasi", "kabid", source="acting")
    assert during["rater_superior"] == _link(personas, "kadinkes", "kadinkes")


def test_the_acting_holders_own_chain_skips_the_post_they_act_in(
    api_get, personas, kasi_acting_as_kabid
):
    chain = _chain(api_get, personas, "kasi", date="2025-07-01")
    assert chain["atasan"] == _link(personas, "kadinkes", "kadinkes")
    assert chain["rater"] == _link(personas, "kadinkes", "kadinkes")


def test_an_acting_holder_sees_the_people_under_the_acting_post(
    api_get, personas, kasi_acting_as_kabid
):
    dokter = personas.employees["dokter"]
    assert api_get(f"/employees/{dokter.pk}", as_user="kasi").status_code == 200
    # The acting post shows in the history of the acting holder.
    history = api_get(f"/employees/{personas.employees['kasi'].pk}", as_user="kasi").json()
    kinds = {(a["position"]["id"], a["kind"]) for a in history["assignments"]}
    assert (personas.positions["kabid"].pk, "plt") in kinds


def test_the_assignment_history_is_newest_first(api_get, personas, kasi_acting_as_kabid):
    body = api_get(f"/employees/{personas.employees['kabid'].pk}", as_user="bkpsdm").json()
    assert [(a["start_date"], a["end_date"]) for a in body["assignments"]] == [
        ("2020-01-01", "2025-06-30")
    ]
    assert body["position"] is None  # no post today


@pytest.mark.parametrize("bad", ["2025-13-01", "kemarin", "01-07-2025"])
def test_an_invalid_date_is_a_422_naming_the_parameter(api_get, personas, bad):
    response = api_get(f"/employees/{personas.employees['staf'].pk}", as_user="bkpsdm", date=bad)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "date"]
