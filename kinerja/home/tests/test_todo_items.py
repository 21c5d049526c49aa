"""Each item of Beranda's to-do list: present when the work is due, gone once it is done, and
shown only to the people concerned (another unit's or agency's viewer does not see it).

The data are built with the services where a step is cheap and directly (models, queryset
updates) where only a state matters, so that the file stays fast.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.accounts import services as accounts
from kinerja.accounts.models import Role
from kinerja.accounts.viewer import build_viewer
from kinerja.core.models import AuditEvent
from kinerja.core.todo import Todo, items_for
from kinerja.iku.models import OrgPredikatChoice, OrgPredikatDecision, ResultsComputation
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import results as results_services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as iku
from kinerja.org.models import ImportJob, ImportStatus
from kinerja.org.tests.personas import PASSWORD
from kinerja.skp import services
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans, set_plan, start_skp
from kinerja.skp.tests.review_data import IN_JANUARY, submit

pytestmark = pytest.mark.django_db

LATE = datetime.date(YEAR, 2, 5)  # after the SKP deadline of 31 January


def _items(personas, who, day=IN_JANUARY) -> dict[str, Todo]:
    return {item.key: item for item in items_for(build_viewer(personas.users[who], today=day))}


def _keys(personas, who, day=IN_JANUARY) -> set[str]:
    return set(_items(personas, who, day))


def _as(personas, who, day=IN_JANUARY):
    return build_viewer(personas.users[who], today=day)


def _unit_admin(personas, username, unit_key):
    """A unit admin without a post of their own."""
    user = accounts.user_create(
        actor=None,
        agency=personas.agency,
        username=username,
        password=PASSWORD,
        full_name=username.title(),
    )
    accounts.role_grant(actor=None, user=user, role=Role.ADMIN_UNIT, unit=personas.units[unit_key])
    personas.users[username] = user
    return user


def _grant(personas, who, role):
    accounts.role_grant(actor=None, user=personas.users[who], role=role)


# --- the employee's own plan -----------------------------------------------------------------


def test_a_returned_plan_is_gone_once_submitted_again(personas):
    skp = submit(chain_of_plans(personas)["staf"])
    services.skp_return(actor=None, skp=skp, comment="Target terlalu rendah.")
    assert "skp.returned" in _keys(personas, "staf")
    assert "skp.returned" not in _keys(personas, "kasi")  # the rater's own list
    services.skp_submit(actor=_as(personas, "staf"), skp=skp)
    keys = _keys(personas, "staf")
    assert not {"skp.returned", "skp.draft", "skp.start"} & keys


# --- raters and their superiors ----------------------------------------------------------------


def test_an_escalated_plan_goes_to_the_superior_only_and_is_gone_once_set(personas):
    skp = submit(chain_of_plans(personas)["staf"])
    escalated = _items(personas, "kabid", LATE)["skp.escalated"]
    assert escalated.count == 1
    # Neither the superior of another chain nor the late rater is asked to decide as superior.
    assert "skp.escalated" not in _keys(personas, "kadinkes", LATE)
    assert "skp.escalated" not in _keys(personas, "kasi", LATE)
    services.skp_set(actor=_as(personas, "kabid", LATE), skp=skp)
    assert "skp.escalated" not in _keys(personas, "kabid", LATE)


def test_a_plan_taken_over_is_shown_to_its_rater_only_until_a_new_version(personas):
    skp = submit(chain_of_plans(personas)["staf"])
    services.skp_set(actor=_as(personas, "kabid", LATE), skp=skp)
    assert _items(personas, "kasi", LATE)["skp.taken_over"].count == 1
    assert "skp.taken_over" not in _keys(personas, "kabid", LATE)  # who set it
    assert "skp.taken_over" not in _keys(personas, "kadinkes", LATE)
    # Once the plan is revised, the version in force is no longer the superior's.
    services.skp_revise(actor=None, skp=skp, kind="new_assignment", reason="Tugas baru")
    assert "skp.taken_over" not in _keys(personas, "kasi", LATE)


def test_a_team_without_plan_counts_the_raters_own_team_and_is_gone_once_submitted(personas):
    chain = chain_of_plans(personas)
    # The kasi rates the staf (a draft); the kabid rates the dokter (no plan at all).
    assert _items(personas, "kasi")["skp.team_without_plan"].count == 1
    assert _items(personas, "kabid")["skp.team_without_plan"].count == 1
    assert "skp.team_without_plan" not in _keys(personas, "dokter")
    submit(chain["staf"])
    assert "skp.team_without_plan" not in _keys(personas, "kasi")
    assert "skp.team_without_plan" in _keys(personas, "kabid")  # the dokter still owes one


# --- unit admins ---------------------------------------------------------------------------------


def test_a_units_plans_without_a_set_plan_are_gone_once_every_plan_is_set(personas):
    chain = chain_of_plans(personas)
    _unit_admin(personas, "admin_bkpsdm", "bkpsdm")
    dinkes, bkpsdm = personas.units["dinkes"], personas.units["bkpsdm"]
    key = f"skp.unit_without_plan.{dinkes.pk}"
    assert _items(personas, "staf")[key].count == 2  # the staf's draft and the dokter
    admin_keys = _keys(personas, "admin_bkpsdm")
    assert key not in admin_keys  # another unit's admin
    assert f"skp.unit_without_plan.{bkpsdm.pk}" in admin_keys  # their own unit
    set_plan(chain["staf"])
    dokter = start_skp(personas, "dokter")
    add_result(dokter, "Terlaksananya pelayanan poli", leader_rhk=chain["kabid"].rhks.get())
    set_plan(dokter)
    assert not any(k.startswith("skp.unit_without_plan") for k in _keys(personas, "staf"))


def test_a_unit_admin_of_several_units_gets_each_units_count_in_a_fixed_number_of_queries(
    personas,
):
    chain_of_plans(personas)
    admin = _unit_admin(personas, "admin_many", "pkm")
    viewer = build_viewer(admin, today=IN_JANUARY)
    with CaptureQueriesContext(connection) as one_unit:
        one = {item.key: item for item in items_for(viewer)}
    assert one[f"skp.unit_without_plan.{personas.units['pkm'].pk}"].count == 1  # the dokter
    for key in ("primer", "bkpsdm", "dinkes"):
        accounts.role_grant(actor=None, user=admin, role=Role.ADMIN_UNIT, unit=personas.units[key])
    viewer = build_viewer(admin, today=IN_JANUARY)
    with CaptureQueriesContext(connection) as four_units:
        four = {item.key: item for item in items_for(viewer)}
    assert len(four_units.captured_queries) == len(one_unit.captured_queries)
    counts = {
        key: four[f"skp.unit_without_plan.{personas.units[key].pk}"].count
        for key in ("pkm", "primer", "dinkes")
    }
    assert counts == {"pkm": 1, "primer": 1, "dinkes": 2}  # the subtree includes both
    assert f"skp.unit_without_plan.{personas.units['bkpsdm'].pk}" in four


def test_a_units_plans_waiting_for_their_raters_are_gone_once_decided(personas):
    skp = submit(chain_of_plans(personas)["staf"])
    _unit_admin(personas, "admin_bkpsdm", "bkpsdm")
    key = f"skp.unit_pending.{personas.units['dinkes'].pk}"
    item = _items(personas, "staf")[key]
    assert item.count == 1
    assert item.url.endswith("?show=raters")
    assert not any(k.startswith("skp.unit_pending") for k in _keys(personas, "admin_bkpsdm"))
    assert not any(k.startswith("skp.unit_pending") for k in _keys(personas, "kasi"))
    services.skp_set(actor=_as(personas, "kasi"), skp=skp)
    assert not any(k.startswith("skp.unit_pending") for k in _keys(personas, "staf"))


# --- BKPSDM ------------------------------------------------------------------------------------


def test_the_agencys_compliance_counts_its_own_people_and_is_gone_once_all_have_a_plan(personas):
    chain = chain_of_plans(personas)
    item = _items(personas, "bkpsdm")["skp.agency_compliance"]
    assert item.count == 4  # staf (draft), dokter, bkpsdm and auditor have no set plan
    assert "skp.agency_compliance" not in _keys(personas, "kasi")
    # The other agency's BKPSDM sees their own agency's figures, not these.
    assert _items(personas, "outsider")["skp.agency_compliance"].count == 1
    set_plan(chain["staf"])
    dokter = start_skp(personas, "dokter")
    add_result(dokter, "Terlaksananya pelayanan poli", leader_rhk=chain["kabid"].rhks.get())
    set_plan(dokter)
    for who in ("bkpsdm", "auditor"):
        services.exemption_record(
            actor=None,
            employee=personas.employees[who],
            reason="cltn",
            start_date=datetime.date(YEAR, 1, 1),
        )
    cache.clear()  # the figures are kept a few minutes; a new day or an expiry reads them again
    assert "skp.agency_compliance" not in _keys(personas, "bkpsdm")


def test_imports_in_progress_are_shown_to_their_agencys_bkpsdm_until_finished(personas):
    job = ImportJob.objects.create(
        agency=personas.agency,
        file="imports/pegawai.xlsx",
        original_name="pegawai.xlsx",
        sha256="0" * 64,
        file_format="xlsx",
        status=ImportStatus.RUNNING,
    )
    assert _items(personas, "bkpsdm")["org.imports_running"].count == 1
    assert "org.imports_running" not in _keys(personas, "outsider")  # BKPSDM of another agency
    assert "org.imports_running" not in _keys(personas, "staf")  # a unit admin does not import
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.PENDING)
    assert "org.imports_running" in _keys(personas, "bkpsdm")
    for finished in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.INVALID):
        ImportJob.objects.filter(pk=job.pk).update(status=finished)
        assert "org.imports_running" not in _keys(personas, "bkpsdm")


def test_a_pending_recompute_is_shown_to_its_agencys_bkpsdm_until_computed(personas):
    year = iku.performance_year(personas.agency, YEAR)
    other = iku.performance_year(personas.other_agency, YEAR)
    computation, _created = ResultsComputation.objects.get_or_create(performance_year=year)
    ResultsComputation.objects.filter(pk=computation.pk).update(
        requested_at=timezone.now(), computed_at=None
    )
    ResultsComputation.objects.filter(performance_year=other).delete()
    item = _items(personas, "bkpsdm")["iku.recompute_pending"]
    assert str(YEAR) in item.title and item.count == 1
    assert "iku.recompute_pending" not in _keys(personas, "outsider")
    assert "iku.recompute_pending" not in _keys(personas, "kasi")
    results_services.capaian_recompute_year(actor=None, agency=personas.agency, year=YEAR)
    assert "iku.recompute_pending" not in _keys(personas, "bkpsdm")


# --- organisation performance: verifying and deciding ---------------------------------------


@pytest.fixture
def yankes_indicator(personas):
    """A goal of Bidang Yankes with an indicator and a quarterly target for the year."""
    year = iku.performance_year(personas.agency, YEAR)
    quarter = year.periods.get(kind="quarter", number=1)
    indicator = iku.indicator(iku.goal(personas, "yankes"), "Cakupan imunisasi")
    tree_services.target_set(actor=None, indicator=indicator, period=quarter, value=25)
    return indicator, quarter


def test_a_submitted_realisation_waits_for_the_heads_above_it_until_verified(
    personas, yankes_indicator
):
    indicator, quarter = yankes_indicator
    realisation = realisation_services.realisation_enter(
        actor=None, indicator=indicator, period=quarter, value=20
    )
    assert "iku.realisations_to_verify" not in _keys(personas, "kabid")  # not submitted yet
    realisation = realisation_services.realisation_submit(actor=None, realisation=realisation)
    assert _items(personas, "kabid")["iku.realisations_to_verify"].count == 1
    assert "iku.realisations_to_verify" in _keys(personas, "kadinkes")  # heads the unit above
    for who in ("kasi", "staf", "outsider"):  # a unit below, no head, another agency
        assert "iku.realisations_to_verify" not in _keys(personas, who)
    realisation_services.realisation_verify(actor=None, realisation=realisation)
    assert "iku.realisations_to_verify" not in _keys(personas, "kabid")


def _proposal(unit, period) -> OrgPredikatDecision:
    return OrgPredikatDecision.objects.create(
        unit=unit,
        period=period,
        capaian=90,
        proposed=OrgPredikatChoice.BAIK,
        proposed_at=timezone.now(),
    )


def test_a_predikat_proposal_waits_for_the_next_higher_leader_until_decided(
    personas, yankes_indicator
):
    _indicator, quarter = yankes_indicator
    proposal = _proposal(personas.units["yankes"], quarter)
    # The head of Bidang Yankes reports to the kadinkes, who decides.
    assert _items(personas, "kadinkes", LATE)["iku.predikat_decisions"].count == 1
    for who in ("kabid", "kasi", "pimpinan", "outsider"):
        assert "iku.predikat_decisions" not in _keys(personas, who, LATE)
    results_services.org_predikat_decide(
        actor=_as(personas, "kadinkes", datetime.date(YEAR, 4, 6)),
        decision=proposal,
        predikat=OrgPredikatChoice.BAIK,
    )
    assert "iku.predikat_decisions" not in _keys(personas, "kadinkes", LATE)


def test_the_predikat_of_a_unit_under_the_regional_head_waits_for_the_pimpinan(
    personas, yankes_indicator
):
    _indicator, quarter = yankes_indicator
    _proposal(personas.units["bkpsdm"], quarter)
    assert "iku.predikat_decisions" in _keys(personas, "pimpinan")
    assert "iku.predikat_decisions" not in _keys(personas, "kadinkes")


# --- auditors ----------------------------------------------------------------------------------


def _event(agency, action="skp.plan.revised"):
    return AuditEvent.objects.create(
        agency=agency,
        actor_label="Nur Aini",
        action=action,
        object_type="skp.skp",
        object_id="1",
        object_label="SKP 2026",
    )


def _sensitive_count(personas, who="auditor") -> int:
    item = _items(personas, who).get("audit.sensitive_changes")
    return item.count if item else 0


def test_recent_sensitive_changes_are_shown_to_the_agencys_auditors(personas):
    before = _sensitive_count(personas)  # the personas' roles were granted just now
    _grant(personas, "outsider", Role.AUDITOR)
    outsider_before = _sensitive_count(personas, "outsider")
    _event(personas.agency, "skp.plan.set")  # not a sensitive change
    assert _sensitive_count(personas) == before
    _event(personas.agency, "skp.exemption.deleted")
    assert _sensitive_count(personas) == before + 1
    assert _sensitive_count(personas, "outsider") == outsider_before  # another agency's auditor
    assert "audit.sensitive_changes" not in _keys(personas, "bkpsdm")  # reads, does not audit
    assert "audit.sensitive_changes" not in _keys(personas, "kasi")


def test_sensitive_changes_are_gone_once_older_than_a_week(personas, monkeypatch):
    _event(personas.agency)
    assert "audit.sensitive_changes" in _keys(personas, "auditor")
    later = timezone.now() + datetime.timedelta(days=7, hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "audit.sensitive_changes" not in _keys(personas, "auditor")


def test_the_sensitive_changes_show_the_latest_five_and_count_them_all(personas):
    before = _sensitive_count(personas)
    for _n in range(6):
        _event(personas.agency)
    item = _items(personas, "auditor")["audit.sensitive_changes"]
    assert item.count == before + 6 and len(item.rows) == 5
    assert all(label.endswith("SKP 2026") for label, _actor, _url in item.rows)
