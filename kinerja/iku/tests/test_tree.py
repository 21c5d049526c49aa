import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku.models import AnnualTarget, Goal, GoalLevel, Indicator
from kinerja.iku.services import tree as services
from kinerja.iku.tests import factories as f


@pytest.fixture
def tree(personas):
    tujuan = f.goal(personas, "bkpsdm", GoalLevel.TUJUAN_DAERAH, statement="Masyarakat sehat")
    sasaran = f.goal(personas, "dinkes", GoalLevel.SASARAN_STRATEGIS, parent=tujuan)
    program = f.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM, parent=sasaran)
    kegiatan = f.goal(personas, "primer", GoalLevel.SASARAN_KEGIATAN, parent=program)
    return tujuan, sasaran, program, kegiatan


def test_creating_a_goal_records_an_audit_event(personas):
    goal = services.goal_create(
        actor=f.viewer(personas, "kadinkes"),
        agency=personas.agency,
        level=GoalLevel.SASARAN_STRATEGIS,
        statement="Meningkatnya derajat kesehatan",
        owner_unit=personas.units["dinkes"],
        owner_position=personas.positions["kadinkes"],
        plan_start_year=2025,
        plan_end_year=2029,
    )
    event = AuditEvent.objects.get(action="iku.goal.created")
    assert event.object_id == str(goal.pk)
    assert event.after["owner_unit_id"] == personas.units["dinkes"].pk


def test_a_goal_cannot_move_under_its_own_descendant(personas, tree):
    _tujuan, sasaran, _program, kegiatan = tree
    with pytest.raises(ValidationError) as error:
        services.goal_update(actor=None, goal=sasaran, parent=kegiatan)
    assert "parent" in error.value.message_dict


def test_a_goal_cannot_be_its_own_parent(personas, tree):
    sasaran = tree[1]
    with pytest.raises(ValidationError) as error:
        services.goal_update(actor=None, goal=sasaran, parent=sasaran)
    assert "parent" in error.value.message_dict


def test_a_crosscutting_link_cannot_close_a_cycle(personas, tree):
    _tujuan, _sasaran, program, kegiatan = tree
    other = f.goal(personas, "pkm", GoalLevel.SASARAN_KEGIATAN, parent=program)
    # kegiatan also supports `other` (fine), then `other` cannot be placed under kegiatan.
    services.goal_update(actor=None, goal=kegiatan, extra_parents=[other])
    with pytest.raises(ValidationError) as error:
        services.goal_update(actor=None, goal=other, extra_parents=[kegiatan])
    assert "extra_parents" in error.value.message_dict
    assert list(kegiatan.extra_parents.all()) == [other]


def test_a_crosscutting_goal_supports_several_parents(personas, tree):
    _tujuan, sasaran, program, _kegiatan = tree
    second = f.goal(personas, "yankes", GoalLevel.SASARAN_PROGRAM, parent=sasaran)
    shared = f.goal(
        personas, "pkm", GoalLevel.SASARAN_KEGIATAN, parent=program, extra_parents=[second]
    )
    assert list(shared.extra_parents.all()) == [second]
    assert list(second.crosscutting_children.all()) == [shared]


def test_a_goal_cannot_support_a_goal_of_a_lower_level(personas, tree):
    kegiatan = tree[3]
    with pytest.raises(ValidationError) as error:
        f.goal(personas, "dinkes", GoalLevel.SASARAN_STRATEGIS, parent=kegiatan)
    assert "parent" in error.value.message_dict


def test_the_owner_position_must_belong_to_the_owner_unit(personas):
    with pytest.raises(ValidationError) as error:
        f.goal(personas, "dinkes", owner_position=personas.positions["kabid"])
    assert "owner_position" in error.value.message_dict


def test_plan_years_must_be_in_order(personas):
    with pytest.raises(ValidationError) as error:
        f.goal(personas, plan_start_year=2029, plan_end_year=2025)
    assert "plan_end_year" in error.value.message_dict


@pytest.mark.parametrize("key", ["staf", "kadinkes"])
def test_unit_people_cannot_write_regency_goals(personas, key):
    with pytest.raises(PermissionDeniedError):
        services.goal_create(
            actor=f.viewer(personas, key),
            agency=personas.agency,
            level=GoalLevel.TUJUAN_DAERAH,
            statement="X",
            owner_unit=personas.units["dinkes"],
            plan_start_year=2025,
            plan_end_year=2029,
        )


@pytest.mark.parametrize(
    ("key", "allowed"),
    [
        ("kadinkes", True),  # head of the unit
        ("kabid", False),  # head of a sub-unit only
        ("staf", True),  # unit admin of Dinas Kesehatan
        ("dokter", False),
        ("bkpsdm", True),
        ("auditor", False),
        ("pimpinan", False),
        ("outsider", False),
    ],
)
def test_who_may_write_unit_goals(personas, key, allowed):
    def create():
        return services.goal_create(
            actor=f.viewer(personas, key),
            agency=personas.agency,
            level=GoalLevel.SASARAN_STRATEGIS,
            statement="X",
            owner_unit=personas.units["dinkes"],
            plan_start_year=2025,
            plan_end_year=2029,
        )

    if allowed:
        assert create().pk
    else:
        with pytest.raises(PermissionDeniedError):
            create()
        assert not Goal.objects.exists()


# --- indicators and targets -----------------------------------------------------------------------


def test_an_indicator_keeps_its_manual(personas, tree):
    indicator = services.indicator_create(
        actor=f.viewer(personas, "kadinkes"),
        goal=tree[1],
        name="Angka kematian ibu",
        unit_of_measure="per 100.000 KH",
        polarity="lower",
        lower_is_better_formula="t/r",
        consolidation="sum",
        is_iku=True,
        definition="Kematian ibu selama kehamilan",
        formula_text="Jumlah kematian ibu / jumlah kelahiran hidup x 100.000",
        data_source="Laporan Puskesmas",
        reporting_frequency="quarterly",
        responsible_position=personas.positions["kabid"],
    )
    indicator.refresh_from_db()
    assert indicator.is_iku and indicator.lower_is_better_formula == "t/r"
    assert AuditEvent.objects.filter(action="iku.indicator.created").count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("polarity", "sideways"), ("consolidation", "median"), ("lower_is_better_formula", "r/t")],
)
def test_an_indicator_with_an_unknown_rule_is_refused_naming_the_field(
    personas, tree, field, value
):
    extra = {"polarity": "higher", "consolidation": "sum", field: value}
    with pytest.raises(ValidationError) as error:
        services.indicator_create(actor=None, goal=tree[1], name="X", unit_of_measure="%", **extra)
    assert field in error.value.message_dict
    assert not Indicator.objects.exists()


def test_an_indicator_needs_a_name_and_a_unit_of_measure(personas, tree):
    with pytest.raises(ValidationError) as error:
        services.indicator_create(
            actor=None,
            goal=tree[1],
            name=" ",
            unit_of_measure="",
            polarity="higher",
            consolidation="sum",
        )
    assert {"name", "unit_of_measure"} <= set(error.value.message_dict)


def test_annual_and_period_targets(personas, tree):
    py = f.performance_year(personas.agency, 2025)
    indicator = f.indicator(tree[1])
    services.target_set(actor=None, indicator=indicator, year=2025, value="100")
    services.target_set(actor=None, indicator=indicator, year=2025, value="110")
    q1 = py.periods.get(kind="quarter", number=1)
    services.target_set(actor=None, indicator=indicator, period=q1, value=15)
    assert AnnualTarget.objects.get(indicator=indicator, year=2025).value == 110
    assert indicator.period_targets.get().value == 15
    assert AuditEvent.objects.filter(action="iku.annual_target.set").count() == 2


def test_a_range_target_needs_its_upper_end(personas, tree):
    translation.activate("en")  # the message is compared as written in the source
    indicator = f.indicator(tree[1], target_shape="range", consolidation="average")
    with pytest.raises(ValidationError) as error:
        services.target_set(actor=None, indicator=indicator, year=2025, value=5)
    assert error.value.message_dict["value_high"] == [
        "A range indicator needs the upper end of the target range."
    ]
    with pytest.raises(ValidationError) as error:
        services.target_set(actor=None, indicator=indicator, year=2025, value=5, value_high=4)
    assert "value_high" in error.value.message_dict
    target = services.target_set(actor=None, indicator=indicator, year=2025, value=5, value_high=7)
    assert (target.value, target.value_high) == (5, 7)


def test_only_a_range_indicator_has_an_upper_target(personas, tree):
    indicator = f.indicator(tree[1])
    with pytest.raises(ValidationError) as error:
        services.target_set(actor=None, indicator=indicator, year=2025, value=5, value_high=7)
    assert "value_high" in error.value.message_dict


@pytest.mark.parametrize(("value", "message"), [("-1", "negative"), ("abc", "number"), (None, "")])
def test_bad_target_values_are_refused_naming_the_field(personas, tree, value, message):
    indicator = f.indicator(tree[1])
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.target_set(actor=None, indicator=indicator, year=2025, value=value)
    assert "value" in error.value.message_dict
    assert message in error.value.message_dict["value"][0]


def test_a_target_outside_the_plan_period_is_refused(personas, tree):
    indicator = f.indicator(tree[1])
    with pytest.raises(ValidationError) as error:
        services.target_set(actor=None, indicator=indicator, year=2031, value=1)
    assert "year" in error.value.message_dict


def test_switching_to_a_range_with_plain_targets_is_refused(personas, tree):
    indicator = f.indicator(tree[1])
    services.target_set(actor=None, indicator=indicator, year=2025, value=1)
    with pytest.raises(ValidationError) as error:
        services.indicator_update(actor=None, indicator=indicator, target_shape="range")
    assert "target_shape" in error.value.message_dict


def test_the_direction_of_a_range_indicator_changes_without_touching_its_targets(personas, tree):
    indicator = f.indicator(tree[1], polarity="stabilise", target_shape="range")
    services.target_set(actor=None, indicator=indicator, year=2025, value=4, value_high=5)
    services.indicator_update(actor=None, indicator=indicator, polarity="lower")
    indicator.refresh_from_db()
    assert (indicator.polarity, indicator.target_shape) == ("lower", "range")


def test_an_annual_and_a_period_target_are_set_by_one_service_and_audited_apart(personas, tree):
    indicator = f.indicator(tree[1])
    py = f.performance_year(personas.agency, 2025)
    with pytest.raises(TypeError):
        services.target_set(actor=None, indicator=indicator, value=1)
    with pytest.raises(TypeError):
        services.target_set(
            actor=None, indicator=indicator, value=1, year=2025, period=py.periods.first()
        )
    annual = py.periods.get(kind="year")
    with pytest.raises(ValidationError) as error:
        services.target_set(actor=None, indicator=indicator, period=annual, value=1)
    assert "period" in error.value.message_dict


def test_staff_of_a_sub_unit_cannot_change_the_dinas_indicators(personas, tree):
    indicator = f.indicator(tree[1])
    with pytest.raises(PermissionDeniedError):
        services.indicator_update(
            actor=f.viewer(personas, "kabid"), indicator=indicator, name="Renamed"
        )
