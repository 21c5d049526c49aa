"""Beranda lists what each person must do next: every item appears when the work is due, is
gone once it is done, and shows only what the viewer is concerned with."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.core.todo import LATER, OVERDUE, SOON, Todo, items_for
from kinerja.skp import services
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans
from kinerja.skp.tests.review_data import IN_JANUARY, extra_subordinates, freeze_today, submit

pytestmark = pytest.mark.django_db


def _keys(personas, who, day=IN_JANUARY):
    return {item.key for item in items_for(build_viewer(personas.users[who], today=day))}


def _item(personas, who, key, day=IN_JANUARY) -> Todo:
    items = items_for(build_viewer(personas.users[who], today=day))
    return next(item for item in items if item.key == key)


# --- pegawai ---------------------------------------------------------------------------------


def test_an_employee_without_a_plan_is_asked_to_start_it(personas):
    item = _item(personas, "dokter", "skp.start")
    assert item.deadline == datetime.date(YEAR, 1, 31)
    assert item.days_left == 11 and item.url == reverse("skp:home")


def _submitted_staf_plan(personas):
    """The kadinkes -> kabid -> kasi plans set, and the staf's complete plan submitted."""
    return submit(chain_of_plans(personas)["staf"])


def test_a_draft_asks_to_be_submitted_and_goes_once_submitted(personas):
    skp = chain_of_plans(personas)["staf"]
    assert "skp.draft" in _keys(personas, "staf")
    assert "skp.start" not in _keys(personas, "staf")
    submit(skp)
    assert not {"skp.draft", "skp.start"} & _keys(personas, "staf")


def test_a_returned_plan_shows_the_raters_comments_and_leads_to_the_editor(personas):
    skp = _submitted_staf_plan(personas)
    rhk = skp.rhks.first()
    services.skp_return(
        actor=None,
        skp=skp,
        comment="Target terlalu rendah.",
        rhk_comments={rhk.pk: "Tambahkan aspek waktu."},
    )
    item = _item(personas, "staf", "skp.returned")
    assert item.url == reverse("skp:edit", args=[skp.pk])
    assert item.details[0] == "Target terlalu rendah."
    assert "1" in item.details[1]
    assert "skp.returned" not in _keys(personas, "dokter")  # somebody else's plan


def test_the_deadline_day_itself_is_due_today_and_the_next_day_is_late(personas):
    on_the_day = _item(personas, "dokter", "skp.start", day=datetime.date(YEAR, 1, 31))
    assert on_the_day.days_left == 0 and on_the_day.urgency == SOON
    after = _item(personas, "dokter", "skp.start", day=datetime.date(YEAR, 2, 1))
    assert after.days_left == -1 and after.urgency == OVERDUE and after.days_late == 1


def test_eight_days_before_is_not_yet_soon(personas):
    assert _item(personas, "dokter", "skp.start", day=datetime.date(YEAR, 1, 23)).urgency == LATER
    assert _item(personas, "dokter", "skp.start", day=datetime.date(YEAR, 1, 24)).urgency == SOON


def test_an_exempt_employee_is_not_asked_for_a_plan(personas):
    services.exemption_record(
        actor=None,
        employee=personas.employees["dokter"],
        reason="cltn",
        start_date=datetime.date(YEAR, 1, 1),
    )
    assert "skp.start" not in _keys(personas, "dokter")


# --- atasan ----------------------------------------------------------------------------------


def test_the_rater_sees_the_plans_waiting_and_the_team_without_a_plan(personas):
    chain = chain_of_plans(personas)
    people = extra_subordinates(personas, 3)
    skp = services.skp_create(actor=None, employee=people[0], year=YEAR, day=IN_JANUARY)
    add_result(skp, leader_rhk=chain["rhk"])
    submit(skp)
    keys = _keys(personas, "kasi")
    assert {"skp.to_review", "skp.team_without_plan"} <= keys
    assert _item(personas, "kasi", "skp.to_review").count == 1
    assert _item(personas, "kasi", "skp.team_without_plan").count >= 2
    assert "skp.to_review" not in _keys(personas, "kabid")  # not the kabid's decision yet


def test_a_set_plan_leaves_the_raters_list(personas):
    skp = _submitted_staf_plan(personas)
    assert "skp.to_review" in _keys(personas, "kasi")
    services.skp_set(actor=None, skp=skp)
    assert "skp.to_review" not in _keys(personas, "kasi")


def test_the_home_page_shows_the_inbox_count_on_the_button(client, personas, monkeypatch):
    freeze_today(monkeypatch, IN_JANUARY)
    _submitted_staf_plan(personas)
    client.force_login(personas.users["kasi"])
    html = client.get(reverse("home")).content.decode()
    assert 'data-testid="skp-inbox-count">1<' in html
    assert 'data-testid="todo-skp.to_review"' in html


def test_after_the_deadline_the_raters_superior_sees_it_as_escalated(personas):
    _submitted_staf_plan(personas)
    late = datetime.date(YEAR, 2, 5)
    assert "skp.escalated" in _keys(personas, "kabid", day=late)
    assert "skp.escalated" not in _keys(personas, "kabid", day=IN_JANUARY)


def test_plans_the_superior_set_are_shown_to_the_rater(personas):
    skp = _submitted_staf_plan(personas)
    late = datetime.date(YEAR, 2, 5)
    viewer = build_viewer(personas.users["kabid"], today=late)
    services.skp_set(actor=viewer, skp=skp)
    item = _item(personas, "kasi", "skp.taken_over", day=late)
    assert item.count == 1 and "taken_over=1" in item.url


# --- unit admin, BKPSDM, pimpinan, auditor ---------------------------------------------------


def test_the_unit_admin_sees_the_unit_without_plans_but_not_other_units(personas):
    keys = _keys(personas, "staf")  # staf administers Dinas Kesehatan
    unit = personas.units["dinkes"]
    assert f"skp.unit_without_plan.{unit.pk}" in keys
    assert not any(k.startswith("skp.unit_without_plan") for k in _keys(personas, "dokter"))


def test_exemptions_ending_within_thirty_days_are_listed_for_the_unit_admin(personas):
    services.exemption_record(
        actor=None,
        employee=personas.employees["dokter"],
        reason="cltn",
        start_date=datetime.date(YEAR - 1, 6, 1),
        end_date=IN_JANUARY + datetime.timedelta(days=30),
    )
    assert "skp.exemptions_ending" in _keys(personas, "staf")
    assert "skp.exemptions_ending" not in _keys(
        personas, "staf", day=IN_JANUARY - datetime.timedelta(days=1)
    )


def test_bkpsdm_sees_the_agencys_compliance_by_opd(personas):
    item = _item(personas, "bkpsdm", "skp.agency_compliance")
    assert item.rows and all(" / " in figure for _label, figure, _url in item.rows)
    assert "skp.agency_compliance" not in _keys(personas, "pimpinan")


def test_the_outsider_sees_nothing_of_the_other_agency(personas):
    keys = _keys(personas, "outsider")
    assert not any(key.startswith(("skp.to_review", "skp.unit_")) for key in keys)


def test_beranda_runs_a_fixed_number_of_queries_whatever_the_team_size(
    client, personas, monkeypatch
):
    freeze_today(monkeypatch, IN_JANUARY)
    chain = chain_of_plans(personas)
    client.force_login(personas.users["kasi"])

    def team_with_plans(people, submitted):
        for person in people[:submitted]:
            skp = services.skp_create(actor=None, employee=person, year=YEAR, day=IN_JANUARY)
            add_result(skp, leader_rhk=chain["rhk"])
            submit(skp)

    fresh = reverse("home") + "?refresh=1"  # the body built anew, not read from the cache
    team_with_plans(extra_subordinates(personas, 2), 1)
    client.get(fresh)
    with CaptureQueriesContext(connection) as small:
        client.get(fresh)
    team_with_plans(extra_subordinates(personas, 14, start=2), 8)
    with CaptureQueriesContext(connection) as large:
        client.get(fresh)
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("who", ["dokter", "kasi", "staf", "bkpsdm", "pimpinan", "auditor"])
def test_every_item_leads_to_a_page_the_viewer_may_open(client, personas, monkeypatch, who):
    freeze_today(monkeypatch, IN_JANUARY)
    _submitted_staf_plan(personas)
    client.force_login(personas.users[who])
    for item in items_for(build_viewer(personas.users[who], today=IN_JANUARY)):
        assert client.get(item.url).status_code == 200, (who, item.key, item.url)
