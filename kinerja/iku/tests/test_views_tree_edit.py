"""The pages that edit the performance tree: who may open them, what they save and how they
refuse bad input (goals, indicator manuals, the grid of annual and trajectory targets)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import AuditEvent
from kinerja.iku.models import AnnualTarget, Goal, GoalLevel, Indicator, PeriodTarget
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data

ROLES = [
    "anonymous",
    "dokter",  # pegawai of another unit of the agency (Puskesmas)
    "kasi",  # atasan: head of Seksi Primer, below Bidang Yankes
    "staf",  # admin unit of Dinas Kesehatan (and staff of Seksi Primer)
    "kabid",  # head of Bidang Yankes
    "admin_opd",  # admin unit of Dinkes without a position
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",  # planning unit (Bappeda) staff
    "outsider",  # BKPSDM admin of another agency
]


@pytest.fixture
def plan(personas, client, settings):
    # Messages are compared in English, the source language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return view_data.build_plan(personas)


def _login(client, plan, role):
    if role != "anonymous":
        client.force_login(plan.personas.users[role])


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


def _table(**overrides):
    """The planners of Bidang Yankes get the page; the agency's other users are refused."""
    base = {role: 403 for role in ROLES}
    base.update(anonymous="login", staf=200, kabid=200, admin_opd=200, bkpsdm=200, perencana=200)
    base["outsider"] = 404
    base.update(overrides)
    return [(role, base[role]) for role in ROLES]


def _events(action):
    return AuditEvent.objects.filter(action=action)


# --- who may open the pages -----------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), _table(kasi=200, outsider=200))
def test_whoever_plans_some_unit_may_open_the_new_goal_page(client, plan, role, expected):
    _login(client, plan, role)
    _expect(client.get(reverse("iku:goal_create")), expected)


@pytest.mark.parametrize(("role", "expected"), _table(kasi=200))
def test_a_parent_goal_of_another_agency_is_not_found(client, plan, role, expected):
    _login(client, plan, role)
    url = reverse("iku:goal_create") + f"?parent={plan.yankes_goal.pk}"
    _expect(client.get(url), expected)


@pytest.mark.parametrize(("role", "expected"), _table())
def test_who_may_edit_a_unit_goal(client, plan, role, expected):
    _login(client, plan, role)
    _expect(client.get(reverse("iku:goal_update", args=[plan.yankes_goal.pk])), expected)


@pytest.mark.parametrize(("role", "expected"), _table(staf=403, kabid=403, admin_opd=403))
def test_only_bkpsdm_and_planning_staff_edit_a_regency_goal(client, plan, role, expected):
    _login(client, plan, role)
    _expect(client.get(reverse("iku:goal_update", args=[plan.regency_goal.pk])), expected)


@pytest.mark.parametrize(("role", "expected"), _table())
def test_who_may_add_an_indicator_to_a_goal(client, plan, role, expected):
    _login(client, plan, role)
    _expect(client.get(reverse("iku:indicator_create", args=[plan.yankes_goal.pk])), expected)


@pytest.mark.parametrize(("role", "expected"), _table())
def test_who_may_edit_an_indicator_manual(client, plan, role, expected):
    _login(client, plan, role)
    _expect(client.get(reverse("iku:indicator_update", args=[plan.indicator.pk])), expected)


@pytest.mark.parametrize(("role", "expected"), _table())
def test_who_may_open_the_targets_of_an_indicator(client, plan, role, expected):
    _login(client, plan, role)
    _expect(client.get(reverse("iku:indicator_targets", args=[plan.indicator.pk])), expected)


@pytest.mark.parametrize("role", ["dokter", "kasi", "pimpinan", "auditor", "outsider"])
def test_a_refused_post_changes_nothing(client, plan, role):
    _login(client, plan, role)
    expected = 404 if role == "outsider" else 403
    events = AuditEvent.objects.count()
    posts = [
        (reverse("iku:goal_update", args=[plan.yankes_goal.pk]), {"statement": "X"}),
        (reverse("iku:indicator_create", args=[plan.yankes_goal.pk]), {"name": "X"}),
        (reverse("iku:indicator_update", args=[plan.indicator.pk]), {"name": "X"}),
        (reverse("iku:indicator_targets", args=[plan.indicator.pk]), {"annual_2026": "5"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected
    assert AuditEvent.objects.count() == events
    assert Goal.objects.get(pk=plan.yankes_goal.pk).statement == "Layanan kesehatan dasar merata"


# --- goals ----------------------------------------------------------------------------------------


def _goal_data(plan, **overrides):
    data = {
        "level": GoalLevel.SASARAN_PROGRAM,
        "code": "P2",
        "statement": "Rujukan tepat waktu",
        "owner_unit": plan.personas.units["yankes"].pk,
        "owner_position": "",
        "parent": plan.dinkes_goal.pk,
        "extra_parents": [],
        "plan_start_year": "2025",
        "plan_end_year": "2029",
        "order": "2",
    }
    data.update(overrides)
    return data


def test_the_new_goal_page_preselects_the_parent_and_its_unit(client, plan):
    _login(client, plan, "staf")
    url = reverse("iku:goal_create") + f"?parent={plan.dinkes_goal.pk}"
    form = client.get(url).context["form"]
    assert form["parent"].value() == plan.dinkes_goal.pk
    assert form["level"].value() == GoalLevel.SASARAN_PROGRAM
    assert form["owner_unit"].value() == plan.personas.units["dinkes"].pk
    assert form["plan_start_year"].value() == 2025


def test_a_unit_admin_adds_a_cross_cutting_goal_with_an_audit_event(client, plan):
    _login(client, plan, "staf")
    second_parent = f.goal(plan.personas, "dinkes", statement="Mutu layanan meningkat")
    data = _goal_data(plan, extra_parents=[second_parent.pk])
    response = client.post(reverse("iku:goal_create"), data)
    assert response.status_code == 302
    goal = Goal.objects.get(code="P2")
    assert goal.parent == plan.dinkes_goal
    assert list(goal.extra_parents.all()) == [second_parent]
    event = _events("iku.goal.created").get(object_id=str(goal.pk))
    assert event.actor == plan.personas.users["staf"]
    assert event.after["extra_parents"] == [second_parent.pk]


def test_a_new_goal_goes_back_to_a_page_of_this_site_only(client, plan):
    _login(client, plan, "staf")
    unit_page = reverse("iku:unit", args=[plan.personas.units["yankes"].pk])
    response = client.post(reverse("iku:goal_create"), _goal_data(plan, next=unit_page))
    assert response["Location"] == unit_page
    data = _goal_data(plan, code="P3", next="https://evil.example/")
    response = client.post(reverse("iku:goal_create"), data)
    assert "evil" not in response["Location"]


def test_a_goal_without_statement_is_refused_and_keeps_the_input(client, plan):
    _login(client, plan, "staf")
    response = client.post(reverse("iku:goal_create"), _goal_data(plan, statement=" "))
    assert response.status_code == 400
    assert "statement" in response.context["form"].errors
    assert b'value="P2"' in response.content
    assert not Goal.objects.filter(code="P2").exists()


def test_a_unit_admin_cannot_set_a_regency_goal(client, plan):
    _login(client, plan, "staf")
    data = _goal_data(plan, level=GoalLevel.SASARAN_DAERAH, parent=plan.regency_goal.pk)
    response = client.post(reverse("iku:goal_create"), data)
    assert response.status_code == 400
    assert "level" in response.context["form"].errors
    assert not Goal.objects.filter(code="P2").exists()


def test_a_goal_cannot_support_a_goal_of_a_lower_level(client, plan):
    _login(client, plan, "bkpsdm")
    data = _goal_data(plan, level=GoalLevel.SASARAN_STRATEGIS, parent=plan.yankes_goal.pk)
    response = client.post(reverse("iku:goal_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["parent"]
    assert not Goal.objects.filter(code="P2").exists()


def test_a_position_of_another_unit_is_refused(client, plan):
    _login(client, plan, "staf")
    data = _goal_data(plan, owner_position=plan.personas.positions["kasi"].pk)
    response = client.post(reverse("iku:goal_create"), data)
    assert response.status_code == 400
    assert "owner_position" in response.context["form"].errors


def test_choosing_a_unit_lists_its_positions(client, plan):
    _login(client, plan, "staf")
    url = reverse("iku:goal_create") + f"?owner_unit={plan.personas.units['yankes'].pk}"
    choices = dict(client.get(url).context["form"].fields["owner_position"].choices)
    assert plan.personas.positions["kabid"].pk in choices
    assert plan.personas.positions["kasi"].pk not in choices


def test_editing_a_goal_saves_it_with_an_audit_event(client, plan):
    _login(client, plan, "kabid")
    url = reverse("iku:goal_update", args=[plan.yankes_goal.pk])
    form = client.get(url).context["form"]
    assert form["statement"].value() == "Layanan kesehatan dasar merata"
    data = _goal_data(
        plan,
        code="P1",
        statement="Layanan kesehatan dasar merata dan bermutu",
        owner_position=plan.personas.positions["kabid"].pk,
        is_active="on",
    )
    assert client.post(url, data).status_code == 302
    goal = Goal.objects.get(pk=plan.yankes_goal.pk)
    assert goal.statement == "Layanan kesehatan dasar merata dan bermutu"
    assert goal.owner_position == plan.personas.positions["kabid"]
    event = _events("iku.goal.updated").get(object_id=str(goal.pk))
    assert event.before["statement"] == "Layanan kesehatan dasar merata"


def test_a_goal_cannot_be_placed_under_a_goal_that_supports_it(client, plan):
    _login(client, plan, "bkpsdm")
    url = reverse("iku:goal_update", args=[plan.dinkes_goal.pk])
    data = _goal_data(
        plan,
        level=GoalLevel.SASARAN_STRATEGIS,
        code="S1",
        statement="Derajat kesehatan meningkat",
        owner_unit=plan.personas.units["dinkes"].pk,
        parent=plan.regency_goal.pk,
        extra_parents=[plan.yankes_goal.pk],
        is_active="on",
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["extra_parents"]
    assert not plan.dinkes_goal.extra_parents.exists()
    assert not _events("iku.goal.updated").exists()


# --- indicators -----------------------------------------------------------------------------------


def _indicator_data(**overrides):
    data = {
        "code": "IKU-9",
        "name": "Angka kematian bayi",
        "is_iku": "on",
        "definition": "Kematian bayi per 1.000 kelahiran hidup",
        "purpose": "Mengukur derajat kesehatan",
        "formula_text": "Kematian bayi / kelahiran hidup x 1.000",
        "unit_of_measure": "per 1.000",
        "data_source": "Register kematian",
        "reporting_frequency": "quarterly",
        "responsible_position": "",
        "polarity": "lower",
        "target_shape": "single",
        "lower_is_better_formula": "t/r",
        "consolidation": "sum",
        "order": "1",
    }
    data.update(overrides)
    return data


def test_a_planner_adds_an_indicator_with_its_manual(client, plan):
    _login(client, plan, "kabid")
    data = _indicator_data(responsible_position=plan.personas.positions["kasi"].pk)
    response = client.post(reverse("iku:indicator_create", args=[plan.yankes_goal.pk]), data)
    indicator = Indicator.objects.get(code="IKU-9")
    assert response["Location"] == reverse("iku:indicator_targets", args=[indicator.pk])
    assert indicator.goal == plan.yankes_goal
    assert indicator.lower_is_better_formula == "t/r"
    assert indicator.responsible_position == plan.personas.positions["kasi"]
    assert indicator.is_iku
    event = _events("iku.indicator.created").get(object_id=str(indicator.pk))
    assert event.actor == plan.personas.users["kabid"]


def test_an_indicator_without_unit_of_measure_is_refused_and_keeps_the_input(client, plan):
    _login(client, plan, "kabid")
    data = _indicator_data(unit_of_measure="")
    response = client.post(reverse("iku:indicator_create", args=[plan.yankes_goal.pk]), data)
    assert response.status_code == 400
    assert "unit_of_measure" in response.context["form"].errors
    assert b"Angka kematian bayi" in response.content
    assert not Indicator.objects.filter(code="IKU-9").exists()


def test_the_indicator_page_explains_the_lower_is_better_formula(client, plan):
    _login(client, plan, "kabid")
    response = client.get(reverse("iku:indicator_create", args=[plan.yankes_goal.pk]))
    assert b"Used when lower is better" in response.content


def test_editing_an_indicator_manual_writes_an_audit_event(client, plan):
    _login(client, plan, "staf")
    url = reverse("iku:indicator_update", args=[plan.indicator.pk])
    form = client.get(url).context["form"]
    assert form["name"].value() == "Cakupan imunisasi"
    data = _indicator_data(
        code="IKU-1", name="Cakupan imunisasi dasar lengkap", polarity="higher", is_active="on"
    )
    assert client.post(url, data).status_code == 302
    indicator = Indicator.objects.get(pk=plan.indicator.pk)
    assert indicator.name == "Cakupan imunisasi dasar lengkap"
    event = _events("iku.indicator.updated").get(object_id=str(indicator.pk))
    assert event.before["name"] == "Cakupan imunisasi"


def test_switching_to_a_range_with_single_targets_is_refused_on_the_target_shape(client, plan):
    _login(client, plan, "staf")
    url = reverse("iku:indicator_update", args=[plan.indicator.pk])
    data = _indicator_data(code="IKU-1", polarity="higher", target_shape="range", is_active="on")
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["target_shape"]
    assert Indicator.objects.get(pk=plan.indicator.pk).target_shape == "single"


# --- targets --------------------------------------------------------------------------------------


def test_the_targets_page_shows_every_plan_year_and_the_periods_of_the_year(client, plan):
    _login(client, plan, "staf")
    response = client.get(reverse("iku:indicator_targets", args=[plan.indicator.pk]))
    form = response.context["form"]
    assert [row.label for row in form.annual_rows] == ["2025", "2026", "2027", "2028", "2029"]
    assert len(form.period_rows) == 4
    assert form["annual_2025"].value() == Decimal("100")
    assert form[f"period_{plan.quarters[0].pk}"].value() == Decimal("25")
    assert "annual_2025_high" not in form.fields


def test_the_targets_grid_is_saved_in_one_post(client, plan):
    _login(client, plan, "staf")
    url = reverse("iku:indicator_targets", args=[plan.indicator.pk]) + "?year=2025"
    data = {"annual_2025": "100", "annual_2026": "102.5", "annual_2027": "105"}
    data |= {f"period_{q.pk}": "25" for q in plan.quarters}
    data[f"period_{plan.quarters[0].pk}"] = "20"
    response = client.post(url, data)
    assert response.status_code == 302
    targets = dict(
        AnnualTarget.objects.filter(indicator=plan.indicator).values_list("year", "value")
    )
    assert targets == {2025: Decimal("100"), 2026: Decimal("102.5"), 2027: Decimal("105")}
    assert PeriodTarget.objects.get(indicator=plan.indicator, period=plan.quarters[0]).value == 20
    # Only what changed is recorded: two new years and one quarter.
    assert _events("iku.annual_target.set").filter(actor__username="staf").count() == 2
    assert _events("iku.period_target.set").filter(actor__username="staf").count() == 1


def test_one_bad_cell_saves_nothing_and_every_bad_cell_shows_its_error(client, plan):
    _login(client, plan, "staf")
    url = reverse("iku:indicator_targets", args=[plan.indicator.pk]) + "?year=2025"
    data = {
        "annual_2025": "100",
        "annual_2026": "90",  # fine, but must not be saved
        "annual_2027": "banyak",  # not a number
        "annual_2028": "-3",  # negative
        f"period_{plan.quarters[0].pk}": "25",
        f"period_{plan.quarters[1].pk}": "",  # a target already set cannot be emptied
        f"period_{plan.quarters[2].pk}": "30",  # fine, but must not be saved
        f"period_{plan.quarters[3].pk}": "25",
    }
    events = AuditEvent.objects.count()
    response = client.post(url, data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"annual_2027", "annual_2028", f"period_{plan.quarters[1].pk}"}
    assert not AnnualTarget.objects.filter(indicator=plan.indicator, year=2026).exists()
    assert PeriodTarget.objects.get(indicator=plan.indicator, period=plan.quarters[2]).value == 25
    assert AuditEvent.objects.count() == events
    assert b'value="90"' in response.content
    assert b'value="banyak"' in response.content
    assert b'value="30"' in response.content
    assert b"Nothing has been saved" in response.content


def test_a_range_indicator_has_a_low_and_a_high_per_cell(client, plan):
    _login(client, plan, "kabid")
    indicator = f.indicator(plan.yankes_goal, "Rasio dokter", target_shape="range")
    url = reverse("iku:indicator_targets", args=[indicator.pk]) + "?year=2025"
    form = client.get(url).context["form"]
    assert "annual_2025_high" in form.fields
    assert f"period_{plan.quarters[0].pk}_high" in form.fields
    q1 = plan.quarters[0].pk
    response = client.post(url, {"annual_2025": "10", f"period_{q1}": "5"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"annual_2025_high", f"period_{q1}_high"}
    assert not AnnualTarget.objects.filter(indicator=indicator).exists()
    response = client.post(
        url,
        {
            "annual_2025": "10",
            "annual_2025_high": "8",
            f"period_{q1}": "5",
            f"period_{q1}_high": "6",
        },
    )
    assert set(response.context["form"].errors) == {"annual_2025_high"}
    response = client.post(
        url,
        {
            "annual_2025": "8",
            "annual_2025_high": "12",
            f"period_{q1}": "5",
            f"period_{q1}_high": "6",
        },
    )
    assert response.status_code == 302
    target = AnnualTarget.objects.get(indicator=indicator, year=2025)
    assert (target.value, target.value_high) == (8, 12)


def test_an_indonesian_decimal_comma_is_understood(client, plan, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    _login(client, plan, "staf")
    url = reverse("iku:indicator_targets", args=[plan.indicator.pk]) + "?year=2025"
    data = {"annual_2025": "100", "annual_2026": "102,5"}
    data |= {f"period_{q.pk}": "25" for q in plan.quarters}
    assert client.post(url, data).status_code == 302
    assert AnnualTarget.objects.get(indicator=plan.indicator, year=2026).value == Decimal("102.5")


def test_a_year_outside_the_plan_is_not_found(client, plan):
    _login(client, plan, "staf")
    f.performance_year(plan.personas.agency, 2031, "quarterly")
    url = reverse("iku:indicator_targets", args=[plan.indicator.pk]) + "?year=2031"
    assert client.get(url).status_code == 404


def test_the_targets_page_runs_as_many_queries_for_months_as_for_quarters(
    client, plan, django_assert_max_num_queries
):
    f.performance_year(plan.personas.agency, 2026, "monthly")
    for n in range(3):
        indicator = f.indicator(plan.yankes_goal, f"Indikator {n}")
        tree_services.target_set(actor=None, indicator=indicator, year=2026, value=n + 1)
    _login(client, plan, "staf")
    url = reverse("iku:indicator_targets", args=[plan.indicator.pk])
    with django_assert_max_num_queries(20) as quarters:
        response = client.get(url + "?year=2025")
    assert len(response.context["form"].period_rows) == 4
    with django_assert_max_num_queries(len(quarters.captured_queries)):
        response = client.get(url + "?year=2026")
    assert len(response.context["form"].period_rows) == 12


# --- links from the read-only pages ---------------------------------------------------------------


@pytest.mark.parametrize(("role", "shown"), [("staf", True), ("dokter", False), ("auditor", False)])
def test_the_indicator_page_links_to_the_editors_for_planners_only(client, plan, role, shown):
    _login(client, plan, role)
    response = client.get(reverse("iku:indicator", args=[plan.indicator.pk]) + "?year=2025")
    content = response.content.decode()
    assert (reverse("iku:indicator_targets", args=[plan.indicator.pk]) in content) is shown
    assert (reverse("iku:indicator_update", args=[plan.indicator.pk]) in content) is shown


@pytest.mark.parametrize("name", ["iku:tree", "iku:tree_table"])
def test_the_tree_links_each_goal_its_viewer_may_manage(client, plan, name):
    _login(client, plan, "staf")
    content = client.get(reverse(name) + "?year=2025").content.decode()
    assert f'data-testid="goal-edit-{plan.yankes_goal.pk}"' in content
    assert f'data-testid="goal-edit-{plan.regency_goal.pk}"' not in content
    assert 'data-testid="goal-create"' in content
    client.force_login(plan.personas.users["dokter"])
    content = client.get(reverse(name) + "?year=2025").content.decode()
    assert "goal-edit-" not in content
    assert 'data-testid="goal-create"' not in content


def test_the_unit_dashboard_offers_to_add_a_goal_to_the_unit(client, plan):
    unit = plan.personas.units["yankes"]
    _login(client, plan, "kabid")
    content = client.get(reverse("iku:unit", args=[unit.pk]) + "?year=2025").content.decode()
    assert f"{reverse('iku:goal_create')}?unit={unit.pk}" in content
    assert f'data-testid="goal-edit-{plan.yankes_goal.pk}"' in content
    client.force_login(plan.personas.users["auditor"])
    content = client.get(reverse("iku:unit", args=[unit.pk]) + "?year=2025").content.decode()
    assert 'data-testid="goal-create"' not in content


def test_a_unit_head_sees_only_the_units_they_head_in_the_goal_form(client, plan):
    _login(client, plan, "kasi")
    form = client.get(reverse("iku:goal_create")).context["form"]
    units = {pk for pk, _label in form.fields["owner_unit"].choices if pk}
    assert units == {plan.personas.units["primer"].pk}
    levels = {value for value, _label in form.fields["level"].choices if value}
    assert GoalLevel.TUJUAN_DAERAH not in levels


def test_a_new_goal_proposes_a_five_year_plan_from_this_year(client, plan):
    _login(client, plan, "bkpsdm")
    form = client.get(reverse("iku:goal_create")).context["form"]
    start = form["plan_start_year"].value()
    assert start == timezone.localdate().year
    assert form["plan_end_year"].value() == start + 4
