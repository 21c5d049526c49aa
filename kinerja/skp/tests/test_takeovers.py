"""The leader takes over an employee's RHK during the year (PermenPANRB 6/2022 Ps 20).

The staf's plan is set, rated by the kasi (whose superior is the kabid); staf also administers
the Dinas. A takeover is keyed on the RHK's stable key, so it holds through later versions.
"""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import PermissionDeniedError, ValidationError
from kinerja.core.models import AuditEvent
from kinerja.skp import services
from kinerja.skp.models import Rhk, RhkTakeover
from kinerja.skp.selectors.takeovers import takeovers_in_force
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans, set_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(YEAR, 6, 15)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def plans(personas):
    plans = chain_of_plans(personas)
    plans["staf"] = set_plan(plans["staf"])
    return plans


def _viewer(personas, key, today=TODAY):
    return build_viewer(personas.users[key], today=today)


def _rhk(skp) -> Rhk:
    return Rhk.objects.filter(skp=skp).order_by("pk").first()


def _take_over(personas, plans, actor="kasi", today=TODAY, **fields):
    fields.setdefault("note", "Belum ada kemajuan setelah dua kali bimbingan.")
    return services.rhk_take_over(
        actor=_viewer(personas, actor, today), rhk=_rhk(plans["staf"]), **fields
    )


def _field_error(excinfo, field):
    return excinfo.value.message_dict[field][0]


def test_the_rater_takes_over_an_rhk_with_a_note_and_an_audit_event(personas, plans):
    takeover = _take_over(personas, plans)
    rhk = _rhk(plans["staf"])
    assert takeover.rhk_key == rhk.key
    assert takeover.employee == personas.employees["staf"]
    assert takeover.taken_over_on == TODAY
    assert takeover.taken_by == personas.employees["kasi"]
    assert takeover.rhk_text == rhk.text
    event = AuditEvent.objects.get(action="skp.rhk.taken_over")
    assert event.actor == personas.users["kasi"]
    assert event.reason == "Belum ada kemajuan setelah dua kali bimbingan."
    assert takeovers_in_force(personas.employees["staf"].pk, YEAR) == {rhk.key: takeover}


@pytest.mark.parametrize("actor", ["staf", "kabid", "bkpsdm", "pimpinan", "auditor", "dokter"])
def test_only_the_rater_may_take_over(personas, plans, actor):
    with pytest.raises(PermissionDeniedError):
        _take_over(personas, plans, actor=actor)
    assert not RhkTakeover.objects.exists()


def test_an_rhk_of_a_plan_not_yet_set_cannot_be_taken_over(personas):
    plans = chain_of_plans(personas)
    with pytest.raises(PermissionDeniedError):
        services.rhk_take_over(
            actor=_viewer(personas, "kasi"), rhk=_rhk(plans["staf"]), note="Tidak selesai"
        )


def test_the_plan_must_be_in_force_on_the_day_the_rater_acts(personas, plans):
    skp = plans["staf"]
    assert _take_over(personas, plans, today=skp.end_date).taken_over_on == skp.end_date
    RhkTakeover.objects.all().delete()
    with pytest.raises(PermissionDeniedError):
        _take_over(personas, plans, today=skp.end_date + datetime.timedelta(days=1))
    with pytest.raises(PermissionDeniedError):
        _take_over(personas, plans, today=skp.start_date - datetime.timedelta(days=1))
    assert _take_over(personas, plans, today=skp.start_date).taken_over_on == skp.start_date


def test_the_note_is_required(personas, plans):
    with pytest.raises(ValidationError) as excinfo:
        _take_over(personas, plans, note="   ")
    assert "could not finish" in _field_error(excinfo, "note")


def test_the_day_lies_in_the_plan_and_not_in_the_future(personas, plans):
    skp = plans["staf"]
    with pytest.raises(ValidationError) as excinfo:
        _take_over(personas, plans, taken_over_on=TODAY + datetime.timedelta(days=1))
    assert "future" in _field_error(excinfo, "taken_over_on")
    with pytest.raises(ValidationError) as excinfo:
        _take_over(personas, plans, taken_over_on=skp.start_date - datetime.timedelta(days=1))
    assert "while the plan is in force" in _field_error(excinfo, "taken_over_on")
    first_day = _take_over(personas, plans, taken_over_on=skp.start_date)
    assert first_day.taken_over_on == skp.start_date


def test_an_rhk_is_taken_over_once_until_withdrawn(personas, plans):
    takeover = _take_over(personas, plans)
    with pytest.raises(ValidationError) as excinfo:
        _take_over(personas, plans)
    assert "already" in _field_error(excinfo, "rhk")
    services.rhk_takeover_withdraw(
        actor=_viewer(personas, "kasi"), takeover=takeover, reason="Salah pilih RHK"
    )
    again = _take_over(personas, plans)
    assert takeovers_in_force(personas.employees["staf"].pk, YEAR) == {again.rhk_key: again}


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [("kasi", True), ("bkpsdm", True), ("staf", False), ("kabid", False), ("outsider", False)],
)
def test_the_rater_or_bkpsdm_withdraw_a_takeover_with_a_reason(personas, plans, actor, allowed):
    takeover = _take_over(personas, plans)
    viewer = _viewer(personas, actor)
    if not allowed:
        with pytest.raises(PermissionDeniedError):
            services.rhk_takeover_withdraw(actor=viewer, takeover=takeover, reason="Keliru")
        return
    with pytest.raises(ValidationError) as excinfo:
        services.rhk_takeover_withdraw(actor=viewer, takeover=takeover, reason=" ")
    assert "withdrawn" in _field_error(excinfo, "reason")
    withdrawn = services.rhk_takeover_withdraw(actor=viewer, takeover=takeover, reason="Keliru")
    assert withdrawn.withdrawn_by == personas.users[actor]
    assert withdrawn.withdraw_reason == "Keliru"
    event = AuditEvent.objects.get(action="skp.rhk.takeover_withdrawn")
    assert event.reason == "Keliru"
    assert takeovers_in_force(personas.employees["staf"].pk, YEAR) == {}
    with pytest.raises(ValidationError):
        services.rhk_takeover_withdraw(actor=viewer, takeover=takeover, reason="Lagi")


def test_a_takeover_holds_through_a_later_version_of_the_plan(personas, plans):
    takeover = _take_over(personas, plans)
    revised = services.skp_revise(
        actor=None, skp=plans["staf"], kind="expectation", reason="Ekspektasi disesuaikan"
    )
    add_result(revised, "Tugas tambahan baru", leader_rhk=plans["rhk"])
    revised = set_plan(revised)
    same = Rhk.objects.get(skp=revised, key=takeover.rhk_key)
    assert takeovers_in_force(revised.employee_id, revised.year)[same.key] == takeover
    # The newer version's rater may take over its other RHK.
    other = Rhk.objects.filter(skp=revised).exclude(key=takeover.rhk_key).get()
    services.rhk_take_over(actor=_viewer(personas, "kasi"), rhk=other, note="Tidak selesai")
    assert len(takeovers_in_force(revised.employee_id, revised.year)) == 2


# --- pages ------------------------------------------------------------------------------------


@pytest.fixture
def on_today():
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield


def test_the_rater_takes_over_from_the_plan_page(client, personas, plans, on_today):
    skp = plans["staf"]
    rhk = _rhk(skp)
    client.force_login(personas.users["kasi"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("skp:detail", args=[skp.pk])).content.decode()
    url = reverse("skp:rhk_take_over", args=[skp.pk, rhk.pk])
    assert url in page
    form = client.get(url)
    assert form.status_code == 200
    assert "data-confirm" in form.content.decode()
    typed = "Sudah dibimbing dua kali, belum ada kemajuan"
    bad = client.post(url, {"taken_over_on": "2026-12-31", "note": typed})
    assert bad.status_code == 400
    assert typed in bad.content.decode()
    assert "future" in bad.content.decode()
    done = client.post(url, {"taken_over_on": TODAY.isoformat(), "note": typed}, follow=True)
    assert done.status_code == 200
    page = done.content.decode()
    assert 'data-testid="rhk-takeover"' in page
    assert typed in page
    assert RhkTakeover.objects.get().note == typed


def test_the_owner_sees_the_takeover_but_no_button(client, personas, plans, on_today):
    _take_over(personas, plans)
    skp = plans["staf"]
    client.force_login(personas.users["staf"])
    page = client.get(reverse("skp:detail", args=[skp.pk])).content.decode()
    assert 'data-testid="rhk-takeover"' in page
    assert 'data-testid="takeover-withdraw"' not in page
    assert reverse("skp:rhk_take_over", args=[skp.pk, _rhk(skp).pk]) not in page


def test_the_rater_withdraws_from_the_plan_page(client, personas, plans, on_today):
    takeover = _take_over(personas, plans)
    client.force_login(personas.users["kasi"])
    url = reverse("skp:takeover_withdraw", args=[takeover.pk])
    page = client.get(reverse("skp:detail", args=[plans["staf"].pk])).content.decode()
    assert url in page
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "Keliru"})
    takeover.refresh_from_db()
    assert takeover.withdrawn_at is not None


def test_an_rhk_of_another_plan_is_not_found_on_this_plans_address(
    client, personas, plans, on_today
):
    client.force_login(personas.users["kasi"])
    foreign = _rhk(plans["kabid"])
    url = reverse("skp:rhk_take_over", args=[plans["staf"].pk, foreign.pk])
    assert client.get(url).status_code == 404


# --- API --------------------------------------------------------------------------------------


def test_the_api_takes_over_lists_and_withdraws(client, personas, plans, on_today):
    skp = plans["staf"]
    rhk = _rhk(skp)
    client.force_login(personas.users["kasi"])
    missing = client.post(
        f"/api/v1/skp/rhks/{rhk.pk}/takeover", {"note": ""}, content_type="application/json"
    )
    assert missing.status_code == 400
    made = client.post(
        f"/api/v1/skp/rhks/{rhk.pk}/takeover",
        {"note": "Tidak selesai"},
        content_type="application/json",
    )
    assert made.status_code == 200, made.content
    body = made.json()
    assert body["rhk_key"] == str(rhk.key)
    assert body["taken_over_on"] == TODAY.isoformat()
    assert body["in_force"] is True
    client.force_login(personas.users["staf"])
    listed = client.get(f"/api/v1/skp/plans/{skp.pk}/takeovers").json()
    assert [row["id"] for row in listed] == [body["id"]]
    refused = client.post(
        f"/api/v1/skp/takeovers/{body['id']}/withdraw",
        {"reason": "Keliru"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    client.force_login(personas.users["kasi"])
    withdrawn = client.post(
        f"/api/v1/skp/takeovers/{body['id']}/withdraw",
        {"reason": "Keliru"},
        content_type="application/json",
    )
    assert withdrawn.status_code == 200
    assert withdrawn.json()["in_force"] is False
