"""The agency's evaluation periods: BKPSDM opens each period's evaluations from the page once
its window has started, sees the progress of each, and chooses whose evaluations the
distribution pattern counts (one rater's, or the whole unit's)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.actors import PermissionDeniedError
from kinerja.appraisals import rules, selectors, services, todo
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import Q1_END, opened_q1, rate, viewer
from kinerja.core.models import AuditEvent
from kinerja.results.tests.data import plans, quarter
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

D = datetime.date
Q2_WINDOW = D(2026, 5, 31)  # 30 days before 30 June


# --- opening a period --------------------------------------------------------------------------


@pytest.fixture
def year(personas):
    plans(personas)
    return personas


def test_a_period_opens_from_the_first_day_of_its_window_not_the_day_before(year):
    q2 = quarter(year, 2)
    assert rules.evaluation_window_start(q2.end_date) == Q2_WINDOW
    with pytest.raises(ValidationError) as error:
        services.evaluations_open_check(
            actor=viewer(year, "bkpsdm", Q2_WINDOW - datetime.timedelta(days=1)), period=q2
        )
    assert "period" in error.value.message_dict
    assert services.evaluations_open_check(actor=viewer(year, "bkpsdm", Q2_WINDOW), period=q2)


@pytest.mark.parametrize("who", ["kasi", "pimpinan", "auditor", "staf", "outsider"])
def test_only_bkpsdm_of_the_agency_opens_a_period(year, who):
    with pytest.raises(PermissionDeniedError):
        services.evaluations_open_check(actor=viewer(year, who, Q2_WINDOW), period=quarter(year, 2))


def test_bkpsdm_opens_a_period_from_the_page_and_sees_the_counts(client, year, monkeypatch):
    freeze_today(monkeypatch, D(2026, 7, 1))
    q2 = quarter(year, 2)
    client.force_login(year.users["bkpsdm"])
    page = client.get(reverse("appraisals:periods"))
    row = next(r for r in page.context["rows"] if r.period == q2)
    assert (row.opened, row.may_open) == (0, True)
    assert b'data-testid="open-period"' in page.content and b"data-confirm" in page.content
    response = client.post(reverse("appraisals:period_open", args=[q2.pk]), follow=True)
    opened = Evaluation.objects.filter(period=q2).count()
    assert opened == 4  # kadinkes, kabid, kasi and staf have plans in force
    row = next(r for r in response.context["rows"] if r.period == q2)
    assert row.opened == 4 and row.counts == {"open": 4}


def test_a_period_before_its_window_cannot_be_opened_from_the_page(client, year, monkeypatch):
    freeze_today(monkeypatch, Q2_WINDOW - datetime.timedelta(days=1))
    q2 = quarter(year, 2)
    client.force_login(year.users["bkpsdm"])
    page = client.get(reverse("appraisals:periods"))
    row = next(r for r in page.context["rows"] if r.period == q2)
    assert row.may_open is False
    response = client.post(reverse("appraisals:period_open", args=[q2.pk]), follow=True)
    assert not Evaluation.objects.filter(period=q2).exists()
    assert (
        "not started yet" in response.content.decode()
        or "belum dimulai" in response.content.decode()
    )


def test_the_pimpinan_reads_the_progress_without_opening(client, year, monkeypatch):
    freeze_today(monkeypatch, D(2026, 7, 1))
    client.force_login(year.users["pimpinan"])
    page = client.get(reverse("appraisals:periods"))
    assert page.status_code == 200 and page.context["rows"]
    assert not any(r.may_open for r in page.context["rows"])
    assert b'data-testid="open-period"' not in page.content


def test_the_progress_costs_the_same_queries_whatever_the_periods_hold(year):
    bkpsdm = viewer(year, "bkpsdm", D(2026, 7, 1))
    with CaptureQueriesContext(connection) as empty:
        selectors.periods_progress(bkpsdm)
    services.evaluations_open(actor=bkpsdm, period=quarter(year, 1))
    services.evaluations_open(actor=bkpsdm, period=quarter(year, 2))
    with CaptureQueriesContext(connection) as full:
        rows = selectors.periods_progress(bkpsdm)
    assert len(full) == len(empty) <= 5
    assert [r.opened for r in rows if r.period.kind == "quarter"][-2:] == [4, 4]


# --- Beranda -----------------------------------------------------------------------------------


def _open_items(personas, who, day):
    return [
        t for t in todo.todo_items(viewer(personas, who, day)) if t.key == "appraisals.open_periods"
    ]


def test_beranda_asks_bkpsdm_to_open_a_period_from_its_window_on(year):
    assert _open_items(year, "bkpsdm", Q2_WINDOW - datetime.timedelta(days=1))[0].count == 1  # Q1
    services.evaluations_open(actor=viewer(year, "bkpsdm", Q1_END), period=quarter(year, 1))
    assert _open_items(year, "bkpsdm", Q2_WINDOW - datetime.timedelta(days=1)) == []
    [item] = _open_items(year, "bkpsdm", Q2_WINDOW)
    assert item.count == 1 and item.url == reverse("appraisals:periods")
    for who in ("pimpinan", "auditor", "kasi", "staf"):
        assert _open_items(year, who, Q2_WINDOW) == [], who


# --- the distribution base ---------------------------------------------------------------------


def test_settings_change_is_audited_and_refused_to_others(year):
    agency = year.agency.pk
    with pytest.raises(PermissionDeniedError):
        services.appraisal_settings_update(
            actor=viewer(year, "pimpinan", Q1_END), agency_id=agency, distribution_base="unit"
        )
    with pytest.raises(ValidationError) as error:
        services.appraisal_settings_update(
            actor=viewer(year, "bkpsdm", Q1_END), agency_id=agency, distribution_base="opd"
        )
    assert "distribution_base" in error.value.message_dict
    assert selectors.distribution_base(agency) == "rater"
    services.appraisal_settings_update(
        actor=viewer(year, "bkpsdm", Q1_END), agency_id=agency, distribution_base="unit"
    )
    assert selectors.distribution_base(agency) == "unit"
    event = AuditEvent.objects.get(action="appraisals.settings.updated")
    assert (event.before, event.after) == (
        {"distribution_base": "rater"},
        {"distribution_base": "unit"},
    )


def test_a_wrong_choice_on_the_settings_page_names_the_field(client, personas):
    client.force_login(personas.users["bkpsdm"])
    response = client.post(reverse("appraisals:settings"), {"distribution_base": "opd"})
    assert response.status_code == 400
    assert "distribution_base" in response.context["form"].errors


def test_the_unit_base_counts_the_other_raters_evaluations(personas):
    _chain, q1, _due = opened_q1(personas, org_predikat="BAIK")

    def of(key):
        return Evaluation.objects.get(employee=personas.employees[key], period=q1)

    staf = rate(personas, of("staf"), "kasi", Q1_END)  # Baik
    kasi = rate(personas, of("kasi"), "kabid", Q1_END, hasil="dibawah")
    assert kasi.predikat == "butuh_perbaikan"
    by_rater = set(selectors.team_of(staf, "rater").values_list("pk", flat=True))
    by_unit = set(selectors.team_of(staf, "unit").values_list("pk", flat=True))
    assert by_rater == {staf.pk}
    assert by_unit == set(Evaluation.objects.filter(period=q1).values_list("pk", flat=True))
    assert of("kasi").pk in by_unit
    # kasi's team of one: Baik is 100 % of it and nobody needs improvement; the unit kerja's
    # two: Baik 50 %, one Butuh Perbaikan
    assert selectors.team_warnings(staf) == ["baik_at_most_70", "some_butuh_perbaikan_or_kurang"]
    services.appraisal_settings_update(
        actor=viewer(personas, "bkpsdm", Q1_END),
        agency_id=personas.agency.pk,
        distribution_base="unit",
    )
    assert selectors.team_warnings(staf) == []
    desk = selectors.desk(viewer(personas, "kasi", Q1_END), q1)
    assert desk.counts_the_unit and sum(desk.counts.values()) == 2  # staf and kasi rated


def test_the_pimpinan_finds_a_period_where_the_regional_head_is_only_the_raters_superior(
    personas,
):
    _chain, q1, due = opened_q1(personas)
    kabid = Evaluation.objects.get(employee=personas.employees["kabid"], period=q1)
    assert kabid.rater_id == personas.employees["kadinkes"].pk and kabid.rater_superior_id is None
    Evaluation.objects.filter(period=q1, rater__isnull=True).delete()  # kadinkes's own
    late = due.rater + datetime.timedelta(days=1)
    pimpinan = viewer(personas, "pimpinan", late)
    assert selectors.desk_periods(pimpinan) == [q1]
    assert [r.evaluation for r in selectors.desk(pimpinan, q1).rows] == [kabid]
