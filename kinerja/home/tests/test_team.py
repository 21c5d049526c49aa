"""The supervisor's team page: every app's section for the people the viewer leads, what waits
for the leader, per member the facts behind it, and only for those who lead someone."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.activities import services as activity_services
from kinerja.activities.tests.data import present_on
from kinerja.core.team import TeamCell, TeamSection, providers, sections_for
from kinerja.core.tests.permission_table import Row, answers, ask, shared_data, table_cases
from kinerja.feedback import services as feedback_services
from kinerja.home import selectors
from kinerja.org.tests.personas import build_personas
from kinerja.results import services as results_services
from kinerja.results.tests.data import D, indicator_of, plans, quarter, viewer
from kinerja.skp.selectors.team import team_ids
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import extra_subordinates, freeze_today

pytestmark = pytest.mark.django_db

TODAY = D(YEAR, 5, 4)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, TODAY)


@pytest.fixture
def world(personas):
    return personas, plans(personas)


def _page(client, personas, who="kasi"):
    """The team page in English, whose labels the tests read."""
    client.force_login(personas.users[who])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(reverse("team"))


def _sections(response) -> dict:
    return {s.key: s for s in response.context["page"].sections}


def _cells(response, employee, key) -> list[TeamCell]:
    member = next(m for m in response.context["page"].members if m.employee == employee)
    return next(cells for section, cells in member.cells if section.key == key)


def _submit_staf_realisation(personas, chain):
    return results_services.realisation_save(
        actor=viewer(personas, "staf", D(YEAR, 4, 10)),
        employee=personas.employees["staf"],
        period=quarter(personas, 1),
        indicator_key=indicator_of(chain["staf"]).key,
        value="5",
        submit=True,
    )


def test_the_leader_sees_each_person_of_the_team_with_the_post_held(client, world):
    personas, _chain = world
    peers = extra_subordinates(personas, 2)
    response = _page(client, personas)
    assert response.status_code == 200
    members = response.context["page"].members
    assert {m.employee for m in members} == {personas.employees["staf"], *peers}
    staf = next(m for m in members if m.employee == personas.employees["staf"])
    assert staf.position == personas.positions["staf"].name
    assert personas.employees["kasi"] not in {m.employee for m in members}


def test_a_submitted_realisation_waits_for_the_leader_on_the_team_page(client, world):
    personas, chain = world
    _submit_staf_realisation(personas, chain)
    response = _page(client, personas)
    section = _sections(response)["results"]
    assert section.waiting == 1
    assert section.url == reverse("results:to_verify")
    [cell] = _cells(response, personas.employees["staf"], "results")
    assert cell.tone == "warn" and cell.url == reverse("results:to_verify")
    assert b'data-key="results"' in response.content


def test_a_verified_realisation_no_longer_waits(client, world):
    personas, chain = world
    realisation = _submit_staf_realisation(personas, chain)
    results_services.realisation_verify(actor=viewer(personas, "kasi"), realisation=realisation)
    response = _page(client, personas)
    assert _sections(response)["results"].waiting == 0
    [cell] = _cells(response, personas.employees["staf"], "results")
    assert cell.tone == "good"
    assert cell.url == reverse("results:periods", args=[personas.employees["staf"].pk, YEAR])


def test_a_member_without_a_feedback_schedule_is_flagged_and_one_overdue_too(client, world):
    personas, _chain = world
    [peer] = extra_subordinates(personas, 1)
    feedback_services.feedback_schedule_set(
        actor=None,
        employee=personas.employees["staf"],
        year=YEAR,
        dates=[TODAY - datetime.timedelta(days=1), D(YEAR, 9, 30)],
        leader=personas.employees["kasi"],
    )
    response = _page(client, personas)
    assert _sections(response)["feedback"].waiting == 2
    [overdue] = _cells(response, personas.employees["staf"], "feedback")
    assert overdue.tone == "warn" and "overdue" in overdue.label
    [none] = _cells(response, peer, "feedback")
    assert none.url == reverse("feedback:schedule", args=[peer.pk])


def test_feedback_due_tomorrow_is_not_yet_behind(client, world):
    personas, _chain = world
    feedback_services.feedback_schedule_set(
        actor=None,
        employee=personas.employees["staf"],
        year=YEAR,
        dates=[TODAY + datetime.timedelta(days=1)],
        leader=personas.employees["kasi"],
    )
    response = _page(client, personas)
    assert _sections(response)["feedback"].waiting == 0
    [due] = _cells(response, personas.employees["staf"], "feedback")
    assert due.tone == "neutral"


def test_late_arrivals_of_the_month_show_per_member(client, world):
    personas, _chain = world
    staf = personas.employees["staf"]
    present_on(staf, [TODAY], time_in=datetime.time(7, 50))
    response = _page(client, personas)
    assert _sections(response)["attendance"].waiting == 1
    labels = [cell.label for cell in _cells(response, staf, "attendance")]
    assert any("late 1 day" in label for label in labels)
    month_page = reverse("activities:employee_month", args=[staf.pk]) + "?bulan=2026-05"
    assert all(cell.url == month_page for cell in _cells(response, staf, "attendance"))


def test_an_on_time_day_is_no_flag(client, world):
    personas, _chain = world
    staf = personas.employees["staf"]
    present_on(staf, [TODAY], time_in=datetime.time(7, 30))
    response = _page(client, personas)
    cells = _cells(response, staf, "attendance")
    assert all(cell.tone != "warn" or "absent" in cell.label for cell in cells)
    assert not any("late" in cell.label for cell in cells)


def _log(personas, who, day=TODAY, minutes=90, text="Melayani pendaftaran pasien rawat jalan"):
    return activity_services.activity_log(
        actor=viewer(personas, who, TODAY),
        employee=personas.employees[who],
        date=day,
        minutes=minutes,
        description=text,
    )


def test_the_pimpinan_leads_the_head_whose_plan_names_the_regional_head(client, world):
    personas, _chain = world
    entry = _log(personas, "kadinkes", text="Memimpin rapat koordinasi kepala puskesmas")
    response = _page(client, personas, "pimpinan")
    assert [m.employee for m in response.context["page"].members] == [
        personas.employees["kadinkes"]
    ]
    assert _sections(response)["worklog"].waiting == 1
    activity_services.activity_verify_many(
        actor=viewer(personas, "pimpinan", TODAY), activities=[entry.pk]
    )
    entry.refresh_from_db()
    assert entry.status == "verified"


def test_the_head_rated_by_the_regional_head_is_in_no_other_team(world):
    personas, _chain = world
    for who in ("kabid", "kasi", "bkpsdm", "auditor"):
        assert personas.employees["kadinkes"].pk not in team_ids(viewer(personas, who, TODAY)), who


def test_logged_activities_wait_for_the_leader_with_the_weeks_hours(client, world):
    personas, _chain = world
    staf = personas.employees["staf"]
    _log(personas, "staf")
    _log(personas, "staf", minutes=60, text="Menyusun rekap kunjungan pasien harian")
    response = _page(client, personas)
    section = _sections(response)["worklog"]
    assert section.waiting == 2 and section.url == reverse("activities:team_week")
    labels = [cell.label for cell in _cells(response, staf, "worklog")]
    assert labels[0] == "2 to verify" and labels[-1] == "2.5 h logged this week"


def test_verified_activities_no_longer_wait(client, world):
    personas, _chain = world
    entry = _log(personas, "staf")
    activity_services.activity_verify_many(
        actor=viewer(personas, "kasi", TODAY), activities=[entry.pk]
    )
    response = _page(client, personas)
    assert _sections(response)["worklog"].waiting == 0
    labels = [cell.label for cell in _cells(response, personas.employees["staf"], "worklog")]
    assert labels == ["1.5 h logged this week"]


def test_every_link_of_the_team_page_opens_for_the_leader(client, world):
    personas, chain = world
    staf = personas.employees["staf"]
    realisation = _submit_staf_realisation(personas, chain)
    results_services.realisation_verify(actor=viewer(personas, "kasi"), realisation=realisation)
    present_on(staf, [TODAY], time_in=datetime.time(7, 50))
    _log(personas, "staf")
    response = _page(client, personas)
    urls = {s.url for s in response.context["page"].sections if s.url}
    for member in response.context["page"].members:
        urls |= {cell.url for _section, cells in member.cells for cell in cells if cell.url}
    assert len(urls) >= 5
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_team_page_costs_the_same_queries_for_a_bigger_team(client, world):
    personas, chain = world
    _submit_staf_realisation(personas, chain)
    present_on(personas.employees["staf"], [TODAY], time_in=datetime.time(7, 45))
    _log(personas, "staf")
    client.force_login(personas.users["kasi"])
    client.get(reverse("team"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("team"))
    for person in extra_subordinates(personas, 6):
        present_on(person, [TODAY], time_in=datetime.time(7, 45))
        activity_services.activity_log(
            actor=None, employee=person, date=TODAY, minutes=30, description="Apel pagi"
        )
    with CaptureQueriesContext(connection) as big:
        response = client.get(reverse("team"))
    assert len(response.context["page"].members) == 7
    assert len(big) == len(small)


def test_sections_come_in_each_apps_order_and_an_empty_one_is_left_out(world):
    personas, _chain = world
    kasi = viewer(personas, "kasi", TODAY)
    members = selectors.team_members(kasi, TODAY)
    keys = [s.key for s in sections_for(kasi, members, TODAY)]
    assert keys == ["results", "worklog", "feedback", "attendance"]
    assert sections_for(kasi, [], TODAY) == []
    assert all(isinstance(s, TeamSection) for s in sections_for(kasi, members, TODAY))
    assert len(providers.functions) >= 3


# --- the permission table --------------------------------------------------------------------


@pytest.fixture(scope="module")
def table_world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        freeze_today(patch, TODAY)
        personas = build_personas()
        plans(personas)
        yield personas


TEAM = Row("team", answers(403, kasi=200, kabid=200, pimpinan=200))
PERMISSION_ROWS = [TEAM]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_team_page_permission_table(client, table_world, row, persona, expected):
    assert ask(client, table_world, row, persona, table_world) == expected


def test_only_a_leader_sees_the_team_link(client, table_world):
    client.force_login(table_world.users["kasi"])
    assert reverse("team").encode() in client.get(reverse("home")).content
    client.force_login(table_world.users["pimpinan"])
    assert reverse("team").encode() in client.get(reverse("home")).content
    for who in ("dokter", "bkpsdm", "auditor"):
        client.force_login(table_world.users[who])
        assert reverse("team").encode() not in client.get(reverse("home")).content, who
