import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.accounts.viewer import build_viewer
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.forums import rules, selectors, services
from kinerja.forums.models import Commitment, CommitmentStatus, Forum, ForumStatus
from kinerja.forums.tests.data import HELD, TODAY, edit_values, forum_values

pytestmark = pytest.mark.django_db


def as_(world, key):
    return build_viewer(world.users[key], today=TODAY)


def events(action):
    return AuditEvent.objects.filter(action=action)


def test_a_unit_admin_records_a_forum_with_its_rows_and_one_audit_event(world):
    forum = services.forum_create(
        actor=as_(world, "staf"),
        **forum_values(
            world.units["pkm"].pk,
            commitments=[
                {"text": "Papan informasi", "owner_text": "Kepala TU", "due_date": "2026-07-01"}
            ],
        ),
    )
    assert forum.status == ForumStatus.DRAFT
    assert forum.participants.count() == 3
    assert forum.topics.all()[0].text == "Antrean pendaftaran terlalu lama"
    assert forum.commitments.get().owner_label == "Kepala TU"
    event = events("forums.forum.created").get(object_id=str(forum.pk))
    assert event.after["participants"] == {"public": 25, "leaders": 4, "ngo": 2}


@pytest.mark.parametrize("key", ["pimpinan", "auditor", "dokter"])
def test_readers_may_not_record_a_forum(world, key):
    with pytest.raises(PermissionDenied):
        services.forum_create(actor=as_(world, key), **forum_values(world.units["pkm"].pk))


def test_a_unit_head_records_for_the_unit_but_not_for_another(world):
    kasi = as_(world, "kasi")
    forum = services.forum_create(actor=kasi, **forum_values(world.units["primer"].pk))
    assert forum.unit == world.units["primer"]
    with pytest.raises(ValidationError) as error:
        services.forum_create(actor=kasi, **forum_values(world.units["pkm"].pk))
    assert "unit" in error.value.message_dict


def test_bkpsdm_records_for_any_unit_of_the_agency_not_of_another(world):
    bkpsdm = as_(world, "bkpsdm")
    assert services.forum_create(actor=bkpsdm, **forum_values(world.units["inspektorat"].pk))
    with pytest.raises(ValidationError):
        services.forum_create(actor=bkpsdm, **forum_values(world.units["other"].pk))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": " "}, "title"),
        ({"place": ""}, "place"),
        ({"held_on": None}, "held_on"),
        ({"held_on": "31-02-2026"}, "held_on"),
        ({"kind": "rapat"}, "kind"),
        ({"participants": {"public": -3}}, "participants"),
        ({"participants": {"warga": 3}}, "participants"),
        ({"topics": [{"text": "", "area": "Loket"}]}, "topics"),
        ({"commitments": [{"text": "Tanpa pemilik", "due_date": "2026-07-01"}]}, "commitments"),
        (
            {"commitments": [{"text": "Lama", "owner_text": "TU", "due_date": "2026-01-01"}]},
            "commitments",
        ),
        (
            {"commitments": [{"text": "X", "owner_position": 999999, "due_date": "2026-07-01"}]},
            "commitments",
        ),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(world, change, field):
    before = Forum.objects.count()
    with pytest.raises(ValidationError) as error:
        services.forum_create(
            actor=as_(world, "staf"), **forum_values(world.units["pkm"].pk, **change)
        )
    assert field in error.value.message_dict
    assert Forum.objects.count() == before


def test_an_owner_post_of_another_unit_is_not_choosable(world):
    with pytest.raises(ValidationError) as error:
        services.commitment_create(
            actor=as_(world, "staf"),
            forum=world.draft.pk,
            text="Pemilik dari BKPSDM",
            owner_position=world.positions["bkpsdm"].pk,
            due_date=TODAY,
        )
    assert "owner_position" in error.value.message_dict


def test_publishing_needs_a_summary_and_a_past_date_then_freezes_the_draft(world):
    staf = as_(world, "staf")
    with pytest.raises(ValidationError) as error:
        services.forum_publish(actor=staf, forum=world.draft.pk)
    assert "summary" in error.value.message_dict
    forum = services.forum_update(
        actor=staf,
        forum=world.draft.pk,
        **edit_values(held_on=TODAY, title="Dialog"),
    )
    forum = services.forum_publish(actor=staf, forum=forum.pk)
    assert forum.is_published and forum.published_on == TODAY
    assert events("forums.forum.published").filter(object_id=str(forum.pk)).exists()
    with pytest.raises(ImmutableRecordError):
        services.forum_update(actor=staf, forum=forum.pk, **edit_values())
    with pytest.raises(ImmutableRecordError):
        services.forum_publish(actor=staf, forum=forum.pk)


def test_a_forum_in_the_future_is_not_published(world):
    staf = as_(world, "staf")
    forum = services.forum_create(
        actor=staf, **forum_values(world.units["pkm"].pk, held_on=TODAY + datetime.timedelta(1))
    )
    with pytest.raises(ValidationError) as error:
        services.forum_publish(actor=staf, forum=forum.pk)
    assert "held_on" in error.value.message_dict


def test_a_correction_needs_a_reason_raises_the_version_and_keeps_the_commitments(world):
    staf = as_(world, "staf")
    forum = world.published
    values = edit_values(title="FKP Puskesmas Sukamaju (diperbaiki)")
    with pytest.raises(ValidationError) as error:
        services.forum_correct(actor=staf, forum=forum.pk, reason=" ", **values)
    assert "reason" in error.value.message_dict
    rows = [
        {
            "id": c.pk,
            "text": c.text,
            "owner_position": c.owner_position_id,
            "owner_text": c.owner_text,
            "due_date": c.due_date,
        }
        for c in forum.commitments.order_by("order")
    ]
    with pytest.raises(ValidationError) as error:
        services.forum_correct(
            actor=staf, forum=forum.pk, reason="Salah ketik", commitments=rows[:1], **values
        )
    assert "commitments" in error.value.message_dict
    corrected = services.forum_correct(
        actor=staf, forum=forum.pk, reason="Salah ketik judul", commitments=rows, **values
    )
    assert corrected.version == 2 and corrected.title.endswith("(diperbaiki)")
    event = events("forums.forum.corrected").get(object_id=str(forum.pk))
    assert event.reason == "Salah ketik judul"
    assert event.before["title"] != event.after["title"]
    assert Commitment.objects.filter(forum=forum).count() == 3


def test_a_draft_is_not_corrected_and_readers_may_not_correct(world):
    with pytest.raises(ValidationError):
        services.forum_correct(
            actor=as_(world, "staf"),
            forum=world.draft.pk,
            reason="x",
            **edit_values(),
        )
    with pytest.raises(PermissionDenied):
        services.forum_correct(
            actor=as_(world, "auditor"),
            forum=world.published.pk,
            reason="x",
            **edit_values(),
        )


def test_a_forum_out_of_scope_is_not_choosable(world):
    with pytest.raises(ValidationError) as error:
        services.forum_update(actor=as_(world, "outsider"), forum=world.draft.pk, **edit_values())
    assert "forum" in error.value.message_dict


def test_a_commitment_added_to_a_published_forum_is_a_correction(world):
    staf = as_(world, "staf")
    values = {"text": "Survei kepuasan ulang", "owner_text": "Kepala Puskesmas", "due_date": TODAY}
    with pytest.raises(ValidationError) as error:
        services.commitment_create(actor=staf, forum=world.published.pk, **values)
    assert "reason" in error.value.message_dict
    commitment = services.commitment_create(
        actor=staf, forum=world.published.pk, reason="Terlewat dicatat", **values
    )
    assert Forum.objects.get(pk=world.published.pk).version == 2
    assert events("forums.commitment.created").get(object_id=str(commitment.pk)).reason
    changed = services.commitment_update(
        actor=staf,
        commitment=commitment.pk,
        text="Survei kepuasan ulang triwulan III",
        owner_position=world.positions["dokter"].pk,
        due_date=TODAY + datetime.timedelta(30),
        reason="Jadwal disesuaikan",
    )
    assert changed.owner_label == "Dokter Ahli Pertama" and changed.owner_text == ""


def test_following_a_commitment_up_progress_done_and_dropped(world):
    staf = as_(world, "staf")
    commitment = world.open_commitment
    note = services.commitment_report_progress(
        actor=staf, commitment=commitment.pk, text="Aplikasi antrean diuji coba"
    )
    assert note.noted_on == TODAY
    assert Commitment.objects.get(pk=commitment.pk).status == CommitmentStatus.IN_PROGRESS
    with pytest.raises(ValidationError) as error:
        services.commitment_complete(
            actor=staf, commitment=commitment.pk, done_on=TODAY + datetime.timedelta(1)
        )
    assert "done_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.commitment_complete(
            actor=staf, commitment=commitment.pk, done_on=HELD - datetime.timedelta(1)
        )
    assert "done_on" in error.value.message_dict
    done = services.commitment_complete(actor=staf, commitment=commitment.pk, note="Berjalan")
    assert done.status == CommitmentStatus.DONE and done.done_on == TODAY
    assert done.state_on(TODAY) == rules.DONE_ON_TIME
    with pytest.raises(ImmutableRecordError):
        services.commitment_drop(actor=staf, commitment=commitment.pk, reason="x")
    with pytest.raises(ValidationError) as error:
        services.commitment_drop(actor=staf, commitment=world.overdue.pk, reason="")
    assert "reason" in error.value.message_dict
    dropped = services.commitment_drop(
        actor=staf, commitment=world.overdue.pk, reason="Dialihkan ke Dinas Kesehatan"
    )
    assert dropped.status == CommitmentStatus.DROPPED
    for action in ("progress", "completed", "dropped"):
        assert events(f"forums.commitment.{action}").exists()


def test_a_draft_forums_commitments_are_not_followed_up(world):
    draft_commitment = services.commitment_create(
        actor=as_(world, "staf"),
        forum=world.draft.pk,
        text="Jadwal imunisasi di balai desa",
        owner_text="Koordinator Imunisasi",
        due_date=TODAY,
    )
    with pytest.raises(ValidationError):
        services.commitment_report_progress(
            actor=as_(world, "staf"), commitment=draft_commitment.pk, text="Mulai"
        )


@pytest.mark.parametrize("key", ["pimpinan", "auditor", "dokter", "kasi"])
def test_readers_may_not_follow_up(world, key):
    with pytest.raises(PermissionDenied):
        services.commitment_complete(actor=as_(world, key), commitment=world.open_commitment.pk)


def test_the_on_time_figure_in_one_query_agrees_with_the_rule(world, django_assert_num_queries):
    pkm = world.units["pkm"].pk
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    with django_assert_num_queries(1):
        figure = selectors.commitments_on_time([pkm], start, end, today=TODAY)
    # One done on time (31 Mar, done 20 Mar), one open past its due day (30 Apr), one not yet
    # due (20 May); the draft's commitments do not count.
    assert (figure.due, figure.done_on_time, figure.open_overdue, figure.not_yet_due) == (
        2,
        1,
        1,
        1,
    )
    assert str(figure.percent) == "50.00"
    rows = [
        (c.due_date, c.done_on, c.status == CommitmentStatus.DROPPED)
        for c in Commitment.objects.filter(unit_id=pkm, forum__status=ForumStatus.PUBLISHED)
    ]
    assert figure == rules.tally(rows, start=start, end=end, today=TODAY)
    nothing = selectors.commitments_on_time(
        [pkm], datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), today=TODAY
    )
    assert nothing.share is None
