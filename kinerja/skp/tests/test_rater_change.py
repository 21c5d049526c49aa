"""A change of rater or a mutation recorded in the organisation data reaches the SKP in force
(PermenPANRB 6/2022 Lampiran p.65 items 6-7; domain.md 1.5): the plan is flagged on the
employee's and the new rater's pages, and the new plan starts in one click.

Plans: kadinkes -> kabid -> kasi set, the staf's draft rated by the kasi, from 1 January.
"""

import datetime

import pytest
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.org.models import Assignment
from kinerja.org.selectors import raters_on
from kinerja.org.services import assignment_end, assignment_start, supervision_override_create
from kinerja.org.tests import factories as f
from kinerja.skp import services
from kinerja.skp.models import Rhk, Skp, SkpStatus
from kinerja.skp.selectors.rater_change import (
    change_began,
    own_rater_changes,
    plan_rater_change,
    plans_now_rated_by,
    rater_change_of,
)
from kinerja.skp.tests.factories import YEAR, chain_of_plans
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

TODAY = datetime.date(YEAR, 5, 15)
CHANGE = datetime.date(YEAR, 4, 1)


@pytest.fixture
def plans(personas, monkeypatch):
    freeze_today(monkeypatch, TODAY)
    return chain_of_plans(personas)


def _viewer(personas, key):
    from kinerja.accounts.viewer import build_viewer

    return build_viewer(personas.users[key], today=TODAY)


def _delegate(personas, to="kabid", start=CHANGE, end=None):
    return supervision_override_create(
        actor=None,
        employee=personas.employees["staf"],
        supervisor=personas.employees[to],
        role="rater",
        start_date=start,
        end_date=end,
        reason="Delegasi penilaian",
    )


def _kasi_leaves_and_kabid_acts(personas, day=CHANGE):
    """The kasi's post falls vacant on `day`; the kabid holds it as Plt. from then."""
    running = Assignment.objects.get(employee=personas.employees["kasi"], end_date__isnull=True)
    assignment_end(actor=None, assignment=running, end_date=day - datetime.timedelta(days=1))
    assignment_start(
        actor=None,
        employee=personas.employees["kabid"],
        position=personas.positions["kasi"],
        start_date=day,
        kind="plt",
        reason="acting",
    )


def test_raters_on_names_the_post_and_the_rater_of_the_day(personas, plans):
    staf = personas.employees["staf"]
    now = raters_on(staf, TODAY)
    assert now.position == personas.positions["staf"]
    assert now.rater.employee == personas.employees["kasi"]
    assert now.rater_position_id == personas.positions["kasi"].pk
    assert now.rater_superior.employee == personas.employees["kabid"]
    _delegate(personas)
    assert raters_on(staf, CHANGE - datetime.timedelta(days=1)).rater_employee_id == (
        personas.employees["kasi"].pk
    )
    delegated = raters_on(staf, CHANGE)
    assert delegated.rater_employee_id == personas.employees["kabid"].pk
    assert delegated.rater_position_id is None


def test_nothing_is_flagged_while_the_organisation_data_match_the_plan(personas, plans):
    assert rater_change_of(plans["staf"], TODAY) is None
    assert plan_rater_change(plans["staf"], TODAY) is None
    assert own_rater_changes(_viewer(personas, "staf")) == {}
    assert plans_now_rated_by(_viewer(personas, "kabid")) == []


def test_a_delegation_flags_the_plan_as_a_change_of_rater(personas, plans):
    _delegate(personas)
    change = plan_rater_change(plans["staf"], TODAY)
    assert change.kind == "rater_change" and not change.is_mutation
    assert change.now.rater.employee == personas.employees["kabid"]
    assert change_began(change) == CHANGE
    assert set(own_rater_changes(_viewer(personas, "staf"))) == {plans["staf"].pk}
    assert [c.skp for c in plans_now_rated_by(_viewer(personas, "kabid"))] == [plans["staf"]]
    assert plans_now_rated_by(_viewer(personas, "kasi")) == []


def test_a_delegation_that_ended_flags_nothing_once_the_old_rater_is_back(personas, plans):
    _delegate(personas, start=datetime.date(YEAR, 2, 1), end=datetime.date(YEAR, 2, 28))
    assert plan_rater_change(plans["staf"], TODAY) is None


def test_a_plt_in_the_raters_post_flags_the_plans_it_rates(personas, plans):
    _kasi_leaves_and_kabid_acts(personas)
    change = plan_rater_change(plans["staf"], TODAY)
    assert change.kind == "rater_change"
    assert change.now.rater.employee == personas.employees["kabid"]
    assert change.now.rater.source == "acting"
    assert change_began(change) == CHANGE
    assert [c.skp for c in plans_now_rated_by(_viewer(personas, "kabid"))] == [plans["staf"]]


def test_a_vacant_raters_post_passes_the_rating_up_and_flags_the_plan(personas, plans):
    running = Assignment.objects.get(employee=personas.employees["kasi"], end_date__isnull=True)
    assignment_end(actor=None, assignment=running, end_date=datetime.date(YEAR, 4, 30))
    change = plan_rater_change(plans["staf"], TODAY)
    assert change.now.rater.employee == personas.employees["kabid"]
    assert change_began(change) == datetime.date(YEAR, 5, 1)


def test_a_mutation_flags_the_plan_in_force(personas, plans):
    assignment_start(
        actor=None,
        employee=personas.employees["staf"],
        position=personas.positions["bkpsdm"],
        start_date=CHANGE,
        reason="transfer",
    )
    change = plan_rater_change(plans["staf"], TODAY)
    assert change.is_mutation
    assert change.now.position == personas.positions["bkpsdm"]


def test_a_plan_that_is_not_in_force_is_never_flagged(personas, plans):
    _delegate(personas)
    Skp.objects.filter(pk=plans["staf"].pk).update(status=SkpStatus.CLOSED)
    assert plan_rater_change(Skp.objects.get(pk=plans["staf"].pk), TODAY) is None
    assert rater_change_of(Skp.objects.get(pk=plans["staf"].pk), TODAY) is None


@pytest.mark.parametrize("changed", [False, True])
def test_own_plans_flag_the_changes_as_the_query_of_their_own_does(
    personas, plans, changed, django_assert_num_queries
):
    from kinerja.skp.selectors.plan import own_plans

    if changed:
        _delegate(personas)
    viewer = _viewer(personas, "staf")
    viewer.held_positions  # noqa: B018 (read apart, as every page reads them first)
    expected = own_rater_changes(viewer)
    assert bool(expected) == changed
    read = own_plans(viewer)
    if changed:  # the comparison reads who rates the employee today, as `flagged` does
        found = own_rater_changes(viewer, read)
    else:
        with django_assert_num_queries(0):
            found = own_rater_changes(viewer, read)
    assert {pk: (c.kind, c.now.rater_employee_id) for pk, c in found.items()} == {
        pk: (c.kind, c.now.rater_employee_id) for pk, c in expected.items()
    }


# --- pages ------------------------------------------------------------------------------------


def test_the_flag_shows_on_the_employees_pages(client, personas, plans):
    _delegate(personas)
    client.force_login(personas.users["staf"])
    home = client.get(reverse("skp:home")).content.decode()
    assert 'data-testid="rater-changed"' in home
    detail = client.get(reverse("skp:detail", args=[plans["staf"].pk])).content.decode()
    assert 'data-testid="rater-changed"' in detail
    assert 'data-testid="restart-for-new-rater"' in detail
    assert personas.employees["kabid"].full_name in detail


def test_the_flag_shows_in_the_new_raters_inbox_with_the_one_click_restart(client, personas, plans):
    _delegate(personas)
    client.force_login(personas.users["kabid"])
    inbox = client.get(reverse("skp:inbox")).content.decode()
    assert 'data-testid="inbox-rater-changed"' in inbox
    assert reverse("skp:restart_for_new_rater", args=[plans["staf"].pk]) in inbox
    client.force_login(personas.users["kasi"])
    assert (
        'data-testid="inbox-rater-changed"' not in client.get(reverse("skp:inbox")).content.decode()
    )


def test_no_flag_on_the_pages_while_nothing_changed(client, personas, plans):
    client.force_login(personas.users["staf"])
    assert 'data-testid="rater-changed"' not in client.get(reverse("skp:home")).content.decode()
    detail = client.get(reverse("skp:detail", args=[plans["staf"].pk])).content.decode()
    assert 'data-testid="rater-changed"' not in detail


# --- one click --------------------------------------------------------------------------------


def test_one_click_closes_the_plan_and_starts_the_new_one_with_the_new_rater(
    client, personas, plans
):
    _delegate(personas)
    old = plans["staf"]
    client.force_login(personas.users["staf"])
    response = client.post(reverse("skp:restart_for_new_rater", args=[old.pk]))
    old.refresh_from_db()
    new = Skp.objects.get(employee=old.employee, year=YEAR, status=SkpStatus.DRAFT)
    assert response.status_code == 302
    assert response["Location"] == reverse("skp:detail", args=[new.pk])
    assert (old.status, old.end_date) == (SkpStatus.CLOSED, CHANGE - datetime.timedelta(days=1))
    assert new.start_date == CHANGE
    assert new.rater == personas.employees["kabid"]
    assert new.revision_kind == "rater_change"
    assert personas.employees["kabid"].full_name in new.revision_reason
    # The results come along, without their links to the old leader's RHK.
    assert list(Rhk.objects.filter(skp=new).values_list("text", "intervened_rhk")) == [
        ("Tersusunnya laporan pembinaan", None)
    ]
    closed = AuditEvent.objects.get(action="skp.plan.closed", object_id=str(old.pk))
    assert closed.actor == personas.users["staf"]
    assert AuditEvent.objects.filter(action="skp.plan.created", object_id=str(new.pk)).exists()
    assert plan_rater_change(new, TODAY) is None


def test_the_new_rater_restarts_a_plan_of_someone_who_moved_in(client, personas, plans):
    _kasi_leaves_and_kabid_acts(personas)
    client.force_login(personas.users["kabid"])
    response = client.post(reverse("skp:restart_for_new_rater", args=[plans["staf"].pk]))
    assert response.status_code == 302
    new = Skp.objects.get(employee=personas.employees["staf"], is_latest=True, start_date=CHANGE)
    assert new.rater == personas.employees["kabid"]
    assert new.rater_position == personas.positions["kasi"]


def test_a_mutation_starts_the_new_post_empty(personas, plans):
    assignment_start(
        actor=None,
        employee=personas.employees["staf"],
        position=personas.positions["bkpsdm"],
        start_date=CHANGE,
        reason="transfer",
    )
    new = services.skp_restart_for_new_rater(actor=_viewer(personas, "staf"), skp=plans["staf"])
    assert new.revision_kind == "mutation"
    assert new.position == personas.positions["bkpsdm"]
    assert not Rhk.objects.filter(skp=new).exists()


def test_without_a_change_the_one_click_is_refused_and_nothing_changes(client, personas, plans):
    client.force_login(personas.users["staf"])
    response = client.post(reverse("skp:restart_for_new_rater", args=[plans["staf"].pk]))
    assert response.status_code == 400
    assert "Data organisasi mencantumkan jabatan dan pejabat penilai yang sama" in (
        response.content.decode()
    )
    plans["staf"].refresh_from_db()
    assert plans["staf"].status == SkpStatus.DRAFT
    assert not AuditEvent.objects.filter(action="skp.plan.closed").exists()


def test_someone_else_may_not_restart_the_plan(personas, plans):
    from django.core.exceptions import PermissionDenied

    _delegate(personas)
    with pytest.raises(PermissionDenied):
        services.skp_restart_for_new_rater(actor=_viewer(personas, "kadinkes"), skp=plans["staf"])
    assert Skp.objects.get(pk=plans["staf"].pk).status == SkpStatus.DRAFT


def test_the_one_click_endpoint_refuses_get(client, personas, plans):
    client.force_login(personas.users["staf"])
    url = reverse("skp:restart_for_new_rater", args=[plans["staf"].pk])
    assert client.get(url).status_code == 405


def test_a_new_employee_of_the_post_is_not_a_change_for_the_others(personas, plans):
    """Someone else joining the staf's post changes nobody's rater."""
    newcomer = f.employee(
        personas.agency,
        "Rina Marlina",
        position=personas.positions["staf"],
        start=CHANGE,
        nip=f.make_nip(datetime.date(1995, 1, 2), (2020, 3), "P", 77),
    )
    assert newcomer.pk
    assert plan_rater_change(plans["staf"], TODAY) is None
