"""The matriks peran hasil: saving cells, carrying them into the plans, teams and templates."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.skp import services
from kinerja.skp.models import MatrixCell, Rhk, RhkSource, RhkTemplate, Skp, SkpStatus
from kinerja.skp.selectors.matrix import matrix_for
from kinerja.skp.services.matrix import (
    matrix_save,
    work_team_create,
    work_team_delete,
    work_team_update,
)
from kinerja.skp.services.templates import rhk_template_save, rhk_templates_apply
from kinerja.skp.tests.factories import PLANNING_DAY, YEAR, add_result, set_plan, start_skp


def viewer_of(personas, key):
    return build_viewer(personas.users[key], today=PLANNING_DAY)


@pytest.fixture
def kabid_plan(personas):
    """The kabid's plan: one RHK with two indicators, the columns of the kabid's matrix."""
    skp = start_skp(personas, "kabid")
    rhk = add_result(skp, "Meningkatnya cakupan layanan kesehatan primer")
    services.indicator_add(
        actor=None, rhk=rhk, text="Persentase puskesmas terakreditasi", aspect="kualitas"
    )
    return skp


def columns(skp):
    return [i for rhk in Rhk.objects.filter(skp=skp) for i in rhk.indicators.order_by("order")]


def cell(indicator, employee, text="", no_role=False, kind="utama"):
    return {
        "leader_indicator_key": indicator.key,
        "employee_id": employee.pk,
        "role_text": text,
        "no_role": no_role,
        "kind": kind,
    }


def test_the_kabids_matrix_has_the_kabids_indicators_and_direct_subordinates(personas, kabid_plan):
    matrix = matrix_for(viewer_of(personas, "kabid"), personas.employees["kabid"], YEAR)
    assert [i.text for _r, i in matrix.columns] == [
        "Jumlah meningkatnya cakupan layanan kesehatan primer",
        "Persentase puskesmas terakreditasi",
    ]
    names = {row.employee.pk for row in matrix.rows}
    assert names == {personas.employees["kasi"].pk, personas.employees["dokter"].pk}
    assert matrix.can_edit


def test_a_role_starts_a_draft_with_an_rhk_intervening_in_the_leaders_rhk(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    kasi = personas.employees["kasi"]
    result = matrix_save(
        actor=viewer_of(personas, "kabid"),
        leader=personas.employees["kabid"],
        year=YEAR,
        cells=[cell(first, kasi, "Terbinanya 12 puskesmas")],
    )
    assert len(result.drafts_created) == 1 and len(result.created) == 1
    plan = Skp.objects.get(employee=kasi, year=YEAR)
    assert plan.status == SkpStatus.DRAFT and plan.behaviours.count() == 7
    rhk = plan.rhks.get()
    stored = MatrixCell.objects.get(employee=kasi)
    assert rhk.key == stored.rhk_key
    assert rhk.text == "Terbinanya 12 puskesmas"
    assert rhk.intervened_rhk == first.rhk and rhk.intervened_indicator == first
    assert rhk.source == RhkSource.MATRIX
    assert "Siti Rahmawati" in rhk.assigned_by_label
    assert AuditEvent.objects.filter(action="skp.matrix.saved").count() == 1
    assert AuditEvent.objects.filter(action="skp.plan.created", object_id=str(plan.pk)).exists()


def test_saving_again_updates_the_same_rhk_and_an_unchanged_save_does_nothing(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    actor = viewer_of(personas, "kabid")
    matrix_save(actor=actor, leader=kabid, year=YEAR, cells=[cell(first, kasi, "Lama")])
    result = matrix_save(
        actor=actor, leader=kabid, year=YEAR, cells=[cell(first, kasi, "Baru", kind="tambahan")]
    )
    assert len(result.updated) == 1 and not result.created
    rhk = Rhk.objects.get(skp__employee=kasi)
    assert (rhk.text, rhk.kind) == ("Baru", "tambahan")
    again = matrix_save(
        actor=actor, leader=kabid, year=YEAR, cells=[cell(first, kasi, "Baru", kind="tambahan")]
    )
    assert again.cells_changed == 0 and not again.updated
    assert AuditEvent.objects.filter(action="skp.matrix.saved").count() == 2


def test_a_set_plan_is_never_changed_and_the_cell_waits_for_a_revision(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    kasi_plan = start_skp(personas, "kasi")
    add_result(kasi_plan, "Terlaksananya pembinaan", leader_rhk=first.rhk)
    kasi_plan = set_plan(kasi_plan)
    before = list(Rhk.objects.filter(skp=kasi_plan).values_list("text", flat=True))
    result = matrix_save(
        actor=viewer_of(personas, "kabid"),
        leader=kabid,
        year=YEAR,
        cells=[cell(first, kasi, "Peran baru")],
    )
    assert [c.plan_id for c in result.skipped] == [kasi_plan.pk]
    assert not result.created and not result.drafts_created
    assert list(Rhk.objects.filter(skp=kasi_plan).values_list("text", flat=True)) == before
    assert MatrixCell.objects.get(employee=kasi).pending_revision
    matrix = matrix_for(viewer_of(personas, "kabid"), kabid, YEAR)
    assert [p.plan.pk for p in matrix.pending] == [kasi_plan.pk]
    assert matrix.pending[0].revise_url.endswith(f"/skp/{kasi_plan.pk}/revisi/")


def test_a_revision_draft_receives_the_pending_role_on_the_next_save(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    kasi_plan = start_skp(personas, "kasi")
    add_result(kasi_plan, "Terlaksananya pembinaan", leader_rhk=first.rhk)
    kasi_plan = set_plan(kasi_plan)
    actor = viewer_of(personas, "kabid")
    cells = [cell(first, kasi, "Peran baru")]
    matrix_save(actor=actor, leader=kabid, year=YEAR, cells=cells)
    revision = services.skp_revise(
        actor=None, skp=kasi_plan, kind="new_assignment", reason="Peran dari matriks"
    )
    result = matrix_save(actor=actor, leader=kabid, year=YEAR, cells=cells)
    assert [c.plan_id for c in result.created] == [revision.pk]
    assert not MatrixCell.objects.get(employee=kasi).pending_revision


def test_no_role_removes_the_rhk_from_a_draft(personas, kabid_plan):
    first, second = columns(kabid_plan)
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    actor = viewer_of(personas, "kabid")
    matrix_save(
        actor=actor,
        leader=kabid,
        year=YEAR,
        cells=[cell(first, kasi, "Peran A"), cell(second, kasi, "Peran B")],
    )
    result = matrix_save(
        actor=actor,
        leader=kabid,
        year=YEAR,
        cells=[cell(first, kasi, no_role=True), cell(second, kasi, "")],
    )
    assert len(result.removed) == 2
    assert not Rhk.objects.filter(skp__employee=kasi).exists()
    stored = MatrixCell.objects.get(employee=kasi)  # the emptied cell is gone, no role stays
    assert stored.no_role and stored.role_text == ""


def test_a_role_written_in_a_no_role_cell_is_refused_and_nothing_is_saved(personas, kabid_plan):
    first, second = columns(kabid_plan)
    kasi, dokter, kabid = (personas.employees[k] for k in ("kasi", "dokter", "kabid"))
    actor = viewer_of(personas, "kabid")
    matrix_save(actor=actor, leader=kabid, year=YEAR, cells=[cell(first, kasi, "Peran A")])
    with pytest.raises(ValidationError) as caught:
        matrix_save(
            actor=actor,
            leader=kabid,
            year=YEAR,
            cells=[
                cell(first, kasi, "Peran A diubah"),
                cell(second, dokter, "Peran B", no_role=True),
            ],
            levels=2,
        )
    (error,) = caught.value.error_dict["cells"]
    assert error.code == "no_role_with_text"
    assert error.params["employee_id"] == dokter.pk
    assert error.params["leader_indicator_key"] == second.key
    message = error.messages[0]
    assert str(dokter) in message and "IKI 1.2" in message
    # All or nothing: the other cell, the levels and the plans are as before.
    assert Rhk.objects.get(skp__employee=kasi).text == "Peran A"
    assert not MatrixCell.objects.filter(employee=dokter).exists()
    assert MatrixCell.objects.get(employee=kasi).role_text == "Peran A"
    assert matrix_for(actor, kabid, YEAR).levels == 1


def test_the_columns_have_short_distinct_names(personas, kabid_plan):
    matrix = matrix_for(viewer_of(personas, "kabid"), personas.employees["kabid"], YEAR)
    assert [g.short_name for g in matrix.groups] == ["RHK 1"]
    assert [name for name, _i in matrix.groups[0].named_indicators] == ["IKI 1.1", "IKI 1.2"]
    assert list(matrix.column_names.values()) == ["IKI 1.1", "IKI 1.2"]


def test_an_rhk_others_intervene_in_is_kept(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    actor = viewer_of(personas, "kabid")
    matrix_save(actor=actor, leader=kabid, year=YEAR, cells=[cell(first, kasi, "Peran A")])
    kasi_rhk = Rhk.objects.get(skp__employee=kasi)
    staf_plan = start_skp(personas, "staf")
    add_result(staf_plan, "Laporan", leader_rhk=kasi_rhk)
    result = matrix_save(
        actor=actor, leader=kabid, year=YEAR, cells=[cell(first, kasi, no_role=True)]
    )
    assert len(result.kept) == 1 and not result.removed
    assert Rhk.objects.filter(pk=kasi_rhk.pk).exists()


def test_only_the_leader_or_bkpsdm_may_save_a_matrix(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    kabid, dokter = personas.employees["kabid"], personas.employees["dokter"]
    for key in ("kasi", "dokter", "staf", "pimpinan", "auditor", "kadinkes"):
        with pytest.raises(PermissionDeniedError):
            matrix_save(
                actor=viewer_of(personas, key),
                leader=kabid,
                year=YEAR,
                cells=[cell(first, dokter, "x")],
            )
    result = matrix_save(
        actor=viewer_of(personas, "bkpsdm"),
        leader=kabid,
        year=YEAR,
        cells=[cell(first, dokter, "Pelayanan dokter")],
    )
    assert len(result.created) == 1


def test_cells_outside_the_matrix_are_refused(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    with pytest.raises(ValidationError) as error:
        matrix_save(
            actor=None,
            leader=personas.employees["kabid"],
            year=YEAR,
            cells=[cell(first, personas.employees["staf"], "x")],
        )
    assert "cells" in error.value.message_dict


def test_a_leader_without_a_plan_cannot_divide_roles(personas):
    with pytest.raises(ValidationError) as error:
        matrix_save(actor=None, leader=personas.employees["kasi"], year=YEAR, cells=[])
    assert error.value.code == "no_leader_plan"


def test_two_levels_show_team_leaders_and_each_team_leader_has_a_matrix(personas, kabid_plan):
    kabid, kasi = personas.employees["kabid"], personas.employees["kasi"]
    dokter, staf = personas.employees["dokter"], personas.employees["staf"]
    actor = viewer_of(personas, "kabid")
    team = work_team_create(
        actor=actor, leader=kabid, year=YEAR, name="Tim Primer", team_leader=kasi, members=[dokter]
    )
    first, _second = columns(kabid_plan)
    matrix_save(actor=actor, leader=kabid, year=YEAR, cells=[], levels=2)
    leaders_matrix = matrix_for(actor, kabid, YEAR)
    assert leaders_matrix.levels == 2
    assert [row.employee for row in leaders_matrix.rows] == [kasi]
    assert leaders_matrix.rows[0].team == team
    # The team leader's own matrix: their own staff and their team members.
    matrix_save(actor=actor, leader=kabid, year=YEAR, cells=[cell(first, kasi, "Ketua tim")])
    kasi_plan = Skp.objects.get(employee=kasi)
    kasi_rhk = kasi_plan.rhks.get()
    services.indicator_add(actor=None, rhk=kasi_rhk, text="Jumlah puskesmas dibina")
    kasi_matrix = matrix_for(viewer_of(personas, "kasi"), kasi, YEAR)
    assert {row.employee for row in kasi_matrix.rows} == {staf, dokter}
    assert [i.text for _r, i in kasi_matrix.columns] == ["Jumlah puskesmas dibina"]
    result = matrix_save(
        actor=viewer_of(personas, "kasi"),
        leader=kasi,
        year=YEAR,
        cells=[cell(kasi_matrix.columns[0][1], dokter, "Layanan dokter")],
    )
    assert Rhk.objects.get(skp__employee=dokter).intervened_rhk == kasi_rhk
    assert len(result.created) == 1
    # Back to one level: the team members are the kabid's rows again.
    matrix_save(actor=actor, leader=kabid, year=YEAR, cells=[], levels=1)
    assert {r.employee for r in matrix_for(actor, kabid, YEAR).rows} == {kasi, dokter}


def test_work_teams_are_changed_by_the_leader_among_their_subordinates(personas, kabid_plan):
    kabid, kasi = personas.employees["kabid"], personas.employees["kasi"]
    dokter, bkpsdm = personas.employees["dokter"], personas.employees["bkpsdm"]
    actor = viewer_of(personas, "kabid")
    team = work_team_create(
        actor=actor, leader=kabid, year=YEAR, name="Tim A", team_leader=kasi, members=[]
    )
    with pytest.raises(ValidationError) as error:
        work_team_update(actor=actor, team=team, name="", team_leader=kasi, members=[bkpsdm])
    assert set(error.value.message_dict) == {"name", "members"}
    with pytest.raises(PermissionDeniedError):
        work_team_update(
            actor=viewer_of(personas, "kasi"), team=team, name="B", team_leader=kasi, members=[]
        )
    work_team_update(actor=actor, team=team, name="Tim B", team_leader=kasi, members=[dokter])
    team.refresh_from_db()
    assert team.name == "Tim B" and list(team.members.all()) == [dokter]
    work_team_delete(actor=actor, team=team)
    assert not type(team).objects.filter(pk=team.pk).exists()
    assert AuditEvent.objects.filter(action__startswith="skp.team.").count() == 3


def test_a_matrix_save_runs_a_bounded_number_of_queries(
    personas, kabid_plan, django_assert_max_num_queries
):
    first, second = columns(kabid_plan)
    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    actor = viewer_of(personas, "kabid")
    actor.held_positions  # noqa: B018 (computed once per request in the views)
    cells = [cell(i, e, f"Peran {i.pk} {e.pk}") for i in (first, second) for e in (kasi, dokter)]
    # Two new drafts: the chain of each costs a few queries; everything else is in bulk.
    with django_assert_max_num_queries(60):
        matrix_save(actor=actor, leader=personas.employees["kabid"], year=YEAR, cells=cells)
    cells = [{**c, "role_text": c["role_text"] + " (ubah)"} for c in cells]
    with django_assert_max_num_queries(30):
        matrix_save(actor=actor, leader=personas.employees["kabid"], year=YEAR, cells=cells)


# --- templates --------------------------------------------------------------------------------


def test_templates_are_managed_by_unit_admins_and_bkpsdm(personas):
    position = personas.positions["staf"]
    for key in ("staf", "bkpsdm"):
        template = rhk_template_save(
            actor=viewer_of(personas, key),
            position=position,
            year=YEAR,
            text="Tersusunnya surat",
            indicator_text="Jumlah surat",
            target_value="120",
            unit_of_measure="surat",
        )
        assert template.target_value == Decimal("120")
    for key in ("kasi", "dokter", "pimpinan", "auditor", "outsider"):
        with pytest.raises(PermissionDeniedError):
            rhk_template_save(
                actor=viewer_of(personas, key),
                position=position,
                year=YEAR,
                text="x",
                indicator_text="y",
            )
    rhk_template_save(
        actor=viewer_of(personas, "staf"),
        position=position,
        year=YEAR,
        template=template,
        delete=True,
    )
    assert RhkTemplate.objects.count() == 1


def test_templates_apply_to_every_holder_and_skip_set_plans(personas):
    from kinerja.org.tests import factories as f

    position = personas.positions["staf"]
    others = [f.employee(personas.agency, f"Pelaksana {n}", position=position) for n in range(1, 4)]
    kasi_rhk = add_result(start_skp(personas, "kasi"), "Terlaksananya pembinaan")
    set_one = services.skp_create(actor=None, employee=others[0], year=YEAR, day=PLANNING_DAY)
    add_result(set_one, "Terkelolanya arsip", leader_rhk=kasi_rhk)
    set_one = set_plan(set_one)
    actor = viewer_of(personas, "staf")
    template = rhk_template_save(
        actor=actor,
        position=position,
        year=YEAR,
        text="Tersusunnya surat",
        aspect="kuantitas",
        indicator_text="Jumlah surat",
        target_value="120",
        unit_of_measure="surat",
    )
    result = rhk_templates_apply(actor=actor, position=position, year=YEAR)
    assert result.holders == 4
    assert len(result.drafts_created) == 3
    assert [c.plan_id for c in result.skipped] == [set_one.pk]
    assert result.rhk_created == 3
    rhks = Rhk.objects.filter(key=template.key).select_related("skp")
    assert {r.skp.employee_id for r in rhks} == {
        personas.employees["staf"].pk,
        others[1].pk,
        others[2].pk,
    }
    indicator = rhks[0].indicators.get()
    assert indicator.target_display == "120 surat" and indicator.key == template.key
    rhk_template_save(
        actor=actor, position=position, year=YEAR, template=template, target_value="150"
    )
    again = rhk_templates_apply(actor=actor, position=position, year=YEAR)
    assert again.rhk_updated == 3 and again.rhk_created == 0
    assert set(
        Rhk.objects.filter(key=template.key).values_list("indicators__target_value", flat=True)
    ) == {Decimal("150")}
    with pytest.raises(PermissionDeniedError):
        rhk_templates_apply(actor=viewer_of(personas, "kasi"), position=position, year=YEAR)


def test_a_template_intervenes_in_the_raters_rhk(personas):
    kasi_plan = start_skp(personas, "kasi")
    kasi_rhk = add_result(kasi_plan, "Terlaksananya pembinaan")
    actor = viewer_of(personas, "bkpsdm")
    rhk_template_save(
        actor=actor,
        position=personas.positions["staf"],
        year=YEAR,
        text="Laporan pembinaan",
        indicator_text="Jumlah laporan",
        intervened_rhk_key=str(kasi_rhk.key),
    )
    rhk_templates_apply(actor=actor, position=personas.positions["staf"], year=YEAR)
    assert Rhk.objects.get(skp__employee=personas.employees["staf"]).intervened_rhk == kasi_rhk


def test_a_role_longer_than_an_rhk_is_refused(personas, kabid_plan):
    first, _second = columns(kabid_plan)
    kasi = personas.employees["kasi"]
    limit = Rhk._meta.get_field("text").max_length
    assert MatrixCell._meta.get_field("role_text").max_length == limit
    with pytest.raises(ValidationError) as error:
        matrix_save(
            actor=None,
            leader=personas.employees["kabid"],
            year=YEAR,
            cells=[cell(first, kasi, "x" * (limit + 1))],
        )
    assert "cells" in error.value.message_dict
    assert not Rhk.objects.filter(skp__employee=kasi).exists()
    matrix_save(
        actor=None,
        leader=personas.employees["kabid"],
        year=YEAR,
        cells=[cell(first, kasi, "x" * limit)],
    )
    assert Rhk.objects.get(skp__employee=kasi).text == "x" * limit
