"""Fields of the IKU services that name another record accept only what the actor may choose.

A record of the agency that is not on offer, a record of another agency and an id that names
nothing get one and the same error on the field, and nothing is stored.
"""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kinerja.iku.models import AgreementLine, Goal, GoalLevel, Indicator, Realisation
from kinerja.iku.services import agreement as agreement_services
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import tree as services
from kinerja.iku.tests import factories as f
from kinerja.org.tests import factories as org_f

pytestmark = pytest.mark.django_db

MISSING = 987654321


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def tree(personas):
    """Goals and indicators of Dinas Kesehatan, an inactive goal, and the same of another
    agency, with a position in each agency that is no choice here."""
    py = f.performance_year(personas.agency, 2025)
    other_py = f.performance_year(personas.other_agency, 2025)
    dinkes = f.goal(personas, "dinkes", statement="Meningkatnya derajat kesehatan")
    yankes = f.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM, parent=dinkes)
    closed = f.goal(personas, "dinkes", statement="Sasaran lama")
    Goal.objects.filter(pk=closed.pk).update(is_active=False)
    other = services.goal_create(
        actor=None,
        agency=personas.other_agency,
        level=GoalLevel.SASARAN_STRATEGIS,
        statement="Sasaran kabupaten lain",
        owner_unit=personas.units["other"],
        plan_start_year=2025,
        plan_end_year=2029,
    )
    pkm_goal = f.goal(personas, "pkm", GoalLevel.SASARAN_PROGRAM, statement="Puskesmas")
    inactive = f.indicator(yankes, "Indikator nonaktif")
    Indicator.objects.filter(pk=inactive.pk).update(is_active=False)
    return {
        "py": py,
        "other_py": other_py,
        "dinkes": dinkes,
        "yankes": yankes,
        "closed": closed,
        "other": other,
        "indicator": f.indicator(yankes, "Cakupan imunisasi"),
        "inactive_indicator": inactive,
        "pkm_indicator": f.indicator(pkm_goal, "Kunjungan puskesmas"),
        "other_indicator": f.indicator(other, "Indikator kabupaten lain"),
    }


def _one_error(attempts, field):
    """Every attempt raises the same ValidationError, on `field` only."""
    messages = []
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        messages.append(error.value.message_dict)
    assert all(m == messages[0] for m in messages), messages
    assert list(messages[0]) == [field]


def _new_goal(personas, **fields):
    return services.goal_create(
        actor=f.viewer(personas, "bkpsdm"),
        agency=personas.agency,
        level=GoalLevel.SASARAN_PROGRAM,
        statement="Sasaran baru",
        owner_unit=personas.units["yankes"],
        plan_start_year=2025,
        plan_end_year=2029,
        **fields,
    )


@pytest.mark.parametrize("field", ["parent", "extra_parents"])
def test_a_goal_cascades_only_from_an_active_goal_of_the_agency(personas, tree, field):
    count = Goal.objects.count()

    def value(pk):
        return [pk] if field == "extra_parents" else pk

    _one_error(
        [
            lambda pk=pk: _new_goal(personas, **{field: value(pk)})
            for pk in (tree["closed"].pk, tree["other"].pk, MISSING)
        ],
        field,
    )
    assert Goal.objects.count() == count
    assert _new_goal(personas, **{field: value(tree["dinkes"].pk)}).pk


def test_a_goal_keeps_its_stored_parent_when_it_is_no_longer_active(personas, tree):
    goal = tree["yankes"]
    Goal.objects.filter(pk=tree["dinkes"].pk).update(is_active=False)
    goal = services.goal_update(
        actor=f.viewer(personas, "bkpsdm"), goal=goal, parent=tree["dinkes"], statement="Baru"
    )
    assert goal.parent_id == tree["dinkes"].pk and goal.statement == "Baru"
    with pytest.raises(ValidationError):
        services.goal_update(actor=f.viewer(personas, "bkpsdm"), goal=goal, parent=tree["closed"])


def test_a_goal_is_owned_only_by_a_position_of_its_unit(personas, tree):
    _one_error(
        [
            lambda pk=pk: _new_goal(personas, owner_position=pk)
            for pk in (
                personas.positions["kasi"].pk,  # of a unit below
                personas.positions["other"].pk,
                MISSING,
            )
        ],
        "owner_position",
    )
    goal = _new_goal(personas, owner_position=personas.positions["kabid"])
    assert goal.owner_position == personas.positions["kabid"]


def test_an_indicator_is_answered_for_only_by_a_position_under_its_goal(personas, tree):
    actor = f.viewer(personas, "bkpsdm")
    indicator = tree["indicator"]
    _one_error(
        [
            lambda pk=pk: services.indicator_update(
                actor=actor, indicator=indicator, responsible_position=pk
            )
            for pk in (
                personas.positions["dokter"].pk,  # Puskesmas: not under Bidang Yankes
                personas.positions["other"].pk,
                MISSING,
            )
        ],
        "responsible_position",
    )
    indicator.refresh_from_db()
    assert indicator.responsible_position_id is None
    indicator = services.indicator_update(
        actor=actor, indicator=indicator, responsible_position=personas.positions["staf"]
    )
    assert indicator.responsible_position == personas.positions["staf"]


def test_an_agreement_carries_only_active_indicators_of_its_unit(personas, tree):
    kabid = f.viewer(personas, "kabid")
    agreement = agreement_services.agreement_create(
        actor=kabid, unit=personas.units["yankes"], year=2025
    )
    _one_error(
        [
            lambda pk=pk: agreement_services.agreement_line_add(
                actor=kabid, agreement=agreement, indicator=pk, target=1
            )
            for pk in (
                tree["pkm_indicator"].pk,
                tree["inactive_indicator"].pk,
                tree["other_indicator"].pk,
                MISSING,
            )
        ],
        "indicator",
    )
    assert not AgreementLine.objects.exists()
    line = agreement_services.agreement_line_add(
        actor=kabid, agreement=agreement, indicator=tree["indicator"].pk, target=1
    )
    assert line.indicator == tree["indicator"]


def test_a_realisation_and_a_trajectory_target_name_a_period_of_the_agency(personas, tree):
    staf = f.viewer(personas, "staf", today=datetime.date(2025, 4, 25))
    foreign = tree["other_py"].periods.filter(kind="quarter", number=1).get()
    _one_error(
        [
            lambda pk=pk: realisation_services.realisation_enter(
                actor=staf, indicator=tree["indicator"], period=pk, value=1
            )
            for pk in (foreign.pk, MISSING)
        ],
        "period",
    )
    assert not Realisation.objects.exists()
    _one_error(
        [
            lambda pk=pk: services.target_set(
                actor=None, indicator=tree["indicator"], period=pk, value=1
            )
            for pk in (foreign.pk, MISSING)
        ],
        "period",
    )


def test_the_planning_unit_is_a_unit_of_the_agency(personas, tree):
    _one_error(
        [
            lambda pk=pk: calendar_services.planning_unit_set(
                actor=None, agency=personas.agency, unit=pk
            )
            for pk in (personas.units["other"].pk, MISSING)
        ],
        "planning_unit",
    )


def test_the_api_answers_the_same_for_a_foreign_and_a_missing_period(client, personas, tree):
    client.force_login(personas.users["staf"])
    client.cookies["django_language"] = "en"
    foreign = tree["other_py"].periods.filter(kind="quarter", number=1).get()
    path = f"/api/v1/iku/indicators/{tree['indicator'].pk}/realisations"
    answers = [
        client.post(
            path, data=json.dumps({"period": pk, "value": 1}), content_type="application/json"
        )
        for pk in (foreign.pk, MISSING)
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()
    assert list(answers[0].json()["detail"]) == ["period"]


def test_a_position_outside_the_unit_tree_is_never_offered(personas, tree):
    """The owner positions on offer are those of the unit itself (a guard of the choices)."""
    from kinerja.iku.selectors.tree_edit import owner_positions

    extra = org_f.position(
        personas.agency, personas.units["yankes"], "DINKES-99", "Analis", "pelaksana"
    )
    offered = set(owner_positions(personas.units["yankes"]).values_list("pk", flat=True))
    assert offered == {personas.positions["kabid"].pk, extra.pk}
