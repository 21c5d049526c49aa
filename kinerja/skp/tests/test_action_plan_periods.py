"""Rencana aksi name one of the evaluation periods of the plan's year (PermenPANRB 6/2022
Ps 16, 24(2)-(3)): every month or quarter of that year is accepted, and any other period (of
another year, of another agency, the annual period, or none at all) is refused alike, on the
field `period`, in the service and in the API."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kinerja.iku.models import Period
from kinerja.iku.tests import factories as iku
from kinerja.skp import services
from kinerja.skp.models import ActionPlan, Rhk
from kinerja.skp.tests.factories import YEAR, chain_of_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(personas):
    return chain_of_plans(personas)


def _year(personas, year=YEAR, evaluation_period="quarterly", agency=None):
    py = iku.performance_year(
        agency or personas.agency, year=year, evaluation_period=evaluation_period
    )
    return sorted(py.periods.all(), key=lambda p: (p.is_annual, p.start_date))


@pytest.mark.parametrize(("evaluation_period", "count"), [("quarterly", 4), ("monthly", 12)])
def test_each_evaluation_period_of_the_year_is_accepted(personas, plans, evaluation_period, count):
    periods = [p for p in _year(personas, evaluation_period=evaluation_period) if not p.is_annual]
    assert len(periods) == count
    rhk = Rhk.objects.get(skp=plans["staf"])
    for period in periods:
        services.action_plan_set(actor=None, rhk=rhk, period=period, text=f"Langkah {period}")
    saved = list(ActionPlan.objects.filter(rhk=rhk).values_list("period_id", flat=True))
    assert saved == [p.pk for p in periods]


def test_a_period_is_also_accepted_by_its_id(personas, plans):
    quarter = _year(personas)[2]
    rhk = Rhk.objects.get(skp=plans["staf"])
    plan = services.action_plan_set(actor=None, rhk=rhk, period=quarter.pk, text="Rapat")
    assert plan.period == quarter


def _refused(rhk, period):
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        services.action_plan_set(actor=None, rhk=rhk, period=period, text="Rapat")
    assert list(caught.value.message_dict) == ["period"]
    assert caught.value.message_dict["period"] == [
        f"Pilih salah satu periode penilaian tahun {YEAR}."
    ]
    assert not ActionPlan.objects.filter(rhk=rhk).exists()


def test_a_period_of_another_year_is_refused_naming_the_field(personas, plans):
    _year(personas)
    next_year = _year(personas, year=YEAR + 1)
    _refused(Rhk.objects.get(skp=plans["staf"]), next_year[0])


def test_the_annual_period_is_not_an_evaluation_period_of_the_action_plan(personas, plans):
    annual = _year(personas)[-1]
    assert annual.is_annual
    _refused(Rhk.objects.get(skp=plans["staf"]), annual)


def test_a_period_of_another_agency_or_a_missing_one_is_refused_alike(personas, plans):
    _year(personas)
    foreign = _year(personas, agency=personas.other_agency)[0]
    rhk = Rhk.objects.get(skp=plans["staf"])
    _refused(rhk, foreign)
    _refused(rhk, foreign.pk)
    _refused(rhk, Period.objects.order_by("-pk").first().pk + 1000)
    _refused(rhk, None)


def test_a_year_without_evaluation_periods_takes_no_action_plan(plans):
    rhk = Rhk.objects.get(skp=plans["staf"])
    with pytest.raises(ValidationError) as caught:
        services.action_plan_set(actor=None, rhk=rhk, period=1, text="Rapat")
    assert "period" in caught.value.message_dict


# --- API ------------------------------------------------------------------------------------


def _put(client, personas, rhk, period_id, text="Menata"):
    client.force_login(personas.users["staf"])
    return client.put(
        f"/api/v1/skp/rhks/{rhk.pk}/action-plans/{period_id}",
        data=json.dumps({"text": text}),
        content_type="application/json",
        headers={"accept-language": "en"},
    )


def test_the_api_takes_the_period_id_of_each_period_of_the_year(client, personas, plans):
    periods = [p for p in _year(personas) if not p.is_annual]
    rhk = Rhk.objects.get(skp=plans["staf"])
    for period in periods:
        response = _put(client, personas, rhk, period.pk, text=f"Langkah {period.number}")
        assert response.status_code == 200, response.content
    body = response.json()
    assert [row["period_id"] for row in body["action_plans"]] == [p.pk for p in periods]
    assert [row["period_number"] for row in body["action_plans"]] == [1, 2, 3, 4]


def test_the_api_refuses_a_foreign_period_exactly_as_a_missing_one(client, personas, plans):
    _year(personas)
    other_year = _year(personas, year=YEAR + 1)[0]
    foreign = _year(personas, agency=personas.other_agency)[0]
    missing = Period.objects.order_by("-pk").first().pk + 1000
    rhk = Rhk.objects.get(skp=plans["staf"])
    answers = [_put(client, personas, rhk, pk) for pk in (missing, foreign.pk, other_year.pk)]
    assert {a.status_code for a in answers} == {400}
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert "period" in json.dumps(answers[0].json())
    assert not ActionPlan.objects.filter(rhk=rhk).exists()


def test_the_api_schema_names_the_period_id(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/skp/rhks/{rhk_id}/action-plans/{period_id}" in schema["paths"]


def test_a_row_of_periods_is_saved_all_or_nothing(personas, plans):
    q1, q2, q3, _q4 = [p for p in _year(personas) if not p.is_annual]
    other_year = next(p for p in _year(personas, year=YEAR + 1) if not p.is_annual)
    rhk = Rhk.objects.get(skp=plans["staf"])
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.action_plans_save(
            actor=None,
            rhk=rhk,
            entries={
                q1.pk: ("Menyusun jadwal", "1 jadwal"),
                q2.pk: ("", "target tanpa aksi"),
                other_year.pk: ("Di luar tahun", ""),
            },
        )
    assert error.value.message_dict == {
        "text_2": ["Write the planned action."],
        "period": [f"Choose one of the evaluation periods of {YEAR}."],
    }
    assert not ActionPlan.objects.filter(rhk=rhk).exists()
    services.action_plans_save(
        actor=None,
        rhk=rhk,
        entries={q1.pk: ("Menyusun jadwal", "1 jadwal"), q3.pk: ("Rapat", ""), q2: ("", "")},
    )
    saved = dict(ActionPlan.objects.filter(rhk=rhk).values_list("period_id", "text"))
    assert saved == {q1.pk: "Menyusun jadwal", q3.pk: "Rapat"}
    # An empty text clears its period; unchanged periods are not written again.
    services.action_plans_save(
        actor=None, rhk=rhk, entries={q1.pk: ("Menyusun jadwal", "1 jadwal"), q3.pk: ("", "")}
    )
    assert list(ActionPlan.objects.filter(rhk=rhk).values_list("period_id", flat=True)) == [q1.pk]
