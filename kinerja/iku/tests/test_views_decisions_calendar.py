"""The organisation predikat decisions page and the working-day calendar page."""

import datetime
import re

import pytest
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.iku import selectors
from kinerja.iku.models import NonWorkingDay, OrgPredikatDecision
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f
from kinerja.iku.tests import view_data

ROLES = [
    "anonymous",
    "dokter",  # pegawai of another unit (Puskesmas)
    "staf",  # staff of the unit whose predikat is decided; admin of Dinkes
    "kabid",  # head of the unit (Bidang Yankes): the predikat is not hers to decide
    "kadinkes",  # next-higher leader of Bidang Yankes
    "admin_opd",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",
    "outsider",  # BKPSDM admin of another agency
]
PREDIKAT_URL = "/kinerja/predikat/"
CALENDAR_URL = "/kinerja/kalender/"


@pytest.fixture
def plan(personas, client, settings):
    # Messages are compared in English, the source language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    plan = view_data.build_plan(personas)
    view_data.verified(plan.indicator, plan.quarters[0], 20)  # capaian 80 % in Q1
    view_data.recompute(plan)
    plan.q1 = OrgPredikatDecision.objects.get(
        unit=personas.units["yankes"], period=plan.quarters[0]
    )
    return plan


def _login(client, plan, role):
    if role != "anonymous":
        client.force_login(plan.personas.users[role])


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


def _decide(client, decision, **data):
    prefix = f"d{decision.pk}-"
    return client.post(
        reverse("iku:predikat_decisions"),
        {"decision": decision.pk, **{prefix + k: v for k, v in data.items()}},
    )


# --- organisation predikat ------------------------------------------------------------------------


def test_the_urls_are_where_the_brief_puts_them():
    assert reverse("iku:predikat_decisions") == PREDIKAT_URL
    assert reverse("iku:calendar") == CALENDAR_URL


@pytest.mark.parametrize(
    ("role", "expected", "pending"),
    [
        ("anonymous", "login", None),
        *[(role, 200, 0) for role in ROLES[1:] if role != "kadinkes"],
        ("kadinkes", 200, 2),  # Q1 and the year of Bidang Yankes
    ],
)
def test_each_role_sees_only_the_predikat_it_decides(client, plan, role, expected, pending):
    _login(client, plan, role)
    response = client.get(PREDIKAT_URL)
    _expect(response, expected)
    if pending is not None:
        assert len(response.context["pending"]) == pending
        assert response.context["decided"] == []


def test_the_leader_sees_the_proposal_and_the_capaian_behind_it(client, plan):
    _login(client, plan, "kadinkes")
    response = client.get(PREDIKAT_URL)
    row = next(r for r in response.context["pending"] if r.decision == plan.q1)
    assert row.form["predikat"].value() == plan.q1.proposed == "BUTUH_PERBAIKAN"
    html = response.content.decode()
    assert "Bidang Pelayanan Kesehatan" in html and "80.00 %" in html
    assert "Butuh Perbaikan" in html


def test_the_regional_head_decides_for_a_top_unit_through_the_pimpinan_login(client, plan):
    indicator = f.indicator(plan.dinkes_goal, "Angka kematian ibu turun", code="IKU-2")
    tree_services.target_set(actor=None, indicator=indicator, period=plan.quarters[0], value=10)
    view_data.verified(indicator, plan.quarters[0], 10)
    view_data.recompute(plan)
    _login(client, plan, "pimpinan")
    units = {r.decision.unit.code for r in client.get(PREDIKAT_URL).context["pending"]}
    assert units == {"DINKES"}


def test_the_leader_confirms_the_proposal(client, plan):
    _login(client, plan, "kadinkes")
    response = _decide(client, plan.q1, predikat="BUTUH_PERBAIKAN", reason="")
    assert response.status_code == 302 and response["Location"] == PREDIKAT_URL
    plan.q1.refresh_from_db()
    assert (plan.q1.status, plan.q1.predikat) == ("confirmed", "BUTUH_PERBAIKAN")
    assert plan.q1.decided_by == plan.personas.users["kadinkes"]
    event = AuditEvent.objects.get(action="iku.org_predikat.confirmed")
    assert event.after["predikat"] == "BUTUH_PERBAIKAN"
    page = client.get(PREDIKAT_URL)
    assert "has been confirmed" in page.content.decode()
    assert [r.decision for r in page.context["decided"]] == [plan.q1]
    assert plan.q1 not in [r.decision for r in page.context["pending"]]


def test_the_leader_changes_the_predikat_with_a_reason(client, plan):
    _login(client, plan, "kadinkes")
    response = _decide(
        client,
        plan.q1,
        predikat="BAIK",
        reason="Target triwulan I terlalu tinggi",
        issued_on="2025-04-10",
    )
    assert response.status_code == 302
    plan.q1.refresh_from_db()
    assert (plan.q1.status, plan.q1.predikat, plan.q1.decided_on) == (
        "changed",
        "BAIK",
        datetime.date(2025, 4, 10),
    )
    event = AuditEvent.objects.get(action="iku.org_predikat.changed")
    assert event.before["predikat"] == "" and event.after["predikat"] == "BAIK"
    html = client.get(PREDIKAT_URL).content.decode()
    assert "Target triwulan I terlalu tinggi" in html and "10 Apr 2025" in html
    assert "Changed by the leader" in html


def test_a_different_predikat_without_a_reason_is_refused_on_the_field_and_keeps_the_input(
    client, plan
):
    _login(client, plan, "kadinkes")
    response = _decide(client, plan.q1, predikat="ISTIMEWA", reason="  ", issued_on="2025-04-10")
    assert response.status_code == 400
    row = next(r for r in response.context["pending"] if r.decision == plan.q1)
    assert row.form.errors["reason"] == [
        "Give the reason for a predikat other than the proposed one."
    ]
    assert row.form["predikat"].value() == "ISTIMEWA"
    assert row.form["issued_on"].value() == "2025-04-10"
    assert 'value="ISTIMEWA" selected' in response.content.decode()
    plan.q1.refresh_from_db()
    assert plan.q1.status == "proposed"
    assert not AuditEvent.objects.filter(action__startswith="iku.org_predikat.").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"predikat": "HEBAT"},
        {"predikat": "BAIK", "reason": "x", "issued_on": "bukan tanggal"},
        {"predikat": "BAIK", "reason": "x", "issued_on": "2024-12-31"},  # before the period
    ],
)
def test_bad_input_is_a_form_error_never_a_500(client, plan, data):
    _login(client, plan, "kadinkes")
    response = _decide(client, plan.q1, **data)
    assert response.status_code == 400
    row = next(r for r in response.context["pending"] if r.decision == plan.q1)
    assert row.form.errors
    plan.q1.refresh_from_db()
    assert plan.q1.status == "proposed"


@pytest.mark.parametrize("role", ["kabid", "staf", "bkpsdm", "pimpinan", "outsider"])
def test_only_the_leader_can_post_a_decision(client, plan, role):
    _login(client, plan, role)
    assert _decide(client, plan.q1, predikat="BUTUH_PERBAIKAN").status_code == 404
    plan.q1.refresh_from_db()
    assert plan.q1.status == "proposed"


def test_an_unknown_or_missing_decision_is_not_found(client, plan):
    _login(client, plan, "kadinkes")
    assert client.post(PREDIKAT_URL, {"decision": "abc"}).status_code == 404
    assert client.post(PREDIKAT_URL, {}).status_code == 404


def test_a_decided_predikat_cannot_be_decided_again(client, plan):
    _login(client, plan, "kadinkes")
    _decide(client, plan.q1, predikat="BUTUH_PERBAIKAN")
    response = _decide(client, plan.q1, predikat="BAIK", reason="x")
    assert response.status_code == 302
    assert "already been decided" in client.get(PREDIKAT_URL).content.decode()
    plan.q1.refresh_from_db()
    assert plan.q1.predikat == "BUTUH_PERBAIKAN"


# --- working-day calendar -------------------------------------------------------------------------


@pytest.fixture
def calendar_plan(plan):
    agency = plan.personas.agency
    calendar_services.national_holidays_load(
        actor=None,
        agency=agency,
        holidays=[
            (datetime.date(2025, 1, 1), "Tahun Baru 2025 Masehi"),
            (datetime.date(2025, 3, 31), "Idul Fitri 1446 H"),
            (datetime.date(2025, 8, 17), "Hari Kemerdekaan RI"),  # a Sunday
        ],
    )
    plan.day_off = calendar_services.non_working_day_add(
        actor=None, agency=agency, date=datetime.date(2025, 5, 2), name="Hari jadi kabupaten"
    )
    return plan


@pytest.mark.parametrize(
    ("role", "expected", "can_edit"),
    [
        ("anonymous", "login", None),
        ("dokter", 403, None),
        ("staf", 403, None),
        ("kabid", 403, None),
        ("kadinkes", 403, None),
        ("admin_opd", 403, None),
        ("bkpsdm", 200, True),
        ("pimpinan", 200, False),
        ("auditor", 200, False),
        ("perencana", 200, False),
        ("outsider", 200, True),  # their own agency's calendar: nothing of ours
    ],
)
def test_the_calendar_is_for_overseers_and_bkpsdm_changes_it(
    client, calendar_plan, role, expected, can_edit
):
    _login(client, calendar_plan, role)
    response = client.get(CALENDAR_URL + "?year=2025")
    _expect(response, expected)
    if expected == 200:
        assert response.context["can_edit"] is can_edit
        html = response.content.decode()
        assert ("Add a day off" in html) is can_edit
        if role == "outsider":
            assert response.context["days"] == []
            assert "Hari jadi kabupaten" not in html
        else:
            assert [d.name for d in response.context["days"]] == [
                "Tahun Baru 2025 Masehi",
                "Idul Fitri 1446 H",
                "Hari jadi kabupaten",
                "Hari Kemerdekaan RI",
            ]
            assert "Hari jadi kabupaten" in html and "Agency day off" in html


def test_the_working_days_shown_are_those_of_the_selectors(client, calendar_plan):
    _login(client, calendar_plan, "auditor")
    response = client.get(CALENDAR_URL + "?year=2025")
    shown = {row.period: row.working_days for row in response.context["period_rows"]}
    periods = selectors.year_periods(calendar_plan.year)
    assert list(shown) == periods
    assert shown == {p: selectors.working_days(p) for p in periods}
    # Q1 2025: 64 weekdays less 1 January and 31 March.
    assert shown[calendar_plan.quarters[0]] == 62
    assert f'data-working-days="{shown[calendar_plan.annual]}"' in response.content.decode()


def test_a_year_without_a_performance_year_shows_its_days_and_no_periods(client, calendar_plan):
    _login(client, calendar_plan, "bkpsdm")
    response = client.get(CALENDAR_URL + "?year=2031")
    assert response.status_code == 200
    assert response.context["days"] == [] and response.context["period_rows"] == []
    assert client.get(CALENDAR_URL + "?year=abc").context["year"] == 2025


def test_bkpsdm_adds_a_day_off(client, calendar_plan):
    _login(client, calendar_plan, "bkpsdm")
    response = client.post(
        CALENDAR_URL + "?year=2025",
        {"date": "2025-06-06", "name": "Cuti bersama Idul Adha", "kind": "collective"},
    )
    assert response.status_code == 302 and response["Location"] == CALENDAR_URL + "?year=2025"
    day = NonWorkingDay.objects.get(date=datetime.date(2025, 6, 6))
    assert (day.name, day.kind, day.agency) == (
        "Cuti bersama Idul Adha",
        "collective",
        calendar_plan.personas.agency,
    )
    event = AuditEvent.objects.exclude(actor=None).get(action="iku.non_working_day.added")
    assert event.actor == calendar_plan.personas.users["bkpsdm"]
    page = client.get(CALENDAR_URL + "?year=2025")
    assert "is now a day off" in page.content.decode()
    q2 = calendar_plan.quarters[1]
    assert next(r for r in page.context["period_rows"] if r.period == q2).working_days == (
        selectors.working_days(q2)
    )


def test_a_day_already_off_is_refused_on_the_date_and_keeps_the_input(client, calendar_plan):
    _login(client, calendar_plan, "bkpsdm")
    response = client.post(
        CALENDAR_URL + "?year=2025", {"date": "2025-05-02", "name": "Dobel", "kind": "agency"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["date"] == ["02-05-2025 is already a day off."]
    assert form["name"].value() == "Dobel"
    assert 'value="Dobel"' in response.content.decode()
    assert NonWorkingDay.objects.filter(date=datetime.date(2025, 5, 2)).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"date": "", "name": "Libur", "kind": "agency"}, "date"),
        ({"date": "2025-13-40", "name": "Libur", "kind": "agency"}, "date"),
        ({"date": "2025-06-09", "name": "   ", "kind": "agency"}, "name"),
        ({"date": "2025-06-09", "name": "Libur", "kind": "cuti"}, "kind"),
        ({"date": "2025-06-09", "name": "x" * 201, "kind": "agency"}, "name"),
    ],
)
def test_bad_calendar_input_is_a_field_error_never_a_500(client, calendar_plan, data, field):
    _login(client, calendar_plan, "bkpsdm")
    response = client.post(CALENDAR_URL + "?year=2025", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not NonWorkingDay.objects.filter(date=datetime.date(2025, 6, 9)).exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", "login"), ("dokter", 403), ("kadinkes", 403), ("pimpinan", 403),
     ("auditor", 403), ("perencana", 403)],
)  # fmt: skip
def test_only_bkpsdm_may_add_a_day_off(client, calendar_plan, role, expected):
    _login(client, calendar_plan, role)
    response = client.post(
        CALENDAR_URL + "?year=2025", {"date": "2025-06-09", "name": "Libur", "kind": "agency"}
    )
    _expect(response, expected)
    assert not NonWorkingDay.objects.filter(date=datetime.date(2025, 6, 9)).exists()


def test_bkpsdm_removes_a_day_off(client, calendar_plan):
    _login(client, calendar_plan, "bkpsdm")
    response = client.post(reverse("iku:calendar_day_remove", args=[calendar_plan.day_off.pk]))
    assert response.status_code == 302 and response["Location"] == CALENDAR_URL + "?year=2025"
    assert not NonWorkingDay.objects.filter(pk=calendar_plan.day_off.pk).exists()
    event = AuditEvent.objects.get(action="iku.non_working_day.removed")
    assert event.before["name"] == "Hari jadi kabupaten"
    assert "is a working day again" in client.get(CALENDAR_URL).content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", "login"), ("dokter", 403), ("kadinkes", 403), ("pimpinan", 403),
     ("auditor", 403), ("outsider", 404)],
)  # fmt: skip
def test_only_bkpsdm_of_the_agency_may_remove_a_day_off(client, calendar_plan, role, expected):
    _login(client, calendar_plan, role)
    response = client.post(reverse("iku:calendar_day_remove", args=[calendar_plan.day_off.pk]))
    _expect(response, expected)
    assert NonWorkingDay.objects.filter(pk=calendar_plan.day_off.pk).exists()


def test_removing_needs_a_post(client, calendar_plan):
    _login(client, calendar_plan, "bkpsdm")
    response = client.get(reverse("iku:calendar_day_remove", args=[calendar_plan.day_off.pk]))
    assert response.status_code == 405


def test_both_pages_render_in_the_default_language(client, calendar_plan, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = settings.LANGUAGE_CODE
    _login(client, calendar_plan, "kadinkes")
    assert client.get(PREDIKAT_URL).status_code == 200
    _login(client, calendar_plan, "bkpsdm")
    assert client.get(CALENDAR_URL + "?year=2025").status_code == 200


def test_the_calendar_reads_a_fixed_number_of_queries(
    client, calendar_plan, django_assert_max_num_queries
):
    _login(client, calendar_plan, "bkpsdm")
    client.get(CALENDAR_URL + "?year=2025")  # warm the session and the viewer
    with django_assert_max_num_queries(15) as first:
        client.get(CALENDAR_URL + "?year=2025")
    for day in range(1, 29):
        calendar_services.non_working_day_add(
            actor=None, agency=calendar_plan.personas.agency,
            date=datetime.date(2025, 2, day), name=f"Libur {day}",
        )  # fmt: skip
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(CALENDAR_URL + "?year=2025")


# --- confirming several proposals at once ----------------------------------------------------


@pytest.fixture
def two_proposals(plan):
    view_data.verified(plan.indicator, plan.quarters[1], 22)
    view_data.recompute(plan)
    plan.q2 = OrgPredikatDecision.objects.get(
        unit=plan.personas.units["yankes"], period=plan.quarters[1]
    )
    return plan


def _confirm_many(client, *decisions, final=True, issued_on=""):
    data = {"action": "confirm_many", "decisions": [d.pk for d in decisions]}
    if final:
        data["final"] = "on"
    if issued_on:
        data["issued_on"] = issued_on
    return client.post(reverse("iku:predikat_decisions"), data)


def test_the_leader_confirms_several_proposals_in_one_step(client, two_proposals):
    plan = two_proposals
    _login(client, plan, "kadinkes")
    response = _confirm_many(client, plan.q1, plan.q2, issued_on="2025-07-10")
    assert response.status_code == 302
    for decision in (plan.q1, plan.q2):
        decision.refresh_from_db()
        assert decision.status == "confirmed" and decision.predikat == decision.proposed
    events = AuditEvent.objects.filter(action="iku.org_predikat.confirmed")
    assert sorted(int(e.object_id) for e in events) == sorted([plan.q1.pk, plan.q2.pk])


def test_both_ways_of_deciding_ask_before_a_final_decision(client, two_proposals):
    """A decided predikat cannot be changed: the buttons ask first (data-confirm, kinerja.js)."""
    plan = two_proposals
    _login(client, plan, "kadinkes")
    html = client.get(PREDIKAT_URL).content.decode()
    many = re.search(r'<button[^>]*data-testid="confirm-many"[^>]*>', html).group(0)
    assert 'data-confirm="Confirm the chosen predikat as proposed?' in many
    for decision in (plan.q1, plan.q2):
        one = re.search(rf'<button[^>]*data-testid="decide-{decision.pk}"[^>]*>', html).group(0)
        assert 'data-confirm="Save this predikat?' in one


def test_confirming_needs_the_final_box_ticked_and_changes_nothing_without_it(
    client, two_proposals
):
    plan = two_proposals
    _login(client, plan, "kadinkes")
    response = _confirm_many(client, plan.q1, final=False)
    assert response.status_code == 400
    assert b'data-testid="confirm-errors"' in response.content
    plan.q1.refresh_from_db()
    assert plan.q1.status == "proposed"


def test_confirming_nothing_is_refused_with_a_message(client, two_proposals):
    _login(client, two_proposals, "kadinkes")
    response = _confirm_many(client)
    assert response.status_code == 400
    assert "Choose at least one proposal" in response.content.decode()


def test_a_proposal_that_is_not_the_leaders_cannot_be_slipped_into_the_set(client, two_proposals):
    plan = two_proposals
    _login(client, plan, "kabid")  # heads the unit; the decision is the kadinkes's
    response = _confirm_many(client, plan.q1)
    assert response.status_code == 400
    plan.q1.refresh_from_db()
    assert plan.q1.status == "proposed"


def test_one_proposal_decided_meanwhile_refuses_the_whole_set(client, two_proposals):
    plan = two_proposals
    _login(client, plan, "kadinkes")
    from kinerja.iku.services import results

    results.org_predikat_decide(actor=None, decision=plan.q2, predikat=plan.q2.proposed)
    response = _confirm_many(client, plan.q1, plan.q2)
    assert response.status_code == 400  # q2 is no longer a choice of the form
    plan.q1.refresh_from_db()
    assert plan.q1.status == "proposed"


def test_the_page_filters_by_unit_name_and_year(client, two_proposals):
    plan = two_proposals
    _login(client, plan, "kadinkes")
    page = client.get(PREDIKAT_URL, {"q": "yankes"}).context
    assert {
        row.decision.pk for row in page["pending"]
    } == set()  # the unit is "Bidang Pelayanan..."
    page = client.get(PREDIKAT_URL, {"q": "pelayanan"}).context
    assert {plan.q1.pk, plan.q2.pk} <= {row.decision.pk for row in page["pending"]}
    year = plan.q1.period.year
    assert client.get(PREDIKAT_URL, {"year": year - 1}).context["pending"] == []


def test_a_partial_year_is_shown_as_partial_and_cannot_be_confirmed(client, plan):
    annual = OrgPredikatDecision.objects.get(unit=plan.personas.units["yankes"], period=plan.annual)
    assert (annual.periods_reported, annual.periods_expected) == (1, 4)
    _login(client, plan, "kadinkes")
    page = client.get(PREDIKAT_URL)
    content = page.content.decode()
    assert "partial: 1 of 4 period reports in" in content
    assert 'data-testid="partial-not-final"' in content
    assert f'data-testid="accept-{annual.pk}"' not in content
    assert f'data-testid="decide-{annual.pk}"' not in content
    response = _confirm_many(client, annual, plan.q1, issued_on="2026-01-10")
    assert response.status_code == 400
    assert "1 of 4 period reports are in" in response.content.decode()
    response = _decide(client, annual, predikat=annual.proposed, reason="")
    assert response.status_code == 302
    assert "1 of 4 period reports are in" in client.get(PREDIKAT_URL).content.decode()
    for decision in (annual, plan.q1):
        decision.refresh_from_db()
        assert decision.status == "proposed"
