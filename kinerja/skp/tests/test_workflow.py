"""The SKP workflow for every role: allowed and refused transitions, deadlines, versions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.skp import services
from kinerja.skp.models import PlanExemption, Rhk, Skp, SkpStatus
from kinerja.skp.tests.factories import (
    YEAR,
    action_period,
    add_result,
    chain_of_plans,
    set_plan,
    start_skp,
)

pytestmark = pytest.mark.django_db

IN_JANUARY = datetime.date(YEAR, 1, 20)
IN_MARCH = datetime.date(YEAR, 3, 2)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def as_(personas, key, day=IN_JANUARY):
    return build_viewer(personas.users[key], today=day)


@pytest.fixture
def plans(personas):
    return chain_of_plans(personas)


def submitted_staf_plan(personas, plans):
    staf = plans["staf"]
    services.skp_start_dialogue(actor=as_(personas, "staf"), skp=staf)
    return services.skp_submit(actor=as_(personas, "staf"), skp=staf)


def test_a_new_skp_takes_the_post_and_raters_of_the_day(personas):
    skp = start_skp(personas, "staf")
    assert skp.position == personas.positions["staf"]
    assert skp.rater == personas.employees["kasi"]
    assert skp.rater_superior == personas.employees["kabid"]
    assert skp.form == "non_jpt"
    assert skp.behaviours.count() == 7
    assert AuditEvent.objects.filter(action="skp.plan.created", object_id=str(skp.pk)).exists()


def test_a_jpt_is_rated_by_the_regional_head(personas):
    skp = start_skp(personas, "kadinkes")
    assert skp.form == "jpt"
    assert skp.rater is None
    assert skp.rater_label.startswith("Bupati Contoh")


def test_an_employee_cannot_have_two_open_plans_for_a_year(personas):
    start_skp(personas, "staf")
    with pytest.raises(ValidationError) as error:
        start_skp(personas, "staf")
    assert "already has an SKP" in str(error.value)


def test_an_employee_may_start_only_their_own_plan(personas):
    # Refused on the field, as an employee who does not exist would be.
    with pytest.raises(ValidationError) as error:
        services.skp_create(
            actor=as_(personas, "dokter"), employee=personas.employees["staf"], year=YEAR
        )
    assert list(error.value.message_dict) == ["employee"]
    skp = services.skp_create(
        actor=as_(personas, "bkpsdm"), employee=personas.employees["staf"], year=YEAR
    )
    assert skp.employee == personas.employees["staf"]


def test_the_owner_submits_after_the_dialogue(personas, plans):
    skp = submitted_staf_plan(personas, plans)
    assert skp.status == SkpStatus.SUBMITTED
    assert skp.submitted_at is not None


def test_a_draft_cannot_be_submitted_before_the_dialogue(personas, plans):
    with pytest.raises(ValidationError) as error:
        services.skp_submit(actor=as_(personas, "staf"), skp=plans["staf"])
    assert error.value.code == "invalid_transition"


@pytest.mark.parametrize("key", ["kasi", "kabid", "dokter", "bkpsdm", "auditor", "pimpinan"])
def test_nobody_but_the_owner_submits(personas, plans, key):
    services.skp_start_dialogue(actor=as_(personas, "staf"), skp=plans["staf"])
    with pytest.raises(PermissionDeniedError):
        services.skp_submit(actor=as_(personas, key), skp=plans["staf"])


def test_an_incomplete_plan_cannot_be_submitted(personas):
    skp = start_skp(personas, "staf")
    services.skp_start_dialogue(actor=as_(personas, "staf"), skp=skp)
    with pytest.raises(ValidationError) as error:
        services.skp_submit(actor=as_(personas, "staf"), skp=skp)
    assert error.value.messages == ["Add at least one main (utama) RHK."]
    assert Skp.objects.get(pk=skp.pk).status == SkpStatus.DIALOGUE


def test_the_rater_sets_a_submitted_plan(personas, plans):
    skp = submitted_staf_plan(personas, plans)
    skp = services.skp_set(actor=as_(personas, "kasi"), skp=skp)
    assert skp.status == SkpStatus.SET
    assert skp.set_by == personas.users["kasi"]
    assert skp.set_by_role == "rater"


@pytest.mark.parametrize("key", ["staf", "kabid", "dokter", "bkpsdm", "auditor", "pimpinan"])
def test_only_the_rater_sets_before_the_deadline(personas, plans, key):
    skp = submitted_staf_plan(personas, plans)
    with pytest.raises(PermissionDeniedError):
        services.skp_set(actor=as_(personas, key), skp=skp)


def test_the_raters_superior_sets_once_the_rater_is_late(personas, plans):
    skp = submitted_staf_plan(personas, plans)
    skp = services.skp_set(actor=as_(personas, "kabid", IN_MARCH), skp=skp)
    assert skp.status == SkpStatus.SET
    assert skp.set_by_role == "rater_superior"


def test_the_rater_may_still_set_after_the_deadline(personas, plans):
    skp = submitted_staf_plan(personas, plans)
    skp = services.skp_set(actor=as_(personas, "kasi", IN_MARCH), skp=skp)
    assert skp.set_by_role == "rater"


def test_the_pimpinan_sets_the_plan_of_a_jpt(personas):
    skp = start_skp(personas, "kadinkes")
    add_result(skp, "Meningkatnya mutu layanan kesehatan")
    services.skp_start_dialogue(actor=as_(personas, "kadinkes"), skp=skp)
    services.skp_submit(actor=as_(personas, "kadinkes"), skp=skp)
    with pytest.raises(PermissionDeniedError):
        services.skp_set(actor=as_(personas, "kabid"), skp=skp)
    skp = services.skp_set(actor=as_(personas, "pimpinan"), skp=skp)
    assert skp.status == SkpStatus.SET


def test_a_jpt_plan_without_the_budget_perspective_is_refused(personas):
    skp = start_skp(personas, "kadinkes")
    add_result(skp, "Meningkatnya mutu layanan kesehatan", perspective="proses_bisnis")
    services.skp_start_dialogue(actor=None, skp=skp)
    with pytest.raises(ValidationError) as error:
        services.skp_submit(actor=as_(personas, "kadinkes"), skp=skp)
    assert error.value.messages == [
        "A JPT SKP must include at least one RHK in the budget (anggaran) perspective."
    ]


def test_the_rater_returns_with_a_comment_and_the_owner_resubmits(personas, plans):
    skp = submitted_staf_plan(personas, plans)
    rhk = skp.rhks.get()
    skp = services.skp_return(
        actor=as_(personas, "kasi"),
        skp=skp,
        comment="Perjelas target",
        rhk_comments={rhk.pk: "Target terlalu rendah"},
    )
    assert skp.status == SkpStatus.RETURNED
    assert [c.text for c in skp.comments.order_by("pk")] == [
        "Perjelas target",
        "Target terlalu rendah",
    ]
    indicator = rhk.indicators.get()
    services.indicator_update(actor=as_(personas, "staf"), indicator=indicator, target_value="24")
    skp = services.skp_submit(actor=as_(personas, "staf"), skp=skp)
    assert skp.status == SkpStatus.SUBMITTED


def test_returning_needs_a_comment(personas, plans):
    skp = submitted_staf_plan(personas, plans)
    with pytest.raises(ValidationError) as error:
        services.skp_return(actor=as_(personas, "kasi"), skp=skp, comment="  ")
    assert "comment" in error.value.message_dict


def test_a_submitted_plan_cannot_be_edited(personas, plans):
    skp = submitted_staf_plan(personas, plans)
    with pytest.raises(ValidationError):
        services.rhk_add(actor=as_(personas, "staf"), skp=skp, text="Tambahan")


def test_a_set_plan_is_immutable(personas, plans):
    kasi = plans["kasi"]
    rhk = kasi.rhks.get()
    indicator = rhk.indicators.get()
    calls = [
        lambda: services.skp_update(actor=as_(personas, "kasi"), skp=kasi, consequences="x"),
        lambda: services.rhk_add(actor=as_(personas, "kasi"), skp=kasi, text="Baru"),
        lambda: services.rhk_update(actor=as_(personas, "kasi"), rhk=rhk, text="Ubah"),
        lambda: services.rhk_remove(actor=as_(personas, "kasi"), rhk=rhk),
        lambda: services.indicator_update(
            actor=as_(personas, "kasi"), indicator=indicator, target_value="1"
        ),
        lambda: services.indicator_add(actor=as_(personas, "kasi"), rhk=rhk, text="Baru"),
        lambda: services.action_plan_set(
            actor=as_(personas, "kasi"), rhk=rhk, period=action_period(kasi), text="Rapat"
        ),
        lambda: services.behaviour_set(
            actor=as_(personas, "kabid"), skp=kasi, value="akuntabel", special_expectation="x"
        ),
        lambda: services.skp_submit(actor=as_(personas, "kasi"), skp=kasi),
    ]
    for call in calls:
        with pytest.raises((ImmutableRecordError, ValidationError)):
            call()
    rhk.refresh_from_db()
    assert rhk.text == "Terlaksananya pembinaan puskesmas"


def test_a_revision_is_a_new_version_and_the_old_one_stays_in_force_until_set(personas, plans):
    kasi = plans["kasi"]
    new = services.skp_revise(
        actor=as_(personas, "kasi", IN_MARCH),
        skp=kasi,
        kind="new_assignment",
        reason="Penugasan baru dari kepala bidang",
    )
    kasi.refresh_from_db()
    assert (kasi.status, kasi.is_latest) == (SkpStatus.SET, False)
    assert (new.version, new.status, new.series) == (2, SkpStatus.DRAFT, kasi.series)
    old_rhk, new_rhk = kasi.rhks.get(), new.rhks.get()
    assert old_rhk.key == new_rhk.key and old_rhk.pk != new_rhk.pk
    assert new_rhk.indicators.count() == 1
    add_result(new, "Tersusunnya kajian rujukan", leader_rhk=plans["kabid"].rhks.get())
    set_plan(new)
    kasi.refresh_from_db()
    assert kasi.status == SkpStatus.SUPERSEDED
    assert kasi.rhks.count() == 1


def test_a_revision_needs_a_kind_and_a_reason(personas, plans):
    with pytest.raises(ValidationError) as error:
        services.skp_revise(actor=as_(personas, "kasi"), skp=plans["kasi"], kind="", reason="")
    assert set(error.value.message_dict) == {"revision_kind", "revision_reason"}


def test_a_mutation_is_not_a_revision_but_a_new_skp(personas, plans):
    with pytest.raises(ValidationError):
        services.skp_revise(
            actor=as_(personas, "kasi"), skp=plans["kasi"], kind="mutation", reason="Pindah"
        )


@pytest.mark.parametrize("key", ["dokter", "auditor", "pimpinan", "staf"])
def test_others_cannot_revise_a_plan(personas, plans, key):
    with pytest.raises(PermissionDeniedError):
        services.skp_revise(
            actor=as_(personas, key), skp=plans["kasi"], kind="expectation", reason="x"
        )


def test_a_change_of_rater_closes_the_plan_and_starts_a_new_one(personas, plans):
    from kinerja.org import services as org

    kasi_plan = plans["kasi"]
    org.supervision_override_create(
        actor=None,
        employee=personas.employees["kasi"],
        supervisor=personas.employees["kadinkes"],
        role="rater",
        start_date=datetime.date(YEAR, 7, 1),
        reason="Delegasi penilaian",
    )
    new = services.skp_restart(
        actor=as_(personas, "bkpsdm", datetime.date(YEAR, 7, 1)),
        skp=kasi_plan,
        kind="rater_change",
        reason="Pejabat penilai berganti",
        effective_date=datetime.date(YEAR, 7, 1),
        copy=True,
    )
    kasi_plan.refresh_from_db()
    assert kasi_plan.status == SkpStatus.CLOSED
    assert kasi_plan.end_date == datetime.date(YEAR, 6, 30)
    assert new.rater == personas.employees["kadinkes"]
    assert new.start_date == datetime.date(YEAR, 7, 1)
    assert new.series != kasi_plan.series
    assert new.deadline == datetime.date(YEAR, 7, 31)
    assert new.rhks.get().intervened_rhk is None


def test_a_leader_rhk_that_others_intervene_cannot_be_removed(personas):
    kabid = start_skp(personas, "kabid")
    leader_rhk = add_result(kabid, "Cakupan layanan primer")
    kasi = start_skp(personas, "kasi")
    add_result(kasi, "Pembinaan puskesmas", leader_rhk=leader_rhk)
    with pytest.raises(ValidationError) as error:
        services.rhk_remove(actor=as_(personas, "kabid"), rhk=leader_rhk)
    assert error.value.code == "rhk_supported"
    assert Rhk.objects.filter(pk=leader_rhk.pk).exists()


def test_an_rhk_cannot_intervene_in_a_plan_of_another_year(personas):
    kabid = start_skp(personas, "kabid", year=YEAR - 1, day=datetime.date(YEAR - 1, 1, 5))
    old = add_result(kabid, "Cakupan layanan primer lama")
    kasi = start_skp(personas, "kasi")
    with pytest.raises(ValidationError) as error:
        services.rhk_add(actor=None, skp=kasi, text="Pembinaan", intervened_rhk=old)
    assert "intervened_rhk" in error.value.message_dict


def test_editing_writes_the_audit_trail(personas):
    skp = start_skp(personas, "staf")
    rhk = add_result(skp, "Laporan", leader_rhk=None)
    services.rhk_update(actor=as_(personas, "staf"), rhk=rhk, text="Laporan bulanan")
    event = AuditEvent.objects.filter(action="skp.rhk.updated").get()
    assert event.before["text"] == "Laporan" and event.after["text"] == "Laporan bulanan"


def test_the_rater_may_edit_a_draft_but_colleagues_may_not(personas):
    skp = start_skp(personas, "staf")
    services.behaviour_set(
        actor=as_(personas, "kasi"),
        skp=skp,
        value="akuntabel",
        special_expectation="Menjadi teladan pelaporan gratifikasi",
    )
    with pytest.raises(PermissionDeniedError):
        services.rhk_add(actor=as_(personas, "dokter"), skp=skp, text="Bukan milik saya")
    with pytest.raises(PermissionDeniedError):
        services.rhk_add(actor=as_(personas, "kabid"), skp=skp, text="Bukan penilai")


def test_the_diff_between_versions_shows_added_changed_and_kept_results(personas, plans):
    from kinerja.skp.diff import skp_diff

    kasi = plans["kasi"]
    new = services.skp_revise(
        actor=as_(personas, "kasi", IN_MARCH), skp=kasi, kind="expectation", reason="Target naik"
    )
    indicator = new.rhks.get().indicators.get()
    services.indicator_update(actor=None, indicator=indicator, target_value="20")
    add_result(new, "Tersusunnya kajian rujukan", leader_rhk=plans["kabid"].rhks.get())
    services.behaviour_set(actor=None, skp=new, value="kompeten", special_expectation="Ikut diklat")
    diff = skp_diff(kasi, new)
    assert [r.status for r in diff.rhks] == ["changed", "added"]
    status, _old_row, _new_row, changes = diff.rhks[0].indicators[0]
    assert status == "changed"
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("target_display", "12 laporan", "20 laporan")
    ]
    assert [(c.field, c.new) for c in diff.behaviours] == [("kompeten", "Ikut diklat")]
    assert diff.has_changes
    assert not skp_diff(kasi, kasi).has_changes


def _exempt_beside_the_plan(personas, key, reason):
    """An exemption from 1 June beside a plan still in force (recording one through the
    service would close the plan: see test_exemption_services)."""
    PlanExemption.objects.create(
        agency=personas.agency,
        employee=personas.employees[key],
        reason=reason,
        start_date=datetime.date(YEAR, 6, 1),
    )


def test_no_new_skp_is_started_for_an_employee_not_subject_to_planning(personas, plans):
    _exempt_beside_the_plan(personas, "kasi", "mpp")
    with pytest.raises(ValidationError) as error:
        services.skp_restart(
            actor=as_(personas, "bkpsdm", datetime.date(YEAR, 7, 1)),
            skp=plans["kasi"],
            kind="mutation",
            reason="Pindah tugas",
            effective_date=datetime.date(YEAR, 7, 1),
            copy=True,
        )
    assert "not subject to SKP planning" in error.value.message_dict["effective_date"][0]
    plans["kasi"].refresh_from_db()
    assert plans["kasi"].status != SkpStatus.CLOSED
    assert Skp.objects.filter(employee=personas.employees["kasi"], year=YEAR).count() == 1


def test_a_rater_learns_that_an_employee_does_not_plan_but_not_why(personas, plans):
    _exempt_beside_the_plan(personas, "staf", "temporary_dismissal")

    def refusal(key):
        with pytest.raises(ValidationError) as error:
            services.skp_restart(
                actor=as_(personas, key, datetime.date(YEAR, 7, 1)),
                skp=plans["staf"],
                kind="rater_change",
                reason="Pejabat penilai berganti",
                effective_date=datetime.date(YEAR, 7, 1),
                copy=True,
            )
        return error.value.message_dict["effective_date"][0]

    assert "not subject to SKP planning since" in refusal("kasi")
    assert "dismissed" not in refusal("kasi")
    assert "dismissed" in refusal("bkpsdm")


@pytest.mark.parametrize(
    "key", ["kasi", "kabid", "bkpsdm", "staf", "kadinkes", "dokter", "auditor", "pimpinan"]
)
def test_the_restart_button_and_the_service_agree_on_who_may_restart(personas, plans, key):
    """The owner (kasi), the rater (kabid) and BKPSDM; nobody else, not even the rater's own
    superior (kadinkes)."""
    from kinerja.skp import permissions

    actor = as_(personas, key, IN_MARCH)
    offered = permissions.can_restart(actor, plans["kasi"])
    assert offered == (key in {"kasi", "kabid", "bkpsdm"})
    attempt = lambda: services.skp_restart(  # noqa: E731
        actor=actor,
        skp=plans["kasi"],
        kind="mutation",
        reason="Pindah ke bidang lain",
        effective_date=IN_MARCH,
    )
    if offered:
        new = attempt()
        assert new.pk != plans["kasi"].pk
        assert not permissions.can_restart(actor, Skp.objects.get(pk=plans["kasi"].pk))
    else:
        with pytest.raises(PermissionDeniedError):
            attempt()
