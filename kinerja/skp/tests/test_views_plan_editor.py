"""The SKP editor: autosaving fragments, errors that keep the input, set plans left untouched,
and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kinerja.iku.tests import factories as iku
from kinerja.skp import services
from kinerja.skp.models import ActionPlan, Rhk, RhkIndicator, Skp
from kinerja.skp.tests.factories import (
    YEAR,
    action_period,
    add_result,
    chain_of_plans,
    editor_url,
    start_skp,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def plans(personas):
    plans = chain_of_plans(personas)
    plans["personas"] = personas
    plans["staf_rhk"] = Rhk.objects.get(skp=plans["staf"])
    plans["staf_indicator"] = RhkIndicator.objects.get(rhk=plans["staf_rhk"])
    return plans


def login(client, plans, key):
    client.force_login(plans["personas"].users[key])


def indicator_data(indicator, **values):
    data = {
        "aspect": "kuantitas",
        "text": indicator.text,
        "target_value": "12",
        "unit_of_measure": "laporan",
    }
    data.update(values)
    return {f"iki-{indicator.pk}-{name}": value for name, value in data.items()}


# --- autosave -------------------------------------------------------------------------------


def test_an_autosaved_indicator_is_saved_and_the_screen_is_left_as_typed(client, plans):
    login(client, plans, "staf")
    indicator = plans["staf_indicator"]
    url = reverse("skp:indicator_update", args=[plans["staf"].pk, indicator.pk])
    response = client.post(url, indicator_data(indicator, target_value="15,5"), **HTMX)
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    content = response.content.decode()
    assert 'id="autosave-status"' in content and 'hx-swap-oob="true"' in content
    assert "Saved at" in content
    indicator.refresh_from_db()
    assert str(indicator.target_value.normalize()) == "15.5"


def test_an_autosave_error_shows_next_to_the_field_and_keeps_the_typing(client, plans):
    login(client, plans, "staf")
    indicator = plans["staf_indicator"]
    url = reverse("skp:indicator_update", args=[plans["staf"].pk, indicator.pk])
    data = indicator_data(indicator, target_value="dua belas", text="Jumlah laporan baru")
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    assert "HX-Reswap" not in response
    content = response.content.decode()
    assert "Enter a number for target value" in content
    assert 'value="dua belas"' in content
    assert "Jumlah laporan baru" in content
    assert "Not saved" in content
    assert 'name="_had_errors"' in content
    indicator.refresh_from_db()
    assert indicator.text != "Jumlah laporan baru"


def test_a_save_after_an_error_swaps_the_fragment_to_clear_the_message(client, plans):
    login(client, plans, "staf")
    indicator = plans["staf_indicator"]
    url = reverse("skp:indicator_update", args=[plans["staf"].pk, indicator.pk])
    response = client.post(url, {**indicator_data(indicator), "_had_errors": "1"}, **HTMX)
    assert response.status_code == 200
    assert "HX-Reswap" not in response
    assert "Enter a number" not in response.content.decode()


def test_an_upper_target_below_the_target_is_refused_on_its_field(client, plans):
    login(client, plans, "staf")
    indicator = plans["staf_indicator"]
    url = reverse("skp:indicator_update", args=[plans["staf"].pk, indicator.pk])
    response = client.post(url, indicator_data(indicator, target_high="3"), **HTMX)
    content = response.content.decode()
    assert "The upper target must not be below the target." in content
    assert 'value="3"' in content
    assert RhkIndicator.objects.get(pk=indicator.pk).target_high is None


def test_without_javascript_an_error_rerenders_the_editor_with_the_input(client, plans):
    login(client, plans, "staf")
    indicator = plans["staf_indicator"]
    url = reverse("skp:indicator_update", args=[plans["staf"].pk, indicator.pk])
    response = client.post(url, indicator_data(indicator, target_value="x1"))
    assert response.status_code == 400
    content = response.content.decode()
    assert "<html" in content
    assert 'value="x1"' in content and "Enter a number for target value" in content


def test_without_javascript_a_save_returns_to_the_row(client, plans):
    login(client, plans, "staf")
    rhk = plans["staf_rhk"]
    url = reverse("skp:rhk_update", args=[plans["staf"].pk, rhk.pk])
    data = {f"rhk-{rhk.pk}-kind": "tambahan", f"rhk-{rhk.pk}-text": "Laporan bulanan"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?buka=rhk-{rhk.pk}#rhk-{rhk.pk}")
    rhk.refresh_from_db()
    assert (rhk.kind, rhk.text) == ("tambahan", "Laporan bulanan")


# --- one card open at a time ---------------------------------------------------------------


def _second_rhk(plans):
    return add_result(plans["staf"], "Rekap kunjungan tersusun", leader_rhk=plans["rhk"])


def test_the_editor_shows_every_rhk_as_a_card_and_opens_none_unasked(client, plans):
    second = _second_rhk(plans)
    login(client, plans, "staf")
    content = client.get(reverse("skp:edit", args=[plans["staf"].pk])).content.decode()
    assert content.count('data-testid="rhk-summary"') == 2
    assert 'data-testid="rhk-form"' not in content and 'data-testid="rhk-add"' not in content
    assert "Rekap kunjungan tersusun" in content and "Jumlah rekap kunjungan tersusun" in content
    assert "target 12" in content  # the indicator's target, read-only
    for rhk in (plans["staf_rhk"], second):
        assert f'href="{editor_url(plans["staf"], rhk)}#rhk-{rhk.pk}"' in content
    assert f'href="{editor_url(plans["staf"], new_rhk=True)}#new-rhk"' in content


def test_the_card_asked_for_is_the_only_one_open(client, plans):
    second = _second_rhk(plans)
    login(client, plans, "staf")
    content = client.get(editor_url(plans["staf"], second)).content.decode()
    assert f'name="rhk-{second.pk}-text"' in content
    assert f'name="aksi-{second.pk}-text_1"' in content or "no-action-periods" in content
    assert f'name="rhk-{plans["staf_rhk"].pk}-text"' not in content
    assert f'name="iki-{plans["staf_indicator"].pk}-text"' not in content
    assert content.count('data-testid="rhk-summary"') == 1
    assert 'data-testid="rhk-add"' not in content


@pytest.mark.parametrize("asked", ["rhk-999999", "iki-1", "baru-1", "rhk-", ""])
def test_a_card_that_is_not_of_the_plan_opens_nothing(client, plans, asked):
    other = Rhk.objects.exclude(skp=plans["staf"]).first()
    login(client, plans, "staf")
    url = reverse("skp:edit", args=[plans["staf"].pk])
    for value in (asked, f"rhk-{other.pk}"):
        response = client.get(url, {"buka": value})
        assert response.status_code == 200
        content = response.content.decode()
        assert 'data-testid="rhk-form"' not in content and 'data-testid="rhk-add"' not in content
        assert f"rhk-{other.pk}-text" not in content


def test_a_plan_without_rhk_opens_the_form_of_a_new_one(client, personas):
    skp = start_skp(personas, "staf")
    client.force_login(personas.users["staf"])
    content = client.get(reverse("skp:edit", args=[skp.pk])).content.decode()
    assert 'data-testid="rhk-add"' in content and 'name="new-rhk-text"' in content


def test_without_javascript_an_indicator_error_reopens_its_card_with_the_input(client, plans):
    second = _second_rhk(plans)
    login(client, plans, "staf")
    indicator = plans["staf_indicator"]
    url = reverse("skp:indicator_update", args=[plans["staf"].pk, indicator.pk])
    content = client.post(url, indicator_data(indicator, target_value="x1")).content.decode()
    assert f'name="iki-{indicator.pk}-target_value"' in content and 'value="x1"' in content
    assert f'name="rhk-{second.pk}-text"' not in content


def test_without_javascript_a_new_indicator_and_a_new_rhk_reopen_their_cards(client, plans):
    login(client, plans, "staf")
    rhk = plans["staf_rhk"]
    url = reverse("skp:indicator_add", args=[plans["staf"].pk, rhk.pk])
    data = {f"new-iki-{rhk.pk}-text": "Jumlah rapat", f"new-iki-{rhk.pk}-target_value": "abc"}
    response = client.post(url, data)
    content = response.content.decode()
    assert response.status_code == 400 and f'name="new-iki-{rhk.pk}-text"' in content
    assert "Jumlah rapat" in content and 'value="abc"' in content
    assert f'name="rhk-{rhk.pk}-text"' in content  # its card is the one open
    response = client.post(reverse("skp:rhk_add", args=[plans["staf"].pk]), {"new-rhk-text": ""})
    assert response.status_code == 400 and 'data-testid="rhk-add"' in response.content.decode()
    response = client.post(
        reverse("skp:rhk_add", args=[plans["staf"].pk]),
        {"new-rhk-kind": "tambahan", "new-rhk-text": "Notula rapat tersusun"},
    )
    added = Rhk.objects.get(skp=plans["staf"], text="Notula rapat tersusun")
    assert response["Location"].endswith(f"?buka=rhk-{added.pk}#rhk-{added.pk}")


def test_an_rhk_links_to_the_leaders_rhk_or_an_organisation_indicator(client, plans):
    personas = plans["personas"]
    goal = iku.goal(personas, "dinkes", plan_start_year=YEAR, plan_end_year=YEAR + 4)
    indicator = iku.indicator(goal, name="Persentase puskesmas terakreditasi")
    login(client, plans, "staf")
    edit = client.get(editor_url(plans["staf"], new_rhk=True)).content.decode()
    assert "Persentase puskesmas terakreditasi" in edit
    assert plans["rhk"].text in edit  # the kasi's RHK is a choice
    rhk = plans["staf_rhk"]
    data = {
        f"rhk-{rhk.pk}-kind": "utama",
        f"rhk-{rhk.pk}-text": rhk.text,
        f"rhk-{rhk.pk}-intervened_rhk": "",
        f"rhk-{rhk.pk}-iku_indicator": str(indicator.pk),
    }
    url = reverse("skp:rhk_update", args=[plans["staf"].pk, rhk.pk])
    assert client.post(url, data, **HTMX).status_code == 200
    rhk.refresh_from_db()
    assert (rhk.intervened_rhk_id, rhk.iku_indicator_id, rhk.iku_goal_id) == (
        None,
        indicator.pk,
        goal.pk,
    )


def test_an_rhk_cannot_link_to_an_rhk_outside_the_choices(client, plans):
    login(client, plans, "staf")
    rhk = plans["staf_rhk"]
    kadinkes_rhk = Rhk.objects.get(skp=plans["kadinkes"])
    data = {
        f"rhk-{rhk.pk}-kind": "utama",
        f"rhk-{rhk.pk}-text": "Teks baru",
        f"rhk-{rhk.pk}-intervened_rhk": str(kadinkes_rhk.pk),
    }
    url = reverse("skp:rhk_update", args=[plans["staf"].pk, rhk.pk])
    response = client.post(url, data, **HTMX)
    assert "Select a valid choice" in response.content.decode()
    assert "Teks baru" in response.content.decode()
    assert Rhk.objects.get(pk=rhk.pk).intervened_rhk_id == plans["rhk"].pk


def test_a_jpt_plan_is_edited_with_perspectives(client, personas):
    skp = start_skp(personas, "kadinkes")
    add_result(skp, "Meningkatnya derajat kesehatan")
    client.force_login(personas.users["kadinkes"])
    content = client.get(reverse("skp:edit", args=[skp.pk])).content.decode()
    assert "perspective" in content and "intervened_rhk" not in content
    response = client.post(
        reverse("skp:rhk_add", args=[skp.pk]),
        {
            "new-rhk-kind": "utama",
            "new-rhk-text": "Terlaksananya layanan",
            "new-rhk-perspective": "proses_bisnis",
            "new-rhk-control_level": "outcome",
            "new-rhk-assigned_by_label": "Bupati",
        },
    )
    assert response.status_code == 302
    rhk = Rhk.objects.get(skp=skp, text="Terlaksananya layanan")
    assert (rhk.perspective, rhk.control_level, rhk.assigned_by_label) == (
        "proses_bisnis",
        "outcome",
        "Bupati",
    )


def test_action_plans_follow_the_agencys_evaluation_period(client, plans):
    login(client, plans, "staf")
    rhk = plans["staf_rhk"]
    edit_url = editor_url(plans["staf"], rhk)
    content = client.get(edit_url).content.decode()
    assert 'data-testid="no-action-periods"' in content
    assert f'name="aksi-{rhk.pk}-text_1"' not in content
    iku.performance_year(plans["personas"].agency, year=YEAR, evaluation_period="monthly")
    content = client.get(edit_url).content.decode()
    assert f'name="aksi-{rhk.pk}-text_12"' in content
    assert 'data-testid="no-action-periods"' not in content
    url = reverse("skp:action_plans", args=[plans["staf"].pk, rhk.pk])
    data = {
        f"aksi-{rhk.pk}-text_1": "Menyusun jadwal",
        f"aksi-{rhk.pk}-target_1": "1 jadwal",
        f"aksi-{rhk.pk}-target_2": "tanpa aksi",
    }
    response = client.post(url, data, **HTMX)
    assert "Write the planned action." in response.content.decode()
    assert 'value="tanpa aksi"' in response.content.decode()
    assert "Menyusun jadwal" in response.content.decode()
    # The row is saved all or nothing: the user fixes it and nothing was half stored.
    assert not ActionPlan.objects.filter(rhk=rhk).exists()
    data[f"aksi-{rhk.pk}-text_2"] = "Rapat evaluasi"
    assert client.post(url, data, **HTMX).status_code == 200
    plans_ = list(
        ActionPlan.objects.filter(rhk=rhk)
        .order_by("period__number")
        .values_list("period__number", "text", "target")
    )
    assert plans_ == [(1, "Menyusun jadwal", "1 jadwal"), (2, "Rapat evaluasi", "tanpa aksi")]


def test_a_quarterly_year_offers_its_four_quarters(client, plans):
    login(client, plans, "staf")
    rhk = plans["staf_rhk"]
    iku.performance_year(plans["personas"].agency, year=YEAR, evaluation_period="quarterly")
    content = client.get(editor_url(plans["staf"], rhk)).content.decode()
    assert f'name="aksi-{rhk.pk}-text_4"' in content
    assert f'name="aksi-{rhk.pk}-text_5"' not in content


def test_behaviour_and_annex_autosave(client, plans):
    login(client, plans, "kasi")  # the rater writes the special expectation
    staf = plans["staf"]
    url = reverse("skp:behaviour", args=[staf.pk, "akuntabel"])
    response = client.post(url, {"beh-akuntabel-special_expectation": "Teladan"}, **HTMX)
    assert response.status_code == 200
    assert staf.behaviours.get(value="akuntabel").special_expectation == "Teladan"
    url = reverse("skp:edit_annex", args=[staf.pk])
    response = client.post(url, {"annex-approach": "bogus"}, **HTMX)
    assert "Select a valid choice" in response.content.decode()
    data = {"annex-approach": "kualitatif", "annex-resource_support": "Laptop"}
    assert client.post(url, data, **HTMX).status_code == 200
    staf.refresh_from_db()
    assert (staf.approach, staf.resource_support) == ("kualitatif", "Laptop")


def test_removing_an_rhk_others_intervene_in_is_refused_with_the_reason(client, plans):
    staf_rhk = plans["staf_rhk"]
    skp = services.skp_revise(
        actor=None, skp=plans["kasi"], kind="new_assignment", reason="Tugas baru"
    )
    services.rhk_update(actor=None, rhk=staf_rhk, intervened_rhk=Rhk.objects.get(skp=skp))
    login(client, plans, "kasi")
    rhk = Rhk.objects.get(skp=skp)
    response = client.post(reverse("skp:rhk_remove", args=[skp.pk, rhk.pk]))
    assert response.status_code == 400
    assert "intervene in this RHK" in response.content.decode()
    assert Rhk.objects.filter(pk=rhk.pk).exists()


# --- set and submitted plans ----------------------------------------------------------------


def _set_plan_posts(plans):
    kasi = plans["kasi"]
    rhk = Rhk.objects.get(skp=kasi)
    indicator = RhkIndicator.objects.get(rhk=rhk)
    return [
        (reverse("skp:rhk_update", args=[kasi.pk, rhk.pk]), {f"rhk-{rhk.pk}-text": "X"}),
        (
            reverse("skp:indicator_update", args=[kasi.pk, indicator.pk]),
            {f"iki-{indicator.pk}-text": "X"},
        ),
        (reverse("skp:action_plans", args=[kasi.pk, rhk.pk]), {f"aksi-{rhk.pk}-text_1": "X"}),
        (reverse("skp:behaviour", args=[kasi.pk, "loyal"]), {"beh-loyal-special_expectation": "X"}),
        (reverse("skp:edit_annex", args=[kasi.pk]), {"annex-approach": "kualitatif"}),
        (reverse("skp:rhk_add", args=[kasi.pk]), {"new-rhk-kind": "utama", "new-rhk-text": "X"}),
        (reverse("skp:indicator_add", args=[kasi.pk, rhk.pk]), {f"new-iki-{rhk.pk}-text": "X"}),
        (reverse("skp:indicator_remove", args=[kasi.pk, indicator.pk]), {}),
        (reverse("skp:rhk_remove", args=[kasi.pk, rhk.pk]), {}),
        (reverse("skp:start_dialogue", args=[kasi.pk]), {}),
        (reverse("skp:submit", args=[kasi.pk]), {}),
    ]


def _snapshot(skp):
    return (
        Skp.objects.filter(pk=skp.pk).values_list("status", "approach", "updated_at").get(),
        list(Rhk.objects.filter(skp=skp).values_list("pk", "text", "kind")),
        list(RhkIndicator.objects.filter(rhk__skp=skp).values_list("pk", "text")),
        list(ActionPlan.objects.filter(rhk__skp=skp).values_list("pk")),
        list(skp.behaviours.values_list("value", "special_expectation")),
    )


@pytest.mark.parametrize("key", ["kasi", "kabid"])
@pytest.mark.parametrize("htmx", [False, True])
def test_a_set_skp_cannot_be_changed_through_any_endpoint(client, plans, key, htmx):
    kasi = plans["kasi"]
    before = _snapshot(kasi)
    login(client, plans, key)
    headers = HTMX if htmx else {}
    for url, data in _set_plan_posts(plans):
        response = client.post(url, data, **headers)
        assert response.status_code == 403, url
    assert _snapshot(kasi) == before
    response = client.get(reverse("skp:edit", args=[kasi.pk]))
    assert response.status_code == 403
    assert "has been set and cannot be changed" in response.content.decode()
    assert reverse("skp:detail", args=[kasi.pk]) in response.content.decode()


def test_a_submitted_skp_waits_for_the_rater(client, plans):
    staf = services.skp_start_dialogue(actor=None, skp=plans["staf"])
    services.skp_submit(actor=None, skp=staf)
    login(client, plans, "staf")
    response = client.get(reverse("skp:edit", args=[staf.pk]))
    assert response.status_code == 403
    assert "waiting for the rater" in response.content.decode()


# --- query counts ---------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["skp:detail", "skp:edit", "open card", "new rhk"])
def test_the_plan_pages_cost_the_same_queries_for_more_rhk(client, plans, name):
    staf = plans["staf"]
    login(client, plans, "staf")
    url = {
        "open card": editor_url(staf, plans["staf_rhk"]),
        "new rhk": editor_url(staf, new_rhk=True),
    }.get(name) or reverse(name, args=[staf.pk])
    client.get(url)  # warm up the session and the caches
    few = _count(client, url)
    for n in range(6):
        rhk = add_result(staf, f"Hasil {n}", leader_rhk=plans["rhk"], kind="tambahan")
        services.action_plan_set(actor=None, rhk=rhk, period=action_period(staf), text="Langkah")
    services.comment_add(actor=None, skp=staf, text="Catatan", rhk=plans["staf_rhk"])
    assert _count(client, url) == few
    assert few <= 30


def test_the_editor_reads_the_choices_of_an_rhk_only_when_a_card_is_open(client, plans):
    login(client, plans, "staf")
    closed = reverse("skp:edit", args=[plans["staf"].pk])
    client.get(closed)
    opened = editor_url(plans["staf"], plans["staf_rhk"])
    assert _count(client, closed) + 3 <= _count(client, opened)


def _tables_read(client, url) -> list[str]:
    """The table of each query's rows (the table of its first column)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"].split(".", 1)[0].removeprefix("SELECT ") for q in queries]


def test_closed_cards_count_the_planned_periods_and_only_the_open_card_reads_its_plans(
    client, plans
):
    staf, rhk = plans["staf"], plans["staf_rhk"]
    services.action_plan_set(actor=None, rhk=rhk, period=action_period(staf, 1), text="Satu")
    services.action_plan_set(actor=None, rhk=rhk, period=action_period(staf, 2), text="Dua")
    login(client, plans, "staf")
    closed = reverse("skp:edit", args=[staf.pk])
    with translation.override("en"):
        content = client.get(closed).content.decode()
    assert "Action plan: 2 periods planned." in content
    assert '"skp_actionplan"' not in _tables_read(client, closed)
    opened = editor_url(staf, rhk)
    assert _tables_read(client, opened).count('"skp_actionplan"') == 1
    content = client.get(opened).content.decode()
    assert "Satu" in content and "Dua" in content  # the open card's form holds its plans


def test_the_plan_page_reads_the_plan_once_with_its_rater_change_flag(client, plans):
    login(client, plans, "staf")
    url = reverse("skp:detail", args=[plans["staf"].pk])
    assert _tables_read(client, url).count('"skp_skp"') == 1


@pytest.mark.parametrize("name", ["skp:detail", "skp:edit"])
def test_the_plan_pages_read_the_plan_with_only_the_relations_they_print(client, plans, name):
    """The employee, the post and the unit: the raters are printed from the plan's labels, and
    neither their rows, nor the agency, nor who set the plan are read."""
    login(client, plans, "staf")
    url = reverse(name, args=[plans["staf"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert plans["staf"].employee.full_name in response.content.decode()
    [plan_query] = [q["sql"] for q in queries if q["sql"].startswith('SELECT "skp_skp"."id"')]
    for table in ('"org_agency"', '"accounts_user"', "rater_position_id", "set_by_id ="):
        assert f"JOIN {table}" not in plan_query and f"ON ({table}" not in plan_query
    assert plan_query.count(" JOIN ") == 3  # the employee, the post and the unit


def test_the_list_costs_the_same_queries_for_more_plans(
    client, plans, django_assert_max_num_queries
):
    login(client, plans, "bkpsdm")
    url = reverse("skp:list")
    client.get(url)
    few = _count(client, url)
    personas = plans["personas"]
    for key in ("dokter", "bkpsdm", "auditor"):
        start_skp(personas, key)
    assert _count(client, url) == few
    with django_assert_max_num_queries(15):
        client.get(url + f"?year={YEAR}&status=draft")


def test_a_card_opened_in_place_takes_the_focus_and_a_whole_page_does_not(client, plans):
    login(client, plans, "staf")
    url = editor_url(plans["staf"], plans["staf_rhk"])
    assert "autofocus" in client.get(url, **HTMX).content.decode()
    assert "autofocus" not in client.get(url).content.decode()
