"""Fields that name another record by id accept only what the actor may choose.

For every such field of the SKP services and API: a record of the agency that is not on offer,
a record of another agency and an id that names nothing get one and the same answer (status and
body), so that nobody can tell which ids exist, and nothing is stored.
"""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.iku.models import GoalLevel
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as iku_f
from kinerja.skp import services
from kinerja.skp.models import Rhk, RhkIndicator, SkpComment
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans, start_skp
from kinerja.skp.tests.review_data import IN_JANUARY, freeze_today, submit

pytestmark = pytest.mark.django_db

API = "/api/v1"
MISSING = 987654321


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(personas, monkeypatch):
    """The chain of plans of Dinas Kesehatan, a plan of another agency, and organisation goals
    and indicators: of the staf's units, of another unit, and of another agency."""
    freeze_today(monkeypatch, IN_JANUARY)
    plans = chain_of_plans(personas)
    outsider = start_skp(personas, "outsider")
    outsider_rhk = add_result(outsider, "Hasil kabupaten lain")
    dinkes_goal = iku_f.goal(personas, "dinkes", statement="Meningkatnya derajat kesehatan")
    bkpsdm_goal = iku_f.goal(personas, "bkpsdm", statement="Meningkatnya kualitas ASN")
    other_goal = tree_services.goal_create(
        actor=None,
        agency=personas.other_agency,
        level=GoalLevel.SASARAN_STRATEGIS,
        statement="Sasaran kabupaten lain",
        owner_unit=personas.units["other"],
        plan_start_year=2025,
        plan_end_year=2029,
    )
    return {
        **plans,
        "kabid_rhk": Rhk.objects.get(skp=plans["kabid"]),
        "outsider_rhk": outsider_rhk,
        "dinkes_goal": dinkes_goal,
        "bkpsdm_goal": bkpsdm_goal,
        "other_goal": other_goal,
        "dinkes_indicator": iku_f.indicator(dinkes_goal, "Cakupan imunisasi"),
        "bkpsdm_indicator": iku_f.indicator(bkpsdm_goal, "Indeks profesionalitas ASN"),
        "other_indicator": iku_f.indicator(other_goal, "Indikator kabupaten lain"),
    }


@pytest.fixture
def call(client, personas, settings):
    def _call(method, path, *, as_user, body=None):
        client.logout()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(personas.users[as_user])
        return getattr(client, method)(
            f"{API}{path}", data=json.dumps(body or {}), content_type="application/json"
        )

    return _call


def _ids(world, field):
    """The foreign ids to try in `field`: (label, id) for one record of the agency that is not
    on offer, one of another agency and one that does not exist."""
    kabid_indicator = RhkIndicator.objects.get(rhk=world["kabid_rhk"])
    outsider_indicator = RhkIndicator.objects.get(rhk=world["outsider_rhk"])
    foreign = {
        "intervened_rhk": (world["kabid_rhk"].pk, world["outsider_rhk"].pk),
        "intervened_indicator": (kabid_indicator.pk, outsider_indicator.pk),
        "iku_indicator": (world["bkpsdm_indicator"].pk, world["other_indicator"].pk),
        "iku_goal": (world["bkpsdm_goal"].pk, world["other_goal"].pk),
    }[field]
    return [("not on offer", foreign[0]), ("other agency", foreign[1]), ("missing", MISSING)]


LINK_FIELDS = ["intervened_rhk", "intervened_indicator", "iku_indicator", "iku_goal"]


def _answers(responses):
    return [(r.status_code, r.json()) for r in responses]


@pytest.mark.parametrize("field", LINK_FIELDS)
def test_a_pegawai_patching_an_rhk_link_gets_one_answer_for_every_foreign_id(call, world, field):
    rhk = Rhk.objects.get(skp=world["staf"])
    stored = {name: getattr(rhk, f"{name}_id") for name in LINK_FIELDS}
    responses = [
        call("patch", f"/skp/rhks/{rhk.pk}", as_user="staf", body={field: pk})
        for _label, pk in _ids(world, field)
    ]
    answers = _answers(responses)
    assert answers[0][0] == 400, answers
    assert answers[0] == answers[1] == answers[2]
    assert list(answers[0][1]["detail"]) == [field]
    rhk.refresh_from_db()
    assert {name: getattr(rhk, f"{name}_id") for name in LINK_FIELDS} == stored


@pytest.mark.parametrize("field", LINK_FIELDS)
def test_a_pegawai_adding_an_rhk_gets_one_answer_for_every_foreign_id(call, world, field):
    path = f"/skp/plans/{world['staf'].pk}/rhks"
    before = Rhk.objects.filter(skp=world["staf"]).count()
    answers = _answers(
        [
            call("post", path, as_user="staf", body={"text": "Hasil baru", field: pk})
            for _label, pk in _ids(world, field)
        ]
    )
    assert answers[0][0] == 400, answers
    assert answers[0] == answers[1] == answers[2]
    assert Rhk.objects.filter(skp=world["staf"]).count() == before


def test_the_plan_page_never_shows_a_foreign_rhk_after_a_refused_patch(call, client, world):
    rhk = Rhk.objects.get(skp=world["staf"])
    foreign = world["kabid_rhk"]
    call("patch", f"/skp/rhks/{rhk.pk}", as_user="staf", body={"intervened_rhk": foreign.pk})
    for name in ("skp:detail", "skp:edit"):
        page = client.get(reverse(name, args=[world["staf"].pk])).content.decode()
        assert foreign.text not in page


@pytest.mark.parametrize("field", LINK_FIELDS)
def test_the_service_refuses_a_record_of_the_agency_that_is_not_on_offer(personas, world, field):
    rhk = Rhk.objects.get(skp=world["staf"])
    staf = build_viewer(personas.users["staf"], today=IN_JANUARY)
    messages = []
    for _label, pk in _ids(world, field):
        with pytest.raises(ValidationError) as error:
            services.rhk_update(actor=staf, rhk=rhk, **{field: pk})
        messages.append(error.value.message_dict)
    assert messages[0] == messages[1] == messages[2]
    assert list(messages[0]) == [field]


def test_the_service_refuses_a_foreign_rhk_given_as_an_object(personas, world):
    rhk = Rhk.objects.get(skp=world["staf"])
    for leader in (world["kabid_rhk"], world["outsider_rhk"]):
        with pytest.raises(ValidationError) as error:
            services.rhk_update(actor=None, rhk=rhk, intervened_rhk=leader)
        assert list(error.value.message_dict) == ["intervened_rhk"]
    rhk.refresh_from_db()
    assert rhk.intervened_rhk_id == world["rhk"].pk


def test_the_rater_rhk_and_its_indicator_stay_choosable(call, world):
    rhk = Rhk.objects.get(skp=world["staf"])
    leader_indicator = RhkIndicator.objects.get(rhk=world["rhk"])
    response = call(
        "patch",
        f"/skp/rhks/{rhk.pk}",
        as_user="staf",
        body={
            "intervened_rhk": world["rhk"].pk,
            "intervened_indicator": leader_indicator.pk,
            "iku_indicator": world["dinkes_indicator"].pk,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["intervened_indicator_id"] == leader_indicator.pk
    assert body["iku_goal_id"] == world["dinkes_goal"].pk


def test_the_editor_form_refuses_a_foreign_rhk_and_stores_nothing(client, personas, world):
    rhk = Rhk.objects.get(skp=world["staf"])
    client.force_login(personas.users["staf"])
    prefix = f"rhk-{rhk.pk}"
    response = client.post(
        reverse("skp:rhk_update", args=[world["staf"].pk, rhk.pk]),
        {
            f"{prefix}-kind": "utama",
            f"{prefix}-text": rhk.text,
            f"{prefix}-intervened_rhk": world["kabid_rhk"].pk,
        },
    )
    assert response.status_code == 400
    rhk.refresh_from_db()
    assert rhk.intervened_rhk_id == world["rhk"].pk


# --- comments -----------------------------------------------------------------------------


def test_a_comment_names_an_rhk_of_its_plan_or_gets_one_answer(call, world):
    path = f"/skp/plans/{world['staf'].pk}/comments"
    answers = _answers(
        [
            call("post", path, as_user="staf", body={"text": "Catatan", "rhk": pk})
            for pk in (world["kabid_rhk"].pk, world["outsider_rhk"].pk, MISSING)
        ]
    )
    assert answers[0][0] == 400, answers
    assert answers[0] == answers[1] == answers[2]
    assert list(answers[0][1]["detail"]) == ["rhk"]
    assert not SkpComment.objects.filter(skp=world["staf"]).exists()
    own = Rhk.objects.get(skp=world["staf"])
    response = call("post", path, as_user="staf", body={"text": "Catatan", "rhk": own.pk})
    assert response.status_code == 200 and response.json()["rhk_id"] == own.pk


def test_a_return_comments_only_on_rhk_of_the_returned_plan(call, world):
    submit(world["staf"])
    path = f"/skp/plans/{world['staf'].pk}/return"
    answers = _answers(
        [
            call(
                "post",
                path,
                as_user="kasi",
                body={"comment": "Perbaiki", "rhk_comments": {str(pk): "Ubah"}},
            )
            for pk in (world["kabid_rhk"].pk, world["outsider_rhk"].pk, MISSING)
        ]
    )
    assert answers[0][0] == 400, answers
    assert answers[0] == answers[1] == answers[2]
    assert list(answers[0][1]["detail"]) == ["rhk_comments"]
    world["staf"].refresh_from_db()
    assert world["staf"].status == "submitted"


# --- the employee of a new plan and of an exemption ----------------------------------------


def test_starting_a_plan_for_someone_else_gets_one_answer(call, personas, world):
    answers = _answers(
        [
            call("post", "/skp/plans", as_user="kabid", body={"year": YEAR + 1, "employee": pk})
            for pk in (
                personas.employees["dokter"].pk,  # visible to the kabid, not theirs to start
                personas.employees["outsider"].pk,
                MISSING,
            )
        ]
    )
    assert answers[0][0] == 400, answers
    assert answers[0] == answers[1] == answers[2]
    assert list(answers[0][1]["detail"]) == ["employee"]


def test_recording_an_exemption_for_someone_out_of_scope_gets_one_answer(call, personas, world):
    def body(pk):
        return {"employee": pk, "reason": "cltn", "start_date": str(datetime.date(YEAR, 2, 1))}

    answers = _answers(
        [
            call("post", "/skp/exemptions", as_user="staf", body=body(pk))
            for pk in (
                personas.employees["auditor"].pk,  # of the agency, outside the staf's units
                personas.employees["outsider"].pk,
                MISSING,
            )
        ]
    )
    assert answers[0][0] == 400, answers
    assert answers[0] == answers[1] == answers[2]
    assert list(answers[0][1]["detail"]) == ["employee"]


# --- RHK templates of a position ---------------------------------------------------------------


def _template(personas, **fields):
    from kinerja.skp.services.templates import rhk_template_save

    return rhk_template_save(
        actor=build_viewer(personas.users["staf"], today=IN_JANUARY),
        position=personas.positions["staf"],
        year=YEAR,
        text="Tersusunnya surat",
        indicator_text="Jumlah surat",
        **fields,
    )


def test_a_template_names_an_organisation_indicator_on_offer_or_gets_one_answer(personas, world):
    from kinerja.skp.models import RhkTemplate

    messages = []
    for pk in (world["bkpsdm_indicator"].pk, world["other_indicator"].pk, MISSING):
        with pytest.raises(ValidationError) as error:
            _template(personas, iku_indicator=pk)
        messages.append(error.value.message_dict)
    assert messages[0] == messages[1] == messages[2]
    assert list(messages[0]) == ["iku_indicator"]
    assert not RhkTemplate.objects.exists()
    assert _template(personas, iku_indicator=world["dinkes_indicator"]).iku_indicator_id == (
        world["dinkes_indicator"].pk
    )


def test_a_template_intervenes_only_in_an_rhk_of_the_post_above(personas, world):
    import uuid

    from kinerja.skp.models import RhkTemplate

    messages = []
    for key in (world["kabid_rhk"].key, world["outsider_rhk"].key, uuid.uuid4()):
        with pytest.raises(ValidationError) as error:
            _template(personas, intervened_rhk_key=str(key))
        messages.append(error.value.message_dict)
    assert messages[0] == messages[1] == messages[2]
    assert list(messages[0]) == ["intervened_rhk_key"]
    assert not RhkTemplate.objects.exists()
    template = _template(personas, intervened_rhk_key=str(world["rhk"].key))
    assert template.intervened_rhk_key == world["rhk"].key
