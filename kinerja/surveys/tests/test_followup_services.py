"""The follow-up plan's services: who may write it, what they may choose, what they must say,
the statuses, the audit trail, and Beranda's reminder of overdue actions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.core.tests.permission_table import shared_data
from kinerja.surveys import todo
from kinerja.surveys.models import FollowupStatus
from kinerja.surveys.services import followup as services
from kinerja.surveys.tests import factories as f
from kinerja.surveys.tests.data import TODAY, YEAR, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch, shared_data(django_db_blocker, tmp_path_factory):
        world = build_world(patch)
        f.responses(world.pkm, datetime.date(YEAR, 4, 10), [[2, 3, 3, 3, 3, 3, 3, 1, 2]])
        yield world


def viewer(world, who):
    return build_viewer(world.users[who], today=TODAY)


def plan(world, who="staf", **changes):
    values = {
        "unit": world.pkm.pk,
        "year": YEAR,
        "kind": "quarter",
        "number": 2,
        "element": "pengaduan",
        "action": "Membuka kotak pengaduan daring",
        "due_date": datetime.date(YEAR, 6, 30),
        "owner_position": world.personas.positions["kapus"].pk,
        **changes,
    }
    return services.followup_create(actor=viewer(world, who) if who else None, **values)


@pytest.mark.parametrize("who", ["staf", "kapus", "bkpsdm"])
def test_the_units_admins_its_head_and_bkpsdm_plan_an_action(world, who):
    action = plan(world, who)
    assert action.status == FollowupStatus.PLANNED and action.owner_label.startswith("Kepala")
    event = AuditEvent.objects.get(action="surveys.followup.created", object_id=str(action.pk))
    assert event.after["element"] == "pengaduan" and event.actor == world.users[who]


@pytest.mark.parametrize("who", ["dokter", "pimpinan", "auditor"])
def test_those_who_only_read_the_results_may_not_plan(world, who):
    with pytest.raises(PermissionDenied):
        plan(world, who)


@pytest.mark.parametrize("who", ["kasi", "outsider"])
def test_a_unit_out_of_sight_is_not_choosable(world, who):
    with pytest.raises(ValidationError) as error:
        plan(world, who)
    assert "unit" in error.value.message_dict


def test_the_owner_is_a_post_of_the_unit_or_described_never_a_nip(world):
    with pytest.raises(ValidationError) as error:
        plan(world, owner_position=world.personas.positions["kasi"].pk)
    assert "owner_position" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        plan(world, owner_position=None, owner_text="198301092008041003")
    assert "owner_text" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        plan(world, owner_position=None, owner_text="")
    assert "owner_position" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        plan(world, owner_text="Tim pengaduan")
    assert "owner_text" in error.value.message_dict
    action = plan(world, owner_position=None, owner_text="Tim pengaduan")
    assert action.owner_label == "Tim pengaduan"


def test_bad_input_is_named_on_its_fields(world):
    with pytest.raises(ValidationError) as error:
        plan(world, element="nothing", action="  ", due_date=datetime.date(YEAR, 1, 1))
    assert {"element", "action", "due_date"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        plan(world, number=5)
    assert "number" in error.value.message_dict


def test_progress_done_and_final(world):
    action = plan(world)
    note = services.followup_report_progress(
        actor=viewer(world, "kapus"), followup=action.pk, note="Kotak dipasang"
    )
    action.refresh_from_db()
    assert action.status == FollowupStatus.IN_PROGRESS and note.day == TODAY
    with pytest.raises(ValidationError):
        services.followup_report_progress(
            actor=viewer(world, "kapus"),
            followup=action.pk,
            note="Nanti",
            day=TODAY + datetime.timedelta(days=1),
        )
    done = services.followup_complete(
        actor=viewer(world, "staf"), followup=action.pk, done_on=TODAY, note="Berjalan"
    )
    assert done.status == FollowupStatus.DONE and done.done_on == TODAY
    assert done.notes.count() == 2
    with pytest.raises(ImmutableRecordError):
        services.followup_update(
            actor=viewer(world, "staf"),
            followup=action.pk,
            element="waktu",
            action="Lain",
            due_date=datetime.date(YEAR, 7, 1),
            owner_text="Tim",
        )
    with pytest.raises(ImmutableRecordError):
        services.followup_drop(actor=viewer(world, "staf"), followup=action.pk, reason="x")
    actions = set(
        AuditEvent.objects.filter(object_id=str(action.pk)).values_list("action", flat=True)
    )
    assert {"surveys.followup.progress_reported", "surveys.followup.completed"} <= actions


def test_update_and_drop(world):
    action = plan(world)
    changed = services.followup_update(
        actor=viewer(world, "bkpsdm"),
        followup=action.pk,
        element="waktu",
        action="Menambah loket",
        due_date=datetime.date(YEAR, 9, 30),
        owner_text="Tim loket",
    )
    assert changed.element == "waktu" and changed.owner_position is None
    with pytest.raises(ValidationError) as error:
        services.followup_drop(actor=viewer(world, "staf"), followup=action.pk, reason=" ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.followup_drop(actor=viewer(world, "dokter"), followup=action.pk, reason="x")
    with pytest.raises(ValidationError):
        services.followup_drop(actor=viewer(world, "kasi"), followup=action.pk, reason="x")
    dropped = services.followup_drop(
        actor=viewer(world, "staf"), followup=action.pk, reason="Anggaran dialihkan"
    )
    assert dropped.status == FollowupStatus.DROPPED and dropped.drop_reason


def test_beranda_reminds_the_units_handlers_of_overdue_actions(world):
    plan(world, due_date=datetime.date(YEAR, 5, 1))
    plan(world, due_date=datetime.date(YEAR, 5, 31))
    for who in ("staf", "kapus"):
        items = todo.todo_items(viewer(world, who))
        assert [item.count for item in items] == [1]
        assert items[0].days_left < 0
    for who in ("dokter", "kasi", "bkpsdm", "pimpinan", "outsider"):
        assert todo.todo_items(viewer(world, who)) == []
